"""The FastAPI application: read endpoints over the store, one write endpoint, JSON errors.

`create_app("events.db", write_token="s3cret")`; `eventwire serve` runs it with uvicorn.
OpenAPI at /openapi.json, interactive docs at /docs; the dashboard (if installed) at /.
"""

from __future__ import annotations

import os
import secrets
import threading
from collections.abc import Callable
from datetime import date
from typing import Any, Literal

from fastapi import Depends, FastAPI, HTTPException, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from eventwire._version import __version__
from eventwire.cluster.model import MergedEvent
from eventwire.errors import EventwireError, InputError
from eventwire.out.api.models import (
    AggregateRow,
    Aggregates,
    ArticleDetail,
    ArticlePage,
    ArticleSummary,
    ErrorBody,
    EventPage,
    Health,
    PlaceSummary,
    StoryIn,
    StoryOut,
)
from eventwire.store import EventFilter, Store

DEFAULT_MAX_BODY = 1_000_000  # bytes: a long feature story is ~50 kB of text
Extractor = Callable[[StoryIn], Any]

ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "Bad request"},
    404: {"model": ErrorBody, "description": "Not found"},
    422: {"model": ErrorBody, "description": "Invalid parameters"},
}
WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorBody, "description": "Missing or wrong bearer token"},
    403: {"model": ErrorBody, "description": "Writing is disabled (no token configured)"},
    413: {"model": ErrorBody, "description": "Body too large"},
    422: {"model": ErrorBody, "description": "Invalid story"},
}


def _error(status: int, message: str, details: list[Any] | None = None,
           headers: dict[str, str] | None = None) -> JSONResponse:
    from http import HTTPStatus

    try:
        name = HTTPStatus(status).phrase.lower()
    except ValueError:
        name = "error"
    body = ErrorBody(status=status, error=name, message=message, details=details)
    return JSONResponse(body.model_dump(exclude_none=True), status_code=status, headers=headers)


class BodyLimit:
    """Refuse request bodies larger than `max_body` bytes with a 413 before the app reads them
    (by Content-Length, or by counting a chunked body as it arrives)."""

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        too_big = _error(413, f"request body is larger than the limit of {self.max_body} bytes")
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None:
            try:
                declared = int(length)
            except ValueError:
                await _error(400, "Content-Length is not a number")(scope, receive, send)
                return
            if declared > self.max_body:
                await too_big(scope, receive, send)
                return
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                await too_big(scope, receive, send)
                return
            chunks.append(chunk)
            more = bool(message.get("more_body"))
        body = b"".join(chunks)
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


def _pipeline_extractor(nlp: Any = None) -> Extractor:
    lock = threading.Lock()
    loaded: dict[str, Any] = {"nlp": nlp}

    def run(story: StoryIn) -> Any:
        from eventwire.ingest import article_from_html, fetch_url
        from eventwire.nlp import load_nlp
        from eventwire.pipeline import extract, extract_articles

        article = None
        if story.text is None and story.url:  # a pasted URL: fetch the page outside the lock
            html = fetch_url(story.url).decode("utf-8", errors="replace")
            article = article_from_html(html, source=story.url, url=story.url, published=story.published)
        with lock:  # load the model once; spaCy pipelines are not safe to share across threads
            if loaded["nlp"] is None:
                loaded["nlp"] = load_nlp()
            if article is not None:
                return next(extract_articles([article], nlp=loaded["nlp"]))
            return extract(story.text or "", published=story.published, title=story.title, url=story.url,
                           outlet=story.outlet, nlp=loaded["nlp"])

    return run


def event_filter(
    since: date | None = Query(None, description="Events on or after this date."),
    until: date | None = Query(None, description="Events on or before this date."),
    event_type: str | None = Query(None, alias="type", description="ACLED event type, e.g. Battles."),
    sub_type: str | None = Query(None, description="ACLED sub-event type."),
    plover: str | None = Query(None, description="PLOVER event type, e.g. ASSAULT."),
    country: str | None = Query(None, description="ISO alpha-2 country code of the place."),
    admin1: str | None = Query(None, description="First-level region name."),
    actor: str | None = Query(None, description="Text in actor 1 or actor 2."),
    q: str | None = Query(None, description="Text in the evidence of any source."),
    bbox: str | None = Query(None, description="min_lon,min_lat,max_lon,max_lat", examples=["30,44,41,53"]),
    disputed: bool = Query(False, description="Only disputed or denied events."),
    all_modalities: bool = Query(False, alias="all", description="Also negated, planned, threatened events."),
    article: str | None = Query(None, description="Only events reported by this article id."),
    mentions: bool = Query(False, description="Mentions as extracted instead of merged events."),
) -> EventFilter:
    box = None
    if bbox:
        try:
            parts = [float(v) for v in bbox.split(",")]
        except ValueError:
            parts = []
        if len(parts) != 4:
            raise HTTPException(422, f"bbox {bbox!r}: expected four numbers min_lon,min_lat,max_lon,max_lat")
        box = (parts[0], parts[1], parts[2], parts[3])
    return EventFilter(since=since, until=until, event_type=event_type, sub_event_type=sub_type,
                       plover_type=plover, country=country, admin1=admin1, actor=actor, text=q, bbox=box,
                       disputed=disputed, include_unoccurred=all_modalities, article_id=article, mentions=mentions)


