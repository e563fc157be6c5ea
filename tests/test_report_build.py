"""Situation reports on hand-coded demo stories: counts, chart, map, figures, disputes, CLI."""

from __future__ import annotations

import re
from datetime import date
from html import unescape
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from eventwire.out.dashboard.demo import demo_extractions
from eventwire.out.report import build_report, render_report
from eventwire.out.report.basemap import countries, decode_countries
from eventwire.out.report.build import highlight
from eventwire.out.report.svg import daily_chart, event_map, map_bbox
from eventwire.records import Span
from eventwire.store import EventFilter, Store


@pytest.fixture()
def demo_store(tmp_path: Path) -> Store:
    store = Store(str(tmp_path / "demo.db"))
    store.write_many(demo_extractions())
    return store


def _located(events: list) -> int:
    return sum(1 for e in events if e.place and e.place.lat is not None and e.place.lon is not None)


def test_counts_chart_and_map_match_the_store(demo_store: Store) -> None:
    flt = EventFilter()
    events = demo_store.events(flt)
    rep = build_report(demo_store, flt)
    assert rep.n_events == len(events) > 0
    assert rep.n_located == _located(events)
    assert sum(n for _, n, _ in rep.type_counts) == len(events)
    html = render_report(rep, "html")
    bars = re.findall(r'<rect class="bar"[^>]*data-count="(\d+)"', html)
    assert sum(int(b) for b in bars) == sum(1 for e in events if e.when.start)
    assert html.count('<circle class="event"') == rep.n_located
    assert html.count('class="event" id="ev-') == len(rep.events)


def test_filters_narrow_the_report(demo_store: Store) -> None:
    flt = EventFilter(country="RU", since=date(2024, 8, 6), until=date(2024, 8, 14))
    rep = build_report(demo_store, flt)
    expected = demo_store.events(flt)
    assert rep.n_events == len(expected)
    assert all(it.event.place and it.event.place.country_code == "RU" for it in rep.events)
    assert "RU" in rep.title and "2024-08-06" in rep.title


def test_figures_keep_their_hedges_and_claimants(demo_store: Store) -> None:
    rep = build_report(demo_store, EventFilter())
    events = demo_store.events(EventFilter())
    for e in events:
        for q in e.quantities:
            shown = [f for f in rep.figures if f.kind == q.kind and f.event_ref is not None and q.span.text in f.evidence]
            assert shown, f"figure {q.kind} of {e.id} missing"
            if e.attribution.status == "reportedly":
                assert all(f.status == "reportedly" for f in shown)
            if e.attribution.source:
                assert all(f.claimant == e.attribution.source.text for f in shown)
    html = render_report(rep, "html")
    for f in rep.figures:
        if f.status != "asserted":
            assert f'class="badge {f.status}">{f.status}<' in html


def test_disputed_claims_sit_beside_their_denials(demo_store: Store) -> None:
    rep = build_report(demo_store, EventFilter())
    stored = [c for x in demo_extractions() for c in x.claims]
    denied = {c.id: c for c in stored}
    pairs = [(denied[t], c) for c in stored for t in c.contradicts if t in denied]
    assert pairs, "the demo stories contain a claim and its denial"
    for claim, denial in pairs:
        match = [d for d in rep.disputes if d.claim.text == claim.content.text]
        assert match and any(a.text == denial.content.text for a in match[0].denials)
    html = render_report(rep, "html")
    block = html[html.index('id="disputes"'):html.index('id="sources"')]
    for claim, denial in pairs:
        c_at, d_at = block.index(unescape(claim.content.text)), block.index(denial.content.text)
        assert 0 <= c_at < d_at


def test_markdown_report_has_images_and_tables(demo_store: Store) -> None:
    md = render_report(build_report(demo_store, EventFilter()), "md")
    assert md.startswith("# Situation report")
    assert md.count("](data:image/svg+xml;base64,") == 2
    assert "| figure | number | status | who claims it | event |" in md
    assert "| claim | denial |" in md
    assert "<mark>" not in md


def test_empty_selection_still_renders(demo_store: Store) -> None:
    rep = build_report(demo_store, EventFilter(country="ZZ"))
    assert rep.n_events == 0 and rep.chart_svg is None and rep.map_svg is None
    assert "No events match." in render_report(rep, "html")


