"""The story's context, read the way a reader does: nearby names count more than names paragraphs away,
a name does not vote for itself, and the cues around a name (a division word, a list, "the X region",
"Central and South America", "X in <area of another country>") say what kind of place it is."""

from __future__ import annotations

import re

import pytest

from eventwire.knowledge.gazetteer import Gazetteer, get_gazetteer
from eventwire.knowledge.gazetteer.context import span_context
from eventwire.records import Place
from eventwire.resolve.geo import resolve_spans

_FILLER = ("Officials said the number of cases had risen over the week and that clinics were stretched. "
           "Health workers asked people to stay at home and to wash their hands often. ") * 4


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return get_gazetteer()


def _resolve_all(text: str, *names: str) -> dict[str, list[Place | None]]:
    """Every mention of each name, resolved together, in text order."""
    spans = sorted((m.start(), m.end(), name) for name in names
                   for m in re.finditer(rf"\b{re.escape(name)}\b", text))
    places = resolve_spans(text, [(s, e) for s, e, _ in spans])
    out: dict[str, list[Place | None]] = {name: [] for name in names}
    for (_s, _e, name), p in zip(spans, places, strict=True):
        out[name].append(p)
    return out


def _id(gaz: Gazetteer, name: str, cc: str, level: str) -> int:
    """The most populous place of that name, country and level."""
    return max((c.row for c in gaz.candidates(name)
                if c.kind == 0 and c.row.country_code == cc and c.row.level == level),
               key=lambda r: r.population).geonameid


def test_a_round_up_story_reads_each_paragraph_in_its_own_country() -> None:
    # Rio Grande do Sul (Brazil) has a Santiago, New South Wales a Toronto; paragraphs later, the story
    # is in Chile and in Canada.
    text = ("Brazil reported 40 new cases, most of them in Rio Grande do Sul and Santa Catarina. "
            "In Australia, New South Wales closed two schools. " + _FILLER +
            "Chile has confirmed 393 cases. The Institute of Public Health in Santiago said more were likely. "
            + _FILLER + "Canada said two travellers who had flown in from Toronto were being treated.")
    got = _resolve_all(text, "Brazil", "Rio Grande do Sul", "Santa Catarina", "Australia", "New South Wales",
                       "Chile", "Santiago", "Canada", "Toronto")
    (santiago,), (toronto,) = got["Santiago"], got["Toronto"]
    assert santiago is not None and santiago.country_code == "CL"
    assert toronto is not None and toronto.country_code == "CA"


def test_a_name_with_its_state_tells_the_bare_mentions_which_one(gaz: Gazetteer) -> None:
    text = ("A girl from Buffalo, New York, died on Saturday. " + _FILLER +
            "Harden was a pupil at a school in Buffalo. The Buffalo school district closed for a day.")
    got = _resolve_all(text, "Buffalo", "New York")
    buffalo_ny = _id(gaz, "Buffalo", "US", "populated_place")
    assert all(p is not None and p.admin1 == "NY" for p in got["Buffalo"])
    assert {p.geonameid for p in got["Buffalo"] if p} == {buffalo_ny}


def test_a_repeated_name_does_not_outvote_the_places_beside_it() -> None:
    # Three bare "Dublin"s would once vote for their own first guess; the Ohio names beside them decide.
    text = ("Dublin council met on Monday. Dublin will open a new park next to Columbus, Ohio, in May. "
            "The Dublin mayor said Franklin County would share the cost.")
    got = _resolve_all(text, "Dublin", "Columbus", "Ohio")
    assert all(p is not None and p.country_code == "US" and p.admin1 == "OH" for p in got["Dublin"])


def test_a_division_word_beside_the_name_names_its_level() -> None:
    start = "Patients will go to other hospitals in the province of Ontario.".index("Ontario")
    ctx = span_context("Patients will go to other hospitals in the province of Ontario.", start, start + 7)
    assert ctx.hint == "region" and ctx.level == "admin1"
    text = "Patients will go to other hospitals in the province of Ontario, near Buffalo, New York."
    got = _resolve_all(text, "Ontario", "Buffalo", "New York")
    (ontario,) = got["Ontario"]
    assert ontario is not None and ontario.level == "admin1" and ontario.country_code == "CA"


