"""The dashboard served by `eventwire serve` at `/`, from the same app as the API.

The page and its script are built from `frontend/` (npm, locked) into `out/static/dashboard/`
and shipped in the package, so a served dashboard needs neither npm nor the internet: the map's
basemap is the Natural Earth borders in `out/static/basemap/`. Web tiles are used only when
`EVENTWIRE_TILE_URL` is set (e.g. `https://tile.example.org/{z}/{x}/{y}.png`).

Routes added to the API app:
- `/`                      the dashboard page
- `/static/...`            its script, styles, basemap and event-type colours
- `/dashboard/config.json` tile URL and whether the "add a story" box is enabled
- `/report.html`, `/report.md`  a situation report for the filters in the query string
"""

# No `from __future__ import annotations` here: FastAPI reads the route functions' annotations
# (`request: Request`) at definition time, and Request is imported inside mount_dashboard so that
# fastapi stays an optional dependency of the package.
import os
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

from eventwire.store.filters import EventFilter

STATIC_DIR = Path(str(resources.files("eventwire.out").joinpath("static")))
INDEX = STATIC_DIR / "dashboard" / "index.html"

# Query parameters the dashboard and the report route understand (EventFilter's names).
REPORT_PARAMS = ("since", "until", "event_type", "sub_event_type", "country", "admin1", "actor", "text", "disputed")
# The HTTP API's names for three of them (GET /api/events?type=..&sub_type=..&q=..) are accepted too.
API_ALIASES = {"event_type": "type", "sub_event_type": "sub_type", "text": "q"}
TOKEN_ENV = ("EVENTWIRE_API_TOKEN", "EVENTWIRE_WRITE_TOKEN", "EVENTWIRE_TOKEN")


def filter_from_params(params: dict[str, str]) -> EventFilter:
    """An EventFilter from query parameters (unknown parameters are ignored, bad dates are errors)."""
    values: dict[str, Any] = {}
    for key in REPORT_PARAMS:
        raw = (params.get(key) or params.get(API_ALIASES.get(key, key)) or "").strip()
        if not raw:
            continue
        if key in ("since", "until"):
            values[key] = date.fromisoformat(raw)
        elif key == "disputed":
            values[key] = raw.lower() in ("1", "true", "yes", "on")
        else:
            values[key] = raw
    return EventFilter(**values)


def _state_value(app: Any, *names: str) -> Any:
    state = getattr(app, "state", None)
    for holder in (state, getattr(state, "settings", None), getattr(state, "config", None)):
        if holder is None:
            continue
        for name in names:
            value = holder.get(name) if isinstance(holder, dict) else getattr(holder, name, None)
            if value is not None:
                return value
    return None


def _write_enabled(app: Any) -> bool:
    token = _state_value(app, "write_token", "api_token", "token")
    return bool(token) or any(os.environ.get(k) for k in TOKEN_ENV)


def _open_store(app: Any) -> tuple[Any, bool]:
    """The API's store (and whether we opened it here and must close it)."""
    from eventwire.config import default_store
    from eventwire.store import Store

    found = _state_value(app, "store", "store_location", "store_url")
    if isinstance(found, Store):
        return found, False
    if callable(found) and not isinstance(found, str):
        return found(), False
    return Store(str(found) if found else default_store()), True


def mount_dashboard(app: Any) -> None:
    """Add the dashboard's page, static files, configuration and report routes to the API app."""
    from fastapi import HTTPException, Request
    from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, PlainTextResponse
    from fastapi.staticfiles import StaticFiles

    from eventwire.out.report import report_text

    @app.get("/", include_in_schema=False)
    def dashboard_page() -> Any:
        if not INDEX.is_file():
            return HTMLResponse(
                "<h1>eventwire</h1><p>The dashboard is not built: run <code>make dashboard</code>.</p>"
                '<p>The API is at <a href="/docs">/docs</a>.</p>', status_code=503)
        return FileResponse(INDEX, media_type="text/html", headers={"Cache-Control": "no-cache"})

    @app.get("/dashboard/config.json", include_in_schema=False)
    def dashboard_config() -> Any:
        return JSONResponse({
            "tile_url": os.environ.get("EVENTWIRE_TILE_URL") or None,
            "tile_attribution": os.environ.get("EVENTWIRE_TILE_ATTRIBUTION") or "",
            "write_enabled": _write_enabled(app),
            "write_url": _state_value(app, "write_url") or "/api/stories",
        })

    def _report(request: Request, fmt: str) -> str:
        try:
            flt = filter_from_params(dict(request.query_params))
        except ValueError as exc:
            raise HTTPException(status_code=422, detail=f"bad filter: {exc}") from exc
        store, owned = _open_store(request.app)
        try:
            return report_text(store, flt, fmt)  # type: ignore[arg-type]
        finally:
            if owned:
                store.close()

    @app.get("/report.html", include_in_schema=False)
    def report_html(request: Request) -> Any:
        return HTMLResponse(_report(request, "html"))

    @app.get("/report.md", include_in_schema=False)
    def report_md(request: Request) -> Any:
        return PlainTextResponse(_report(request, "md"), media_type="text/markdown; charset=utf-8")

    app.mount("/static", StaticFiles(directory=str(STATIC_DIR)), name="eventwire-static")
