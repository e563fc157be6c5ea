"""Benchmark `eventwire classify`: snippets per second on one core (target: >= 200/s).

    python scripts/bench_classify.py [--n 2000] [--batch 256]

Uses the project's own development sentences (repeated to --n), so it runs anywhere.
"""

from __future__ import annotations

import argparse
import os
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=2000, help="number of snippets")
    parser.add_argument("--batch", type=int, default=256, help="nlp.pipe batch size")
    args = parser.parse_args()

    from eventwire.classify import classifier_nlp, classify_snippets
    from eventwire.evaluate.events import load_dev_sentences

    t0 = time.perf_counter()
    nlp = classifier_nlp()
    texts = [s["text"] for s in load_dev_sentences()]
    list(classify_snippets([{"id": i, "text": t} for i, t in enumerate(texts[:50])], nlp=nlp))  # loads lexicons
    load_s = time.perf_counter() - t0

    items = [{"id": i, "text": texts[i % len(texts)]} for i in range(args.n)]
    t1, c1 = time.perf_counter(), time.process_time()
    n_events = sum(1 for r in classify_snippets(items, nlp=nlp, batch_size=args.batch) if r["is_event"])
    dt, cpu = time.perf_counter() - t1, time.process_time() - c1
    print(f"model load + warm-up: {load_s:.1f} s")
    print(f"classified {args.n} snippets in {dt:.2f} s wall: {args.n / dt:.0f} snippets/s ({n_events} events)")
    print(f"CPU time {cpu:.2f} s: {args.n / cpu:.0f} snippets per CPU-second (the rate on one idle core)")


if __name__ == "__main__":
    main()
