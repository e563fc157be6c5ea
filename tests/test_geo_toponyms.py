"""The toponym finder on real sentences (the session's spaCy model) and on the seed story."""

from __future__ import annotations

import pytest
from spacy.language import Language

from eventwire.nlp.layers import TOPONYMS


@pytest.fixture(scope="module")
def topo_nlp() -> Language:
    from eventwire.nlp import load_nlp

    return load_nlp(components=("eventwire_toponyms",))


def _found(nlp: Language, text: str, dateline: tuple[int, int] | None = None) -> dict[str, dict]:
    doc = nlp.make_doc(text)
    doc._.dateline = dateline
    doc = nlp(doc)
    return {s.text: s._.toponym for s in doc.spans[TOPONYMS]}


def test_mislabelled_places_are_found(topo_nlp: Language) -> None:
    found = _found(topo_nlp, "Ukrainian troops moved deeper into Kursk while shelling hit the neighbouring "
                             "Russian region of Belgorod.")
    assert "Kursk" in found and found["Kursk"]["territory"]
    assert "Belgorod" in found and found["Belgorod"]["hint"] == "region"


def test_region_and_town_patterns(topo_nlp: Language) -> None:
    found = _found(topo_nlp, "Soldiers were filmed in the Kursk region town of Sudzha.")
    assert "Kursk region" in found and found["Kursk region"]["hint"] == "region"
    assert found["Kursk region"]["name"] == "Kursk"
    assert "Sudzha" in found and found["Sudzha"]["hint"] == "town" and found["Sudzha"]["container"] == "Kursk"
    found = _found(topo_nlp, "A drone struck Avdiivka, Donetsk Oblast, and fighting raged near Bakhmut.")
    assert {"Avdiivka", "Donetsk Oblast", "Bakhmut"} <= set(found)
    assert found["Bakhmut"]["near"] and found["Avdiivka"]["container"].startswith("Donetsk")


def test_common_words_people_and_demonyms_are_not_places(topo_nlp: Language) -> None:
    found = _found(topo_nlp, "Since launching the offensive, Ukrainian forces captured more. More than 120,000 "
                             "Russians fled. Four airfields were hit. Russian President Vladimir Putin vowed revenge.")
    assert not {"Since", "More", "Four", "Vladimir", "Vladimir Putin", "Russian", "Ukrainian", "Russians"} & set(found)


def test_dateline_is_a_toponym(topo_nlp: Language) -> None:
    found = _found(topo_nlp, "KYIV: Ukraine said on Wednesday it was advancing.", dateline=(0, 4))
    assert found["KYIV"]["source"] == "dateline"
    assert "Ukraine" in found


def test_based_and_payload_is_plain_data(topo_nlp: Language) -> None:
    import pickle

    doc = topo_nlp("A Kyiv-based analyst said the strikes hit Kharkiv.")
    names = [s.text for s in doc.spans[TOPONYMS]]
    assert "Kyiv" in names and "Kharkiv" in names
    for s in doc.spans[TOPONYMS]:
        assert pickle.loads(pickle.dumps(s._.toponym)) == s._.toponym


def test_seed_places(seed_extraction, seed_expected) -> None:  # type: ignore[no-untyped-def]
    """Every place of expected.yaml is found with its text and resolved right."""
    places = [p for p in seed_extraction.places if p.span is not None]
    for want in seed_expected["places"]:
        got = [p for p in places if p.span.text == want["text"]]
        assert got, f"{want['text']} not found"
        ok = [p for p in got
              if ("geonameid" not in want or p.geonameid == want["geonameid"])
              and ("country_code" not in want or p.country_code == want["country_code"])
              and ("admin1" not in want or p.admin1 == str(want["admin1"]))
              and (want.get("resolves_to") != "region" or p.level in ("admin1", "admin2"))]
        assert ok, f"{want['text']}: {[(p.geonameid, p.country_code, p.admin1, p.level) for p in got]}"
    # "deeper into Kursk" is the region, not the city
    text = seed_extraction.article.text
    deeper = text.index("deeper into Kursk") + len("deeper into ")
    at = [p for p in places if p.span.start == deeper]
    assert at and at[0].level == "admin1" and at[0].admin1 == "41"
    # "Moscow" never outside Russia; "Four", "More", "Since" never places
    assert all(p.country_code == "RU" for p in places if p.span.text == "Moscow")
    assert not {"Four", "More", "Since", "four"} & {p.span.text for p in places}


