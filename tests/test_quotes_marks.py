"""Property tests for finding quoted text (no model needed)."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from eventwire.nlp.quotes import _find_quote_chars

_WORD = st.text(alphabet=st.characters(whitelist_categories=("Ll", "Lu", "Nd")), min_size=1, max_size=8)
_CONTENT = st.lists(_WORD, min_size=1, max_size=12).map(" ".join)
_MARKS = st.sampled_from([("“", "”"), ('"', '"'), ("«", "»")])


@given(before=_CONTENT, quoted=_CONTENT, after=_CONTENT, marks=_MARKS)
def test_the_quoted_words_come_back_exactly(before: str, quoted: str, after: str, marks: tuple[str, str]) -> None:
    text = f"{before} {marks[0]}{quoted},{marks[1]} {after}."
    spans = _find_quote_chars(text)
    assert [text[s:e] for s, e in spans] == [quoted]


@given(quoted=_CONTENT)
def test_apostrophes_do_not_open_or_close_single_quotes(quoted: str) -> None:
    text = f"Russia’s army said ‘{quoted} isn’t over’ on Monday."
    assert [text[s:e] for s, e in _find_quote_chars(text)] == [f"{quoted} isn’t over"]


@given(first=_CONTENT, second=_CONTENT)
def test_quotes_never_overlap(first: str, second: str) -> None:
    text = f"“{first}” and “{second}”\n“unclosed {first}\nnext"
    spans = _find_quote_chars(text)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
    assert len(spans) == 3
