"""Honest scores for the learned layer: every sentence is classified by a model that was not
trained on it. Sentences of the training splits get a k-fold model (trained on the other folds
and on the lexicon's examples); sentences of any other split (the fresh set) get the model
trained on everything, as shipped."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from eventwire.learn.data import DEV_SPLITS, lexicon_items
from eventwire.learn.model import LinearModel, train

TRAINED_SPLITS = DEV_SPLITS


def folds(items: Sequence[dict[str, Any]], k: int) -> list[int]:
    """A fold number per item: round robin within each sub-type, so every fold holds every type."""
    seen: dict[str, int] = defaultdict(int)
    out = []
    for it in items:
        sub = it["acled"][1]
        out.append(seen[sub] % k)
        seen[sub] += 1
    return out


def held_out_models(items: Sequence[dict[str, Any]], k: int = 5) -> list[LinearModel]:
    """For each item, a model never trained on it (k fits in all, plus one on everything)."""
    trained = [i for i, it in enumerate(items) if it["split"] in TRAINED_SPLITS]
    fold_of = dict(zip(trained, folds([items[i] for i in trained], k), strict=True))
    extra = lexicon_items()
    everything = [items[i] for i in trained] + extra
    full = train([it["text"] for it in everything], [it["acled"][1] for it in everything])
    per_fold = []
    for f in range(k):
        rest = [items[i] for i in trained if fold_of[i] != f] + extra
        per_fold.append(train([it["text"] for it in rest], [it["acled"][1] for it in rest]))
    return [per_fold[fold_of[i]] if i in fold_of else full for i in range(len(items))]


__all__ = ["TRAINED_SPLITS", "folds", "held_out_models"]
