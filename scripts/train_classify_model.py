"""Train the learned layer of `eventwire classify` and write it into the package data.

    python scripts/train_classify_model.py [--c 10] [--out src/eventwire/knowledge/data/events/classify_model.npz]

Trains on every labelled sentence eventwire writes (dev_sentences.yaml: dev, heldout, notes;
the trigger lexicon's examples), never on fresh_sentences.yaml. Needs the `model` extra
(scikit-learn). Deterministic: the same data gives the same file. Scores: `eventwire evaluate events`.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

DEFAULT_OUT = Path(__file__).resolve().parents[1] / "src/eventwire/knowledge/data/events/classify_model.npz"


def main() -> None:
    from eventwire.learn.data import fingerprint, training_items
    from eventwire.learn.model import DEFAULT_C, train

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--c", type=float, default=DEFAULT_C, help="inverse regularisation strength")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write the model")
    args = parser.parse_args()

    items = training_items()
    c0 = time.process_time()
    model = train([it["text"] for it in items], [it["acled"][1] for it in items], c=args.c,
                  trained_on=fingerprint(items))
    fit = time.process_time() - c0
    model.save(args.out)
    print(f"trained on {len(items)} sentences, {len(model.classes)} sub-types, {len(model.index)} features "
          f"in {fit:.1f} s CPU; wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