def test_seed_event_places(seed_extraction, seed_expected) -> None:  # type: ignore[no-untyped-def]
    """Events built by hand at the expected sentences get the expected place (events come from elsewhere)."""
    import re

    from eventwire.records import Event, Span
    from eventwire.resolve.geo import event_place

    text = seed_extraction.article.text
    checked = 0
    for want in seed_expected["events"]:
        if "place" not in want:
            continue
        start = want["sentence_start"]
        m = re.search(r"[.!?](?=\s|$)", text[start:])
        end = start + m.end() if m else len(text)
        place = event_place(Event(id=want["id"], sentence=Span.of(text, start, end)), seed_extraction.places, text)
        assert place is not None, want["id"]
        for key, value in want["place"].items():
            assert str(getattr(place, key)) == str(value), (want["id"], key, place)
        checked += 1
    assert checked >= 8


def test_streets_and_features_are_whole_names(topo_nlp: Language) -> None:
    doc = topo_nlp("The fire broke out on Main Street near the Wichita Drive intersection.")
    spans = {s.text: s._.toponym["source"] for s in doc.spans[TOPONYMS]}
    ents = {e.text.removeprefix("the ") for e in doc.ents if e.label_ in ("FAC", "LOC")}
    for name in ("Main Street", "Wichita Drive"):
        if name in ents:  # the model's entity, taken as a whole
            assert spans.get(name) == "feature"
    assert "Wichita" not in spans  # never the first word of a street's name alone


def test_feature_heads() -> None:
    import spacy

    from eventwire.knowledge.gazetteer.context import cues
    from eventwire.nlp.toponyms import _feature

    nlp = spacy.blank("en")
    heads = cues().feature_heads
    doc = nlp("They crossed Neches River and Highway 19 before the Grand Avenue bridge and Smith said Jones Company.")
    assert _feature(doc[2:4], heads) and _feature(doc[5:7], heads) and _feature(doc[9:11], heads)
    assert not _feature(doc[15:17], heads) and not _feature(doc[2:3], heads)


def test_a_country_in_a_misread_person_name_stays_a_country(topo_nlp: Language) -> None:
    doc = topo_nlp("Rethinking Egypt-US relations. Since then, Egypt has cooperated with Washington.")
    persons = {t.text for e in doc.ents if e.label_ == "PERSON" for t in e}
    found = {s.text for s in doc.spans[TOPONYMS]}
    if "Egypt" in persons:  # whatever the model reads in the headline, the later Egypt is the country
        assert "Egypt" in found
    assert "Egypt" in found or "Egypt" not in {e.text for e in doc.ents if e.label_ == "GPE"}


def test_county_at_the_head_of_an_organisation(topo_nlp: Language) -> None:
    doc = topo_nlp("Residents contacted Hall County Environmental Health about the spill.")
    found = {s.text for s in doc.spans[TOPONYMS]}
    orgs = [e.text for e in doc.ents if e.label_ in ("ORG", "FAC") and e.text.startswith("Hall County ")]
    if orgs:
        assert "Hall County" in found
    assert not any(f.startswith("Hall County ") for f in found)


def test_town_at_the_head_of_its_police(topo_nlp: Language) -> None:
    doc = topo_nlp("A spokesman for the Huntsville Police Department said the suspect fled.")
    found = {s.text for s in doc.spans[TOPONYMS]}
    if any(e.label_ == "ORG" and "Huntsville Police" in e.text for e in doc.ents):
        assert "Huntsville" in found
    assert "Police" not in " ".join(found)


def test_capitals_dateline_after_a_headline(topo_nlp: Language) -> None:
    found = _found(topo_nlp, "Council approves the budget. MANSFIELD — The City Council voted on Monday.")
    assert "MANSFIELD" in found and found["MANSFIELD"]["source"] == "dateline"
    found = _found(topo_nlp, "NEWS — The City Council voted on Monday.")
    assert "NEWS" not in found


