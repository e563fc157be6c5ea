"""The dashboard's routes on an API app (no browser): page, static files, config, report route."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.out.dashboard import STATIC_DIR, filter_from_params, mount_dashboard
from eventwire.out.dashboard.demo import demo_extractions
from eventwire.store import Store

fastapi = pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402


@pytest.fixture()
def client(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> TestClient:
    store = Store(str(tmp_path / "demo.db"))
    store.write_many(demo_extractions())
    monkeypatch.delenv("EVENTWIRE_TILE_URL", raising=False)
    app = fastapi.FastAPI()
    app.state.store = store
    mount_dashboard(app)
    return TestClient(app)


def test_page_and_assets_are_served_from_the_package(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    for ref in ("/static/dashboard/app.js", "/static/dashboard/style.css"):
        assert ref in page.text
        assert client.get(ref).status_code == 200
    basemap = client.get("/static/basemap/countries-50m.json").json()
    assert basemap["type"] == "Topology" and len(basemap["objects"]["countries"]["geometries"]) > 200
    assert client.get("/static/shared/event_types.json").json()["types"]


def test_committed_build_is_small_and_offline() -> None:
    files = [p for p in STATIC_DIR.rglob("*") if p.is_file()]
    assert files and max(p.stat().st_size for p in files) < 3_000_000
    page = (STATIC_DIR / "dashboard" / "index.html").read_text(encoding="utf-8")
    assert "http://" not in page and "https://" not in page  # no CDN: everything is local


def test_config_tells_the_tile_url(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    assert client.get("/dashboard/config.json").json()["tile_url"] is None
    monkeypatch.setenv("EVENTWIRE_TILE_URL", "http://127.0.0.1:9/{z}/{x}/{y}.png")
    assert client.get("/dashboard/config.json").json()["tile_url"].endswith("{y}.png")


def test_report_route_follows_the_filters(client: TestClient) -> None:
    everything = client.get("/report.html")
    assert everything.status_code == 200 and 'class="ew-chart"' in everything.text
    ru = client.get("/report.html", params={"country": "RU", "since": "2024-08-06", "until": "2024-08-14"})
    assert ru.status_code == 200
    store: Store = client.app.state.store  # type: ignore[attr-defined]
    flt = filter_from_params({"country": "RU", "since": "2024-08-06", "until": "2024-08-14"})
    assert f'<div class="n" id="n-events">{len(store.events(flt))}</div>' in ru.text
    md = client.get("/report.md", params={"disputed": "true"})
    assert md.status_code == 200 and md.text.startswith("# Situation report")
    assert client.get("/report.html", params={"since": "yesterday"}).status_code == 422


def test_filter_params_round_trip() -> None:
    from eventwire.out.report import filter_params

    params = {"since": "2024-08-06", "country": "RU", "admin1": "Kursk Oblast", "disputed": "true"}
    flt = filter_from_params({**params, "unknown": "x"})
    assert filter_params(flt) == params
    assert json.loads(flt.model_dump_json())["disputed"] is True
