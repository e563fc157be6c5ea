"""`word_alternation` matches exactly what the plain longest-first alternation matches."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.knowledge.alternation import word_alternation

WORDS = st.lists(st.text(alphabet="abAB 'k-É.", min_size=1, max_size=6), min_size=1, max_size=8)
TEXT = st.text(alphabet="abAB 'k-É.K\u212a\n", max_size=60)  # (\u212a: the Kelvin sign, k under IGNORECASE)


def _plain(words: list[str], spaces: str | None) -> str:
    items = sorted(set(words), key=lambda w: (-len(w), w))
    parts = [re.escape(w) for w in items]
    if spaces is not None:
        parts = [p.replace(r"\ ", spaces) for p in parts]
    return "(?:" + "|".join(parts) + ")"


@given(WORDS, TEXT, st.booleans(), st.booleans(), st.booleans())
@settings(max_examples=300, deadline=None)
def test_the_first_character_guard_changes_no_match(words: list[str], text: str, ignore_case: bool,
                                                   bounded: bool, spaced: bool) -> None:
    spaces = r"\s+" if spaced else None
    flags = re.IGNORECASE if ignore_case else 0
    wrap = (lambda b: rf"\b{b}\b") if bounded else (lambda b: b)
    guarded = re.compile(wrap(word_alternation(words, spaces=spaces)), flags)
    plain = re.compile(wrap(_plain(words, spaces)), flags)
    assert [m.span() for m in guarded.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_longest_word_first_and_the_guard() -> None:
    body = word_alternation(["had", "had been"], spaces=r"\s+")
    rx = re.compile(rf"\b{body}\b", re.IGNORECASE)
    assert rx.search("it Had  been shelled").group(0) == "Had  been"
    assert word_alternation(["Kyiv", "kharkiv"]).startswith("(?=[Kk])")  # both cases of each first letter
    assert not word_alternation([" x", "y"]).startswith("(?=")  # a word opening with a space: no guard