def test_road_numbers_belong_to_the_road(topo_nlp: Language) -> None:
    doc = topo_nlp("The crash closed County Road 43 near Fergus Falls.")
    found = {s.text for s in doc.spans[TOPONYMS]}
    if any(e.text == "County Road" and e.label_ == "FAC" for e in doc.ents):
        assert "County Road 43" in found
    assert "County Road" not in found


def test_titles_and_speech_verbs_mark_people(topo_nlp: Language) -> None:
    found = _found(topo_nlp, "Protesters demand President Saakashvili's resignation. Removal of Saakashvili "
                             "from power is justified, they said. \"It was patriotic,\" Petrova said in Russia.")
    assert "Saakashvili" not in found and "Petrova" not in found
    assert "Russia" in found
    # a well-known place stays a place after a title-like word ("Mr. Arlington", "Moscow said")
    found = _found(topo_nlp, "Patterson, known as Mr. Arlington, lived in Arlington. Moscow said it was calm.")
    assert "Moscow" in found and "Arlington" in found


def test_a_country_or_town_the_model_calls_a_person(topo_nlp: Language) -> None:
    found = _found(topo_nlp, "Scores were injured, including Sri Lanka's Minister of Posts.")
    assert "Sri Lanka" in found
    found = _found(topo_nlp, "Around 7:35 p.m. Sunday Alexandria Police went to the house.")
    assert "Alexandria" in found
    found = _found(topo_nlp, "According to the city engineer for the City of Huntsville, the road is closed.")
    assert "City of" not in found and "Huntsville" in found


def test_lists_of_divisions_party_towns_and_roads(topo_nlp: Language) -> None:
    found = _found(topo_nlp, "Flooding closed roads in Becker, Clay, Douglas, Grant, Mahnomen, Otter Tail, Swift "
                             "and Wilkin counties.")
    assert {"Becker", "Clay", "Douglas", "Grant", "Mahnomen", "Otter Tail", "Swift", "Wilkin"} <= set(found)
    found = _found(topo_nlp, "House Minority Leader Marty Seifert, R-Marshall, joined Rep. Torrey Westrom, "
                             "R-Elbow Lake.")
    assert {"Marshall", "Elbow Lake"} <= set(found)
    found = _found(topo_nlp, "The officer traced the plates to the Gillis Street address near State Highway 360. "
                             "Then Wall Street fell.")
    assert {"Gillis Street", "State Highway 360"} <= set(found) and "Wall Street" not in found


def test_abbreviation_dots_and_places_heading_an_organisation(topo_nlp: Language) -> None:
    found = _found(topo_nlp, "The rally was held in Charleston, W.Va. Troops camped near Anhui. He lives in Calif.")
    assert "W.Va." in found and "Anhui" in found and "Anhui." not in found and "Calif." in found
    # a town heading an organisation's name ("the Grovetown Department of Public Safety") is the town
    doc = topo_nlp("Voters in Grovetown met on Friday. Investigator Scott Wheatley of the Grovetown Department "
                   "of Public Safety spoke.")
    assert [s.text for s in doc.spans[TOPONYMS]].count("Grovetown") == 2
    # a company's possessive is not ("McDonald's")
    doc = topo_nlp("He moved to McDonald on Friday. A spokeswoman for McDonald's Corporation declined to comment.")
    assert [s.text for s in doc.spans[TOPONYMS]].count("McDonald") <= 1


def test_streets_with_abbreviations_and_natural_features(topo_nlp: Language) -> None:
    found = _found(topo_nlp, "The meeting is at City Hall, 1200 E. Broad St. The renovation of 420 Augusta St., "
                             "Alexandria, was done.")
    assert {"E. Broad St.", "Augusta St."} <= set(found)
    found = _found(topo_nlp, "Flows that affect Lake Lanier's watershed reach Anthony Creek and the Monongahela "
                             "National Forest.")
    assert {"Lake Lanier", "Anthony Creek", "Monongahela National Forest"} <= set(found)


