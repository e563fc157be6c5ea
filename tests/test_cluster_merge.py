"""Merging mentions into events: pairwise features, blocks, incremental assignment, figures,
and the quality floor on the clustering set (tests/fixtures/merge/stories.yaml)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.cluster import Clusterer, pair_score
from eventwire.cluster.merge import figure_ranges
from eventwire.cluster.model import SourceFigure
from eventwire.evaluate.merge import evaluate_merge, load_set, pairwise
from eventwire.evaluate.report import below_floors, load_floors
from eventwire.records import AcledType, Actor, Event, Place, Span, When

FLOORS = Path(__file__).resolve().parents[1] / "quality" / "floors" / "merge.yaml"
N_STORIES = len(load_set())


def mention(eid: str, *, sub: str = "Shelling/artillery/missile attack", etype: str = "Explosions/Remote violence",
            lat: float | None = 49.99, lon: float | None = 36.23, cc: str = "UA", precision: int = 1,
            day: date | None = date(2025, 3, 3), actor1: str | None = "RUS", modality: str = "occurred",
            text: str = "Russian missiles struck Kharkiv", admin1: str | None = None) -> Event:
    place = None if lat is None else Place(name=f"p{lat:.2f}", lat=lat, lon=lon, country_code=cc,
                                           precision=precision, admin1_name=admin1)
    return Event(
        id=eid, acled=AcledType(event_type=etype, sub_event_type=sub), place=place,
        when=When(start=day, end=day, precision="day", basis="relative") if day else When(),
        actor1=Actor(text=f"forces of {actor1}", country=actor1, sector="MIL") if actor1 else None,
        modality=modality, sentence=Span(start=0, end=len(text), text=text),
    )


def test_same_strike_scores_high_and_explains_itself() -> None:
    p = pair_score(mention("a"), mention("b", lat=50.0, lon=36.25, text="A Russian missile hit Kharkiv"))
    assert p.blocked_by is None and p.score >= 0.8
    feats = p.as_dict()
    assert feats["type"] == 1.0 and feats["date"] == 1.0 and feats["actors"] == 1.0
    assert 0.5 < (feats["place"] or 0) < 1.0
    assert any("km apart" in r for r in p.reasons())


def test_hard_contradictions_block() -> None:
    a = mention("a")
    assert pair_score(a, mention("b", lat=46.48, lon=30.73)).blocked_by == "place"  # Odesa, 480 km
    assert pair_score(a, mention("b", cc="RU", lat=50.6, lon=36.6)).blocked_by == "place"  # another country
    assert pair_score(a, mention("b", day=date(2025, 3, 9))).blocked_by == "date"
    assert pair_score(a, mention("b", etype="Protests", sub="Peaceful protest")).blocked_by == "type"
    assert pair_score(a, mention("b", actor1="UKR")).blocked_by == "actors"
    assert pair_score(a, mention("b", modality="threatened")).blocked_by == "modality"


def test_one_story_keeps_its_different_kinds_of_event_apart() -> None:
    """Across stories a "shelling" and "clashes" at one place are one event seen two ways; inside one
    story the writer told them apart, so they stay two events (the seed's strikes and its advance)."""
    shelling = mention("a")
    clash = mention("b", etype="Battles", sub="Armed clash", text="Russian troops clashed in Kharkiv")
    assert pair_score(shelling, clash).blocked_by is None
    shelling.article_ids, clash.article_ids = ["story-1"], ["story-1"]
    assert pair_score(shelling, clash).blocked_by == "story"
    restated = mention("c", text="The Russian missile attack on Kharkiv")
    restated.article_ids = ["story-1"]
    assert pair_score(shelling, restated).blocked_by is None


def test_region_holds_its_towns() -> None:
    town = mention("a", admin1="Kursk Oblast", lat=51.19, lon=35.27, cc="RU", actor1="UKR")
    region = mention("b", admin1="Kursk Oblast", lat=51.5, lon=36.0, cc="RU", precision=3, actor1="UKR")
    region.place.level = "admin1"  # type: ignore[union-attr]
    other = mention("c", admin1="Belgorod Oblast", lat=50.7, lon=37.4, cc="RU", precision=3, actor1="UKR")
    assert pair_score(town, region).blocked_by is None
    assert pair_score(town, other).blocked_by == "place"


def test_unknowns_alone_do_not_merge() -> None:
    bare = mention("a", lat=None, day=None, actor1=None, text="an attack")
    other = mention("b", lat=None, day=None, actor1=None, text="an attack")
    assert pair_score(bare, other).score < 0.62


def test_no_place_needs_shared_words() -> None:
    a = mention("a", lat=None, text="Ukrainian drones hit the refinery early on Thursday")
    b = mention("b", lat=None, text="Kyiv said the assault had been beaten back")
    assert pair_score(a, b).blocked_by == "support"
    c = mention("c", lat=None, text="The refinery was hit by drones on Thursday, officials said")
    assert pair_score(a, c).blocked_by is None


def test_overnight_gap_of_one_day_still_merges() -> None:
    p = pair_score(mention("a", day=date(2025, 3, 5)), mention("b", day=date(2025, 3, 6)))
    assert p.blocked_by is None and p.score >= 0.62


ids = st.text(alphabet="abcdef", min_size=1, max_size=4)


@settings(max_examples=60, deadline=None)
@given(
    lat=st.floats(45, 52), lon=st.floats(30, 40), gap=st.integers(0, 6),
    sub=st.sampled_from(["Shelling/artillery/missile attack", "Air/drone strike"]),
    a1=st.sampled_from(["RUS", "UKR", None]),
)
def test_pair_score_is_symmetric(lat: float, lon: float, gap: int, sub: str, a1: str | None) -> None:
    a = mention("a")
    b = mention("b", lat=lat, lon=lon, day=date(2025, 3, 3) + timedelta(days=gap), sub=sub, actor1=a1)
    ab, ba = pair_score(a, b), pair_score(b, a)
    assert ab.score == ba.score and ab.blocked_by == ba.blocked_by


def test_incremental_and_deterministic() -> None:
    stories = load_set()
    c1, c2 = Clusterer(), Clusterer()
    first = [cid for s in stories for cid in c1.add(s.extraction)]
    second = [cid for s in stories for cid in c2.add(s.extraction)]
    assert first == second
    # A new story joins the existing events: adding it later equals having had it all along.
    c3 = Clusterer()
    for s in stories[:-1]:
        c3.add(s.extraction)
    assert [cid for cid in c3.add(stories[-1].extraction)] == first[-len(stories[-1].gold):]


def test_clusterer_agrees_with_the_store(tmp_path: Path) -> None:
    from eventwire.store import Store

    stories = load_set()
    c = Clusterer()
    for s in stories:
        c.add(s.extraction)
    st = Store(str(tmp_path / "e.db"))
    for s in stories:
        st.write(s.extraction)
    in_store = sorted((e.id, tuple(e.article_ids)) for e in st.events(None))
    in_memory = sorted((m.id, tuple(m.event.article_ids)) for m in c.events() if m.event.modality == "occurred")
    assert in_store == in_memory


def test_figure_ranges_keep_every_source() -> None:
    figs = [SourceFigure(kind="killed", best=b, low=b, high=b, article_id=a, event_id=a)
            for a, b in (("x", 8), ("y", 12), ("z", 10))]
    figs.append(SourceFigure(kind="injured", best=20, article_id="x", event_id="x"))
    injured, killed = figure_ranges(figs)  # sorted by kind
    assert (killed.low, killed.best, killed.high, killed.n_sources, killed.agree) == (8, 10, 12, 3, False)
    assert (injured.kind, injured.best, injured.agree) == ("injured", 20, True)


def test_pairwise_metric() -> None:
    assert pairwise(["a", "a", "b"], ["x", "x", "y"]) == {"precision": 1.0, "recall": 1.0, "f1": 1.0,
                                                          "tp": 1, "fp": 0, "fn": 0}
    m = pairwise(["a", "a", "a"], ["x", "x", "y"])
    assert (m["tp"], m["fp"], m["fn"]) == (1, 2, 0)


def test_merge_quality_floor() -> None:
    report = evaluate_merge()
    assert below_floors(report, load_floors(FLOORS)) == []


@pytest.mark.slow
def test_merge_pipeline_floor(nlp: Any) -> None:
    """The set's stories through the real pipeline (extraction and merging together)."""
    report = evaluate_merge(pipeline=True, nlp=nlp)
    floors = load_floors(FLOORS.with_name("merge_pipeline.yaml"))
    assert below_floors(report, floors) == []


@settings(max_examples=25, deadline=None)
@given(st.permutations(list(range(N_STORIES))), st.integers(min_value=1, max_value=N_STORIES))
def test_merging_invariants_in_any_order(order: list[int], n: int) -> None:
    """Whatever stories arrive, in whatever order: every mention is in exactly one event, an event
    lists exactly its mentions' articles, every source's figures are kept, ranges are ordered."""
    stories = load_set()
    chosen = [stories[i] for i in order[:n]]
    c = Clusterer()
    for s in chosen:
        c.add(s.extraction)
    merged = c.events()
    mention_ids = [m.event_id for ev in merged for m in ev.mentions]
    expected = [e.id for s in chosen for e in s.extraction.events]
    assert sorted(mention_ids) == sorted(expected) and len(set(mention_ids)) == len(mention_ids)
    for ev in merged:
        assert set(ev.event.article_ids) == {m.article_id for m in ev.mentions}
        assert len(ev.event.article_ids) == len(set(ev.event.article_ids))
        n_figures = sum(len(m.event.quantities) for m in ev.mentions if m.event)
        assert len(ev.figures) >= n_figures
        for r in ev.ranges:
            assert r.low is None or r.high is None or r.low <= (r.best if r.best is not None else r.low) <= r.high
        f = ev.event.fatalities
        assert f.high is None or f.low <= f.high
