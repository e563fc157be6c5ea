"""The number-words parser that replaced quantulum3's spell-out reader (see nlp/quantities.py)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventwire.nlp.quantities import parse_number_words

_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_SCALES = ((10**9, "billion"), (10**6, "million"), (10**3, "thousand"))


def _below_thousand(n: int, hyphen: bool, british_and: bool) -> list[str]:
    out: list[str] = []
    hundreds, rest = divmod(n, 100)
    if hundreds:
        out += [_UNITS[hundreds], "hundred"]
        if rest and british_and:
            out.append("and")
    if rest >= 20:
        tens, unit = divmod(rest, 10)
        if unit:
            out += [f"{_TENS[tens - 2]}-{_UNITS[unit]}"] if hyphen else [_TENS[tens - 2], _UNITS[unit]]
        else:
            out.append(_TENS[tens - 2])
    elif rest:
        out.append(_UNITS[rest])
    return out


def words(n: int, hyphen: bool = True, british_and: bool = True) -> str:
    """English words for 0 <= n < 10**12 ('one hundred and twenty thousand')."""
    if n == 0:
        return "zero"
    out: list[str] = []
    for scale, name in _SCALES:
        part, n = divmod(n, scale)
        if part:
            out += [*_below_thousand(part, hyphen, british_and), name]
    out += _below_thousand(n, hyphen, british_and)
    return " ".join(out)


@given(st.integers(min_value=0, max_value=10**9), st.booleans(), st.booleans())
def test_parse_inverts_words(n: int, hyphen: bool, british_and: bool) -> None:
    assert parse_number_words(words(n, hyphen, british_and)) == n


@given(st.integers(min_value=1, max_value=10**9))
def test_upper_case_is_read_alike(n: int) -> None:
    assert parse_number_words(words(n).upper()) == n


@pytest.mark.parametrize(("text", "value"), [
    ("one hundred and twenty thousand", 120_000),
    ("twenty-five", 25),
    ("twenty five", 25),
    ("eleven hundred", 1100),
    ("thirteen hundred and ninety thousand", 1_390_000),
    ("two million three hundred thousand", 2_300_000),
    ("one hundred and five million", 105_000_000),
    ("two thousand million", 2_000_000_000),
    ("zero", 0),
])
def test_fixed_cases(text: str, value: float) -> None:
    assert parse_number_words(text) == value


@pytest.mark.parametrize("text", [
    "", "one two", "twenty thirty", "five twenty", "two thousand three thousand", "thousand", "and five",
    "five and", "hundred", "two hundred hundred", "three million hundred", "zero thousand", "dozen", "several",
    "twenty eleven", "forty and two", "one and million",
])
def test_not_one_number(text: str) -> None:
    assert parse_number_words(text) is None


def test_a_dozen_and_number_words_in_a_story(nlp) -> None:  # type: ignore[no-untyped-def]
    """'a dozen' (a scale after an article) and 'twenty-five' (a hyphenated word run) in the layer."""
    from eventwire.nlp.layers import QUANTITIES

    doc = nlp("A dozen soldiers were killed and twenty-five others were wounded, officials said.")
    values = sorted(s._.quantity["best"] or s._.quantity["low"] for s in doc.spans[QUANTITIES])
    assert 12 in values and 25 in values
