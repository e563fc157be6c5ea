"""The trigger layer's arguments on parsed sentences of our own: which phrase is the object or the
recipient of a trigger (conjoined verbs with their own arguments, "up to N", a munition fired at a
target, where what moves is sent)."""

from __future__ import annotations

import pytest

from eventwire.classify import snippet_events
from eventwire.records import Event


def _events(text: str) -> list[Event]:
    [(_, _, events)] = list(snippet_events([(0, text)]))
    return events


def _main(text: str) -> Event:
    events = _events(text)
    occurred = [e for e in events if e.modality == "occurred"] or events
    assert occurred, text
    return occurred[0]


@pytest.mark.parametrize(
    ("text", "country", "sector"),
    [
        # the second verb's object is not the first verb's when the first has its own arguments
        ("Gunmen abducted four Kenyan civilians from a building site and burned two trucks on Monday.",
         "KEN", "CVL"),
        ("Militants seized nine Nigerian fishermen off the coast and set fire to their boats.", "NGA", "AGR"),
        ("Militants fired on a Kenyan police convoy and torched two trucks near the border.", "KEN", "COP"),
        ("Gunmen abducted six Malian civilians near a market and detonated two bombs in the town.", "MLI", "CVL"),
        # "up to N people" parsed as a particle and a prepositional phrase is still the object
        ("Rebels kidnapped up to 20 Chadian traders from a market and planted bombs in the town.", "TCD", "BUS"),
    ],
)
def test_conjoined_verbs_keep_their_own_objects(text: str, country: str, sector: str) -> None:
    e = _main(text)
    assert e.actor2 is not None, text
    assert (e.actor2.country, e.actor2.sector) == (country, sector)


def test_shared_object_of_bare_conjoined_verbs_is_kept() -> None:
    e = _main("Soldiers shot and killed a Kenyan protester in the capital.")
    assert e.actor2 is not None
    assert (e.actor2.country, e.actor2.sector) == ("KEN", "CVL")


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        ("Government troops launched mortar and rocket fire against rebel camps in the hills on Sunday.", "REB"),
        ("Army units fired artillery shells at rebel positions near the border overnight.", "REB"),
    ],
)
def test_a_fired_munition_is_no_target(text: str, sector: str) -> None:
    e = _main(text)
    assert e.actor2 is not None, text
    assert e.actor2.sector == sector
    assert "fire" not in e.actor2.text and "shells" not in e.actor2.text


def test_where_what_moves_is_sent_is_the_target() -> None:
    e = _main("Kenya has refused to send peacekeepers to Somalia despite requests from its allies.")
    assert e.actor2 is not None
    assert e.actor2.country == "SOM"


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        # a spoken noun's "that" clause is reported by whoever issued it, to whom it was addressed
        ("The Kenyan president sent a message to Somalia that it must return the seized ships.", "KEN", "SOM"),
        ("Germany issued a stern reminder to Serbia on Friday that it must cooperate with the tribunal.",
         "DEU", "SRB"),
    ],
)
def test_a_spoken_noun_names_speaker_and_addressee(text: str, source: str, target: str) -> None:
    e = _main(text)
    assert e.plover is not None and e.plover.type == "REQUEST", text
    assert e.actor1 is not None and e.actor2 is not None, text
    assert (e.actor1.country, e.actor2.country) == (source, target)


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("The Polish senate demanded a formal apology by Moscow for the wartime deportations.", "RUS"),
        ("Opposition leaders welcomed the decision by Ghana to reopen its border crossings.", "GHA"),
    ],
)
def test_whose_act_the_object_is_is_the_target(text: str, target: str) -> None:
    e = _main(text)
    assert e.actor2 is not None, text
    assert e.actor2.country == target


def test_a_gerund_misread_as_the_objects_head_gives_way_to_the_noun() -> None:
    # "a resolution censuring X" parsed with "censuring" as the head and "resolution" as its compound
    e = _main("The United States on Wednesday vetoed a Security Council resolution censuring as a violation "
              "of international law its raid on the embassy in Panama.")
    assert e.actor2 is not None
    assert e.actor2.country == "UNO" and "resolution" in e.actor2.text


def test_a_crowd_counted_in_hundreds_is_the_actor_not_the_place_opening_the_sentence() -> None:
    import eventwire

    x = eventwire.extract("In Khartoum, hundreds of residents protested against the war on Sunday.",
                          published="2024-06-03")
    protest = next(e for e in x.events if e.plover is not None and e.plover.type == "PROTEST")
    assert protest.actor1 is not None and protest.actor1.text == "hundreds of residents"
    assert protest.actor1.sector == "CVL"


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        ("Five workers were killed when gunmen attacked a copper mine in the east.", "Attack"),
        ("Two soldiers were killed when their vehicle hit a mine on the road.", "Remote explosive/landmine/IED"),
    ],
)
def test_a_mine_worked_for_copper_is_no_landmine(text: str, sub_event_type: str) -> None:
    main = _main(text)
    assert main.acled is not None and main.acled.sub_event_type == sub_event_type
