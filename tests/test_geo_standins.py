"""Names the gazetteer lacks: placed at the place the text puts them in or names them by (ACLED's
nearest known place, precision 2), never at a namesake an ocean away; and the spelling keys."""

from __future__ import annotations

import pytest

from eventwire.knowledge.gazetteer import Gazetteer, get_gazetteer
from eventwire.knowledge.gazetteer.context import part_container, part_of_name
from eventwire.knowledge.gazetteer.normalize import fold, skeleton
from eventwire.records import Place
from eventwire.resolve.geo import resolve_spans


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return get_gazetteer()


def _resolve(text: str, *names: str) -> list[Place | None]:
    spans = []
    for name in names:
        start = text.index(name)
        spans.append((start, start + len(name)))
    return resolve_spans(text, spans)


@pytest.mark.parametrize(("text", "name", "where"), [
    ("Shelling hit Zirkivka-Nyzhnia, a village outside Mariupol, on Monday.", "Zirkivka-Nyzhnia", "Mariupol"),
    ("Aid reached the Khvylka refugee camp in Kharkiv, Ukraine.", "Khvylka", "Kharkiv"),
    ("A drone struck Kharkiv's Pivnichna Saltivka district overnight.", "Pivnichna Saltivka", "Kharkiv"),
    ("Residents of the Odesa suburb of Dobroslavka fled.", "Dobroslavka", "Odesa"),
    ("Verkhnozelenivka is a small village in southern Dnipropetrovsk Oblast.", "Verkhnozelenivka",
     "Dnipropetrovsk Oblast"),
    ("Troops gathered in Dolynske, Zaporizhzhia region.", "Dolynske", "Zaporizhzhia region"),
    ("The Hospital said nothing.", "Hospital", None),
])
def test_part_container(text: str, name: str, where: str | None) -> None:
    start = text.index(name)
    assert part_container(text, start, start + len(name)) == where


@pytest.mark.parametrize(("name", "part"), [
    ("North Dallas", "Dallas"), ("Greater Manchester", "Manchester"), ("Salinas Valley", "Salinas"),
    ("Kandahar Airfield", "Kandahar"), ("Kakhovka Dam", "Kakhovka"), ("Da Nang International Airport", "Da Nang"),
    ("Dallas", None), ("New York", None),
])
def test_part_of_name(name: str, part: str | None) -> None:
    assert part_of_name(name) == part


def test_an_unknown_village_takes_the_town_it_is_near(gaz: Gazetteer) -> None:
    assert not gaz.candidates("Zirkivka-Nyzhnia")  # made up: no such place
    (p,) = _resolve("Shelling hit Zirkivka-Nyzhnia, a village outside Mariupol, on Monday.", "Zirkivka-Nyzhnia")
    assert p is not None and p.name == "Zirkivka-Nyzhnia" and p.country_code == "UA"
    assert p.geonameid == next(c.row.geonameid for c in gaz.candidates("Mariupol") if c.kind == 0)
    assert p.precision == 2  # ACLED: near a known town


def test_a_part_of_a_city_takes_the_city(gaz: Gazetteer) -> None:
    dallas = next(c.row for c in gaz.candidates("Dallas") if c.row.admin1 == "TX" and c.kind == 0)
    (p,) = _resolve("Police closed roads in North Dallas after the storm.", "North Dallas")
    assert p is not None and p.geonameid == dallas.geonameid and p.precision == 2


def test_a_stand_in_in_another_country_than_the_story_is_dropped(gaz: Gazetteer) -> None:
    assert not gaz.candidates("West Midlands")  # only a namesake's part ("Midlands", Zimbabwe) in the index
    text = "Floods hit Birmingham and Coventry in England, and the West Midlands braced for more rain."
    birmingham, coventry, england, wm = _resolve(text, "Birmingham", "Coventry", "England", "West Midlands")
    assert all(p is not None and p.country_code == "GB" for p in (birmingham, coventry, england))
    assert wm is None or wm.country_code == "GB"


def test_a_town_missing_from_its_province_takes_the_province_not_a_namesake() -> None:
    (p,) = _resolve("He was stopped on a highway in Stroud, Ontario, Canada, late on Friday.", "Stroud")
    assert p is not None and p.country_code == "CA" and p.level == "admin1"
    # a list is not a container: each city stays a city
    kyiv, minsk = _resolve("Flights to Moscow, Kyiv, Minsk and Riga resume.", "Kyiv", "Minsk")
    assert kyiv is not None and kyiv.country_code == "UA" and kyiv.level == "populated_place"
    assert minsk is not None and minsk.level == "populated_place"
    # nor is a country's namesake division
    (town,) = _resolve("The team travelled to Chicacao, Guatemala, for a week.", "Chicacao")
    assert town is not None and town.level == "populated_place"


def test_a_demonym_beats_a_village_spelled_like_it() -> None:
    (p,) = _resolve("Iraqi officials said the market reopened.", "Iraqi")
    assert p is not None and p.country_code == "IQ" and p.level == "country"


def test_renamed_bases_and_indonesian_regencies(gaz: Gazetteer) -> None:
    (hood,) = _resolve("A soldier died near Fort Hood on Sunday.", "Fort Hood")
    assert hood is not None and hood.country_code == "US" and hood.admin1 == "TX"
    (karo,) = _resolve("Villagers in the district of Karo, North Sumatra, were evacuated.", "Karo")
    assert karo is not None and karo.country_code == "ID" and karo.level == "admin2"
    (luzon,) = _resolve("Farms in northern Luzon were quarantined, Philippine officials said.", "Luzon")
    assert luzon is not None and luzon.feature_code == "ISL" and luzon.country_code == "PH"


@pytest.mark.parametrize(("a", "b"), [
    ("Daqahliya", "Dakahlia"), ("Hasakeh", "Hasakah"), ("Avdiyivka", "Avdiivka"), ("Sievierodonetsk", "Severodonetsk"),
    ("Qusayr", "Kusayr"), ("Dhamar", "Damar"),
])
def test_spelling_skeletons_join_romanisations(a: str, b: str) -> None:
    assert skeleton(fold(a)) == skeleton(fold(b)) != ""


def test_spelling_skeleton_keeps_different_names_apart() -> None:
    assert skeleton(fold("Kharkiv")) != skeleton(fold("Kherson"))
    assert skeleton(fold("Homs")) == ""  # too short to guess at
