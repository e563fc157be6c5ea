"""Records: validation rules and JSON round-trips (property tests)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from eventwire.records import (
    AcledType,
    Actor,
    Article,
    Event,
    Extraction,
    Place,
    Quantity,
    Span,
    When,
    content_id,
)

texts = st.text(min_size=1, max_size=200)


@st.composite
def spans(draw: st.DrawFn, text: str = "abcdefghijklmnopqrstuvwxyz") -> Span:
    start = draw(st.integers(0, len(text) - 1))
    end = draw(st.integers(start, len(text)))
    return Span.of(text, start, end)


@st.composite
def quantities(draw: st.DrawFn) -> Quantity:
    vals = sorted(draw(st.lists(st.floats(0, 1e6, allow_nan=False), min_size=3, max_size=3)))
    return Quantity(span=draw(spans()), kind=draw(st.sampled_from(["killed", "displaced", "distance"])),
                    low=vals[0], best=vals[1], high=vals[2], qualifier=draw(st.none() | st.sampled_from(["over", "about"])))


@st.composite
def extractions(draw: st.DrawFn) -> Extraction:
    text = draw(texts)
    article = Article(id=content_id(text), text=text, published=draw(st.none() | st.dates()))
    events = [
        Event(
            id=f"e{i}",
            acled=AcledType(event_type="Battles", sub_event_type="Armed clash"),
            actor1=Actor(text="Ukrainian forces", country="UKR", sector="MIL"),
            place=Place(name="Kursk", lat=draw(st.floats(-90, 90)), lon=draw(st.floats(-180, 180)), precision=3),
            when=When(start=draw(st.dates()), precision="day", basis="explicit"),
            quantities=draw(st.lists(quantities(), max_size=3)),
            evidence=[draw(spans())],
            confidence=draw(st.floats(0, 1)),
        )
        for i in range(draw(st.integers(0, 3)))
    ]
    return Extraction(id=article.id, article=article, events=events)


@given(extractions())
def test_extraction_json_round_trip(x: Extraction) -> None:
    assert Extraction.model_validate_json(x.model_dump_json()) == x


@given(st.text(min_size=1), st.text(alphabet=" \t\n", min_size=1))
def test_content_id_ignores_spacing(text: str, ws: str) -> None:
    assert content_id(text) == content_id(ws + text.replace(" ", ws) + ws)


def test_content_id_differs_for_different_text() -> None:
    assert content_id("Forces shelled the town.") != content_id("Forces shelled the city.")


def test_span_must_be_ordered() -> None:
    with pytest.raises(ValidationError, match="before its start"):
        Span(start=5, end=2, text="x")


def test_quantity_range_must_be_ordered() -> None:
    with pytest.raises(ValidationError, match="out of order"):
        Quantity(span=Span.of("12 killed", 0, 2), kind="killed", low=12, high=3)


def test_unknown_fields_are_rejected() -> None:
    with pytest.raises(ValidationError):
        Place(name="Kursk", colour="red")  # type: ignore[call-arg]


def test_span_of_copies_text() -> None:
    s = Span.of("KYIV: Ukraine", 6, 13)
    assert s.text == "Ukraine" and s.contains(Span.of("KYIV: Ukraine", 6, 9))


def test_when_defaults_say_unresolved() -> None:
    w = When()
    assert w.basis == "unresolved" and w.start is None


def test_article_dates_are_dates() -> None:
    a = Article(id="x", text="t", published="2024-08-14")  # type: ignore[arg-type]
    assert a.published == date(2024, 8, 14)
