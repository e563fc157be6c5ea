"""The quantities layer on sentences written for these tests (real spaCy model, our component)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

from eventwire.assemble.quantities import quantities_from_doc
from eventwire.knowledge.figures import figures_lexicon
from eventwire.records import Quantity


@pytest.fixture(scope="module")
def qnlp() -> Language:
    from eventwire.assemble.quotes import quotes_nlp

    return quotes_nlp()


def figures(nlp: Language, text: str) -> list[Quantity]:
    return quantities_from_doc(nlp(text))


def one(nlp: Language, text: str, match: str) -> Quantity:
    found = [q for q in figures(nlp, text) if match in q.span.text]
    assert found, f"no figure with {match!r} in {text!r}: {figures(nlp, text)}"
    return found[0]


def test_vague_amount_of_settlements(qnlp: Language) -> None:
    q = one(qnlp, "The rebels have taken dozens of villages since the spring.", "dozens")
    assert (q.kind, q.qualifier, q.low, q.high) == ("settlements_captured", "dozens", 24, None)


def test_word_range_with_unit_and_conversion_skipped(qnlp: Language) -> None:
    qs = figures(qnlp, "The brigade pushed forward between three to four kilometres (1.9-2.5 miles) on Tuesday.")
    assert len(qs) == 1
    q = qs[0]
    assert (q.kind, q.low, q.best, q.high, q.unit) == ("distance", 3, None, 4, "km")


@pytest.mark.parametrize(("text", "match", "kind", "qualifier", "low", "best", "high"), [
    ("Marines captured over 60 enemy soldiers near the river.", "60", "captured", "over", 60, None, None),
    ("More than 9,000 people have fled the valley.", "9,000", "displaced", "more than", 9000, None, None),
    ("The drones hit up to 12 fuel depots.", "12", "targets", "up to", None, None, 12),
    ("Nearly 40 civilians were wounded.", "40", "injured", "nearly", None, 40, 40),
    ("Some 300 residents were evacuated.", "300", "displaced", "some", None, 300, None),
    ("At least 5 police officers were killed.", "5", "killed", "at least", 5, None, None),
])
def test_qualifiers_fill_the_right_bounds(qnlp: Language, text: str, match: str, kind: str, qualifier: str,
                                          low: Any, best: Any, high: Any) -> None:
    q = one(qnlp, text, match)
    assert (q.kind, q.qualifier, q.low, q.best, q.high) == (kind, qualifier, low, best, high)


def test_exact_count_of_targets(qnlp: Language) -> None:
    q = one(qnlp, "The air force struck seven Russian radar stations overnight.", "seven")
    assert (q.kind, q.low, q.best, q.high, q.unit) == ("targets", 7, 7, 7, "stations")


def test_per_side_counts_carry_their_actor(qnlp: Language) -> None:
    qs = figures(qnlp, "Two Ukrainian soldiers and five separatists were killed in the shelling.")
    killed = [q for q in qs if q.kind == "killed"]
    assert [q.low for q in killed] == [2, 5]
    assert killed[0].actor is not None and "Ukrainian soldiers" in killed[0].actor.text
    assert killed[1].actor is not None and "separatists" in killed[1].actor.text


def test_the_doer_of_a_harm_is_not_its_toll(qnlp: Language) -> None:
    qs = figures(qnlp, "Four rockets killed at least 9 people in the market.")
    assert [(q.kind, q.low) for q in qs] == [("count", 4), ("killed", 9)]


def test_modifiers_are_not_counts(qnlp: Language) -> None:
    assert figures(qnlp, "They fled a nine-storey block on a two-day walk.") == []


def test_dates_years_and_wars_are_not_figures(qnlp: Language) -> None:
    text = ("The offensive began on September 14 and is the largest since World War II, "
            "ending a truce agreed in February 2015 at 10:30 in the morning.")
    assert figures(qnlp, text) == []


def test_number_words_and_scales(qnlp: Language) -> None:
    assert one(qnlp, "Forty-two fighters surrendered.", "Forty").low == 42
    q = one(qnlp, "Donors pledged $1.5 billion for reconstruction.", "1.5")
    assert (q.kind, q.low, q.unit) == ("money", 1.5e9, "USD")
    assert one(qnlp, "A dozen shells landed in the square.", "dozen").low == 12


def test_payload_is_plain_data(qnlp: Language) -> None:
    import pickle

    from eventwire.nlp.layers import QUANTITIES

    doc = qnlp("Over 20 missiles were shot down.")
    spans = doc.spans[QUANTITIES]
    assert spans and set(spans[0]._.quantity) == {"kind", "low", "best", "high", "unit", "qualifier", "actor"}
    pickle.dumps(spans[0]._.quantity)


_QUALIFIERS = [q for q in figures_lexicon().qualifiers if q.role in ("lower", "upper", "approx", "near")
               and q.text not in ("estimated", "under", "approx.", "circa")]


@settings(max_examples=25, deadline=None)
@given(n=st.integers(min_value=2, max_value=900_000), qi=st.integers(min_value=0, max_value=len(_QUALIFIERS) - 1))
def test_qualified_counts_round_trip(qnlp: Language, n: int, qi: int) -> None:
    qual = _QUALIFIERS[qi]
    text = f"Officials said {qual.text} {n:,} civilians were killed in the attack."
    q = one(qnlp, text, f"{n:,}")
    assert q.kind == "killed"
    assert q.qualifier == qual.text
    expected = {"lower": (n, None, None), "upper": (None, None, n), "approx": (None, n, None),
                "near": (None, n, n)}[qual.role]
    assert (q.low, q.best, q.high) == expected
