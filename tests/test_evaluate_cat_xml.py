"""The MEANTIME text rebuilder both MEANTIME scorers read: every token's offsets point at the token."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from hypothesis import given
from hypothesis import strategies as st

from eventwire.evaluate.cat_xml import TOKEN_TEXT, rebuild_text

WORDS = st.sampled_from(["Kyiv", "said", ",", ".", "(", ")", "``", "''", "'s", "n't", "$", "5", "%", "troops", "“"])


def _cat(sentences: list[list[str]]) -> ET.Element:
    root = ET.Element("Document")
    n = 0
    for s, words in enumerate(sentences):
        for w in words:
            n += 1
            ET.SubElement(root, "token", {"t_id": str(n), "sentence": str(s)}).text = w
    return root


@given(st.lists(st.lists(WORDS, min_size=1, max_size=8), min_size=1, max_size=5), st.booleans())
def test_offsets_point_at_their_tokens(sentences: list[list[str]], map_quotes: bool) -> None:
    cat = rebuild_text(_cat(sentences), map_quotes=map_quotes)
    words = [w for s in sentences for w in s]
    for i, w in enumerate(words, start=1):
        start, end = cat.offsets[str(i)]
        assert cat.text[start:end] == (TOKEN_TEXT.get(w, w) if map_quotes else w)
    assert cat.text.count("\n\n") == len(sentences) - 1


def test_headers_stand_alone_and_the_body_runs_on() -> None:
    root = _cat([["Troops", "advance"], ["Monday"], ["Kyiv", "said", "``", "no", "''", "."], ["It", "ended", "."]])
    cat = rebuild_text(root, sentence_sep=" ", header_sentences=2, map_quotes=True)
    assert cat.text == 'Troops advance\nMonday\nKyiv said "no". It ended.'
    assert cat.sentence_of["3"] == 1
