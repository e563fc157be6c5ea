"""Benchmark `eventwire classify`: snippets per second on one core (target: >= 200/s).

    python scripts/bench_classify.py [--n 2000] [--batch 256]

Uses the project's own development sentences (repeated to --n), so it runs anywhere. Reports the
rules alone, the rules with the learned layer (what `classify` runs), the learned layer's load
time and its own throughput, all in CPU time.
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
    from eventwire.learn.model import shipped_model

    t0 = time.perf_counter()
    nlp = classifier_nlp()
    texts = [s["text"] for s in load_dev_sentences()]
    list(classify_snippets([{"id": i, "text": t} for i, t in enumerate(texts[:50])], nlp=nlp))  # loads lexicons
    load_s = time.perf_counter() - t0

    items = [{"id": i, "text": texts[i % len(texts)]} for i in range(args.n)]
    print(f"spaCy model load + warm-up: {load_s:.1f} s wall")
    shipped_model.cache_clear()
    c0 = time.process_time()
    model = shipped_model()
    print(f"learned layer load: {time.process_time() - c0:.3f} s CPU")
    for label, use_model in (("rules alone", False), ("rules + learned layer", True)):
        t1, c1 = time.perf_counter(), time.process_time()
        n_events = sum(1 for r in classify_snippets(items, nlp=nlp, batch_size=args.batch, use_model=use_model)
                       if r["is_event"])
        dt, cpu = time.perf_counter() - t1, time.process_time() - c1
        print(f"{label}: {args.n} snippets in {dt:.2f} s wall, {cpu:.2f} s CPU: "
              f"{args.n / cpu:.0f} snippets per CPU-second ({n_events} events)")
    if model is not None:
        c2 = time.process_time()
        for item in items:
            model.proba(item["text"])
        print(f"learned layer alone: {args.n / (time.process_time() - c2):.0f} snippets per CPU-second")


if __name__ == "__main__":
    main()
