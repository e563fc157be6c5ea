"""The labelled sentences the learned layer trains and is scored on, all written for eventwire:
`dev_sentences.yaml` (dev, heldout, notes, paraphrases), the trigger lexicon's example sentences that carry an
ACLED type, and `fresh_sentences.yaml` (never trained on: the honest test)."""

from __future__ import annotations

import hashlib
from importlib import resources
from pathlib import Path
from typing import Any

from eventwire.knowledge.triggers import lexicon
from eventwire.knowledge.yamlio import load_yaml

DEV_SPLITS = ("dev", "heldout", "notes", "paraphrases")  # the splits of dev_sentences.yaml
FRESH_FILE = "fresh_sentences.yaml"


def _yaml(path: Path | None, name: str) -> Any:
    if path is not None:
        if not path.is_file():
            raise ValueError(f"{path}: no such labelled-sentences file")
        return load_yaml(path.read_text(encoding="utf-8"))
    return load_yaml(resources.files("eventwire.knowledge").joinpath("data", "events", name).read_text("utf-8"))


def load_labelled(path: Path | None, name: str, splits: tuple[str, ...]) -> list[dict[str, Any]]:
    """[{text, acled: (event_type, sub_event_type), split}] from a file shaped like dev_sentences.yaml."""
    raw = _yaml(path, name)
    if not isinstance(raw, dict) or not isinstance(raw.get("sub_event_types"), list):
        raise ValueError(f"{path or name}: expected a mapping with a 'sub_event_types' list")
    out: list[dict[str, Any]] = []
    for group in raw["sub_event_types"]:
        for split in splits:
            for text in group.get(split, []) or []:
                out.append({"text": str(text), "acled": (group["event_type"], group["sub_event_type"]),
                            "split": split})
    return out


def lexicon_items() -> list[dict[str, Any]]:
    """The trigger lexicon's example sentences that name an ACLED type."""
    return [{"text": ex.text, "acled": ex.acled, "split": "lexicon"}
            for entry in lexicon().entries for ex in entry.examples if ex.acled]


def fresh_items(path: Path | None = None) -> list[dict[str, Any]]:
    return load_labelled(path, FRESH_FILE, ("fresh",))


def training_items(dev_path: Path | None = None) -> list[dict[str, Any]]:
    """Every sentence the shipped model is trained on (the fresh set is not among them)."""
    return load_labelled(dev_path, "dev_sentences.yaml", DEV_SPLITS) + lexicon_items()


def fingerprint(items: list[dict[str, Any]]) -> str:
    """A short hash of labelled sentences: the shipped model records the one it was trained on."""
    lines = sorted(f"{it['acled'][1]}\t{it['text']}" for it in items)
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()[:16]


__all__ = ["DEV_SPLITS", "FRESH_FILE", "fingerprint", "fresh_items", "lexicon_items", "load_labelled", "training_items"]
