"""Resolving place names with the story's context, precision codes, and each event's place."""

from __future__ import annotations

import pytest

from eventwire.records import Article, Event, Extraction, Place, Span
from eventwire.resolve.geo import event_place, geocode_jsonl, resolve_places, resolve_spans


def _at(text: str, name: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(name, start + 1)
    return start, start + len(name)


def _one(text: str, name: str, nth: int = 0) -> Place:
    place = resolve_spans(text, [_at(text, name, nth)])[0]
    assert place is not None
    return place


def test_region_cue_picks_the_region() -> None:
    text = "Fighting continued in Russia's Kursk region on Friday."
    p = _one(text, "Kursk region")
    assert (p.level, p.country_code, p.admin1, p.precision) == ("admin1", "RU", "41", 3)
    p = _one("A state of emergency was declared in the neighbouring region of Belgorod.", "Belgorod")
    assert (p.level, p.admin1) == ("admin1", "09")


def test_town_with_its_region_beside_it() -> None:
    text = "Soldiers were filmed in the Kursk region town of Sudzha."
    assert _one(text, "Sudzha").geonameid == 486816
    text = "Shells hit Avdiivka, Donetsk Oblast, overnight."
    p = _one(text, "Avdiivka")
    assert (p.country_code, p.admin1, p.level, p.precision) == ("UA", "05", "populated_place", 1)


def test_the_country_ending_a_chain_rules_every_link() -> None:
    """"Reading, Berkshire, UK": the English town, though a US county is called Berkshire and a
    Massachusetts town Reading; a link the gazetteer lacks in that country stands for the country."""
    text = "A man was stabbed in a park in Reading, Berkshire, UK on Saturday."
    reading, berkshire, uk = resolve_spans(text, [_at(text, "Reading"), _at(text, "Berkshire"), _at(text, "UK")])
    assert reading is not None and reading.country_code == "GB"
    assert berkshire is not None and berkshire.country_code == "GB"
    assert uk is not None and uk.level == "country"
    text = "Flooding hit Reading, Pennsylvania, on Monday."
    p = _one(text, "Reading")
    assert (p.country_code, p.admin1) == ("US", "PA")


def test_moving_into_a_name_means_the_territory() -> None:
    text = "Troops moved two kilometres deeper into Kursk on Wednesday."
    p = _one(text, "Kursk")
    assert (p.level, p.admin1) == ("admin1", "41")
    # ... while a plain mention of the same name is the city
    p = _one("Olga, visiting from Kursk, said the war felt close.", "Kursk")
    assert (p.level, p.geonameid) == ("populated_place", 538560)


def test_near_is_precision_two() -> None:
    p = _one("Heavy fighting was reported near Bakhmut.", "Bakhmut")
    assert p.country_code == "UA" and p.precision == 2
    p = _one("A drone hit a fuel depot near the Russian city of Belgorod overnight.", "Belgorod")
    assert (p.country_code, p.level, p.precision) == ("RU", "populated_place", 2)
    assert _one("Drones hit the Russian city of Belgorod overnight.", "Belgorod").precision == 1


def test_well_known_places_and_countries() -> None:
    text = "In Moscow, concerns mounted. Russia and Ukraine traded blame."
    places = resolve_spans(text, [_at(text, "Moscow"), _at(text, "Russia"), _at(text, "Ukraine")])
    assert [p.geonameid if p else None for p in places] == [524901, 2017370, 690791]
    assert places[1] is not None and places[1].level == "country" and places[1].precision == 3


def test_story_context_decides_between_namesakes() -> None:
    us = "Atlanta police said the storm hit Savannah and Georgia's coast; Macon was spared."
    p = resolve_spans(us, [_at(us, "Atlanta"), _at(us, "Savannah"), _at(us, "Georgia"), _at(us, "Macon")])[2]
    assert p is not None and (p.country_code, p.level) == ("US", "admin1")
    caucasus = "Russian tanks rolled from Tskhinvali towards Gori as Georgia appealed to Tbilisi's allies."
    p = resolve_spans(caucasus, [_at(caucasus, "Tskhinvali"), _at(caucasus, "Gori"), _at(caucasus, "Georgia"),
                                 _at(caucasus, "Tbilisi")])[2]
    assert p is not None and (p.country_code, p.level) == ("GE", "country")


def test_dateline_sets_the_country() -> None:
    text = "KYIV: Officials in Kharkiv said the strike hit a school."
    places = resolve_spans(text, [_at(text, "Kharkiv")], dateline=(0, 4))
    assert places[0] is not None and places[0].country_code == "UA"


def test_unresolvable_name_never_drops_the_others() -> None:
    text = "Residents of Zqxwvillebury fled to Kharkiv and Sumy."
    places = resolve_spans(text, [_at(text, "Zqxwvillebury"), _at(text, "Kharkiv"), _at(text, "Sumy")])
    assert places[0] is None
    assert [p.country_code if p else None for p in places[1:]] == ["UA", "UA"]


def test_demonym_span_stands_for_its_country() -> None:
    text = "American officials met Palestinian leaders."
    places = resolve_spans(text, [_at(text, "American"), _at(text, "Palestinian")])
    assert [p.country_code if p else None for p in places] == ["US", "PS"]


def _event(text: str, sentence: str, trigger: str, eid: str = "e1") -> Event:
    s = text.index(sentence)
    t = text.index(trigger, s)
    return Event(id=eid, sentence=Span.of(text, s, s + len(sentence)), trigger=Span.of(text, t, t + len(trigger)))


def _extraction(text: str, names: list[tuple[str, int]], events: list[Event]) -> Extraction:
    places = []
    for name, nth in names:
        s, e = _at(text, name, nth)
        places.append(Place(span=Span.of(text, s, e), name=name))
    article = Article(id="t", text=text)
    return Extraction(id="t", article=article, places=places, events=events)


def test_events_take_the_most_specific_place_of_their_sentence() -> None:
    text = ("Ukrainian troops captured the Kursk region town of Sudzha on Tuesday.\n"
            "Ukraine pounded Russian regions with drones.\n"
            "The Kremlin said it repelled attempts to advance deeper into Kursk. Officials denied it.")
    e1 = _event(text, "Ukrainian troops captured the Kursk region town of Sudzha on Tuesday.", "captured", "e1")
    e2 = _event(text, "Ukraine pounded Russian regions with drones.", "pounded", "e2")
    e3 = _event(text, "The Kremlin said it repelled attempts to advance deeper into Kursk.", "repelled", "e3")
    e4 = _event(text, "Officials denied it.", "denied", "e4")
    ex = _extraction(text, [("Kursk region", 0), ("Sudzha", 0), ("Ukraine", 0), ("Kursk", 1)], [e1, e2, e3, e4])
    out = resolve_places(ex)
    assert [p.geonameid for p in out.places][:2] == [538555, 486816]
    places = {e.id: e.place for e in out.events}
    assert places["e1"] is not None and places["e1"].geonameid == 486816 and places["e1"].precision == 1
    # "Russian regions": no toponym, but the demonym before a place noun names the country
    assert places["e2"] is not None and places["e2"].country_code == "RU" and places["e2"].precision == 3
    assert places["e3"] is not None and (places["e3"].level, places["e3"].admin1) == ("admin1", "41")
    # no place in its sentence: the previous sentence of the paragraph
    assert places["e4"] is not None and places["e4"].admin1 == "41"


def test_a_capital_that_speaks_is_not_the_place() -> None:
    text = "Ukraine pounded Russian regions with drones as Kyiv said its troops advanced."
    ev = _event(text, text, "pounded")
    ex = _extraction(text, [("Ukraine", 0), ("Kyiv", 0)], [ev])
    place = resolve_places(ex).events[0].place
    assert place is not None and (place.country_code, place.precision) == ("RU", 3)


def test_a_country_that_owns_something_is_not_the_place() -> None:
    """"Iran's Quds Force": whose, not where; the place comes from the sentence before."""
    text = "Drones struck the airport in Baghdad. They killed the head of Iran's Quds Force."
    ev = _event(text, "They killed the head of Iran's Quds Force.", "killed")
    ex = _extraction(text, [("Baghdad", 0), ("Iran", 0)], [ev])
    place = resolve_places(ex).events[0].place
    assert place is not None and place.country_code == "IQ"


def test_the_seat_of_a_source_is_not_the_place() -> None:
    """"..., according to the General Staff in Kyiv": where the source sits, not where it happened;
    with the village unknown to the gazetteer, the dateline's region is all the story says."""
    text = ("KHARKIV: Shelling hit the city of Kupiansk on Tuesday.\n"
            "Troops recaptured the village of Zzyzxivka, according to the General Staff in Kyiv. "
            "Moscow denied that the village had been lost.\n"
            "Talks continued in Geneva, according to officials.")
    e1 = _event(text, "Troops recaptured the village of Zzyzxivka, according to the General Staff in Kyiv.",
                "recaptured", "e1")
    e2 = _event(text, "Moscow denied that the village had been lost.", "denied", "e2")
    e3 = _event(text, "Talks continued in Geneva, according to officials.", "Talks", "e3")
    ex = _extraction(text, [("KHARKIV", 0), ("Kupiansk", 0), ("Zzyzxivka", 0), ("Kyiv", 0), ("Geneva", 0)],
                     [e1, e2, e3])
    ex = ex.model_copy(update={"article": ex.article.model_copy(update={"dateline": Span.of(text, 0, 7)})})
    places = {e.id: e.place for e in resolve_places(ex).events}
    for eid in ("e1", "e2"):
        p = places[eid]
        assert p is not None and (p.country_code, p.level, p.admin1, p.precision) == ("UA", "admin1", "07", 3), eid
    # a place before "according to" is still the event's
    assert places["e3"] is not None and places["e3"].country_code == "CH"


def test_event_place_without_any_place_is_none() -> None:
    text = "Officials met on Monday."
    ev = _event(text, text, "met")
    assert event_place(ev, [], text) is None


def test_geocode_jsonl_with_and_without_spans() -> None:
    lines = ['{"id": "a", "text": "Shelling hit Avdiivka, Donetsk Oblast.", "spans": [[13, 21], [0, 8]]}']
    out = list(geocode_jsonl(lines))
    assert out[0]["id"] == "a" and len(out[0]["places"]) == 2
    assert out[0]["places"][0]["country_code"] == "UA" and out[0]["places"][1] is None


def test_division_word_beats_story_coherence() -> None:
    cases = [
        ("Russian forces shelled towns in Belgorod Oblast and Donetsk Oblast.", "Donetsk Oblast", "UA", "05"),
        ("Drones struck the Kursk region while fighting raged in Donetsk Oblast.", "Donetsk Oblast", "UA", "05"),
        ("Russian troops in Bryansk Oblast shelled Sumy Oblast overnight.", "Sumy Oblast", "UA", "21"),
        ("Air strikes hit Idlib Governorate and Hama Governorate in Syria.", "Hama Governorate", "SY", None),
        ("Gunmen attacked villages in Zamfara State and Kano State, Nigeria.", "Kano State", "NG", None),
        ("Taliban fighters attacked Helmand province and Kandahar province.", "Kandahar province", "AF", None),
        ("The RSF shelled El Fasher and towns in North Darfur state.", "North Darfur state", "SD", None),
    ]
    for text, name, cc, a1 in cases:
        p = _one(text, name)
        assert (p.level, p.country_code) == ("admin1", cc), (text, p)
        if a1 is not None:
            assert p.admin1 == a1
        assert p.admin1_name is not None and p.admin1_name.isascii()


def test_admin_names_are_english() -> None:
    p = _one("Troops entered Sudzha in the Kursk region.", "Sudzha")
    assert p.admin1_name == "Kursk Oblast"
    p = _one("Shells hit Avdiivka, Donetsk Oblast, overnight.", "Avdiivka")
    assert p.admin1_name == "Donetsk Oblast"


def test_a_list_of_countries_is_no_container() -> None:
    text = "Travellers were told to be careful in Armenia, Georgia, Iraq, Iran and Syria."
    p = _one(text, "Iraq")
    assert (p.level, p.country_code) == ("country", "IQ")


def test_a_country_by_its_own_name_beats_an_alternate_name() -> None:
    text = "The outbreak started in Mexico and spread from Mexico City to Texas and California."
    p = _one(text, "Mexico")
    assert (p.level, p.country_code) == ("country", "MX")


def test_a_list_of_states_names_states_not_their_namesake_towns() -> None:
    text = "Cases were reported in Michigan, Nevada, New Mexico, Ohio, Oregon, Utah and Wyoming."
    for name in ("Oregon", "Nevada", "Wyoming"):
        p = _one_of(text, name)
        assert (p.level, p.country_code) == ("admin1", "US"), name
    # the same names alone keep their own ranking: the list is the evidence
    text = "Provinces reporting cases: British Columbia, Alberta, Manitoba, Ontario and New Brunswick."
    p = _one_of(text, "New Brunswick")
    assert (p.level, p.country_code) == ("admin1", "CA")


def _one_of(text: str, name: str) -> Place:
    """Resolve every capitalised list member of `text` together and return the one named `name`."""
    import re

    body = text.split(":")[-1] if ":" in text else text.split(" in ", 1)[1]
    offset = text.index(body)
    spans = [(offset + m.start(), offset + m.end())
             for m in re.finditer(r"[A-Z][a-z]+(?: [A-Z][a-z]+)?", body)]
    places = resolve_spans(text, spans)
    for (s, e), p in zip(spans, places, strict=True):
        if text[s:e] == name:
            assert p is not None
            return p
    raise AssertionError(name)


def test_names_before_a_plural_division_word_are_divisions() -> None:
    text = "Flood warnings cover Becker, Clay, Douglas, Grant and Wilkin counties."
    for name in ("Clay", "Douglas", "Grant"):  # towns too, in many states: the plural word says counties,
        p = _one_of(text.replace(" cover ", " in "), name)  # and the state that has all five is Minnesota
        assert (p.level, p.country_code, p.admin1) == ("admin2", "US", "MN"), name


def test_a_world_region_is_wider_than_the_country_beside_it() -> None:
    text = "Air strikes killed 12 people in the Middle East on Sunday, in northern Syria."
    ev = _event(text, text, "killed")
    out = resolve_places(_extraction(text, [("Middle East", 0), ("Syria", 0)], [ev]))
    assert out.places[0].feature_code == "RGN" and out.places[1].level == "country"
    assert out.events[0].place is not None and out.events[0].place.country_code == "SY"


def test_former_divisions_and_former_country_names_of_the_archives() -> None:
    """Divisions a reform abolished stay in the gazetteer at their seat, in their country (every entry
    of the data file: a seat the gazetteer lacks would drop one); distinctive ones resolve in a story;
    old country names are the country."""
    from importlib import resources

    from eventwire.knowledge.gazetteer import get_gazetteer
    from eventwire.knowledge.yamlio import load_yaml

    data = load_yaml((resources.files("eventwire.knowledge") / "data" / "geo" / "former_divisions.yaml").read_text(
        encoding="utf-8"))
    gaz = get_gazetteer()
    for entry in data["former_divisions"]:
        name, cc = str(entry["names"][0]), str(entry["country"])
        assert any(c.row.feature_code == "ADM1H" and c.row.country_code == cc for c in gaz.candidates(name)), name
    for text, name, cc in [("Cholera spread through Kenya's Nyanza Province in 2008.", "Nyanza Province", "KE"),
                           ("Floods hit Hedmark and Oppland in Norway.", "Hedmark", "NO"),
                           ("Fighting spread across Katanga, the army said.", "Katanga", "CD"),
                           ("Farmers in Binh Phuoc lost their crops.", "Binh Phuoc", "VN")]:
        p = _one(text, name)
        assert (p.level, p.country_code, p.precision) == ("admin1", cc, 3), (name, p)
    p = _one("Rebels advanced across eastern Zaire in 1996.", "Zaire")
    assert (p.level, p.country_code) == ("country", "CD")


@pytest.mark.parametrize(("text", "name", "code", "cc"), [
    ("The winter came early to the Ural Mountains this year.", "Ural Mountains", "MTS", "RU"),
    ("Climbers in Peru said snow had closed passes across the Andes.", "Andes", "MTS", None),
    ("Swans were found on the coast of Lake Erie near Monroe, Michigan.", "Lake Erie", "LK", None),
    ("Shelling went on across the Dnipro River from Kherson.", "Dnipro River", "STM", "UA"),
    ("Militants attacked a pipeline in the Niger Delta.", "Niger Delta", "DLTA", "NG"),
    ("Fighting spread in the Nuba Mountains of South Kordofan.", "Nuba Mountains", "MTS", "SD"),
])
def test_natural_features_are_in_the_default_gazetteer(text: str, name: str, code: str, cc: str | None) -> None:
    start = text.index(name)
    (p,) = resolve_spans(text, [(start, start + len(name))])
    assert p is not None and p.feature_code == code and p.country_code == cc and p.precision == 3


def test_a_river_says_less_of_an_event_place_than_the_oblast_beside_it() -> None:
    text = "Russian troops crossed the Dnipro River in Kherson Oblast on Monday."
    ev = _event(text, text, "crossed")
    ex = _extraction(text, [("Dnipro River", 0), ("Kherson Oblast", 0)], [ev])
    (got,) = resolve_places(ex).events
    assert got.place is not None and got.place.level == "admin1" and got.place.admin1_name is not None
    assert "Kherson" in got.place.admin1_name


def test_geocode_jsonl_stops_at_a_bad_record_after_writing_the_good_ones() -> None:
    from eventwire.errors import EventwireError

    lines = ['{"id": "a", "text": "Shelling hit Avdiivka."}', '{"id": "b", "text": "Floods hit Kherson."}',
             "not json", '{"id": "d", "text": "Never read."}']
    out = []
    with pytest.raises(EventwireError, match="line 3 of <input>: is not JSON"):
        for rec in geocode_jsonl(lines):
            out.append(rec)
    assert [r["id"] for r in out] == ["a", "b"]
    with pytest.raises(EventwireError, match=r"record 'x': spans must be \[\[start, end\]"):
        list(geocode_jsonl(['{"id": "x", "text": "Kyiv.", "spans": "0-4"}']))
    with pytest.raises(EventwireError, match="fall outside the text"):
        list(geocode_jsonl(['{"id": "y", "text": "Kyiv.", "spans": [[0, 40]]}']))


@pytest.mark.parametrize(("text", "name", "cc", "level"), [
    ("Pirates seized a tanker off Puntland.", "Puntland", "SO", "other"),
    ("Fighting in Blue Nile state displaced thousands.", "Blue Nile", "SD", "admin1"),  # the state, not the river
    ("Shelling in the Donetsk People's Republic killed two.", "Donetsk People's Republic", "UA", "admin1"),
    ("Clashes broke out in Karen State.", "Karen State", "MM", "admin1"),
    ("Turkish drones struck targets in the Kurdistan Region.", "Kurdistan Region", "IQ", "other"),
])
def test_regions_of_conflict_reporting(text: str, name: str, cc: str, level: str) -> None:
    start = text.index(name)
    (p,) = resolve_spans(text, [(start, start + len(name))])
    assert p is not None and p.country_code == cc and p.level == level
