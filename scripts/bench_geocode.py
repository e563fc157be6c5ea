"""Benchmark the geoparser: gazetteer build time, load time, resolution speed, memory.

    python scripts/bench_geocode.py [--build] [--corpus ../shared/data/geoparsing/lgl.xml]

--build rebuilds the default gazetteer into a temporary EVENTWIRE_HOME and times it (target < 60 s).
Resolution speed is measured on the gold toponym spans of the corpus, after one warm-up pass
(target >= 5,000 toponyms/s), and on the whole corpus as one long report (the story-wide ranking must
not grow quadratically); RSS is the process's peak (target < 1.5 GB with the gazetteer loaded).
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time
from pathlib import Path


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", action="store_true", help="time a fresh build of the default gazetteer")
    ap.add_argument("--corpus", type=Path, default=None, help="LGL-format XML (default: shared lgl.xml)")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()

    if args.build:
        tmp = tempfile.mkdtemp(prefix="ew-bench-")
        os.environ["EVENTWIRE_HOME"] = tmp
    from eventwire.config import shared_data_dir
    from eventwire.evaluate.geocode import load_lgl
    from eventwire.knowledge.gazetteer import build_gazetteer, get_gazetteer

    if args.build:
        t0, c0 = time.perf_counter(), time.process_time()
        build_gazetteer(force=True)
        print(f"build: {time.process_time() - c0:.1f} s CPU, {time.perf_counter() - t0:.1f} s wall "
              f"(peak RSS so far {rss_mb():.0f} MB)")
    else:
        build_gazetteer()
    t0 = time.perf_counter()
    get_gazetteer()
    print(f"load: {time.perf_counter() - t0:.2f} s, RSS {rss_mb():.0f} MB")

    from eventwire.resolve.geo import resolve_spans

    corpus = args.corpus
    if corpus is None:
        shared = shared_data_dir()
        corpus = shared / "geoparsing" / "lgl.xml" if shared else None
    if corpus is None or not corpus.exists():
        print("no corpus: pass --corpus")
        return
    docs = [(d.text, [(t.start, t.end) for t in d.toponyms]) for d in load_lgl(corpus)]
    n = sum(len(s) for _, s in docs)
    for r in range(args.rounds):
        t0 = time.process_time()  # CPU time: the cores are shared, wall time measures the neighbours
        for text, spans in docs:
            if spans:
                resolve_spans(text, spans)
        dt = time.process_time() - t0
        label = "cold" if r == 0 else "warm"
        print(f"resolve ({label}): {n} toponyms in {dt:.2f} s CPU = {n / dt:,.0f} toponyms/s")
    # One long report (the whole corpus as one text): the story-wide ranking must stay near linear.
    text, spans, off = "", [], 0
    for doc_text, doc_spans in docs:
        spans += [(s + off, e + off) for s, e in doc_spans]
        text += doc_text + "\n\n"
        off = len(text)
    t0 = time.process_time()
    resolve_spans(text, spans)
    dt = time.process_time() - t0
    print(f"resolve (one {len(text):,}-character report): {len(spans)} toponyms in {dt:.2f} s CPU = "
          f"{len(spans) / dt:,.0f} toponyms/s")
    print(f"peak RSS: {rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
