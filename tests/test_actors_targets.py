"""Actor coding on sentences: titles, a body's arm, former leaders, and who the target is
(object and prepositional positions, owners, places as their people, passive patients)."""

from __future__ import annotations

import pytest

from eventwire.classify import snippet_events
from eventwire.knowledge.actors import lookup_actor
from eventwire.records import Event


@pytest.mark.parametrize(
    ("text", "country", "sector"),
    [
        ("British Foreign Secretary Jane Doe", "GBR", "GOV"),  # a title word gives the sector
        ("Lt. Gen. Samuel Okafor", None, "MIL"),
        ("Archbishop Peter Lindqvist", None, "REL"),
        ("United Nations peacekeepers", "UNO", "MIL"),  # a body's armed arm
        ("Russian peacekeepers", "RUS", "MIL"),  # a role word some body answers to, with a country
        ("former president Carlos Menem", "ARG", "ELI"),  # a former head of state is an elite
        ("President Obama", "USA", "GOV"),
        ("Algerian landowners", "DZA", "AGR"),
        ("Kenyan detainees", "KEN", "CVL"),
        ("Cairo's police chief", "EGY", "COP"),
    ],
)
def test_titles_arms_and_former_leaders(text: str, country: str | None, sector: str) -> None:
    actor = lookup_actor(text)
    assert actor is not None
    assert (actor.country, actor.sector) == (country, sector)


def _main(text: str) -> Event:
    [(_, _, events)] = list(snippet_events([(0, text)]))
    occurred = [e for e in events if e.modality == "occurred"] or events
    assert occurred, text
    return occurred[0]


@pytest.mark.parametrize(
    ("text", "country", "sector"),
    [
        # object and prepositional positions
        ("The Polish president held talks with Canadian diplomats in Warsaw on Monday.", "CAN", "GOV"),
        ("Japan imposed new sanctions on North Korea on Friday.", "PRK", None),
        # what actor 1 gives is not its target ("its troops"), the recipient is
        ("Chad has offered its troops to Niger, the foreign ministry said.", "NER", None),
        # a non-actor target belongs to its owner
        ("Government artillery shelled positions of the Kenyan police near the border.", "KEN", "COP"),
        # a town as the target of force is its people
        ("Soldiers imposed a curfew in Mombasa after the unrest.", "KEN", "CVL"),
    ],
)
def test_target_actor(text: str, country: str, sector: str | None) -> None:
    e = _main(text)
    assert e.actor2 is not None, text
    assert e.actor2.country == country
    if sector is not None:
        assert e.actor2.sector == sector


def test_patient_of_a_passive_is_never_actor1() -> None:
    e = _main("Three Kenyan soldiers were killed by a roadside bomb near the border.")
    assert e.actor1 is None or e.actor1.country != "KEN" or e.actor1.sector != "MIL"


def test_ethnic_group_takes_the_country_it_lives_in() -> None:
    e = _main("Ethnic Hungarians demonstrated in Romania on Sunday against the new language law.")
    assert e.actor1 is not None and e.actor1.country == "ROU"


def test_reporter_is_not_the_target() -> None:
    e = _main("Rebels attacked a convoy on the main road, Malian officials said.")
    assert e.actor2 is None or e.actor2.country != "MLI"


def test_unknown_person_takes_what_the_appositive_says() -> None:
    e = _main("Amara Diallo, Guinea's best-known rights activist, began a hunger strike in prison on Monday.")
    assert e.actor1 is not None and (e.actor1.country, e.actor1.sector) == ("GIN", "OPP")


def test_a_bombing_nobody_is_named_for_is_an_unidentified_armed_group_of_the_place() -> None:
    e = _main("A roadside bomb near the town of Kandahar killed two soldiers on Sunday.")
    assert e.actor1 is not None
    assert (e.actor1.country, e.actor1.sector, e.actor1.acled_type) == ("AFG", "UAF", "Political militia")
    assert e.actor1.name == "Unidentified Armed Group (Afghanistan)"


def test_who_was_killed_is_not_actor1() -> None:
    e = _main("A Kenyan journalist has been killed in a car bomb explosion in Nairobi.")
    assert e.actor1 is None or e.actor1.sector != "JRN"
