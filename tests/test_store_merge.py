"""The store on SQLite and on the real PostgreSQL: merged events, figures per source, claims,
filters, idempotent writes, migrations. Mentions are hand-built records (no extraction)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import inspect

from eventwire.ingest import make_article
from eventwire.records import (
    AcledType,
    Actor,
    Attribution,
    Claim,
    Event,
    Extraction,
    Fatalities,
    Place,
    PloverType,
    Quantity,
    Span,
    Speaker,
    When,
)
from eventwire.store import EventFilter, Store
from eventwire.store.testing import reachable, temporary_schema


def _pg_url_or_skip() -> None:
    why = reachable()
    if why is not None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"PostgreSQL at 127.0.0.1:5432 is unreachable under CI: {why}")
        pytest.skip(f"PostgreSQL is not reachable: {why}")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "sqlite":
        st = Store(str(tmp_path / "events.db"))
        yield st
        st.close()
        return
    _pg_url_or_skip()
    with temporary_schema() as url:
        st = Store(url)
        yield st
        st.close()


KHARKIV = Place(name="Kharkiv", lat=49.9935, lon=36.2304, country_code="UA", admin1_name="Kharkiv Oblast",
                precision=1, geonameid=706483, level="populated_place")
ODESA = Place(name="Odesa", lat=46.4775, lon=30.7326, country_code="UA", admin1_name="Odesa Oblast",
              precision=1, geonameid=698740, level="populated_place")
RU = Actor(text="Russian forces", country="RUS", sector="MIL", acled_type="State forces", inter_code=1)
CIV = Actor(text="civilians", country="UKR", sector="CVL", acled_type="Civilians", inter_code=7)


def story(text: str, sentence: str, *, killed: int | None = None, place: Place = KHARKIV,
          day: date = date(2025, 3, 3), published: str = "2025-03-04", outlet: str = "Wire",
          status: str = "asserted", claims: list[Claim] | None = None, claim_id: str | None = None) -> Extraction:
    article = make_article(text, published=published, outlet=outlet)
    start = text.index(sentence)
    span = Span.of(text, start, start + len(sentence))
    qs = [Quantity(span=span, kind="killed", low=killed, best=killed, high=killed)] if killed is not None else []
    event = Event(
        id=f"{article.id}-e0",
        acled=AcledType(event_type="Explosions/Remote violence", sub_event_type="Shelling/artillery/missile attack"),
        plover=PloverType(type="ASSAULT", mode="heavy-weapons"),
        actor1=RU, actor2=CIV, place=place.model_copy(update={"span": span}),
        when=When(start=day, end=day, precision="day", basis="relative"),
        quantities=qs, fatalities=Fatalities(low=killed or 0, best=killed, high=killed),
        attribution=Attribution(status=status, source=Speaker(text="officials"), claim_id=claim_id),
        sentence=span, evidence=[span], confidence=0.8, article_ids=[article.id],
    )
    return Extraction(id=article.id, article=article, events=[event], claims=claims or [])


S1 = "Russian missiles struck a residential district of Kharkiv on Monday, killing four people, officials said."
S2 = "Five civilians were killed when a Russian missile hit an apartment block in Kharkiv on March 3."
S3 = "The death toll from Monday's missile strike on Kharkiv rose to seven, rescuers said."
S_ODESA = "A Russian missile attack on the port of Odesa on Monday killed two dock workers."


def two_stories() -> tuple[Extraction, Extraction]:
    return story(S1, S1, killed=4, outlet="Eastern Wire"), story(S2, S2, killed=5, outlet="Danube Post")


def test_two_stories_same_strike_one_event_two_sources(store: Store) -> None:
    a, b = two_stories()
    store.write(a)
    store.write(b)
    events = store.events()
    assert len(events) == 1
    assert sorted(events[0].article_ids) == sorted([a.article.id, b.article.id])
    assert store.count("events") == 2  # both mentions are kept as extracted
    detail = store.event_detail(events[0].id)
    assert detail is not None
    assert [s.outlet for s in detail.sources] == ["Eastern Wire", "Danube Post"]
    joined = detail.mentions[1]
    assert joined.matched_event_id == a.events[0].id
    assert joined.score is not None and joined.score >= 0.62
    assert joined.features["place"] == 1.0 and joined.features["type"] == 1.0
    assert any(r.startswith("place:") for r in joined.reasons)


def test_third_story_adds_its_figure_without_overwriting(store: Store) -> None:
    a, b = two_stories()
    c = story(S3, S3, killed=7, outlet="Northern Dispatch")
    for x in (a, b, c):
        store.write(x)
    (event,) = store.events()
    detail = store.event_detail(event.id)
    assert detail is not None
    killed = [(f.outlet, f.best) for f in detail.figures if f.kind == "killed"]
    assert killed == [("Eastern Wire", 4), ("Danube Post", 5), ("Northern Dispatch", 7)]
    (rng,) = [r for r in detail.ranges if r.kind == "killed"]
    assert (rng.low, rng.best, rng.high, rng.n_sources, rng.agree) == (4, 5, 7, 3, False)
    # ACLED's convention: the event's fatalities are the lowest reported figure; the range travels with it.
    assert (event.fatalities.low, event.fatalities.best, event.fatalities.high) == (4, 5, 7)
    assert len(event.article_ids) == 3


def test_same_day_other_city_stays_apart(store: Store) -> None:
    a, _ = two_stories()
    store.write(a)
    store.write(story(S_ODESA, S_ODESA, killed=2, place=ODESA))
    assert store.count_events() == 2
    assert store.count_events(EventFilter(text="odesa")) == 1


def test_a_week_later_is_another_event(store: Store) -> None:
    a, _ = two_stories()
    store.write(a)
    later = "Another Russian missile hit Kharkiv on Sunday, killing two people."
    store.write(story(later, later, killed=2, day=date(2025, 3, 9), published="2025-03-10"))
    assert store.count_events() == 2


def test_writes_are_idempotent(store: Store) -> None:
    a, b = two_stories()
    for x in (a, b, a, b, a):
        store.write(x)
    assert store.count("articles") == 2
    assert store.count("events") == 2
    assert store.count("clusters") == 1
    (event,) = store.events()
    assert len(event.article_ids) == 2


def test_rewriting_an_article_updates_its_event(store: Store) -> None:
    a, b = two_stories()
    store.write(a)
    store.write(b)
    # The same article re-extracted by a newer pipeline that finds no event in it any more.
    store.write(a.model_copy(update={"events": []}))
    (event,) = store.events()
    assert event.article_ids == [b.article.id]
    detail = store.event_detail(event.id)
    assert detail is not None and [f.best for f in detail.figures] == [5]
    store.write(b.model_copy(update={"events": []}))
    assert store.events() == [] and store.count("clusters") == 0


def test_claims_and_denials_stay_linked(store: Store) -> None:
    a, _ = two_stories()
    store.write(a)
    text = ("Russia's defence ministry said it hit a command post in Kharkiv on Monday. "
            "Ukrainian officials rejected the claim, saying the missile hit homes.")
    s1, s2 = text.split(". ", 1)
    span1 = Span.of(text, 0, len(s1))
    span2 = Span.of(text, text.index(s2), len(text))
    claims = [
        Claim(id="c1", claimant=Speaker(text="Russia's defence ministry"), content=span1, status="disputed"),
        Claim(id="c2", claimant=Speaker(text="Ukrainian officials"), content=span2, contradicts=["c1"]),
    ]
    denial = story(text, s1, status="disputed", claims=claims, claim_id="c1", outlet="Northern Dispatch")
    store.write(denial)
    (event,) = store.events()
    assert event.attribution.status == "disputed"
    detail = store.event_detail(event.id)
    assert detail is not None
    assert [(c["id"], c["contradicts"]) for c in detail.claims] == [("c1", []), ("c2", ["c1"])]
    assert store.count_events(EventFilter(disputed=True)) == 1


def test_filters_on_merged_events(store: Store) -> None:
    a, b = two_stories()
    for x in (a, b, story(S_ODESA, S_ODESA, killed=2, place=ODESA, outlet="Black Sea Times")):
        store.write(x)
    assert store.count_events(EventFilter(country="ua")) == 2
    assert store.count_events(EventFilter(country="RU")) == 0
    assert store.count_events(EventFilter(bbox=(35.0, 49.0, 37.0, 51.0))) == 1
    assert store.count_events(EventFilter(since=date(2025, 3, 4))) == 0
    assert store.count_events(EventFilter(until=date(2025, 3, 3), event_type="explosions/remote violence")) == 2
    assert store.count_events(EventFilter(text="apartment block")) == 1  # the second source's words
    assert store.count_events(EventFilter(article_id=b.article.id)) == 1
    assert store.count_events(EventFilter(mentions=True)) == 3
    assert len(store.mentions(EventFilter(article_id=b.article.id))) == 1
    by_sources = store.events(EventFilter(sort="-sources"))
    assert len(by_sources[0].article_ids) == 2
    assert [e.fatalities.low for e in store.events(EventFilter(sort="-fatalities"))] == [4, 2]
    assert len(store.events(EventFilter(limit=1, offset=1))) == 1


def test_aggregates_and_places(store: Store) -> None:
    a, b = two_stories()
    for x in (a, b, story(S_ODESA, S_ODESA, killed=2, place=ODESA)):
        store.write(x)
    by_day = store.aggregate("day")
    assert by_day == [{"key": "2025-03-03", "values": ["2025-03-03"], "events": 2, "fatalities": 6}]
    by_admin1 = {r["key"]: r["events"] for r in store.aggregate("admin1")}
    assert by_admin1 == {"UA / Kharkiv Oblast": 1, "UA / Odesa Oblast": 1}
    assert store.aggregate("type")[0]["events"] == 2
    places = {p["name"]: p for p in store.places()}
    assert set(places) == {"Kharkiv", "Odesa"}
    assert places["Kharkiv"]["events"] == 1 and abs(places["Kharkiv"]["lat"] - 49.9935) < 1e-6


def test_get_event_by_event_or_mention_id(store: Store) -> None:
    a, b = two_stories()
    store.write(a)
    store.write(b)
    (event,) = store.events()
    assert store.get_event(event.id) == event
    mention = store.get_event(b.events[0].id)
    assert mention is not None and mention.article_ids == [b.article.id]
    detail = store.event_detail(b.events[0].id)
    assert detail is not None and detail.id == event.id
    assert store.event_detail("no-such-event") is None


def test_recluster_is_deterministic(store: Store) -> None:
    a, b = two_stories()
    for x in (a, b, story(S_ODESA, S_ODESA, killed=2, place=ODESA)):
        store.write(x)
    before = [(e.id, e.article_ids) for e in store.events()]
    assert store.recluster() == 2
    assert [(e.id, e.article_ids) for e in store.events()] == before


def test_schema_from_migrations(store: Store) -> None:
    tables = set(inspect(store.engine).get_table_names())
    assert {"articles", "events", "places", "quotes", "claims", "clusters", "cluster_members"} <= tables
    # Opening again is a no-op (already at the heads).
    Store(store.location).close()


def test_store_url_mapping() -> None:
    from eventwire.store import store_url

    assert store_url("postgresql://127.0.0.1:5432/test") == "postgresql+psycopg://127.0.0.1:5432/test"
    assert store_url("events.db") == "sqlite:///events.db"
    assert store_url("sqlite:///x.db") == "sqlite:///x.db"


def test_unreachable_store_is_a_clear_error() -> None:
    from eventwire.errors import StoreError

    with pytest.raises(StoreError, match="could not be opened"):
        Store("postgresql://postgres@127.0.0.1:1/none?connect_timeout=2")


def test_clusters_migration_is_reversible(store: Store) -> None:
    """0002_clusters is its own branch off 0001: it can be taken down and back up alone."""
    from alembic import command

    from eventwire.store.migrate import alembic_config, upgrade

    a, b = two_stories()
    store.write(a)
    cfg = alembic_config(store.engine.url.render_as_string(hide_password=False))
    with store.engine.connect().execution_options(eventwire_write=True) as conn, conn.begin():
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "clusters@-1")
    tables = set(inspect(store.engine).get_table_names())
    assert "clusters" not in tables and "cluster_members" not in tables and "articles" in tables
    assert store.count("articles") == 1
    upgrade(store.engine)
    assert {"clusters", "cluster_members"} <= set(inspect(store.engine).get_table_names())
    assert store.count("clusters") == 0  # the stored mention is not merged yet ...
    reopened = Store(store.location)  # ... until the store is opened: pending mentions are merged
    assert [e.article_ids for e in reopened.events()] == [[a.article.id]]
    assert reopened.merge_pending() == 0
    reopened.write(b)
    assert len(reopened.events()[0].article_ids) == 2
    reopened.close()