def test_a_list_with_counts_between_its_members_is_still_a_list() -> None:
    text = ("Cases: three in British Columbia, two in Nova Scotia, twelve in Ontario, eight in Alberta, "
            "one in New Brunswick, and one in Quebec.")
    got = _resolve_all(text, "British Columbia", "Nova Scotia", "Ontario", "Alberta", "New Brunswick", "Quebec")
    (quebec,) = got["Quebec"]
    assert quebec is not None and quebec.level == "admin1" and quebec.country_code == "CA"


def test_the_region_of_a_big_city_is_around_the_city(gaz: Gazetteer) -> None:
    text = "There have been nine cases of West Nile virus in the Houston region this year, Texas officials said."
    got = _resolve_all(text, "Houston", "Texas")
    (houston,) = got["Houston"]
    assert houston is not None and houston.level == "populated_place"
    assert houston.geonameid == _id(gaz, "Houston", "US", "populated_place") and houston.precision == 2


def test_the_region_of_a_city_in_its_namesake_oblast_stays_the_oblast() -> None:
    text = "Ukrainian troops pushed into the Kursk region, Russian officials said."
    got = _resolve_all(text, "Kursk")
    (kursk,) = got["Kursk"]
    assert kursk is not None and kursk.level == "admin1" and kursk.precision == 3


def test_a_direction_word_shares_the_head_of_the_name_it_is_coordinated_with(gaz: Gazetteer) -> None:
    text = "Many species in the jungles of Central and South America are undocumented."
    got = _resolve_all(text, "Central", "South America")
    (central,) = got["Central"]
    assert central is not None and central.name == "Central"
    assert central.geonameid == next(c.row.geonameid for c in gaz.candidates("Central America") if c.kind == 0)
    text = "Officials in North and South Korea met."
    (north,) = _resolve_all(text, "North")["North"]
    assert north is not None and north.country_code == "KP"


def test_a_respelling_in_another_country_gives_way_to_the_area_written_after_in(gaz: Gazetteer) -> None:
    # "Kalam" matches only India's Kallam by spelling; the text puts it in Pakistan's Swat Valley.
    assert all(c.kind >= 1 for c in gaz.candidates("Kalam"))
    text = "Helicopters landed in the tourist town of Kalam in the Swat Valley, north-west Pakistan."
    got = _resolve_all(text, "Kalam", "Pakistan")
    (kalam,) = got["Kalam"]
    assert kalam is not None and kalam.country_code == "PK" and kalam.precision >= 2


def test_a_wide_area_takes_the_region_word(gaz: Gazetteer) -> None:
    text = "El Nino is a change in the atmosphere and ocean of the tropical Pacific region."
    (pacific,) = _resolve_all(text, "Pacific")["Pacific"]
    assert pacific is not None and pacific.feature_code == "OCN"


def test_a_state_of_millions_over_the_village_named_after_it() -> None:
    text = "Letters were sent to politicians in Washington DC and to the media in New York City and Florida."
    got = _resolve_all(text, "Washington DC", "New York City", "Florida")
    (florida,) = got["Florida"]
    assert florida is not None and florida.level == "admin1" and florida.admin1 == "FL"


def test_a_village_with_its_state_still_wins() -> None:
    text = "The fire broke out in Florida, New York, a village in Orange County."
    got = _resolve_all(text, "Florida", "New York")
    (florida,) = got["Florida"]
    assert florida is not None and florida.level == "populated_place" and florida.admin1 == "NY"


def test_a_list_after_a_comma_is_no_container() -> None:
    text = "The virus was found in three areas in Egypt, namely Cairo, Giza, and Al-Minya."
    start = text.index("Giza")
    assert not span_context(text, start, start + 4).contained_in_place
    got = _resolve_all(text, "Egypt", "Cairo", "Giza", "Al-Minya")
    (giza,) = got["Giza"]
    assert giza is not None and giza.level == "populated_place"


