"""The HTTP API through the real ASGI app (httpx via Starlette's TestClient): every endpoint,
JSON errors, the write token, the body limit, and a valid OpenAPI schema."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from openapi_spec_validator import validate

from eventwire.evaluate.merge import Story, load_set
from eventwire.out.api import create_app
from eventwire.out.api.models import StoryIn
from eventwire.records import Extraction
from eventwire.store import Store

TOKEN = "test-token-123"


@pytest.fixture(scope="module")
def stories() -> list[Story]:
    return load_set()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, stories: list[Story]) -> Store:
    st = Store(str(tmp_path_factory.mktemp("api") / "api.db"))
    for s in stories:
        st.write(s.extraction)
    return st


@pytest.fixture(scope="module")
def client(store: Store) -> Iterator[TestClient]:
    with TestClient(create_app(store, write_token=TOKEN)) as c:
        yield c


@pytest.fixture(scope="module")
def n(store: Store, stories: list[Story]) -> dict[str, int]:
    """What the store holds (the API must report the same)."""
    return {"articles": len(stories), "events": store.count("clusters"),
            "mentions": sum(len(s.extraction.events) for s in stories)}


def _by_text(stories: list[Story]) -> Any:
    table = {s.extraction.article.text: s.extraction for s in stories}

    def run(story: StoryIn) -> Extraction:
        return table[story.text]

    return run


@pytest.fixture()
def writer(tmp_path: Path, stories: list[Story]) -> Iterator[TestClient]:
    app = create_app(str(tmp_path / "w.db"), write_token=TOKEN, max_body=20_000, extractor=_by_text(stories))
    with TestClient(app) as c:
        yield c


def test_openapi_validates_and_docs_are_served(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    validate(spec)
    paths = set(spec["paths"])
    assert {"/api/events", "/api/events/{event_id}", "/api/articles", "/api/articles/{article_id}", "/api/places",
            "/api/aggregates", "/api/stories", "/api/health"} <= paths
    assert "bearer" in str(spec["components"]["securitySchemes"]).lower()
    docs = client.get("/docs")
    assert docs.status_code == 200 and "swagger" in docs.text.lower()


def test_health(client: TestClient, n: dict[str, int]) -> None:
    body = client.get("/api/health").json()
    assert body["status"] == "ok" and body["writable"]
    assert (body["articles"], body["events"]) == (n["articles"], n["events"])


def test_events_filters_pagination_sorting(client: TestClient, n: dict[str, int]) -> None:
    all_events = client.get("/api/events", params={"limit": 100}).json()
    assert all_events["total"] == n["events"] and len(all_events["items"]) == n["events"]
    dates = [e["when"]["start"] for e in all_events["items"]]
    assert dates == sorted(dates, reverse=True)  # newest first by default
    page = client.get("/api/events", params={"limit": 4, "offset": 4, "sort": "date"}).json()
    assert page["total"] == n["events"] and len(page["items"]) == 4
    assert [e["when"]["start"] for e in page["items"]] == sorted(dates)[4:8]
    ua = client.get("/api/events", params={"country": "UA", "type": "Explosions/Remote violence"}).json()
    assert ua["total"] >= 3 and all(e["place"]["country_code"] == "UA" for e in ua["items"])
    assert {e["acled"]["event_type"] for e in ua["items"]} == {"Explosions/Remote violence"}
    box = client.get("/api/events", params={"bbox": "36.0,49.8,36.5,50.2", "since": "2025-03-01",
                                            "until": "2025-03-05"}).json()
    assert box["total"] == 1
    (kharkiv,) = box["items"]
    assert len(kharkiv["article_ids"]) == 4
    assert client.get("/api/events", params={"q": "car bomb"}).json()["total"] == 1
    assert client.get("/api/events", params={"plover": "PROTEST"}).json()["total"] == 2
    assert client.get("/api/events", params={"disputed": True}).json()["total"] >= 2
    top = client.get("/api/events", params={"sort": "-sources", "limit": 1}).json()["items"][0]
    assert top["id"] == kharkiv["id"]
    mentions = client.get("/api/events", params={"mentions": True, "limit": 1000}).json()
    assert mentions["total"] == n["mentions"]


def test_bad_parameters_are_json_errors(client: TestClient) -> None:
    r = client.get("/api/events", params={"bbox": "1,2,3"})
    assert r.status_code == 422 and "bbox" in r.json()["message"]
    r = client.get("/api/events", params={"since": "yesterday"})
    assert r.status_code == 422 and r.json()["message"].startswith("query.since")
    r = client.get("/api/events", params={"limit": 0})
    assert r.status_code == 422 and r.json()["status"] == 422
    r = client.get("/api/aggregates", params={"by": "weekday"})
    assert r.status_code == 422


def test_one_event_with_mentions_sources_evidence_claims(client: TestClient) -> None:
    kharkiv = client.get("/api/events", params={"sort": "-sources", "limit": 1}).json()["items"][0]
    body = client.get(f"/api/events/{kharkiv['id']}").json()
    assert body["id"] == kharkiv["id"]
    assert len(body["sources"]) == 4 and all(s["url"] for s in body["sources"])
    assert len(body["mentions"]) == 7 and body["mentions"][0]["matched_event_id"] is None
    assert all(m["evidence"] for m in body["mentions"])
    joined = body["mentions"][1]
    assert joined["score"] >= 0.62 and set(joined["features"]) >= {"type", "place", "date", "actors", "text"}
    assert {c["id"] for c in body["claims"]} == {"c1", "c2"}
    killed = sorted((f["low"], f["best"]) for f in body["figures"] if f["kind"] == "killed")
    assert killed == [(3, None), (4, 4), (5, 5), (6, 6)]  # 'several' has no best figure, only a low one
    # A mention's own id finds its event too.
    assert client.get(f"/api/events/{body['mentions'][2]['event_id']}").json()["id"] == body["id"]


def test_missing_things_are_404_json(client: TestClient) -> None:
    for path in ("/api/events/nope", "/api/articles/nope", "/api/no-such-endpoint"):
        r = client.get(path)
        assert r.status_code == 404, path
        assert r.headers["content-type"].startswith("application/json") and r.json()["message"]


def test_articles_list_and_detail(client: TestClient, stories: list[Story], n: dict[str, int]) -> None:
    page = client.get("/api/articles", params={"limit": 5}).json()
    assert page["total"] == n["articles"] and len(page["items"]) == 5
    assert "text" not in page["items"][0]
    published = [a["published"] for a in page["items"]]
    assert published == sorted(published, reverse=True)
    s = next(x for x in stories if x.id == "mogadishu-b")
    body = client.get(f"/api/articles/{s.extraction.article.id}").json()
    assert body["article"]["text"] == s.extraction.article.text
    assert len(body["extraction"]["events"]) == 1
    assert len(body["event_ids"]) == 1


def test_places_and_aggregates(client: TestClient, n: dict[str, int]) -> None:
    places = client.get("/api/places").json()
    names = {p["name"] for p in places}
    assert {"Kharkiv", "Mogadishu", "Tbilisi", "Zamzam camp"} <= names
    assert places[0]["events"] >= places[-1]["events"]
    so = client.get("/api/places", params={"country": "SO"}).json()
    assert {p["name"] for p in so} == {"Mogadishu", "Kismayo"}
    by_day = client.get("/api/aggregates", params={"by": "day"}).json()
    assert by_day["by"] == "day" and sum(r["events"] for r in by_day["rows"]) == n["events"]
    by_type = {r["key"]: r["events"] for r in client.get("/api/aggregates", params={"by": "type"}).json()["rows"]}
    assert by_type["Battles"] == 2 and by_type["Protests"] == 2
    by_admin1 = client.get("/api/aggregates", params={"by": "admin1", "country": "UA"}).json()["rows"]
    assert {r["values"][1] for r in by_admin1} >= {"Kharkivska Oblast", "Odeska Oblast", "Donetska Oblast"}
    assert {r["values"][0] for r in by_admin1} == {"UA"}


def test_write_needs_the_token(writer: TestClient, stories: list[Story]) -> None:
    story = {"text": stories[0].extraction.article.text, "published": "2025-03-04"}
    r = writer.post("/api/stories", json=story)
    assert r.status_code == 401 and "token" in r.json()["message"]
    assert r.headers["www-authenticate"] == "Bearer"
    r = writer.post("/api/stories", json=story, headers={"Authorization": "Bearer wrong"})
    assert r.status_code == 401
    assert writer.get("/api/health").json()["articles"] == 0


def test_write_disabled_without_configured_token(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EVENTWIRE_WRITE_TOKEN", raising=False)
    with TestClient(create_app(str(tmp_path / "ro.db"))) as c:
        r = c.post("/api/stories", json={"text": "x"}, headers={"Authorization": "Bearer anything"})
        assert r.status_code == 403 and "disabled" in r.json()["message"]
        assert c.get("/api/health").json()["writable"] is False


def test_token_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stories: list[Story]) -> None:
    monkeypatch.setenv("EVENTWIRE_WRITE_TOKEN", "from-env")
    with TestClient(create_app(str(tmp_path / "env.db"), extractor=_by_text(stories))) as c:
        r = c.post("/api/stories", json={"text": stories[0].extraction.article.text},
                   headers={"Authorization": "Bearer from-env"})
        assert r.status_code == 201


def test_write_merges_and_is_idempotent(writer: TestClient, stories: list[Story]) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    a, b = (next(s for s in stories if s.id == i) for i in ("mogadishu-a", "mogadishu-b"))
    r1 = writer.post("/api/stories", json={"text": a.extraction.article.text, "published": "2025-03-10"},
                     headers=auth)
    assert r1.status_code == 201, r1.text
    assert r1.json()["created"] and r1.json()["mentions"] == 2
    r2 = writer.post("/api/stories", json={"text": b.extraction.article.text}, headers=auth)
    assert r2.status_code == 201 and r2.json()["event_ids"] == r1.json()["event_ids"]  # the same bombing
    again = writer.post("/api/stories", json={"text": b.extraction.article.text}, headers=auth)
    assert again.status_code == 200 and again.json()["created"] is False
    event = writer.get(f"/api/events/{r1.json()['event_ids'][0]}").json()
    assert len(event["sources"]) == 2
    assert writer.get("/api/health").json()["articles"] == 2


def test_large_bodies_get_413(writer: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    r = writer.post("/api/stories", json={"text": "x" * 30_000}, headers=auth)
    assert r.status_code == 413 and "larger than" in r.json()["message"]

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it arrives
        yield b'{"text": "'
        for _ in range(30):
            yield b"y" * 1000
        yield b'"}'

    r = writer.post("/api/stories", content=chunks(), headers={**auth, "Content-Type": "application/json"})
    assert r.status_code == 413


def test_invalid_story_is_422_json(writer: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    r = writer.post("/api/stories", json={"title": "no text field"}, headers=auth)
    assert r.status_code == 422 and "text" in r.json()["message"] and "url" in r.json()["message"]
    r = writer.post("/api/stories", json={"body": "unknown field"}, headers=auth)
    assert r.status_code == 422 and "body" in r.json()["message"]
    r = writer.post("/api/stories", content=b"{not json", headers={**auth, "Content-Type": "application/json"})
    assert r.status_code == 422


def test_write_through_the_real_pipeline(tmp_path: Path, nlp: Any) -> None:
    text = ("KYIV, Ukraine — Russian drones struck an energy facility in the city of Odesa on Monday, "
            "the regional governor said.")
    with TestClient(create_app(str(tmp_path / "real.db"), write_token=TOKEN, nlp=nlp)) as c:
        r = c.post("/api/stories", json={"text": text, "published": "2025-03-04", "outlet": "Test Wire"},
                   headers={"Authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 201, r.text
        body = r.json()
        article = c.get(f"/api/articles/{body['article_id']}").json()
        assert article["article"]["text"] == text and article["article"]["outlet"] == "Test Wire"
        assert article["article"]["published"] == "2025-03-04"
        assert len(article["extraction"]["events"]) == body["mentions"]


def test_eventwire_serve_runs_uvicorn(tmp_path: Path) -> None:
    """`eventwire serve` really listens: start it, read /api/health and /docs, stop it."""
    import socket
    import subprocess
    import sys
    import time

    import httpx

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "EVENTWIRE_WRITE_TOKEN": "t"}
    proc = subprocess.Popen(
        [sys.executable, "-c", "from eventwire.cli.main import main; main()", "serve", "--store", str(tmp_path / "s.db"), "--port", str(port)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        deadline = time.time() + 60
        while True:
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2).json()
                break
            except httpx.TransportError:
                if proc.poll() is not None or time.time() > deadline:
                    pytest.fail(f"eventwire serve did not start: {proc.stdout.read() if proc.stdout else ''}")
                time.sleep(0.3)
        assert health["status"] == "ok" and health["writable"] is True
        assert httpx.get(f"http://127.0.0.1:{port}/docs", timeout=5).status_code == 200
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_export_endpoint(client: TestClient, n: dict[str, int]) -> None:
    import io

    import pandas as pd
    import pyarrow.parquet as pq

    r = client.get("/api/export", params={"format": "acled-csv", "country": "SO"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "GeoNames" in r.headers["x-data-attribution"] and r.headers["x-event-count"] == "2"
    df = pd.read_csv(io.StringIO(r.text))
    assert list(df.columns)[:3] == ["event_id_cnty", "event_date", "year"] and len(df) == 2
    geo = client.get("/api/export", params={"format": "geojson", "bbox": "25,13,26,14"}).json()
    assert geo["type"] == "FeatureCollection" and len(geo["features"]) == 2
    assert {f["geometry"]["type"] for f in geo["features"]} == {"Point"}
    pq_bytes = client.get("/api/export", params={"format": "parquet"}).content
    assert pq.read_table(io.BytesIO(pq_bytes)).num_rows == n["events"]
    plover = client.get("/api/export", params={"format": "plover-jsonl", "plover": "PROTEST"}).text.splitlines()
    assert len(plover) == 2
    assert client.get("/api/export", params={"format": "xls"}).status_code == 422


def test_write_a_pasted_url(tmp_path: Path, nlp: Any) -> None:
    """A story given only by its URL is fetched (here from a page served on loopback)."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    page = (b"<html><head><title>Strike on depot</title></head><body><article><p>ODESA: Russian drones struck "
            b"a fuel depot in the port of Odesa on Monday, injuring two workers, the regional governor said in a "
            b"statement on Tuesday.</p><p>Firefighters put out the blaze by the evening, officials said.</p>"
            b"</article></body></html>")

    class Page(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200 if self.path == "/story" else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(page if self.path == "/story" else b"")

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with TestClient(create_app(str(tmp_path / "url.db"), write_token=TOKEN, nlp=nlp)) as c:
            auth = {"Authorization": f"Bearer {TOKEN}"}
            r = c.post("/api/stories", json={"url": f"{base}/story", "published": "2025-03-04"}, headers=auth)
            assert r.status_code == 201, r.text
            article = c.get(f"/api/articles/{r.json()['article_id']}").json()["article"]
            assert "fuel depot" in article["text"] and article["url"] == f"{base}/story"
            r = c.post("/api/stories", json={"url": f"{base}/missing"}, headers=auth)
            assert r.status_code == 400 and "/missing" in r.json()["message"]
    finally:
        server.shutdown()
