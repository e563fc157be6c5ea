"""Benchmark the time layer alone: stories per second on one core (tokenizer + eventwire_timex).

    python scripts/bench_timex.py [--repeat 3] [--limit 300]

Reads the Wikinews stories in ../shared/data/wikinews/ (real news, 2019-2020, with their dates)
and, if present, MEANTIME; prints stories/s and characters/s for the grammar alone and for the
spaCy path (tokenizer + `eventwire_timex`, what the full pipeline adds); `tag_times` is what
`eventwire timex` runs. Numbers only,
no assertions: compare runs on the same machine.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import os
import sys
import time
from pathlib import Path


def stories(shared: Path, limit: int) -> list[tuple[str, str | None]]:
    out: list[tuple[str, str | None]] = []
    csv.field_size_limit(sys.maxsize)
    for path in sorted((shared / "wikinews").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                text = row.get("text") or ""
                if text.strip():
                    out.append((text, (row.get("date") or "")[:10] or None))
    return out[:limit]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--limit", type=int, default=300)
    args = parser.parse_args()
    with contextlib.suppress(AttributeError, OSError):  # one core, as the target says
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})

    from datetime import date

    from eventwire.config import shared_data_dir
    from eventwire.ingest.article import parse_published
    from eventwire.nlp.model import load_nlp
    from eventwire.nlp.timex import COMPONENT, annotate, tag_times_many

    shared = shared_data_dir()
    if shared is None:
        sys.exit("no ../shared/data: nothing to benchmark on")
    docs = stories(shared, args.limit)
    anchors: list[date | None] = []
    for _, d in docs:
        try:
            anchors.append(parse_published(d, "bench"))
        except Exception:
            anchors.append(None)
    chars = sum(len(t) for t, _ in docs)
    print(f"{len(docs)} stories, {chars / len(docs):.0f} characters on average")

    nlp = load_nlp(components=(COMPONENT,))

    def spacy_path() -> None:
        for (t, _), a in zip(docs, anchors, strict=True):
            doc = nlp.make_doc(t)
            doc._.anchor = a
            annotate(doc)

    best_grammar = best_spacy = float("inf")
    n_times = 0
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        n_times = sum(len(times) for times in tag_times_many(
            (t, a) for (t, _), a in zip(docs, anchors, strict=True)))
        best_grammar = min(best_grammar, time.perf_counter() - t0)
        t0 = time.perf_counter()
        spacy_path()
        best_spacy = min(best_spacy, time.perf_counter() - t0)
    print(f"time expressions found: {n_times}")
    print(f"tag_times (eventwire timex): {len(docs) / best_grammar:8.1f} stories/s  "
          f"{chars / best_grammar / 1e6:.2f} M chars/s")
    print(f"spaCy tokenizer + component: {len(docs) / best_spacy:8.1f} stories/s  "
          f"{chars / best_spacy / 1e6:.2f} M chars/s")


if __name__ == "__main__":
    main()
