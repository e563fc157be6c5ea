"""Whole-pipeline behaviour on stories of our own: a toll told in the sentence after its event is
that event's toll, and civilians hit whose words name no country are the people of the place."""

from __future__ import annotations

import pytest

from eventwire.pipeline import extract
from eventwire.records import Event


def _occurred(text: str) -> list[Event]:
    return [e for e in extract(text, published="2024-09-11").events if e.modality == "occurred"]


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("Russian forces shelled the town of Kupiansk on Tuesday. Three civilians were killed and 12 others "
         "were injured.", 3),
        ("A missile hit an apartment block in Dnipro on Monday. Four people were killed and 20 wounded, "
         "the governor said.", 4),
        ("On 2 May 2024, militants attacked an army post near Gao. Five soldiers were killed.", 5),
    ],
)
def test_a_toll_in_the_next_sentence_joins_its_event(text: str, killed: int) -> None:
    events = _occurred(text)
    assert len(events) == 1, [(e.acled, e.rule) for e in events]
    assert events[0].fatalities is not None and events[0].fatalities.low == killed
    assert events[0].when is not None and events[0].when.start is not None


def test_a_killing_with_its_own_place_stays_an_event_of_its_own() -> None:
    events = _occurred("Russian forces shelled Kherson on Monday. Separately, two soldiers were killed in Donetsk.")
    assert len(events) == 2
    assert {e.place.name for e in events if e.place} == {"Kherson", "Donetsk"}


@pytest.mark.parametrize(
    ("text", "victims"),
    [
        ("Russian forces shelled the city of Kupiansk on Tuesday, killing at least three civilians.", "UKR"),
        ("Israeli strikes on Gaza killed 30 Palestinians, health officials said.", "PSE"),
        ("Russian drones hit Belgorod, killing two civilians.", "RUS"),
    ],
)
def test_civilians_hit_are_the_people_of_the_place_unless_named(text: str, victims: str) -> None:
    [event] = _occurred(text)
    assert event.actor2 is not None and event.actor2.sector == "CVL"
    assert event.actor2.country == victims
