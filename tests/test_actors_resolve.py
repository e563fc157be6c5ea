"""resolve_actors: records in, records out; territorial Battles re-typed by the event's place."""

from __future__ import annotations

from eventwire.records import AcledType, Actor, Article, Event, Extraction, Place
from eventwire.resolve.actors import normalise_actor, resolve_actors


def _extraction(event: Event) -> Extraction:
    article = Article(id="a1", text="x")
    return Extraction(id="a1", article=article, events=[event])


def test_normalise_fills_codes_and_arms_a_state_agent_of_violence() -> None:
    actor = normalise_actor(Actor(text="Ukraine"), violent=True)
    assert actor is not None
    assert (actor.country, actor.sector, actor.acled_type, actor.inter_code) == ("UKR", "MIL", "State forces", 1)
    assert actor.name == "Military Forces of Ukraine (2019-)"
    said = normalise_actor(Actor(text="Ukraine"), violent=False)
    assert said is not None and said.sector == "GOV"


def test_state_forces_taking_ground_at_home_regain_territory() -> None:
    event = Event(id="e1", acled=AcledType(event_type="Battles", sub_event_type="Non-state actor overtakes territory"),
                  actor1=Actor(text="Malian troops"), place=Place(name="Kidal", country_code="ML"),
                  rule="lexicon:capture-territory+territory")
    out = resolve_actors(_extraction(event)).events[0]
    assert out.acled is not None and out.acled.sub_event_type == "Government regains territory"
    assert out.actor1 is not None and out.actor1.country == "MLI"


def test_foreign_forces_overtake_territory() -> None:
    event = Event(id="e2", acled=AcledType(event_type="Battles", sub_event_type="Government regains territory"),
                  actor1=Actor(text="Ukrainian forces"), place=Place(name="Sudzha", country_code="RU"),
                  rule="lexicon:retake-territory+territory")
    out = resolve_actors(_extraction(event)).events[0]
    assert out.acled is not None and out.acled.sub_event_type == "Non-state actor overtakes territory"


def test_events_without_territory_rules_are_left_alone() -> None:
    event = Event(id="e3", acled=AcledType(event_type="Battles", sub_event_type="Armed clash"),
                  actor1=Actor(text="Malian troops"), place=Place(name="Kidal", country_code="ML"),
                  rule="lexicon:clash")
    out = resolve_actors(_extraction(event)).events[0]
    assert out.acled == event.acled
