"""A situation report rendered in a real browser (Debian's chromium): the chart, map and tables are
there, drawn, and the file loads nothing from anywhere."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from eventwire.out.dashboard.demo import demo_extractions
from eventwire.out.report import write_report
from eventwire.store import EventFilter, Store

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{CHROMIUM} is missing under CI: run scripts/ensure_chromium.sh")
        pytest.skip(f"{CHROMIUM} is not installed (scripts/ensure_chromium.sh installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def test_report_renders_chart_map_and_tables(browser: Any, tmp_path: Path) -> None:
    location = str(tmp_path / "demo.db")
    with Store(location) as st:
        st.write_many(demo_extractions())
        flt = EventFilter(since=date(2024, 8, 6), until=date(2024, 8, 14))
        events = st.events(flt)
    out = tmp_path / "report.html"
    rep = write_report(location, flt, out, "html")
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    outside: list[str] = []
    page.on("request", lambda r: None if r.url.startswith(("file://", "data:")) else outside.append(r.url))
    page.goto(out.as_uri())
    bars = page.eval_on_selector_all("svg.ew-chart rect.bar", "els => els.map(e => +e.dataset.count)")
    assert sum(bars) == sum(1 for e in events if e.when.start)
    box = page.locator("svg.ew-chart").bounding_box()
    assert box and box["width"] > 300 and box["height"] > 100  # drawn, not a broken image
    assert page.locator("svg.ew-map circle.event").count() == rep.n_located
    assert page.locator("svg.ew-map path.country").count() > 3
    assert page.locator("table.figures tbody tr").count() == len(rep.figures)
    assert page.locator("#disputes .dispute").count() == len(rep.disputes) > 0
    assert page.locator("#events article.event").count() == len(rep.events)
    assert page.locator("#events mark").count() > 0
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report.png"), full_page=True)
    page.close()
    assert outside == []
