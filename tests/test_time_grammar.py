"""The time grammar and normaliser: the data file's examples, and properties that must hold for
any anchor and any text (hypothesis)."""

from __future__ import annotations

import itertools
import re
from datetime import date, timedelta

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.nlp.time import tag_text
from eventwire.nlp.time.lexicon import data_text, lexicon

EXAMPLES = yaml.safe_load(data_text("examples.yaml"))
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
anchors = st.dates(min_value=date(1990, 1, 1), max_value=date(2035, 12, 31))


@pytest.mark.parametrize("example", EXAMPLES, ids=[e["text"][:40] for e in EXAMPLES])
def test_examples(example: dict) -> None:
    text = example["text"]
    got = [[text[t.start : t.end], t.type, t.value] + ([t.mod] if t.mod else [])
           for t in tag_text(text, example["published"])]
    assert got == [[str(x) for x in t] for t in example["times"]]
    for word in example.get("absent", []):
        assert not any(text[t.start : t.end] == word for t in tag_text(text, example["published"]))


@settings(max_examples=150, deadline=None)
@given(anchors, st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)))
def test_written_dates_round_trip(anchor: date, d: date) -> None:
    for text in (f"It happened on {MONTHS[d.month - 1]} {d.day}, {d.year}.",
                 f"It happened on {d.day} {MONTHS[d.month - 1]} {d.year}.",
                 f"It happened on {d.isoformat()}."):
        times = tag_text(text, anchor)
        assert [(t.type, t.value) for t in times] == [("DATE", d.isoformat())], text


@settings(max_examples=150, deadline=None)
@given(anchors, st.integers(0, 6))
def test_weekday_in_a_past_story_is_within_the_last_week(anchor: date, wd: int) -> None:
    times = tag_text(f"Soldiers attacked the village on {WEEKDAYS[wd]}.", anchor)
    assert len(times) == 1
    d = date.fromisoformat(times[0].value or "")
    assert d.weekday() == wd
    assert timedelta(0) <= anchor - d < timedelta(days=7)


@settings(max_examples=150, deadline=None)
@given(anchors, st.integers(0, 6))
def test_weekday_in_a_future_story_is_within_the_next_week(anchor: date, wd: int) -> None:
    times = tag_text(f"The ministers will meet on {WEEKDAYS[wd]}.", anchor)
    d = date.fromisoformat(times[0].value or "")
    assert d.weekday() == wd
    assert timedelta(0) <= d - anchor < timedelta(days=7)


@settings(max_examples=100, deadline=None)
@given(anchors, st.integers(1, 12), st.integers(1, 28))
def test_day_and_month_without_year_take_a_year_near_the_anchor(anchor: date, month: int, day: int) -> None:
    times = tag_text(f"Troops crossed the border on {MONTHS[month - 1]} {day}.", anchor)
    d = date.fromisoformat(times[0].value or "")
    assert (d.month, d.day) == (month, day)
    assert abs((d - anchor).days) <= 366


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(list("abcdeMTWFJAO0123456789 ,.-:/'\n") + MONTHS + WEEKDAYS
                               + [" ago", " last ", " week", " year", " the ", " day"]), max_size=30).map("".join),
       st.one_of(st.none(), anchors))
def test_any_text_gives_ordered_disjoint_spans_inside_it(text: str, anchor: date | None) -> None:
    times = tag_text(text, anchor)
    for t in times:
        assert 0 <= t.start < t.end <= len(text)
        assert t.type in ("DATE", "TIME", "DURATION", "SET")
    for a, b in itertools.pairwise(times):
        assert a.end <= b.start


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["yesterday", "last week", "on Monday", "on August 6", "in March", "three days ago",
                        "next month", "overnight", "this year", "the following day", "in the spring"]))
def test_no_anchor_never_invents_a_year(phrase: str) -> None:
    text = f"Rockets hit the port {phrase}."
    for t in tag_text(text, None):
        assert not re.search(r"\d{4}", t.value or ""), (phrase, t.value)


def test_no_anchor_keeps_what_the_text_says() -> None:
    times = tag_text("On August 6 and on 12 March 2021.", None)
    assert [t.value for t in times] == ["XXXX-08-06", "2021-03-12"]


def test_lexicon_is_data() -> None:
    lx = lexicon()
    assert lx.months["august"] == 8 and lx.weekdays["wednesday"] == 2
    assert lx.parts_of_day["overnight"] == "NI"
