"""The learned second layer of `eventwire classify`: a linear model (multinomial logistic
regression) over TF-IDF weighted sparse lexical features (`learn/features.py`), trained only on
sentences eventwire writes (see `learn/data.py`, docs/classify-model.md).

Run time needs numpy only: the weights ship as `knowledge/data/events/classify_model.npz`
(rebuilt by `scripts/train_classify_model.py`), loaded lazily on first use. Training needs the
`model` extra (scikit-learn).
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from eventwire.learn.features import feature_counts, features

MODEL_FILE = "classify_model.npz"
MODEL_NAME = "linear"  # results it decides say rule "model:linear"
DEFAULT_C = 10.0


@dataclass(frozen=True)
class LinearModel:
    """TF-IDF (sublinear tf, l2-normalised) → softmax(coef · x + intercept) over `classes`."""

    classes: tuple[str, ...]
    index: dict[str, int]
    idf: np.ndarray        # (n_features,)
    coef: np.ndarray       # (n_classes, n_features)
    intercept: np.ndarray  # (n_classes,)
    trained_on: str = ""   # learn.data.fingerprint of the training sentences

    def vector(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """(feature columns, weights) of `text`: the nonzero entries of its TF-IDF vector."""
        cols, vals = [], []
        for feat, count in feature_counts(text).items():
            j = self.index.get(feat)
            if j is not None:
                cols.append(j)
                vals.append((1.0 + math.log(count)) * float(self.idf[j]))
        col = np.asarray(cols, dtype=np.int64)
        val = np.asarray(vals, dtype=np.float64)
        norm = float(np.sqrt((val * val).sum()))
        return col, (val / norm if norm else val)

    def proba(self, text: str) -> dict[str, float]:
        """Class → probability for one snippet."""
        col, val = self.vector(text)
        logits = self.coef[:, col].astype(np.float64) @ val + self.intercept
        logits -= logits.max()
        p = np.exp(logits)
        p /= p.sum()
        return dict(zip(self.classes, (float(x) for x in p), strict=True))

    def predict(self, text: str) -> tuple[str, float]:
        probs = self.proba(text)
        best = max(probs, key=probs.__getitem__)
        return best, probs[best]

    # ---- persistence ------------------------------------------------------------------------

    def save(self, path: Path) -> None:
        vocab = sorted(self.index, key=self.index.__getitem__)
        np.savez_compressed(path, classes=np.asarray(self.classes), vocab=np.asarray(vocab),
                            idf=self.idf.astype(np.float32), coef=self.coef.astype(np.float16),
                            intercept=self.intercept.astype(np.float64), trained_on=np.asarray(self.trained_on))

    @classmethod
    def from_npz(cls, data: bytes | Path, source: str = "model") -> LinearModel:
        try:
            with np.load(io.BytesIO(data) if isinstance(data, bytes) else data, allow_pickle=False) as z:
                vocab = [str(v) for v in z["vocab"]]
                model = cls(classes=tuple(str(c) for c in z["classes"]), index={v: i for i, v in enumerate(vocab)},
                            idf=z["idf"].astype(np.float64), coef=z["coef"].astype(np.float32),
                            intercept=z["intercept"].astype(np.float64),
                            trained_on=str(z["trained_on"]) if "trained_on" in z.files else "")
        except (OSError, KeyError, ValueError) as exc:
            raise ValueError(f"{source}: not a classify model file ({exc})") from exc
        if model.coef.shape != (len(model.classes), len(vocab)) or model.idf.shape != (len(vocab),):
            raise ValueError(f"{source}: classify model arrays do not fit together ({model.coef.shape})")
        return model


def train(texts: Sequence[str], labels: Sequence[str], c: float = DEFAULT_C, trained_on: str = "") -> LinearModel:
    """Fit the model (needs scikit-learn, the `model` extra)."""
    try:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise RuntimeError("training the classify model needs scikit-learn: pip install 'eventwire[model]'") from exc
    vec = TfidfVectorizer(analyzer=features, sublinear_tf=True, norm="l2")
    x = vec.fit_transform(list(texts))
    clf = LogisticRegression(C=c, max_iter=5000).fit(x, list(labels))
    vocab: dict[str, int] = {str(k): int(v) for k, v in vec.vocabulary_.items()}
    return LinearModel(classes=tuple(str(c_) for c_ in clf.classes_), index=vocab, idf=np.asarray(vec.idf_),
                       coef=np.asarray(clf.coef_, dtype=np.float32), intercept=np.asarray(clf.intercept_),
                       trained_on=trained_on)


@lru_cache(maxsize=1)
def shipped_model() -> LinearModel | None:
    """The model shipped in the package data, loaded once; None when the file is absent (rules only)."""
    ref = resources.files("eventwire.knowledge").joinpath("data", "events", MODEL_FILE)
    if not ref.is_file():
        return None
    return LinearModel.from_npz(ref.read_bytes(), source=str(ref))


__all__ = ["DEFAULT_C", "MODEL_FILE", "MODEL_NAME", "LinearModel", "shipped_model", "train"]
