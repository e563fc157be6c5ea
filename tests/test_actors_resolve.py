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


def test_an_old_story_names_the_government_of_its_day() -> None:
    from datetime import date

    from eventwire.records import AcledType, Actor, Article, Event, Extraction, When
    from eventwire.resolve.actors import resolve_actors

    article = Article(id="a", text="US forces struck a convoy near Baghdad.", published=date(2020, 1, 3))
    event = Event(id="e", acled=AcledType(event_type="Explosions/Remote violence", sub_event_type="Air/drone strike"),
                  actor1=Actor(text="US forces"), when=When(start=date(2020, 1, 3), end=date(2020, 1, 3)))
    out = resolve_actors(Extraction(id="x", article=article, events=[event]))
    assert out.events[0].actor1 is not None
    assert out.events[0].actor1.name == "Military Forces of the United States (2017-2021)"