def test_a_county_heading_a_person_entity(topo_nlp: Language) -> None:
    found = _found(topo_nlp, "Anderson County Sheriff's Capt. Tommy Barr is here.")
    assert "Anderson County" in found


def test_roads_numbered_after_their_state_or_system(topo_nlp: Language) -> None:
    found = _found(topo_nlp, "The crash closed KY 52 near Richmond; US-24 and FM 678 stayed open. The US 2009 "
                             "rule stands.")
    assert {"KY 52", "US-24", "FM 678"} <= set(found) and "US 2009" not in found


def _hand_doc(nlp: Language, words: list[str], ents: list[tuple[int, int, str]]):  # type: ignore[no-untyped-def]
    """A Doc built by hand: the words and the entities a model might give, no parse."""
    from spacy.tokens import Doc, Span

    doc = Doc(nlp.vocab, words=words)
    doc.ents = [Span(doc, s, e, label=lab) for s, e, lab in ents]
    return doc


def test_person_words_leave_out_institutions_and_owners(topo_nlp: Language) -> None:
    from eventwire.nlp.toponyms import person_names

    # the model's PERSON "Maplewood Police Spokeswoman Dana Quill": the town is not a name of hers
    doc = _hand_doc(topo_nlp, ["Maplewood", "Police", "Spokeswoman", "Dana", "Quill", "said", "."],
                    [(0, 5, "PERSON")])
    assert person_names(doc) == {"Spokeswoman", "Dana", "Quill"}
    # a person's own possessive keeps the person ("Kristina's")
    doc = _hand_doc(topo_nlp, ["It", "was", "Kristina", "’s", "week", "."], [(2, 4, "PERSON")])
    assert person_names(doc) == {"Kristina"}
    doc = _hand_doc(topo_nlp, ["Tim", "Pawlenty", "spoke", "."], [(0, 2, "PERSON")])
    assert person_names(doc) == {"Tim", "Pawlenty"}


def test_a_located_mention_is_a_place_whatever_a_misread_headline_says(topo_nlp: Language) -> None:
    finder = topo_nlp.get_pipe("eventwire_toponyms")
    # a headline the model read as one person ("Ivanov Joins Sochi"); later "the election in Sochi"
    words = ["Ivanov", "Joins", "Sochi", "Race", ".", "The", "election", "in", "Sochi", "is", "near", "."]
    doc = finder(_hand_doc(topo_nlp, words, [(0, 3, "PERSON"), (8, 9, "GPE")]))
    assert [(s.start, s.text) for s in doc.spans[TOPONYMS]] == [(8, "Sochi")]
    # whose, not where: "outside Ivanov's home" stays the person even if the model says GPE
    words = ["Oleg", "Ivanov", "left", ".", "Crowds", "gathered", "outside", "Ivanov", "’s", "home", "."]
    doc = finder(_hand_doc(topo_nlp, words, [(0, 2, "PERSON"), (7, 8, "GPE")]))
    assert "Ivanov" not in [s.text for s in doc.spans[TOPONYMS]]


def test_a_town_of_several_words_heading_an_institution(topo_nlp: Language) -> None:
    finder = topo_nlp.get_pipe("eventwire_toponyms")
    words = ["They", "met", "at", "the", "Mount", "Pleasant", "City", "Council", "on", "Monday", "."]
    doc = finder(_hand_doc(topo_nlp, words, [(3, 8, "ORG"), (9, 10, "DATE")]))
    assert [s.text for s in doc.spans[TOPONYMS]] == ["Mount Pleasant"]
    # "downtown X" locates: a town the model called a facility
    words = ["The", "shop", "is", "a", "mile", "east", "of", "downtown", "Rock", "Hill", "."]
    doc = finder(_hand_doc(topo_nlp, words, [(8, 10, "FAC")]))
    assert [s.text for s in doc.spans[TOPONYMS]] == ["Rock Hill"]


