"""The actor dictionary: demonym + role patterns, named actors, ACLED names."""

from __future__ import annotations

import pycountry
import pytest

from eventwire.knowledge.actors import acled_state_name, dictionary, lookup_actor, match_actor


@pytest.mark.parametrize(
    ("text", "country", "sector"),
    [
        ("Ukrainian forces", "UKR", "MIL"),
        ("Russian servicemen", "RUS", "MIL"),
        ("the Kremlin", "RUS", "GOV"),
        ("Kyiv", "UKR", "GOV"),
        ("Moscow residents", "RUS", "CVL"),
        ("Sudanese police", "SDN", "COP"),
        ("Congolese rebels", "COD", "REB"),
        ("Israeli troops", "ISR", "MIL"),
        ("the Nigerian army", "NGA", "MIL"),
        ("Houthi rebels", "YEM", "REB"),
        ("Hezbollah", "LBN", "REB"),
        ("Ukraine's defence ministry", "UKR", "MIL"),
        ("Lebanese civilians", "LBN", "CVL"),
        ("Syrian government", "SYR", "GOV"),
        ("President Vladimir Putin", "RUS", "GOV"),
        ("Turkish riot police", "TUR", "COP"),
    ],
)
def test_demonym_role_patterns(text: str, country: str, sector: str) -> None:
    actor = lookup_actor(text)
    assert actor is not None
    assert (actor.country, actor.sector) == (country, sector)


def test_acled_style_names() -> None:
    actor = lookup_actor("Ukrainian forces")
    assert actor is not None and actor.name == "Military Forces of Ukraine (2019-)"
    assert actor.acled_type == "State forces" and actor.inter_code == 1
    assert acled_state_name("RUS") == "Military Forces of Russia (2000-)"
    civ = lookup_actor("Moscow residents")
    assert civ is not None and civ.acled_type == "Civilians" and civ.inter_code == 7


def test_every_country_has_a_name_pattern() -> None:
    d = dictionary()
    codes = {code for code, _ in d.country_terms.values()}
    missing = [c.alpha_3 for c in pycountry.countries if c.alpha_3 not in codes]
    assert missing == []


def test_acronyms_are_case_sensitive_and_nothing_is_found_in_plain_words() -> None:
    assert lookup_actor("is") is None
    assert lookup_actor("who") is None
    islamic = lookup_actor("IS")
    assert islamic is not None and islamic.sector == "REB"


def test_pro_country_is_not_that_country() -> None:
    actor = lookup_actor("pro-Russian separatists")
    assert actor is not None and actor.sector == "REB" and actor.country != "RUS"


@pytest.mark.parametrize(
    ("text", "country", "sector", "name"),
    [
        ("Serbian military police", "SRB", "MIL", None),  # military police are the military
        ("Malian security forces", "MLI", "MIL", "Military Forces of Mali (2021-)"),  # ACLED's state forces
        ("Mexican border police", "MEX", "COP", None),
        ("two British aid groups", "GBR", "MED", "Aid Workers (the United Kingdom)"),
        ("Israeli settlers", "ISR", "CVL", "Settlers (Israel)"),
        ("LNA forces", "LBY", "MIL", "Libyan National Army"),
        ("Popular Mobilization Forces fighters", "IRQ", "PRM", "Popular Mobilization Forces"),
        ("the ELN", "COL", "REB", "ELN"),
        ("President Tebboune", "DZA", "GOV", "Abdelmadjid Tebboune"),
    ],
)
def test_roles_and_named_actors_of_current_wars(text: str, country: str, sector: str, name: str | None) -> None:
    actor = lookup_actor(text)
    assert actor is not None
    assert (actor.country, actor.sector) == (country, sector)
    if name is not None:
        assert actor.name == name


def test_mixed_case_aliases_do_not_match_plain_words() -> None:
    assert lookup_actor("Let us know") is None
    assert lookup_actor("the abbreviation") is None


def test_state_actors_take_the_regime_period_of_the_event_date() -> None:
    from datetime import date

    from eventwire.knowledge.actors import acled_state_name, regime_period, state_name_on

    now = acled_state_name("USA", "MIL")
    assert now == "Military Forces of the United States (2025-)"
    assert state_name_on(now, "USA", date(2020, 1, 3)) == "Military Forces of the United States (2017-2021)"
    assert state_name_on(now, "USA", date(2025, 3, 1)) == now
    assert regime_period("UKR", date(2015, 2, 1)) == "(2014-2019)"
    assert regime_period("RUS", date(2015, 2, 1)) == "(2000-)"  # one period: always it
    assert regime_period("TCD") == ""  # no period known
    assert state_name_on("Civilians (Ukraine)", "UKR", date(2015, 2, 1)) == "Civilians (Ukraine)"


def test_a_role_word_inside_a_name_is_not_its_arm() -> None:
    eu = match_actor("The European Union")  # "Union" is part of the name, no labour union
    assert eu is not None and eu.country == "EUR" and eu.sector == "GOV"
    arm = match_actor("United Nations peacekeepers")  # a role word after the name is the body's arm
    assert arm is not None and arm.country == "UNO" and arm.sector == "MIL"


def test_a_title_before_a_known_person_says_in_which_capacity() -> None:
    party = match_actor("the party's leader Mahmoud Abbas")
    assert party is not None and party.country == "PSE" and party.sector == "PTY"
    office = match_actor("Palestinian President Mahmoud Abbas")
    assert office is not None and office.sector == "GOV"
    clerks = match_actor("the hospital administrators")  # members of the hospital, not officials of a state
    assert clerks is not None and clerks.sector == "MED"
    officials = match_actor("the Palestinian administrators")
    assert officials is not None and officials.sector == "GOV"


@pytest.mark.parametrize(("phrase", "sector"), [
    ("the Taliban religious faction", "REB"),  # a faction named after the name: the armed group
    ("rival factions", "REB"),
    ("a faction of the ruling party", "PTY"),  # a faction of a party is the party's
    ("two opposition newspapers", "JRN"),
    ("independent news websites", "JRN"),
])
def test_factions_and_media(phrase: str, sector: str) -> None:
    found = match_actor(phrase)
    assert found is not None and found.sector == sector, (phrase, found)


def test_a_bare_website_is_no_media_outlet() -> None:
    found = match_actor("the websites of three airports")
    assert found is None or found.sector != "JRN"
