"""Sparse lexical features of a snippet for the learned layer of `eventwire classify`.

Three kinds, all lower-cased with every digit read as 0 (dates and figures are not evidence of a
type, their shape may be): words ("w:shelled"), word pairs ("b:car bomb") and character 3- to
5-grams inside word boundaries ("c: sh", "c:helle"), which carry the stem of an inflection or a
paraphrase the words alone miss ("bombarded" shares "bomba" with "bombardment"). The same
function featurises at training (scikit-learn's TfidfVectorizer calls it) and at run time (numpy
only), so the two cannot drift apart.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter

_WORD = re.compile(r"(?u)\b\w\w+\b")
_DIGIT = re.compile(r"\d")
CHAR_SIZES = (3, 4, 5)


def _normalise(text: str) -> str:
    return _DIGIT.sub("0", text.lower())


def features(text: str) -> list[str]:
    """The feature strings of `text`, repeated as often as they occur."""
    low = _normalise(text)
    words = _WORD.findall(low)
    out = [f"w:{w}" for w in words]
    out.extend(f"b:{a} {b}" for a, b in itertools.pairwise(words))
    for token in low.split():
        padded = f" {token} "
        for n in CHAR_SIZES:
            out.extend(f"c:{padded[i:i + n]}" for i in range(max(len(padded) - n + 1, 0)))
    return out


def feature_counts(text: str) -> Counter[str]:
    return Counter(features(text))


__all__ = ["CHAR_SIZES", "feature_counts", "features"]
