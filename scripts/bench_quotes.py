"""Benchmark the figures and quotes layers against the bare spaCy pass they ride on.

    python scripts/bench_quotes.py [--limit 150] [--repeat 2]

Reads the Wikinews stories in ../shared/data/wikinews/ (real news, 2019-2020) and times, on
one core: (a) the bare spaCy pipeline (`spacy.load(model)`, `nlp.pipe`), (b) the same pipeline
with `eventwire_paragraphs`, `eventwire_quantities` and `eventwire_quotes` added (what
`eventwire quotes` runs), and (c) our two components alone
(timed inside the pipe). Prints stories/s, the ratio (b)/(a) (target: no more than 1.2) and the
share of each component. Times are CPU time of this process (the machine may be shared).
Numbers only, no assertions: compare runs on the same machine.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc


def stories(shared: Path, limit: int) -> list[str]:
    out: list[str] = []
    csv.field_size_limit(sys.maxsize)
    for path in sorted((shared / "wikinews").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                text = (row.get("text") or "").strip()
                if text:
                    out.append(text)
    return out[:limit]


def _timed(name: str, fn: Callable[[Doc], Doc], spent: dict[str, float]) -> Callable[[Doc], Doc]:
    def run(doc: Doc) -> Doc:
        t0 = time.process_time()
        out = fn(doc)
        spent[name] = spent.get(name, 0.0) + time.process_time() - t0
        return out

    return run


def _run(nlp: Language, texts: list[str], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.process_time()
        for _doc in nlp.pipe(texts, batch_size=32):
            pass
        best = min(best, time.process_time() - t0)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=150)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    with contextlib.suppress(AttributeError, OSError):  # one core
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})

    import spacy

    from eventwire.config import shared_data_dir, spacy_model
    from eventwire.nlp.quantities import quantities_component
    from eventwire.nlp.quotes import quotes_component

    shared = shared_data_dir()
    if shared is None:
        sys.exit("no ../shared/data: nothing to benchmark on")
    texts = stories(shared, args.limit)
    chars = sum(len(t) for t in texts)

    bare = spacy.load(spacy_model())
    ours = spacy.load(spacy_model())
    ours.add_pipe("eventwire_paragraphs", before="parser")
    ours.add_pipe("eventwire_quantities", last=True)
    ours.add_pipe("eventwire_quotes", last=True)
    _run(ours, texts[:5], 1)  # warm up: lexicons and caches

    t_bare = _run(bare, texts, args.repeat)
    t_ours = _run(ours, texts, args.repeat)

    spent: dict[str, float] = {}
    docs = list(bare.pipe(texts, batch_size=32))
    q = _timed("eventwire_quantities", quantities_component, spent)
    a = _timed("eventwire_quotes", quotes_component, spent)
    for doc in docs:
        a(q(doc))
    n = len(texts)
    print(f"{n} Wikinews stories, {chars:,} characters, model {spacy_model()}, one core, best of {args.repeat}")
    print(f"  bare spaCy pass            {t_bare:7.2f} s   {n / t_bare:7.1f} stories/s")
    print(f"  with figures + quotes      {t_ours:7.2f} s   {n / t_ours:7.1f} stories/s")
    print(f"  ratio                      {t_ours / t_bare:7.3f}   (target <= 1.2)")
    for name, secs in spent.items():
        print(f"  {name:<26} {secs:7.2f} s   {100 * secs / t_bare:5.1f}% of the bare pass")


if __name__ == "__main__":
    main()