def test_a_demonym_given_as_a_place_is_its_country_before_a_small_town_named_so(gaz: Gazetteer) -> None:
    assert any(c.kind == 0 and c.row.level == "populated_place" for c in gaz.candidates("Canadian"))  # Texas
    text = "Police in Lincoln, Nebraska said a caller asked the man for fees on his Canadian lottery winnings."
    got = _resolve_all(text, "Lincoln", "Nebraska", "Canadian")
    (canadian,) = got["Canadian"]
    assert canadian is not None and canadian.level == "country" and canadian.country_code == "CA"


@pytest.mark.parametrize(("text", "name", "cc", "level"), [
    ("Shelling hit the South Ossetian capital overnight.", "South Ossetian", "GE", "other"),
    ("Abkhaz officials closed the border.", "Abkhaz", "GE", "admin1"),
    ("Many Ontarians lost power in the storm.", "Ontarians", "CA", "admin1"),
    ("Dagestani police raided a house.", "Dagestani", "RU", "admin1"),
    ("European ministers met in Brussels.", "European", None, "other"),
])
def test_a_region_named_by_its_peoples_word(text: str, name: str, cc: str | None, level: str) -> None:
    from eventwire.knowledge.gazetteer.demonyms import region_demonym

    assert region_demonym(name) is not None
    (p,) = _resolve_all(text, name)[name]
    assert p is not None and p.country_code == cc and p.level == level


def test_region_demonyms_name_places_in_the_gazetteer(gaz: Gazetteer) -> None:
    # the data file's places are all findable names (a typo there would silently resolve nothing)
    from eventwire.knowledge.gazetteer.demonyms import region_demonyms

    missing = sorted({place for place in region_demonyms().values() if not gaz.candidates(place)})
    assert missing == []


def test_states_of_one_name_gain_alike_over_villages() -> None:
    # both Punjabs are states of millions: the story's country decides between them
    text = "Floods hit Punjab, officials in Lahore said, and Pakistan asked for aid."
    (punjab,) = _resolve_all(text, "Punjab", "Lahore", "Pakistan")["Punjab"]
    assert punjab is not None and punjab.country_code == "PK" and punjab.level == "admin1"
    text = "Floods hit Punjab, officials in Chandigarh said, and India asked for aid."
    (punjab,) = _resolve_all(text, "Punjab", "Chandigarh", "India")["Punjab"]
    assert punjab is not None and punjab.country_code == "IN" and punjab.level == "admin1"


def test_a_country_inside_a_list_is_no_container() -> None:
    text = "The Texas museum thanked volunteers from Crockett, Palestine and Houston."
    got = _resolve_all(text, "Texas", "Crockett", "Palestine", "Houston")
    (crockett,) = got["Crockett"]
    assert crockett is not None and crockett.country_code == "US" and crockett.level == "populated_place"
    # a country closing the phrase still contains the town
    text = "Settlers clashed with residents in Hebron, Palestine, on Friday."
    (hebron,) = _resolve_all(text, "Hebron", "Palestine")["Hebron"]
    assert hebron is not None and hebron.country_code == "PS"


def test_a_sea_written_after_in_is_no_division() -> None:
    # Sudan has a Red Sea State; "in the Red Sea" is the sea, and a sea holds no town
    text = "A Houthi drone struck a ship near Hodeidah in the Red Sea."
    got = _resolve_all(text, "Hodeidah", "Red Sea")
    (hodeidah,), (sea,) = got["Hodeidah"], got["Red Sea"]
    assert hodeidah is not None and hodeidah.country_code == "YE" and hodeidah.precision == 2
    assert sea is not None and sea.feature_code == "SEA"


def test_conflict_towns_the_model_misreads_are_found_and_placed() -> None:
    from eventwire.resolve.geo import geocode

    for text, name, cc in [("Israeli strikes hit Khan Younis in southern Gaza.", "Khan Younis", "PS"),
                           ("The army retook Wad Madani in Gezira state.", "Wad Madani", "SD")]:
        places = {p.name: p for p in geocode(text) if p is not None}
        assert name in places and places[name].country_code == cc, (text, places)
