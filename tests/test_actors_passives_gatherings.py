"""Targets read through the shape of the clause: the subject of an agentless passive act, the group
that held a gathering broken up, the authorities of the place a passive arrest happened, the town a
fired weapon was aimed at. Sentences written for eventwire."""

from __future__ import annotations

import pytest

from eventwire.classify import snippet_events
from eventwire.records import Event


def _main(text: str) -> Event:
    [(_, _, events)] = list(snippet_events([(0, text)]))
    occurred = [e for e in events if e.modality == "occurred"] or events
    assert occurred, text
    return occurred[0]


@pytest.mark.parametrize(("text", "country", "sector"), [
    ("Police broke up a rally by opposition supporters in Kampala on Sunday.", None, "OPP"),
    ("Riot police dispersed a protest by teachers outside parliament.", None, "EDU"),
    ("Kenyan police prevented a march organised by students in Nairobi.", "KEN", "EDU"),
])
def test_whoever_held_the_gathering_is_the_target(text: str, country: str | None, sector: str) -> None:
    e = _main(text)
    assert e.actor2 is not None, text
    assert e.actor2.sector == sector, (text, e.actor2)
    if country is not None:
        assert e.actor2.country == country, (text, e.actor2)


def test_a_gathering_without_a_holder_stays_the_object() -> None:
    e = _main("Riot police dispersed the rally with tear gas.")
    assert e.actor2 is None or e.actor2.sector != "COP"


@pytest.mark.parametrize(("text", "source", "target"), [
    ("A Kenyan journalist was arrested in Uganda on Friday.", "UGA", "KEN"),
    ("Two British aid workers were detained in Sudan last week.", "SDN", "GBR"),
    ("A French businessman has been put under investigation in Belgium.", "BEL", "FRA"),
])
def test_an_agentless_passive_arrest(text: str, source: str, target: str) -> None:
    e = _main(text)
    assert e.actor2 is not None and e.actor2.country == target, (text, e.actor2)
    assert e.actor1 is not None and e.actor1.country == source, (text, e.actor1)


def test_a_passive_with_its_agent_keeps_the_agent() -> None:
    e = _main("A Kenyan journalist was arrested by Ugandan police on Friday.")
    assert e.actor1 is not None and e.actor1.country == "UGA" and e.actor1.sector == "COP"
    assert e.actor2 is not None and e.actor2.country == "KEN"


def test_a_stative_passive_subject_acts() -> None:
    e = _main("Norway is opposed to Swedish mediation in the fisheries dispute.")
    assert e.actor1 is not None and e.actor1.country == "NOR"


def test_a_historic_country_name() -> None:
    e = _main("Vietnamese forces shelled Kampuchean guerrilla camps near the border.")
    assert e.actor2 is not None and e.actor2.country == "KHM" and e.actor2.sector == "REB"


def test_fire_at_targets_in_a_city_hits_the_city() -> None:
    e = _main("Israeli tanks fired shells at targets in Gaza City on Monday.")
    assert e.actor2 is not None and e.actor2.country == "PSE", e.actor2


def test_whoever_gave_the_order_coerced_whom_it_was_given_to() -> None:
    e = _main("The military government ordered the independent newspaper to suspend publication.")
    assert e.actor1 is not None and e.actor1.sector == "GOV", e.actor1
    assert e.actor2 is not None and e.actor2.sector == "JRN", e.actor2
    [(_, _, events)] = list(snippet_events([(0, "The army ordered troops to attack the town at dawn.")]))
    fight = [x for x in events if x.plover and x.plover.type == "ASSAULT"]
    assert fight and fight[0].actor1 is not None and fight[0].actor1.text == "troops"  # they attack


def test_a_banned_group_is_the_target_not_what_moves() -> None:
    e = _main("The Irish government outlawed the extremist organization in Northern Ireland.")
    assert e.actor1 is not None and e.actor1.country == "IRL", e.actor1
    assert e.actor2 is not None and e.actor2.sector == "REB", e.actor2


def test_whoever_is_extradited_is_the_target() -> None:
    e = _main("Zambia extradited a suspected Somali militant to Kenya on Monday.")
    assert e.plover is not None and e.plover.type == "COOPERATE"
    assert e.actor1 is not None and e.actor1.country == "ZMB"
    assert e.actor2 is not None and (e.actor2.country, e.actor2.sector) == ("SOM", "REB"), e.actor2


@pytest.mark.parametrize(("text", "country"), [
    ("Thousands marched in Minsk in defiance of the Belarusian government.", "BLR"),
    ("Truckers blocked roads near Madrid in protest against the Spanish government on Monday.", "ESP"),
    ("Crowds gathered in Tbilisi in opposition to the Georgian government.", "GEO"),
])
def test_whom_a_protest_defies_is_its_target(text: str, country: str) -> None:
    e = _main(text)
    assert e.actor2 is not None and (e.actor2.country, e.actor2.sector) == (country, "GOV"), (text, e.actor2)


def test_a_town_the_weapons_were_aimed_at_is_its_people() -> None:
    e = _main("Militants fired rockets at targets in Sderot overnight.")  # a town of ~30,000
    assert e.actor2 is not None and (e.actor2.country, e.actor2.sector) == ("ISR", "CVL"), e.actor2


def test_offices_of_named_officials_are_theirs() -> None:
    e = _main("Settlers set fire to the offices of the Palestinian administrators.")
    assert e.actor2 is not None and (e.actor2.country, e.actor2.sector) == ("PSE", "GOV"), e.actor2
    e = _main("Rioters set fire to the offices of the government.")  # a building: whose, the text does not say
    assert e.actor2 is None or e.actor2.sector != "GOV"


@pytest.mark.parametrize(("text", "country"), [
    ("Clashes in Tripoli, the Lebanese port city, killed five people.", "LBN"),  # the sentence says which
    ("Rival militias clashed in Tripoli on Friday.", "LBY"),  # else the capital
])
def test_an_ambiguous_city_is_read_against_the_sentence(text: str, country: str) -> None:
    e = _main(text)
    assert e.actor2 is not None and e.actor2.country == country, (text, e.actor2)


def test_place_countries_lists_every_sizeable_namesake() -> None:
    from eventwire.knowledge.actors import place_countries

    assert {"LBY", "LBN"} <= place_countries("Tripoli")
    assert "USA" not in place_countries("Paris")  # Paris, Texas is too small to compete
    assert place_countries("the") == frozenset()


@pytest.mark.parametrize(("text", "sector"), [
    ("Two soldiers died on Sunday.", "MIL"),
    ("Five civilians died in the shelling of Kharkiv.", "CVL"),
    ("A detainee died in custody in Lagos on Sunday.", "CVL"),
])
def test_whoever_died_is_the_victim_not_the_attacker(text: str, sector: str) -> None:
    e = _main(text)
    assert e.actor2 is not None and e.actor2.sector == sector, (text, e.actor2)
    assert e.actor1 is None or e.actor1.sector != sector, (text, e.actor1)
