"""Line breaks and the body's start end sentences: the component finds them from the text and marks
the same tokens as visiting every token would (property test against that plain reading)."""

from __future__ import annotations

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc

from eventwire.nlp.paragraphs import paragraphs_component

NLP = spacy.blank("en")


def _plain(doc: Doc) -> list[bool | None]:
    """Every token after a space token with a line break, or after a line break in trailing space."""
    for tok in doc[:-1]:
        if (tok.is_space and "\n" in tok.text) or "\n" in tok.whitespace_:
            doc[tok.i + 1].is_sent_start = True
    return [t.is_sent_start for t in doc]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["Drones", "hit", "Kyiv.", "\n", "\n\n", " ", "  \n ", ",", "\t", "\r\n",
                                 "x\ny", "BELGOROD:"]), max_size=25), st.booleans())
def test_breaks_start_sentences_as_a_token_walk_would(parts: list[str], spaced: bool) -> None:
    text = (" " if spaced else "").join(parts)
    marked = [t.is_sent_start for t in paragraphs_component(NLP(text))]
    assert marked == _plain(NLP(text)), repr(text)


def test_a_dateline_line_starts_the_body() -> None:
    doc = paragraphs_component(NLP("KYIV, Ukraine\nRussian drones struck the city overnight."))
    assert doc[4].text == "Russian" and doc[4].is_sent_start
    assert paragraphs_component(NLP("")).text == ""
