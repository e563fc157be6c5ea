"""`resolve_when` on hand-built records: explicit, relative, since-ranges, ranges, background
clauses, carried dates, the publication fallback and stories with no anchor; and the seed."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.ingest import make_article
from eventwire.nlp.timex import tag_times
from eventwire.records import Event, Extraction, Span
from eventwire.resolve.when import interval, resolve_when


def _extraction(text: str, published: str | None, events: list[tuple[str, str, int, str]]) -> Extraction:
    """events: (id, trigger word, occurrence, modality); the sentence is found around the trigger."""
    article = make_article(text, published=published)
    evs = []
    for eid, trigger, nth, modality in events:
        starts = [m.start() for m in re.finditer(re.escape(trigger), text)]
        t = starts[nth]
        dot = text.rfind(". ", 0, t)
        s0 = max(dot + 2 if dot >= 0 else 0, text.rfind("\n", 0, t) + 1)
        ends = [i for i in (text.find(". ", t), text.find("\n", t)) if i >= 0]
        s1 = min(ends) + 1 if ends else len(text)
        evs.append(Event(id=eid, trigger=Span.of(text, t, t + len(trigger)), sentence=Span.of(text, s0, s1),
                         modality=modality))  # type: ignore[arg-type]
    return Extraction(id="t", article=article, times=tag_times(text, published), events=evs)


def _when(x: Extraction, eid: str):  # type: ignore[no-untyped-def]
    return next(e.when for e in resolve_when(x).events if e.id == eid)


def test_relative_weekday_is_a_day() -> None:
    x = _extraction("Missiles struck Kharkiv on Monday.", "2024-08-14", [("e", "struck", 0, "occurred")])
    w = _when(x, "e")
    assert (w.start, w.end, w.precision, w.acled_time_precision, w.basis) == (
        date(2024, 8, 12), date(2024, 8, 12), "day", 1, "relative")
    assert w.span is not None and w.span.text == "Monday" and w.value == "2024-08-12"


def test_adjective_reference_dates_no_event() -> None:
    # "current" is tagged (TimeML PRESENT_REF) but describes the offensive, not the day of the strike
    x = _extraction("Drones struck the current front line.", "2024-08-14", [("e", "struck", 0, "occurred")])
    assert any(t.value == "PRESENT_REF" for t in x.times)
    w = _when(x, "e")
    assert (w.basis, w.precision) == ("publication", "unknown")


def test_explicit_month_is_a_month_range() -> None:
    x = _extraction("Rebels seized the town in March 2023.", "2024-08-14", [("e", "seized", 0, "occurred")])
    w = _when(x, "e")
    assert (w.start, w.end, w.precision, w.acled_time_precision, w.basis) == (
        date(2023, 3, 1), date(2023, 3, 31), "month", 3, "explicit")


def test_since_opens_a_range_to_publication() -> None:
    x = _extraction("Since launching the offensive on August 6, troops have captured dozens of villages.",
                    "2024-08-14", [("e", "captured", 0, "occurred")])
    w = _when(x, "e")
    assert (w.start, w.end, w.precision) == (date(2024, 8, 6), date(2024, 8, 14), "day")


def test_background_since_clause_gives_way_to_the_events_own_time() -> None:
    text = ("Drones targeted four airfields overnight in the largest attack since the invasion began "
            "in February 2022.")
    x = _extraction(text, "2024-08-14", [("e", "targeted", 0, "occurred"), ("bg", "invasion", 0, "background")])
    assert _when(x, "e").start == date(2024, 8, 13)
    assert _when(x, "bg").value == "2022-02"  # the background event keeps its own date


def test_between_days_is_one_range() -> None:
    x = _extraction("Shelling killed nine people between 12 and 14 August.", "2024-08-20",
                    [("e", "Shelling", 0, "occurred")])
    w = _when(x, "e")
    assert (w.start, w.end) == (date(2024, 8, 12), date(2024, 8, 14))


@pytest.mark.parametrize(("phrase", "start", "precision"), [
    ("in the past 24 hours", date(2024, 8, 14), "day"),
    ("over the past week", date(2024, 8, 8), "week"),
    ("over the last two weeks", date(2024, 8, 1), "month"),
])
def test_the_past_stretch_ends_at_publication(phrase: str, start: date, precision: str) -> None:
    x = _extraction(f"Shelling killed 20 civilians {phrase}.", "2024-08-14", [("e", "Shelling", 0, "occurred")])
    w = _when(x, "e")
    assert (w.start, w.end, w.precision, w.basis) == (start, date(2024, 8, 14), precision, "relative")


def test_a_duration_alone_is_not_a_date() -> None:
    x = _extraction("The siege lasted three months.", "2024-08-14", [("e", "siege", 0, "occurred")])
    assert _when(x, "e").basis == "publication"


def test_a_dateline_date_never_dates_an_event() -> None:
    text = "KYIV, Aug 14 (Reuters) - The governor declared a state of emergency."
    x = _extraction(text, "2024-08-14", [("s", "declared", 0, "occurred")])
    assert [t.span.text for t in x.times] == ["Aug 14"]
    assert _when(x, "s").basis == "publication"


def test_nearest_time_to_the_trigger_wins() -> None:
    text = "After talks on Monday failed, artillery pounded the city on Wednesday."
    x = _extraction(text, "2024-08-14", [("e", "pounded", 0, "occurred")])
    assert _when(x, "e").start == date(2024, 8, 14)


def test_carried_from_the_sentence_before_in_the_same_paragraph() -> None:
    text = "Gunmen attacked a checkpoint on Tuesday. The attack killed three soldiers."
    x = _extraction(text, "2024-08-14", [("a", "attacked", 0, "occurred"), ("k", "killed", 0, "occurred")])
    w = _when(x, "k")
    assert (w.start, w.basis) == (date(2024, 8, 13), "carried")


def test_new_paragraph_is_not_carried_and_says_publication() -> None:
    text = "Gunmen attacked a checkpoint on Tuesday.\nThe governor declared a state of emergency."
    x = _extraction(text, "2024-08-14", [("a", "attacked", 0, "occurred"), ("s", "declared", 0, "occurred")])
    w = _when(x, "s")
    assert (w.basis, w.precision, w.start, w.acled_time_precision) == ("publication", "unknown",
                                                                       date(2024, 8, 14), 3)


def test_no_anchor_and_no_absolute_date_is_unresolved() -> None:
    x = _extraction("Gunmen attacked a checkpoint on Tuesday.", None, [("a", "attacked", 0, "occurred")])
    w = _when(x, "a")
    assert (w.basis, w.start, w.end) == ("unresolved", None, None)


def test_no_anchor_but_absolute_date_resolves() -> None:
    x = _extraction("Gunmen attacked a checkpoint on 3 May 2021.", None, [("a", "attacked", 0, "occurred")])
    w = _when(x, "a")
    assert (w.basis, w.start) == ("explicit", date(2021, 5, 3))


@pytest.mark.parametrize(("value", "mod", "expected"), [
    ("2024-08-14", None, (date(2024, 8, 14), date(2024, 8, 14), "day")),
    ("2024-08-13TNI", None, (date(2024, 8, 13), date(2024, 8, 13), "day")),
    ("2024-W33", None, (date(2024, 8, 12), date(2024, 8, 18), "week")),
    ("2024-W33-WE", None, (date(2024, 8, 17), date(2024, 8, 18), "week")),
    ("2024-08", None, (date(2024, 8, 1), date(2024, 8, 31), "month")),
    ("2024-08", "START", (date(2024, 8, 1), date(2024, 8, 10), "month")),
    ("2024-Q3", None, (date(2024, 7, 1), date(2024, 9, 30), "month")),
    ("2023-WI", None, (date(2023, 12, 1), date(2024, 2, 29), "month")),
    ("2023", "END", (date(2023, 9, 1), date(2023, 12, 31), "year")),
    ("2024-08", "MID", (date(2024, 8, 11), date(2024, 8, 20), "month")),
    ("199", None, (date(1990, 1, 1), date(1999, 12, 31), "year")),
])
def test_interval(value: str, mod: str | None, expected: tuple[date, date, str]) -> None:
    iv = interval(value, mod)
    assert iv is not None and (iv.start, iv.end, iv.precision) == expected


@pytest.mark.parametrize("value", ["XXXX-08-06", "XXXX-XX-XX", "PAST_REF", "P2D", None])
def test_interval_of_unknown_is_none(value: str | None) -> None:
    assert interval(value) is None


@settings(max_examples=100, deadline=None)
@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2040, 12, 31)))
def test_interval_of_any_day_value_is_that_day(d: date) -> None:
    for value in (d.isoformat(), f"{d.isoformat()}TMO", f"{d.year:04d}-{d.month:02d}", f"{d.year:04d}"):
        iv = interval(value)
        assert iv is not None and iv.start <= d <= iv.end


def test_seed_event_dates(shared_data: Path) -> None:
    """The seed's dated events, with hand-built events (the events layer is tested elsewhere)."""
    text = (shared_data / "seed" / "kursk-incursion.txt").read_text(encoding="utf-8")
    expected = yaml.safe_load((shared_data / "seed" / "expected.yaml").read_text(encoding="utf-8"))
    article = make_article(text, published="2024-08-14")
    times = tag_times(text, "2024-08-14")
    triggers = {"strikes-on-russian-regions": "pounded", "incursion-captures-settlements": "capturing",
                "advance-1-2-km": "moved", "belgorod-state-of-emergency": "state of emergency",
                "airfield-drone-strikes": "targeted"}
    events = []
    for item in expected["events"]:
        if item["id"] not in triggers:
            continue
        s0 = item["sentence_start"]
        t = text.index(triggers[item["id"]], s0)
        end = re.search(r"[.!?][”\"]?(\s|$)", text[t:])
        s1 = t + (end.end() if end else len(text) - t)
        events.append(Event(id=item["id"], trigger=Span.of(text, t, t + len(triggers[item["id"]])),
                            sentence=Span.of(text, s0, s1)))
    bg = text.index("invasion", 1109)
    events.append(Event(id="bg", trigger=Span.of(text, bg, bg + 8), sentence=events[-1].sentence,
                        modality="background"))
    x = resolve_when(Extraction(id="seed", article=article, times=times, events=events))
    got = {e.id: e.when for e in x.events}
    for item in expected["events"]:
        if item["id"] not in triggers:
            continue
        want = item.get("when", {})
        w = got[item["id"]]
        if "start" in want:
            assert w.start is not None and w.start.isoformat() == str(want["start"]), item["id"]
        if "accept_start" in want:
            assert w.start is not None and w.start.isoformat() in [str(v) for v in want["accept_start"]]
        if "precision" in want:
            assert w.precision == want["precision"], item["id"]
        if "basis" in want:
            assert w.basis == want["basis"], item["id"]
    assert got["incursion-captures-settlements"].end == date(2024, 8, 14)
    assert got["bg"].value == "2022-02"