def test_cli_writes_a_report(demo_store: Store, tmp_path: Path) -> None:
    from eventwire.cli.main import app

    out = tmp_path / "r" / "week.html"
    res = CliRunner().invoke(app, ["report", "--store", demo_store.location, "--since", "2024-08-06",
                                   "--until", "2024-08-14", "--country", "RU", "--out", str(out)])
    assert res.exit_code == 0, res.output
    text = out.read_text(encoding="utf-8")
    assert "<svg" in text and 'class="ew-chart"' in text and "http" not in text.split("<body>")[0]
    res = CliRunner().invoke(app, ["report", "--store", demo_store.location, "--since", "6 August"])
    assert res.exit_code != 0


def test_basemap_has_the_world() -> None:
    cs = countries()
    assert len(cs) > 200
    by_name = {c.name: c for c in cs}
    x0, y0, x1, y1 = by_name["Russia"].bbox
    assert x0 < 37.6 < x1 and y0 < 55.75 < y1  # Moscow
    x0, y0, x1, y1 = by_name["Ukraine"].bbox
    assert x0 < 30.5 < x1 and y0 < 50.45 < y1  # Kyiv


def test_topojson_decoding_of_a_hand_made_topology() -> None:
    topo = {
        "type": "Topology",
        "transform": {"scale": [1, 1], "translate": [0, 0]},
        "arcs": [[[0, 0], [2, 0], [0, 2]], [[2, 2], [-2, 0], [0, -2]]],
        "objects": {"countries": {"type": "GeometryCollection", "geometries": [
            {"type": "Polygon", "arcs": [[0, 1]], "id": "1", "properties": {"name": "Square"}},
            {"type": "Polygon", "arcs": [[~1, ~0]], "id": "2", "properties": {"name": "Reversed"}},
        ]}},
    }
    sq, rev = decode_countries(topo)
    assert sq.polygons[0][0] == [(0, 0), (2, 0), (2, 2), (0, 2), (0, 0)]
    assert rev.polygons[0][0] == sq.polygons[0][0][::-1]
    assert sq.bbox == (0, 0, 2, 2)


def test_chart_stacks_every_event() -> None:
    counts = {date(2024, 8, 6): {"Battles": 2, "Protests": 1}, date(2024, 8, 8): {"Battles": 4}}
    svg = daily_chart(counts, ["Battles", "Protests"], date(2024, 8, 5), date(2024, 8, 9))
    assert sum(int(n) for n in re.findall(r'data-count="(\d+)"', svg)) == 7
    assert svg.count("<rect class=\"bar\"") == 3


@given(st.lists(st.tuples(st.floats(-170, 170), st.floats(-80, 80)), min_size=1, max_size=8))
def test_map_box_contains_every_point(points: list[tuple[float, float]]) -> None:
    from eventwire.out.report.svg import MapPoint

    pts = [MapPoint(lon, lat, "#000", 4, "", "") for lon, lat in points]
    x0, y0, x1, y1 = map_bbox(pts)
    assert all(x0 <= p.lon <= x1 and y0 <= p.lat <= y1 for p in pts)


def test_map_draws_borders_around_points() -> None:
    from eventwire.out.report.svg import MapPoint

    svg = event_map([MapPoint(35.27, 51.19, "#d62728", 6, "Sudzha", "t")])
    assert '<path class="country"' in svg and "<title>Russia</title>" in svg and "<title>Ukraine</title>" in svg
    assert len(svg) < 400_000


@given(st.text(min_size=1, max_size=80), st.lists(st.tuples(st.integers(0, 80), st.integers(0, 20)), max_size=6))
def test_highlight_keeps_the_text(text: str, raw: list[tuple[int, int]]) -> None:
    spans = [Span.of(text, min(a, len(text)), min(a + n, len(text))) for a, n in raw]
    html = highlight(text, spans, (0, len(text)))
    assert unescape(re.sub(r"</?mark>", "", html)) == text.strip()
    for s in spans:
        if s.text.strip():
            assert s.text.strip() in unescape(" ".join(re.findall(r"<mark>(.*?)</mark>", html, re.S))) or any(
                s.text.strip() in unescape(m) for m in re.findall(r"<mark>(.*?)</mark>", html, re.S))


def test_region_spelled_differently_still_finds_its_events(demo_store: Store) -> None:
    stored = demo_store.events(EventFilter(admin1="Kursk Oblast"))
    assert stored
    rep = build_report(demo_store, EventFilter(admin1="Kurskaya oblast'"))
    assert rep.n_events == len(stored)
    assert "Kurskaya oblast' (Kursk Oblast)" in rep.scope
    assert build_report(demo_store, EventFilter(admin1="Nowhere Oblast")).n_events == 0