def create_app(
    store_location: str | Store,
    write_token: str | None = None,
    max_body: int = DEFAULT_MAX_BODY,
    *,
    nlp: Any = None,
    extractor: Extractor | None = None,
) -> FastAPI:
    """The API over one store. The write endpoint needs `write_token` (or EVENTWIRE_WRITE_TOKEN);
    without one, writing is disabled. Bodies over `max_body` bytes get a 413."""
    store = store_location if isinstance(store_location, Store) else Store(store_location)
    token = write_token if write_token is not None else os.environ.get("EVENTWIRE_WRITE_TOKEN") or None
    run_extract = extractor or _pipeline_extractor(nlp)

    app = FastAPI(
        title="eventwire",
        version=__version__,
        description=(
            "Conflict events extracted from news, merged across sources, with the evidence, figures per "
            "source and claims behind each. Place data: GeoNames (CC BY 4.0)."
        ),
        license_info={"name": "Apache-2.0", "identifier": "Apache-2.0"},
    )
    app.state.store = store
    app.state.store_location = store.location
    app.state.write_token = token  # the dashboard asks whether writing is enabled
    app.state.write_url = "/api/stories"
    app.add_middleware(BodyLimit, max_body=max_body)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return _error(exc.status_code, str(exc.detail), headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        first = errors[0] if errors else {}
        where = ".".join(str(p) for p in first.get("loc", ()))
        message = f"{where}: {first.get('msg', 'invalid')}" if where else "invalid request"
        details = [{"loc": list(e.get("loc", ())), "msg": e.get("msg"), "type": e.get("type")} for e in errors]
        return _error(422, message, details)

    @app.exception_handler(EventwireError)
    async def _eventwire_error(_request: Request, exc: EventwireError) -> JSONResponse:
        return _error(400 if isinstance(exc, InputError) else 500, str(exc))

    @app.exception_handler(Exception)
    async def _unexpected(_request: Request, exc: Exception) -> JSONResponse:
        return _error(500, f"internal error: {type(exc).__name__}")

    bearer = HTTPBearer(auto_error=False, description="The write token (EVENTWIRE_WRITE_TOKEN).")

    def require_token(creds: HTTPAuthorizationCredentials | None = Depends(bearer)) -> None:
        if token is None:
            raise HTTPException(403, "writing is disabled: start the server with a write token "
                                     "(EVENTWIRE_WRITE_TOKEN or --write-token)")
        if creds is None or not secrets.compare_digest(creds.credentials.encode(), token.encode()):
            raise HTTPException(401, "a valid bearer token is required to write",
                                headers={"WWW-Authenticate": "Bearer"})

    @app.get("/api/health", response_model=Health, tags=["meta"])
    def health() -> Health:
        """Is the API up, and what does the store hold?"""
        return Health(status="ok", version=__version__, store=str(store.location),
                      articles=store.count("articles"), events=store.count("clusters"), writable=token is not None)

    @app.get("/api/events", response_model=EventPage, responses=ERRORS, tags=["events"])
    def list_events(
        flt: EventFilter = Depends(event_filter),
        sort: Literal["date", "-date", "fatalities", "-fatalities", "type", "sources", "-sources"] = "-date",
        limit: int = Query(50, ge=1, le=1000),
        offset: int = Query(0, ge=0),
    ) -> EventPage:
        """Merged events (one per real-world event, with every source's article id), filtered and paged."""
        total = store.count_events(flt)
        page = flt.model_copy(update={"sort": sort, "limit": limit, "offset": offset})
        return EventPage(total=total, limit=limit, offset=offset, items=store.events(page))

    @app.get("/api/events/{event_id}", response_model=MergedEvent, responses=ERRORS, tags=["events"])
    def get_event(event_id: str) -> MergedEvent:
        """One event with its mentions (and why they were merged), sources, evidence, figures and claims."""
        merged = store.event_detail(event_id)
        if merged is None:
            raise HTTPException(404, f"no event {event_id!r}")
        return merged

    @app.get("/api/articles", response_model=ArticlePage, responses=ERRORS, tags=["articles"])
    def list_articles(limit: int = Query(50, ge=1, le=1000), offset: int = Query(0, ge=0)) -> ArticlePage:
        """Stored articles, newest first (without their text)."""
        rows = store.article_summaries(limit=limit, offset=offset)
        return ArticlePage(total=store.count("articles"), limit=limit, offset=offset,
                           items=[ArticleSummary(**r) for r in rows])

    @app.get("/api/articles/{article_id}", response_model=ArticleDetail, responses=ERRORS, tags=["articles"])
    def get_article(article_id: str) -> ArticleDetail:
        """One article with its text, its extraction, and the events it is a source of."""
        x = store.get_extraction(article_id)
        if x is None:
            raise HTTPException(404, f"no article {article_id!r}")
        ids = [e.id for e in store.events(EventFilter(article_id=article_id, include_unoccurred=True))]
        return ArticleDetail(article=x.article, extraction=x, event_ids=ids)

    @app.get("/api/places", response_model=list[PlaceSummary], responses=ERRORS, tags=["places"])
    def list_places(flt: EventFilter = Depends(event_filter),
                    limit: int = Query(500, ge=1, le=10000)) -> list[PlaceSummary]:
        """Places where events happened, with event and fatality counts (most events first)."""
        return [PlaceSummary(**p) for p in store.places(flt, limit=limit)]

    @app.get("/api/aggregates", response_model=Aggregates, responses=ERRORS, tags=["events"])
    def aggregates(
        flt: EventFilter = Depends(event_filter),
        by: Literal["day", "type", "sub_type", "admin1", "country"] = "day",
    ) -> Aggregates:
        """Counts of events and their fatalities by day, type, sub-type, region or country."""
        return Aggregates(by=by, rows=[AggregateRow(**r) for r in store.aggregate(by, flt)])

    @app.get(
        "/api/export",
        responses={**ERRORS, 200: {"description": "The export file", "content": {
            "text/csv": {}, "application/geo+json": {}, "application/x-ndjson": {},
            "application/vnd.apache.parquet": {}}}},
        response_class=Response, tags=["events"],
    )
    def export(
        flt: EventFilter = Depends(event_filter),
        format: Literal["acled-csv", "plover-jsonl", "geojson", "parquet", "jsonl"] = "acled-csv",
        sort: Literal["date", "-date", "fatalities", "-fatalities", "type", "sources", "-sources"] = "date",
        limit: int | None = Query(None, ge=1),
    ) -> Response:
        """The filtered events as a file in one of the field's formats (ACLED CSV, PLOVER JSON Lines,
        GeoJSON points, Parquet, eventwire JSON Lines). GeoNames attribution is in the
        `X-Data-Attribution` header (and inside GeoJSON and Parquet files)."""
        from eventwire.out.export import EXTENSIONS, MEDIA_TYPES, render_export
        from eventwire.out.export.rows import GEONAMES_ATTRIBUTION

        data, n, _skipped = render_export(store, flt.model_copy(update={"sort": sort, "limit": limit}), format)
        headers = {
            "Content-Disposition": f'attachment; filename="eventwire-events.{EXTENSIONS[format]}"',
            "X-Data-Attribution": GEONAMES_ATTRIBUTION,
            "X-Event-Count": str(n),
        }
        return Response(content=data, media_type=MEDIA_TYPES[format], headers=headers)

    @app.post("/api/stories", response_model=StoryOut, status_code=201, responses=WRITE_ERRORS,
              dependencies=[Depends(require_token)], tags=["write"])
    def post_story(story: StoryIn, response: Response) -> StoryOut:
        """Extract events from a story and store them (merging them with stored events).
        Needs `Authorization: Bearer <token>`. 201 for a new story, 200 if it was already stored."""
        x = run_extract(story)
        existed = store.has_article(x.article.id)
        if existed:
            response.status_code = 200
        store.write(x)
        ids = [e.id for e in store.events(EventFilter(article_id=x.article.id, include_unoccurred=True))]
        return StoryOut(article_id=x.article.id, created=not existed, mentions=len(x.events), event_ids=ids)

    from eventwire.out.dashboard import mount_dashboard

    mount_dashboard(app)
    return app

