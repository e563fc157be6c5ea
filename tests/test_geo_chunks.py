"""Long texts for `eventwire geocode`: read in pieces under spaCy's limit, spans put back in place."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventwire.assemble import places
from eventwire.assemble.places import find_toponym_spans, text_chunks


@given(st.text(alphabet=st.sampled_from("ab .\n"), max_size=400), st.integers(min_value=5, max_value=60))
def test_chunks_cover_the_text_in_order_and_stay_under_the_limit(text: str, limit: int) -> None:
    chunks = text_chunks(text, limit)
    assert "".join(piece for _, piece in chunks) == text
    offset = 0
    for start, piece in chunks:
        assert start == offset and len(piece) <= limit
        offset += len(piece)


def test_chunks_cut_between_paragraphs() -> None:
    text = "Shelling hit Kharkiv.\n\nDrones struck Odesa.\n\nTroops left Kupiansk."
    chunks = text_chunks(text, 30)
    assert chunks[0][1] == "Shelling hit Kharkiv.\n\n"


def test_a_long_text_is_read_in_pieces_with_spans_in_place(monkeypatch: pytest.MonkeyPatch) -> None:
    paragraph = "Russian shelling hit Kharkiv overnight, officials in Kyiv said.\n\n"
    text = paragraph * 40  # ~2,700 characters, read in pieces of 500
    monkeypatch.setattr(places, "CHUNK_CHARS", 500)
    assert len(text_chunks(text, places.CHUNK_CHARS)) > 5
    calls: list[int] = []
    real = places.text_chunks
    monkeypatch.setattr(places, "text_chunks", lambda t, limit: calls.append(limit) or real(t, limit))
    spans = find_toponym_spans([text])[0]
    assert calls == [500]
    assert {text[s:e] for s, e in spans} == {"Kharkiv", "Kyiv"}
    assert len(spans) == 80 and spans == sorted(spans)
