"""Modality and document-level behaviour, on sentences read by the real model."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.records import Event


@pytest.fixture(scope="module")
def events_of():  # type: ignore[no-untyped-def]
    from eventwire.assemble.events import events_from_doc
    from eventwire.classify import classifier_nlp
    from eventwire.ingest import make_article
    from eventwire.pipeline import make_doc

    nlp = classifier_nlp()

    def run(text: str, published: str = "2024-08-14") -> list[Event]:
        article = make_article(text, published=published)
        return events_from_doc(article, nlp(make_doc(nlp, article)))

    return run


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("Russian forces did not shell the city on Monday, officials said.", "negated"),
        ("The army will launch an offensive on the town next week.", "planned"),
        ("The rebels plan to attack the capital.", "planned"),
        ("Hamas vowed to attack Israeli towns.", "threatened"),
        ("Officials warned that militants could attack the airport.", "threatened"),
        ("The strikes aimed to prevent further attacks on the city.", "occurred"),
    ],
)
def test_modality(events_of, text: str, modality: str) -> None:  # type: ignore[no-untyped-def]
    events = events_of(text)
    assert events, text
    assert events[0].modality == modality


def test_background_is_never_a_current_event(events_of) -> None:  # type: ignore[no-untyped-def]
    text = ("Ukrainian drones struck an oil depot overnight in the largest attack since the invasion "
            "began in February 2022.")
    events = events_of(text)
    occurred = [e for e in events if e.modality == "occurred"]
    assert [e.trigger.text for e in occurred if e.trigger] == ["struck"]
    assert any(e.modality == "background" and e.trigger and e.trigger.text == "invasion" for e in events)


def test_several_events_in_one_sentence(events_of) -> None:  # type: ignore[no-untyped-def]
    events = events_of("Officials said the troops had advanced five kilometres and that they had captured "
                       "40 enemy soldiers.")
    modes = {(e.acled.event_type if e.acled else None, e.plover.mode if e.plover else None) for e in events}
    assert ("Battles", "abduct") in modes
    assert len([e for e in events if e.modality == "occurred"]) == 2


def test_anaphora_links_back_instead_of_duplicating(events_of) -> None:  # type: ignore[no-untyped-def]
    events = events_of("Israeli aircraft struck a camp in Gaza on Tuesday. The attack killed 12 people.")
    occurred = [e for e in events if e.modality == "occurred"]
    assert len(occurred) == 1
    assert any(s.text == "attack" for s in occurred[0].evidence)


def test_pronoun_agent_resolves_to_the_earlier_actor(events_of) -> None:  # type: ignore[no-untyped-def]
    events = events_of("The Kremlin said on Sunday that it had repelled a Ukrainian attack near the border.")
    repel = next(e for e in events if e.trigger and e.trigger.text == "repelled")
    assert repel.actor1 is not None and repel.actor1.country == "RUS"


def test_primary_event_and_deterministic_ids(events_of) -> None:  # type: ignore[no-untyped-def]
    text = "KYIV: Russian missiles hit Kharkiv on Monday. Officials later condemned the strike."
    first, second = events_of(text), events_of(text)
    assert [e.id for e in first] == [e.id for e in second]
    primaries = [e for e in first if e.primary]
    assert len(primaries) == 1 and primaries[0].acled is not None
    assert primaries[0].acled.sub_event_type == "Shelling/artillery/missile attack"
    assert all(e.rule for e in first)


def test_dateline_is_skipped(events_of) -> None:  # type: ignore[no-untyped-def]
    events = events_of("KHARKIV: Residents swept up glass on Monday.")
    assert events == []
    assert date(2024, 8, 14)  # anchor used above


def test_a_killing_by_airstrike_in_the_lead_is_the_primary_event(events_of) -> None:  # type: ignore[no-untyped-def]
    text = ("On Thursday, government forces killed Ali Hassan, a rebel commander, in an airstrike. "
            "The government called for calm, pointing to earlier attacks on its soldiers.")
    events = events_of(text)
    primary = next(e for e in events if e.primary)
    assert primary.acled is not None and primary.acled.sub_event_type == "Air/drone strike"
    assert primary.sentence is not None and primary.sentence.start == 0


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        # an attempt at a fight that was made is the fight (ACLED codes a failed assault as a clash)
        ("Rebel units tried to storm the airport twice overnight but were pushed back.", "occurred"),
        ("Government troops are trying to break through the defences north of the town.", "occurred"),
        # one still to come is not
        ("The rebels will try to break through the defences again next week.", "planned"),
        ("The militants plan to attack the garrison.", "planned"),
        # "new" or "further" fighting the sentence reports happened
        ("New clashes left four soldiers dead near the border on Sunday.", "occurred"),
        ("At least nine people were killed in new fighting in the north.", "occurred"),
        # ... and that it only expects did not
        ("Officials expect new clashes in the coming days.", "planned"),
    ],
)
def test_attempts_and_new_fighting(events_of, text: str, modality: str) -> None:  # type: ignore[no-untyped-def]
    events = [e for e in events_of(text) if e.acled is not None and e.acled.event_type == "Battles"]
    assert events, text
    assert events[0].modality == modality, [(e.trigger.text if e.trigger else None, e.modality) for e in events]


def test_withdrawing_a_text_moves_no_force(events_of) -> None:  # type: ignore[no-untyped-def]
    for text in ("Opposition leaders vowed to keep protesting until the bill is withdrawn.",
                 "The government withdrew the draft law after a week of protests."):
        subs = [e.acled.sub_event_type for e in events_of(text) if e.acled is not None]
        assert "Non-violent transfer of territory" not in subs, (text, subs)
    subs = [e.acled.sub_event_type for e in events_of("Rebel fighters withdrew from the town on Friday.")
            if e.acled is not None]
    assert subs == ["Non-violent transfer of territory"]
