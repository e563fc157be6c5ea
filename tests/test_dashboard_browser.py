"""The dashboard in a real browser: Debian's chromium driven by Playwright, against the app served
by uvicorn on 127.0.0.1 with a store holding the seed story (when ../shared/data is there) and the
hand-coded demo stories. Screenshots go to artifacts/ for a person to look at."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from eventwire.config import shared_data_dir
from eventwire.out.dashboard.demo import demo_extractions
from eventwire.store import EventFilter, Store

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


def _need_chromium() -> None:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{CHROMIUM} is missing under CI: run scripts/ensure_chromium.sh")
        pytest.skip(f"{CHROMIUM} is not installed (scripts/ensure_chromium.sh installs it)")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    _need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


TOKEN = "test-token"


def _make_app(location: str, nlp: Any) -> Any:
    from eventwire.out.api import create_app
    from eventwire.pipeline import extract

    def extractor(story: Any) -> Any:
        return extract(story.text, published=story.published, title=story.title, url=story.url,
                       outlet=story.outlet, nlp=nlp)

    return create_app(location, write_token=TOKEN, extractor=extractor)


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> str:
    path = str(tmp_path_factory.mktemp("dash") / "dash.db")
    store = Store(path)
    extractions = demo_extractions()
    if shared_data_dir() is not None:
        extractions.append(request.getfixturevalue("seed_extraction"))
    elif os.environ.get("CI", "").lower() == "true":
        pytest.fail("../shared/data is missing under CI")
    store.write_many(extractions)
    store.close()
    return path


@pytest.fixture(scope="module")
def server(store_path: str, nlp: Any) -> Iterator[str]:
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(_make_app(store_path, nlp), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture()
def page(browser: Any, server: str) -> Iterator[Any]:
    ctx = browser.new_context(viewport={"width": 1400, "height": 900})
    pg = ctx.new_page()
    pg.outside_requests = []  # type: ignore[attr-defined]
    pg.errors = []  # type: ignore[attr-defined]
    pg.on("request", lambda r: None if r.url.startswith(("http://127.0.0.1", "data:")) else pg.outside_requests.append(r.url))
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    yield pg
    ctx.close()


def _load(pg: Any, url: str) -> None:
    pg.goto(url)
    pg.wait_for_function("document.body.dataset.ready === '1'", timeout=20000)


def _apply(pg: Any) -> None:
    """Press Apply and wait until the events for the new filters are on the page."""
    before = int(pg.evaluate("window.eventwire.loads"))
    pg.click("#apply")
    pg.wait_for_function(f"window.eventwire.loads > {before} && document.body.dataset.ready === '1'",
                         timeout=20000)


def _located(events: list) -> list:
    return [e for e in events if e.place and e.place.lat is not None and e.place.lon is not None]


def _events(store_path: str, flt: EventFilter | None = None) -> list:
    with Store(store_path) as st:
        return st.events(flt or EventFilter())


def _marker_total(pg: Any) -> int:
    """Markers on screen, counting each cluster as the markers it holds."""
    singles = pg.locator(".leaflet-marker-icon.ew-marker").count()
    clusters = pg.eval_on_selector_all(".ew-cluster div[data-count]", "els => els.map(e => +e.dataset.count)")
    return singles + sum(clusters)


def test_map_and_timeline_show_every_event_offline(page: Any, server: str, store_path: str) -> None:
    _load(page, server + "/")
    events = _events(store_path)
    located = _located(events)
    assert located, "the demo stories are located"
    page.wait_for_function("+document.querySelector('#map').dataset.basemapLoaded > 200")
    assert page.locator("path.basemap-country").count() > 200
    assert int(page.get_attribute("#map", "data-markers")) == len(located)
    assert _marker_total(page) == len(located)
    bars = page.eval_on_selector_all("#timeline rect.bar", "els => els.map(e => +e.dataset.count)")
    assert sum(bars) == sum(1 for e in events if e.when.start)
    assert page.locator("#event-list li").count() == min(len(events), 300)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "dashboard.png"))
    assert page.outside_requests == []  # no tiles, no CDN: works with no internet
    assert page.errors == []


def test_filter_by_type_narrows_map_and_list(page: Any, server: str, store_path: str) -> None:
    _load(page, server + "/")
    types = sorted({e.acled.event_type for e in _events(store_path) if e.acled})
    chosen = "Battles" if "Battles" in types else types[0]
    page.select_option("select[name=event_type]", chosen)
    _apply(page)
    expected = _events(store_path, EventFilter(event_type=chosen))
    assert int(page.get_attribute("#map", "data-markers")) == len(_located(expected))
    assert page.locator("#event-list li").count() == len(expected)
    assert f"event_type={chosen}" in page.url
    assert "event_type=" in page.get_attribute("#report", "href")
    page.check("input[name=disputed]")
    _apply(page)
    disputed = _events(store_path, EventFilter(event_type=chosen, disputed=True))
    assert page.locator("#event-list li").count() == len(disputed)


def test_brushing_the_timeline_filters_the_map(page: Any, server: str, store_path: str) -> None:
    _load(page, server + "/")
    events = _events(store_path)
    day = max((e.when.start for e in events if e.when.start), key=lambda d: sum(
        1 for e in _located(events) if e.when.start == d))
    page.evaluate(f"window.eventwire.timeline.select('{day.isoformat()}', '{day.isoformat()}')")
    on_day = [e for e in _located(events) if e.when.start == day]
    assert int(page.get_attribute("#map", "data-markers")) == len(on_day)
    href = page.get_attribute("#report", "href")
    assert f"since={day.isoformat()}" in href and f"until={day.isoformat()}" in href
    page.dblclick("#timeline")
    assert int(page.get_attribute("#map", "data-markers")) == len(_located(events))


def test_event_panel_highlights_the_evidence(page: Any, server: str, store_path: str) -> None:
    _load(page, server + "/")
    events = _events(store_path)
    target = next(e for e in events if e.place and e.place.span and e.quantities)
    page.click(f"#event-list li[data-event-id='{target.id}']")
    page.wait_for_selector("#event-panel .story mark.ev")
    panel = page.locator("#event-panel")
    assert target.acled is None or target.acled.sub_event_type in panel.locator("h2").inner_text()
    assert page.locator("#event-panel .story mark.ev").count() > 0
    page.click("#event-panel .field[data-field=place]")
    active = page.eval_on_selector_all("#event-panel .story mark.ev.active", "els => els.map(e => e.textContent)")
    assert "".join(active).strip() == target.place.span.text.strip()
    figures = page.locator("#event-panel tr.figure")
    assert figures.count() >= len(target.quantities)
    page.screenshot(path=str(ARTIFACTS / "dashboard-event.png"))
    assert page.errors == []


def test_disputed_event_shows_claim_beside_denial(page: Any, server: str, store_path: str) -> None:
    _load(page, server + "/?disputed=true")
    disputed = _events(store_path, EventFilter(disputed=True))
    assert page.locator("#event-list li").count() == len(disputed) > 0
    with Store(store_path) as st:
        target = next((e for e in disputed if (d := st.event_detail(e.id)) and any(c.get("contradicts")
                                                                                   for c in d.claims)), None)
    if target is None:
        pytest.skip("no disputed event with a linked denial in the store")
    page.click(f"#event-list li[data-event-id='{target.id}']")
    page.wait_for_selector("#event-panel .claims .denial b")
    assert page.locator("#event-panel .claims .claim").count() >= 1


def test_report_button_opens_the_report_for_the_filters(page: Any, server: str, store_path: str) -> None:
    _load(page, server + f"/?country=RU&since=2024-08-06&until={date(2024, 8, 14).isoformat()}")
    href = page.get_attribute("#report", "href")
    assert "country=RU" in href and "since=2024-08-06" in href
    page.goto(server + href)
    expected = _events(store_path, EventFilter(country="RU", since=date(2024, 8, 6), until=date(2024, 8, 14)))
    assert page.locator("#n-events").inner_text() == str(len(expected))
    assert page.locator("svg.ew-chart rect.bar").count() > 0


def test_pasted_story_is_extracted_and_stored(page: Any, server: str, store_path: str) -> None:
    _load(page, server + "/")
    before = len(_events(store_path))
    page.click("#add-story-toggle")
    story = ("KHERSON, Ukraine: Russian artillery shelled a market in the city of Kherson on Monday, killing "
             "three people and wounding seven, the regional governor said.")
    page.fill("#story-text", story)
    page.fill("#story-published", "2024-08-12")
    page.fill("#story-token", TOKEN)
    loads = int(page.evaluate("window.eventwire.loads"))
    page.click("#story-submit")
    page.wait_for_selector("#story-result .story-done", timeout=30000)
    page.wait_for_function(f"window.eventwire.loads > {loads}")
    from eventwire.records import content_id

    with Store(store_path) as st:
        assert st.has_article(content_id(story))
    after = _events(store_path)
    assert page.locator("#event-list li").count() == min(len(after), 300) >= before
    page.fill("#story-token", "wrong")
    page.fill("#story-text", story + " Rescuers searched the rubble.")
    page.click("#story-submit")
    page.wait_for_function("document.querySelector('#story-result').textContent.startsWith('Failed: 401')")


def test_actor_and_text_filters_match_the_store(page: Any, server: str, store_path: str) -> None:
    events = _events(store_path)
    actor = next(e.actor1 for e in events if e.actor1 and (e.actor1.name or e.actor1.text))
    word = (actor.name or actor.text).split()[0]
    _load(page, server + "/")
    page.fill("input[name=actor]", word)
    _apply(page)
    assert page.locator("#event-list li").count() == len(_events(store_path, EventFilter(actor=word)))
    evidence_word = next(s.text.split()[0] for e in events for s in e.evidence if s.text.split())
    page.fill("input[name=actor]", "")
    page.fill("input[name=text]", evidence_word)
    _apply(page)
    assert page.locator("#event-list li").count() == len(_events(store_path, EventFilter(text=evidence_word))) > 0


def test_tiles_only_when_a_tile_url_is_configured(page: Any, server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTWIRE_TILE_URL", server + "/tiles/{z}/{x}/{y}.png")
    _load(page, server + "/")
    assert page.get_attribute("#map", "data-basemap") == "tiles"
    page.wait_for_selector("img.leaflet-tile", state="attached")
    assert page.locator("path.basemap-country").count() == 0
    assert page.outside_requests == []
