"""Regex alternations of word lists: longest first, with a guard on the first character.

Python's `re` tries every branch of an alternation at every position it reaches; a lookahead on the
set of first characters lets it skip the positions where no word can start (measured: the past-tense
cues of the time lexicon scan a story twice as fast). The lookahead is zero-width and compiled with
the pattern's own flags, so what the alternation matches is unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def word_alternation(words: Iterable[str], *, spaces: str | None = None) -> str:
    """`(?:w1|w2|...)` of `words`, escaped, longest first (so the longest word wins at a position);
    `spaces`: what a space inside a word matches (e.g. `\\s+`), else a literal space."""
    items = sorted({str(w) for w in words}, key=lambda w: (-len(w), w))
    parts = [re.escape(w) for w in items]
    if spaces is not None:
        parts = [p.replace(r"\ ", spaces) for p in parts]
    body = "(?:" + "|".join(parts) + ")"
    if items and all(w and not w[0].isspace() for w in items):
        firsts = sorted({c for w in items for c in (w[0], w[0].lower(), w[0].upper())})
        body = "(?=[" + "".join(re.escape(c) for c in firsts) + "])" + body
    return body