def test_a_name_the_model_calls_a_person_throughout_is_the_person(topo_nlp: Language) -> None:
    finder = topo_nlp.get_pipe("eventwire_toponyms")
    # "Welch" is also a small West Virginia town: "stolen from Welch" is no place when the story
    # otherwise names the man
    words = ["They", "stabbed", "Welch", ".", "Welch", "ran", ".", "It", "was", "stolen", "from", "Welch", "."]
    doc = finder(_hand_doc(topo_nlp, words, [(2, 3, "PERSON"), (4, 5, "PERSON"), (11, 12, "PERSON")]))
    assert "Welch" not in [s.text for s in doc.spans[TOPONYMS]]
    # a region keeps its place whatever the votes ("Guerrero", also a surname)
    words = ["Guerrero", "said", ".", "Guerrero", "left", ".", "Troops", "moved", "into", "Guerrero", "."]
    doc = finder(_hand_doc(topo_nlp, words, [(0, 1, "PERSON"), (3, 4, "PERSON"), (9, 10, "GPE")]))
    assert 9 in [s.start for s in doc.spans[TOPONYMS]]
    # a town the story locates ("in X", "around X") is no person, whatever the model's labels
    words = ["A", "strike", "hit", "a", "market", "in", "Jowhar", ".", "Strikes", "hit", "posts", "around", "Jowhar",
             ".", "Jowhar", "was", "calm", "."]
    doc = finder(_hand_doc(topo_nlp, words, [(6, 7, "PERSON"), (12, 13, "PERSON"), (14, 15, "PERSON")]))
    assert [s.start for s in doc.spans[TOPONYMS]][:2] == [6, 12]


def test_a_vehicle_make_after_its_model_year_is_no_town(topo_nlp: Language) -> None:
    finder = topo_nlp.get_pipe("eventwire_toponyms")
    words = ["A", "1992", "Toyota", "Corolla", "hit", "a", "pole", ".", "The", "Toyota", "stopped", "near",
             "Decatur", "."]
    doc = finder(_hand_doc(topo_nlp, words, [(1, 2, "DATE"), (2, 4, "PRODUCT"), (9, 10, "ORG"), (12, 13, "GPE")]))
    assert [s.text for s in doc.spans[TOPONYMS]] == ["Decatur"]


def test_pieces_of_one_country_name_are_one_toponym(topo_nlp: Language) -> None:
    found = _found(topo_nlp, "Measles cases rose in Angola, Chad and Democratic Republic of the Congo, while "
                             "Guinea-Bissau and Bosnia and Herzegovina reported none.")
    assert {"Democratic Republic of the Congo", "Guinea-Bissau", "Bosnia and Herzegovina"} <= set(found)
    assert not {"Democratic Republic", "Congo", "Guinea", "Bissau", "Bosnia", "Herzegovina"} & set(found)
    found = _found(topo_nlp, "The health ministry of the People's Republic of China issued the order.")
    assert "People's Republic of China" in found
    # a determiner is no part of the name, and two neighbours stay two
    found = _found(topo_nlp, "The U.S. sent aid. Storms hit Texas and Oklahoma.")
    assert "The U.S." not in found and {"Texas", "Oklahoma"} <= set(found)


def test_a_container_cue_needs_a_place_after_the_comma_or_in(topo_nlp: Language) -> None:
    finder = topo_nlp.get_pipe("eventwire_toponyms")
    # "Bell in July": a month after "in" is no container, so the shop's name is no town
    words = ["He", "shot", "her", "in", "a", "Taco", "Bell", "in", "July", "."]
    doc = finder(_hand_doc(topo_nlp, words, [(8, 9, "DATE")]))
    assert "Bell" not in [s.text for s in doc.spans[TOPONYMS]]
    # a place after the comma still says place
    found = _found(topo_nlp, "Bell, California, approved the budget.")  # the model calls Bell an ORG
    assert "Bell" in found and found["Bell"]["container"] == "California"


