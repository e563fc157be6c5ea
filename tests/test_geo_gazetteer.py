"""The gazetteer: name folding, the default index built from registry packages, the GeoNames importer."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventwire.knowledge.gazetteer import Gazetteer, fold, get_gazetteer, import_geonames
from eventwire.knowledge.gazetteer.store import connect


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return get_gazetteer()


@pytest.mark.parametrize(("raw", "key"), [
    ("Kurskaya oblast'", "kurskaya oblast"),
    ("SUDZHA", "sudzha"),
    ("Sudža", "sudza"),
    ("Port-au-Prince", "port au prince"),
    ("U.S.", "us"),
    ("Żytomierz", "zytomierz"),
    ("Kyiv’s", "kyivs"),
])
def test_fold(raw: str, key: str) -> None:
    assert fold(raw) == key


@given(st.text(max_size=30))
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


def test_regions_and_towns_share_a_name(gaz: Gazetteer) -> None:
    rows = {(c.row.level, c.row.country_code, c.row.admin1) for c in gaz.candidates("Kursk")}
    assert ("admin1", "RU", "41") in rows          # Kursk Oblast, by its short name
    assert ("populated_place", "RU", "41") in rows  # the city
    belgorod = {c.row.geonameid: c.row for c in gaz.candidates("Belgorod")}
    assert any(r.level == "admin1" and r.admin1 == "09" for r in belgorod.values())


def test_sudzha_and_kyiv(gaz: Gazetteer) -> None:
    sudzha = [c.row for c in gaz.candidates("Sudzha")]
    assert [r.geonameid for r in sudzha] == [486816]
    assert sudzha[0].admin1 == "41" and sudzha[0].lat == pytest.approx(51.191, abs=0.01)
    assert 703448 in {c.row.geonameid for c in gaz.candidates("KYIV")}
    assert 703448 in {c.row.geonameid for c in gaz.candidates("Kiev")}  # an alternate name


def test_divisions_have_names_codes_and_points(gaz: Gazetteer) -> None:
    kursk = gaz.admin1("RU", "41")
    assert kursk is not None and kursk.geonameid == 538555 and kursk.lat is not None
    donetsk = [c.row for c in gaz.candidates("Donetsk Oblast")]
    assert any(r.level == "admin1" and r.country_code == "UA" for r in donetsk)
    assert gaz.country("RU") is not None and gaz.country("RU").geonameid == 2017370  # type: ignore[union-attr]
    texas = [c.row for c in gaz.candidates("Harris County") if c.row.admin1 == "TX"]
    assert texas and texas[0].level == "admin2"


def test_common_words_are_not_big_places(gaz: Gazetteer) -> None:
    # The index may hold a hamlet called "Four", but nothing large: the finder relies on that.
    for word in ("Since", "More", "Four"):
        assert all(c.row.population < 100_000 for c in gaz.candidates(word))


# -- the importer, on small files in GeoNames' own formats ---------------------------------------

GEONAME_ROWS = [
    # geonameid name asciiname alternatenames lat lon fclass fcode cc cc2 a1 a2 a3 a4 pop elev dem tz moddate
    ["9000001", "Testograd", "Testograd", "Testogradas,Тестоград,TSTG", "48.5", "37.5", "P", "PPLA2", "UA", "",
     "05", "", "", "", "12000", "", "150", "Europe/Kyiv", "2024-01-01"],
    ["9000002", "Testova Balka", "Testova Balka", "", "48.6", "37.6", "H", "STM", "UA", "", "05", "", "", "",
     "0", "", "140", "Europe/Kyiv", "2024-01-01"],
    ["9000003", "Testivska oblast", "Testivska oblast", "Testiv Oblast", "48.0", "37.0", "A", "ADM1", "UA", "",
     "99", "", "", "", "1000000", "", "100", "Europe/Kyiv", "2024-01-01"],
]


def _write(path: Path, rows: list[list[str]]) -> None:
    path.write_text("".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")


def test_import_geoname_table_zip_and_codes(tmp_path: Path) -> None:
    index = tmp_path / "gaz.sqlite"
    connect(index).close()
    txt = tmp_path / "XX.txt"
    _write(txt, GEONAME_ROWS)
    archive = tmp_path / "XX.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(txt, "XX.txt")
        zf.writestr("readme.txt", "not data")
    stats = import_geonames(archive, index)
    assert stats.kind == "geoname" and stats.rows == 3

    admin1 = tmp_path / "admin1CodesASCII.txt"
    _write(admin1, [["UA.99", "Testiv Oblast", "Testiv Oblast", "9000003"],
                    ["UA.98", "Nowhere Oblast", "Nowhere Oblast", "9000004"]])
    assert import_geonames(admin1, index).rows == 2
    admin2 = tmp_path / "admin2Codes.txt"
    _write(admin2, [["UA.99.1234", "Testivskyi Raion", "Testivskyi Raion", "9000005"]])
    assert import_geonames(admin2, index).kind == "admin2"
    alt = tmp_path / "alternateNamesV2.txt"
    _write(alt, [["1", "9000001", "en", "Test City", "1", "", "", "", "", ""],
                 ["2", "9000001", "link", "https://example.org/Testograd", "", "", "", "", "", ""],
                 ["3", "12345678", "en", "Orphan Name", "", "", "", "", "", ""]])
    stats = import_geonames(alt, index)
    assert stats.names == 1  # the link is skipped, the orphan has no place

    gaz = Gazetteer(index)
    try:
        town = [c for c in gaz.candidates("testograd")]
        assert len(town) == 1 and town[0].row.level == "populated_place" and town[0].row.admin1 == "05"
        assert [c.row.geonameid for c in gaz.candidates("Testogradas")] == [9000001]   # alternate name
        assert [c.row.geonameid for c in gaz.candidates("Test City")] == [9000001]     # alternateNames file
        assert gaz.candidates("TSTG") == ()                                             # codes are not names
        assert [c.row.level for c in gaz.candidates("Testova Balka")] == ["other"]
        oblast = gaz.admin1("UA", "99")
        assert oblast is not None and oblast.name == "Testiv Oblast" and oblast.lat == 48.0
        assert gaz.admin1("UA", "98") is not None            # named, placed at its country until its row comes
        raion = gaz.admin2("UA", "99", "1234")
        assert raion is not None and raion.name == "Testivskyi Raion"
    finally:
        gaz.close()


@pytest.mark.parametrize(("cc", "a1", "english", "local"), [
    ("RU", "41", "Kursk Oblast", "Kurskaya oblast'"),
    ("RU", "09", "Belgorod Oblast", "Belgorodskaya oblast'"),
    ("UA", "05", "Donetsk Oblast", "Donetska oblast"),
    ("UA", "07", "Kharkiv Oblast", "Kharkivska oblast"),
])
def test_divisions_carry_the_english_geonames_name(gaz: Gazetteer, cc: str, a1: str, english: str,
                                                   local: str) -> None:
    row = gaz.admin1(cc, a1)
    assert row is not None and row.name == english
    # the local form still finds the division
    assert row.geonameid in {c.row.geonameid for c in gaz.candidates(local)}


def test_english_name_rules() -> None:
    from eventwire.knowledge.gazetteer.build import english_name

    assert english_name("Testovskaya oblast'", [], {"testov"}) == "Testov Oblast"        # adjectival stem, its town
    assert english_name("Testivska oblast", ["Testiv Oblast"], set()) == "Testiv Oblast"  # an English alias
    assert english_name("Ḩamāh", ["Hama Governorate", "حماة"], set()) == "Hama"
    assert english_name("Ash Shamālī", ["Northern District"], set()) == "Northern District"
    assert english_name("Tennessee", ["State of Tennessee"], set()) == "Tennessee"     # ASCII names stay


def test_division_short_names() -> None:
    from eventwire.knowledge.gazetteer.build import division_short_names

    assert division_short_names("Testaria, Respublika", [], "RU") == ["Testaria"]        # ISO's comma form
    assert division_short_names("Testiya, Respublika", ["Testiya Republic"], "RU") == ["Testiya", "Testia"]
    assert division_short_names("Severnaya Testiya, Respublika", ["North Testia–Alania"], "RU")[1] == "North Testia"
    assert division_short_names("Testo, Región de", [], "ES") == ["Testo"]
    assert division_short_names("Southern Nations, Nationalities and Peoples", [], "ET") == []  # no generic
    assert division_short_names("Testovskaya oblast'", ["Testov Oblast"], "RU") == []


def test_north_caucasus_republics_and_breakaway_regions(gaz: Gazetteer) -> None:
    for name in ("Dagestan", "Ingushetia", "North Ossetia", "Tatarstan"):
        assert any(c.row.level == "admin1" and c.row.country_code == "RU" for c in gaz.candidates(name)), name
    # "the EU" is the union, not the Norman town of Eu
    from eventwire.resolve.geo import resolve_spans

    (eu,) = resolve_spans("The EU sent aid.", [(4, 6)], gazetteer=gaz)
    assert eu is not None and eu.geonameid == next(
        c.row.geonameid for c in gaz.candidates("European Union") if c.row.level == "other")
    (so,) = [c.row for c in gaz.candidates("South Ossetia") if c.row.level == "other"]
    assert so.country_code == "GE" and 41.5 < (so.lat or 0) < 43 and 43 < (so.lon or 0) < 45


def test_world_regions_seas_and_islands(gaz: Gazetteer) -> None:
    # a group of countries sits among its members, found by the names writers use
    (me,) = [c.row for c in gaz.candidates("Middle East") if c.row.level == "other"]
    assert 20 < (me.lat or 0) < 38 and 30 < (me.lon or 0) < 55 and me.geonameid < 0
    (wa,) = [c.row for c in gaz.candidates("West Africa") if c.row.level == "other"]  # UN M49 "Western Africa"
    assert wa.name == "Western Africa" and 0 < (wa.lat or 0) < 20 and -20 < (wa.lon or 0) < 10
    # a region across the 180th meridian keeps its place (the mean on the sphere)
    (poly,) = [c.row for c in gaz.candidates("Polynesia") if c.row.level == "other"]
    assert abs(poly.lon or 0) > 120
    assert any(c.row.feature_code == "SEA" for c in gaz.candidates("Black Sea"))
    # a union with a seat sits at its seat, as GeoNames places the European Union (Brussels)
    (eu,) = [c.row for c in gaz.candidates("EU") if c.row.level == "other"]
    assert eu.name == "European Union" and abs((eu.lat or 0) - 50.84) < 0.1 and abs((eu.lon or 0) - 4.38) < 0.1


def test_an_island_beats_a_namesake_village() -> None:
    from eventwire.resolve.geo import resolve_spans

    text = "A tsunami hit the Indonesian island of Java on Monday."
    start = text.index("Java")
    (p,) = resolve_spans(text, [(start, start + 4)])
    assert p is not None and p.feature_code == "ISL" and p.lat is not None and p.lat < 0


def test_seas_beat_namesake_provinces_and_towns() -> None:
    from eventwire.resolve.geo import resolve_spans

    text = "Ships in the Red Sea and the Pacific were hit."
    red, pac = resolve_spans(text, [(13, 20), (29, 36)])
    assert red is not None and red.feature_code == "SEA"  # not Sudan's Red Sea state
    assert pac is not None and pac.feature_code == "OCN"  # not Pacific, Missouri


def test_country_points_stay_near_geonames_and_lean_to_the_mainland(gaz: Gazetteer) -> None:
    from eventwire.knowledge.gazetteer.build import COUNTRY_LEAN_KM, _countryinfo
    from eventwire.knowledge.geodesy import great_circle_km

    info = _countryinfo()
    for cc in ("RU", "CA", "CN", "AU", "FR", "UA"):
        row = gaz.country(cc)
        assert row is not None and row.lat is not None and row.lon is not None
        factbook = info[cc]["latlng"]
        assert isinstance(factbook, list)
        assert great_circle_km(row.lat, row.lon, factbook[0], factbook[1]) <= COUNTRY_LEAN_KM + 1, cc
    # the United States: GeoNames' point (the centre of the 48 states), not the Factbook's 38N 97W
    us = gaz.country("US")
    assert us is not None and us.lat is not None and us.lon is not None
    assert great_circle_km(us.lat, us.lon, 39.83, -98.58) < 60
    assert great_circle_km(us.lat, us.lon, 38.0, -97.0) > 150


@given(st.floats(-60, 60), st.floats(-180, 180), st.floats(-8, 8), st.floats(-8, 8), st.floats(0, 500))
def test_toward_moves_at_most_km_and_never_past_the_midpoint(lat: float, lon: float, dlat: float, dlon: float,
                                                             km: float) -> None:
    from eventwire.knowledge.geodesy import great_circle_km, toward

    goal = (lat + dlat, (lon + dlon + 180) % 360 - 180)  # a goal a few hundred km away, across 180 degrees too
    p = toward((lat, lon), goal, km)
    whole = great_circle_km(lat, lon, *goal)
    moved = great_circle_km(lat, lon, *p)
    assert -180 <= p[1] <= 180
    assert moved <= min(km, whole / 2) * 1.05 + 1e-6  # lat/lon interpolation is near the great circle here
    assert great_circle_km(*p, *goal) <= whole - moved * 0.95 + 1e-6


def test_a_shared_admin1_code_names_the_current_and_largest_division(gaz: Gazetteer) -> None:
    # the West Bank's governorates share its code WE: a town there is in the West Bank, not "Hebron"
    assert gaz.admin1("PS", "WE").name == "West Bank"  # type: ignore[union-attr]
    # France's new regions share codes with the abolished ones (ADM1H): the code names the new one
    assert gaz.admin1("FR", "44").feature_code == "ADM1"  # type: ignore[union-attr]