def test_diseases_named_after_places_are_no_places(topo_nlp: Language) -> None:
    # eponym words in cues.yaml: "virus", "fever", "flu" ..., also past a bracket or quote
    for text in ("Cases of West Nile virus rose.", 'She said: "West Nile [virus] is bad."',
                 "Both Ebola and Marburg fever infect humans."):
        assert "Nile" not in _found(topo_nlp, text) and "Marburg" not in _found(topo_nlp, text), text
    assert "Nile" in _found(topo_nlp, "Boats sailed up the Nile to Aswan.")
    # an adjective between ("Marburg hemorrhagic fever"); a bare disease name ("to combat Ebola in Africa")
    found = _found(topo_nlp, "Symptoms of Marburg hemorrhagic fever appeared. Teams went to combat Ebola in Africa.")
    assert "Marburg" not in found and "Ebola" not in found and "Africa" in found
    assert "Marburg" in _found(topo_nlp, "The conference opened in Marburg on Monday.")


def test_a_newspaper_named_after_its_city_is_no_mention_of_the_city(topo_nlp: Language) -> None:
    found = _found(topo_nlp, "The Kyiv Independent and the New York Times reported shelling in Kharkiv.")
    assert "Kharkiv" in found and "Kyiv" not in found and "New York" not in found
    found = _found(topo_nlp, "According to China Daily, police in Shanghai detained a suspect.")
    assert "Shanghai" in found and "China" not in found


def test_a_division_found_with_its_word_names_its_bare_mentions_too(topo_nlp: Language) -> None:
    # one sense per story: the headline's bare "Avoyelles" is the parish the body names in full
    text = "Avoyelles task force arrests 14. Deputies in Avoyelles Parish arrested 14 people on Friday."
    doc = topo_nlp(text)
    starts = [s.start_char for s in doc.spans[TOPONYMS]]
    assert 0 in starts and text.index("Avoyelles Parish") in starts


def test_a_town_coordinated_with_a_place_is_a_place(topo_nlp: Language) -> None:
    finder = topo_nlp.get_pipe("eventwire_toponyms")
    # the model calls Avdiivka a person; written after "Bakhmut and" in Ukraine, it is the town
    words = ["Shelling", "hit", "Bakhmut", "and", "Avdiivka", "overnight", "."]
    doc = finder(_hand_doc(topo_nlp, words, [(2, 3, "GPE"), (4, 5, "PERSON")]))
    assert [s.text for s in doc.spans[TOPONYMS]] == ["Bakhmut", "Avdiivka"]
    # not after a place: "Avdiivka" alone as a person stays a person
    words = ["Talks", "with", "Avdiivka", "ended", "."]
    doc = finder(_hand_doc(topo_nlp, words, [(2, 3, "PERSON")]))
    assert [s.text for s in doc.spans[TOPONYMS]] == []


def test_front_line_words_are_no_places(topo_nlp: Language) -> None:
    found = _found(topo_nlp, "Fighting resumed in Tigray's Western Zone near Humera.")
    assert "Zone" not in found and "Western Zone" not in found and "Humera" in found


def test_names_with_particles_and_places_after_verbs_of_taking_ground(topo_nlp: Language) -> None:
    # a run of capitalised words goes on through "da", "de", "el" ... when the whole is a place
    found = _found(topo_nlp, "An IED exploded in Cabo Delgado's Mocimboa da Praia.")
    assert "Mocimboa da Praia" in found and "Praia" not in found
    # the model calls "Ras al-Ain" a person; after "entered" it is the town
    finder = topo_nlp.get_pipe("eventwire_toponyms")
    words = ["Turkish", "forces", "entered", "Ras", "al-Ain", "on", "Monday", "."]
    doc = finder(_hand_doc(topo_nlp, words, [(3, 5, "PERSON")]))
    assert [s.text for s in doc.spans[TOPONYMS]] == ["Ras al-Ain"]
    words = ["Rebels", "attacked", "Ras", "al-Ain", "on", "Monday", "."]  # people are attacked too
    doc = finder(_hand_doc(topo_nlp, words, [(2, 4, "PERSON")]))
    assert [s.text for s in doc.spans[TOPONYMS]] == []


def test_a_capital_opening_a_sentence_before_a_speech_verb(topo_nlp: Language) -> None:
    # "Kyiv said": the government's seat is still a toponym (events leave it out as a speaker)
    found = _found(topo_nlp, "Kyiv said its drones hit the Engels air base in Saratov Oblast.")
    assert "Kyiv" in found
