"""The store: SQLite (one file, the default) or PostgreSQL, through SQLAlchemy Core.

Writes are idempotent upserts keyed by content: an article's id is the hash of its text and an
event's id is derived from the article and its evidence, so storing the same story twice leaves
one article and the same events. Each extraction is written in one transaction.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, and_, create_engine, delete, event, func, or_, select
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from eventwire.errors import StoreError
from eventwire.records import Article, Claim, Event, Extraction, Place, Quote
from eventwire.store import schema
from eventwire.store.filters import EventFilter
from eventwire.store.migrate import upgrade

_UNOCCURRED = ("negated", "planned", "threatened", "hypothetical", "background")


def store_url(location: str) -> str:
    """A SQLAlchemy URL from a store location: a URL as is, a path as a SQLite file."""
    if "://" in location:
        if location.startswith("postgresql://"):
            return "postgresql+psycopg://" + location[len("postgresql://"):]
        return location
    return f"sqlite:///{Path(location).expanduser()}"


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def _json(record: Any) -> Any:
    return json.loads(record.model_dump_json())


class Store:
    """An open store. `Store("events.db")`, `Store("postgresql://127.0.0.1/test")`."""

    def __init__(self, location: str, *, migrate: bool = True) -> None:
        self.location = location
        self.url = store_url(location)
        try:
            self.engine: Engine = create_engine(self.url, future=True)
            if self.engine.dialect.name == "sqlite":
                event.listen(self.engine, "connect", _sqlite_pragmas)
            if migrate:
                upgrade(self.engine)
        except Exception as exc:  # any driver/connection error becomes one clear message
            raise StoreError(f"store {location!r} could not be opened: {exc}") from exc

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- writing -------------------------------------------------------------------------

    def _upsert(self, conn: Connection, table: Any, rows: Sequence[dict[str, Any]], keys: Sequence[str]) -> None:
        if not rows:
            return
        if self.engine.dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as pg_insert

            stmt = pg_insert(table)
        else:
            from sqlalchemy.dialects.sqlite import insert as sqlite_insert

            stmt = sqlite_insert(table)  # type: ignore[assignment]
        update = {c.name: stmt.excluded[c.name] for c in table.columns if c.name not in keys}
        conn.execute(stmt.on_conflict_do_update(index_elements=list(keys), set_=update), list(rows))

    def write(self, extraction: Extraction) -> None:
        """Store one extraction (article, events, places, quotes, claims) in one transaction."""
        with self.engine.begin() as conn:
            self.write_in(conn, extraction)

    def write_many(self, extractions: Iterable[Extraction]) -> int:
        n = 0
        with self.engine.begin() as conn:
            for x in extractions:
                self.write_in(conn, x)
                n += 1
        return n

    def write_in(self, conn: Connection, x: Extraction) -> None:
        a = x.article
        self._upsert(conn, schema.articles, [article_row(x)], ["id"])
        # An article's layers are replaced as a whole: re-extracting a story with a newer
        # pipeline must not leave stale events behind.
        for table in (schema.events, schema.places, schema.quotes, schema.claims):
            conn.execute(delete(table).where(table.c.article_id == a.id))
        self._upsert(conn, schema.events, [event_row(a.id, e) for e in x.events], ["id"])
        self._upsert(conn, schema.places, [place_row(a.id, i, p) for i, p in enumerate(x.places)],
                     ["article_id", "idx"])
        self._upsert(conn, schema.quotes, [quote_row(a.id, q) for q in x.quotes], ["article_id", "id"])
        self._upsert(conn, schema.claims, [claim_row(a.id, c) for c in x.claims], ["article_id", "id"])

    # ---- reading -------------------------------------------------------------------------

    def count(self, table: str = "articles") -> int:
        t = schema.metadata.tables[table]
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(t)).scalar_one())

    def has_article(self, article_id: str) -> bool:
        with self.engine.connect() as conn:
            row = conn.execute(select(schema.articles.c.id).where(schema.articles.c.id == article_id)).first()
        return row is not None

    def get_extraction(self, article_id: str) -> Extraction | None:
        with self.engine.connect() as conn:
            row = conn.execute(
                select(schema.articles.c.extraction).where(schema.articles.c.id == article_id)
            ).first()
        return Extraction.model_validate(row[0]) if row else None

    def get_event(self, event_id: str) -> Event | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(schema.events.c.record).where(schema.events.c.id == event_id)).first()
        return Event.model_validate(row[0]) if row else None

    def articles(self, limit: int | None = None, offset: int = 0) -> list[Article]:
        q = select(schema.articles.c.extraction).order_by(schema.articles.c.published.desc(), schema.articles.c.id)
        q = q.offset(offset)
        if limit:
            q = q.limit(limit)
        with self.engine.connect() as conn:
            return [Extraction.model_validate(r[0]).article for r in conn.execute(q)]

    def events(self, flt: EventFilter | None = None) -> list[Event]:
        return list(self.iter_events(flt))

    def iter_events(self, flt: EventFilter | None = None) -> Iterator[Event]:
        flt = flt or EventFilter()
        t = schema.events
        q = select(t.c.record).where(*event_conditions(flt))
        order = {
            "date": [t.c.date_start.asc(), t.c.id],
            "-date": [t.c.date_start.desc(), t.c.id],
            "fatalities": [t.c.fatalities.asc(), t.c.id],
            "-fatalities": [t.c.fatalities.desc(), t.c.id],
            "type": [t.c.event_type, t.c.sub_event_type, t.c.id],
        }.get(flt.sort, [t.c.date_start.asc(), t.c.id])
        q = q.order_by(*order).offset(flt.offset)
        if flt.limit:
            q = q.limit(flt.limit)
        with self.engine.connect() as conn:
            for row in conn.execute(q):
                yield Event.model_validate(row[0])

    def count_events(self, flt: EventFilter | None = None) -> int:
        flt = flt or EventFilter()
        q = select(func.count()).select_from(schema.events).where(*event_conditions(flt))
        with self.engine.connect() as conn:
            return int(conn.execute(q).scalar_one())


def event_conditions(flt: EventFilter) -> list[ColumnElement[bool]]:
    t = schema.events
    cond: list[ColumnElement[bool]] = []
    if flt.since:
        cond.append(or_(t.c.date_end >= flt.since, and_(t.c.date_end.is_(None), t.c.date_start >= flt.since)))
    if flt.until:
        cond.append(t.c.date_start <= flt.until)
    if flt.event_type:
        cond.append(func.lower(t.c.event_type) == flt.event_type.lower())
    if flt.sub_event_type:
        cond.append(func.lower(t.c.sub_event_type) == flt.sub_event_type.lower())
    if flt.plover_type:
        cond.append(t.c.plover_type == flt.plover_type.upper())
    if flt.country:
        cond.append(func.upper(t.c.country_code) == flt.country.upper())
    if flt.admin1:
        cond.append(func.lower(t.c.admin1) == flt.admin1.lower())
    if flt.actor:
        like = f"%{flt.actor.lower()}%"
        cond.append(or_(func.lower(t.c.actor1).like(like), func.lower(t.c.actor2).like(like)))
    if flt.text:
        cond.append(func.lower(t.c.evidence).like(f"%{flt.text.lower()}%"))
    if flt.disputed:
        cond.append(t.c.status.in_(("disputed", "denied")))
    if flt.bbox:
        min_lon, min_lat, max_lon, max_lat = flt.bbox
        cond.append(and_(t.c.lon >= min_lon, t.c.lon <= max_lon, t.c.lat >= min_lat, t.c.lat <= max_lat))
    if flt.article_id:
        cond.append(t.c.article_id == flt.article_id)
    if not flt.include_unoccurred:
        cond.append(or_(t.c.modality.is_(None), t.c.modality.not_in(_UNOCCURRED)))
    return cond


def article_row(x: Extraction) -> dict[str, Any]:
    a = x.article
    return {
        "id": a.id,
        "source_id": a.source_id,
        "url": a.url,
        "title": a.title,
        "outlet": a.outlet,
        "published": a.published,
        "anchor_source": a.anchor_source,
        "language": a.language,
        "text": a.text,
        "extraction": _json(x),
        "ingested_at": datetime.now(UTC),
    }


def _actor_name(actor: Any) -> str | None:
    return (actor.name or actor.text) if actor else None


def event_row(article_id: str, e: Event) -> dict[str, Any]:
    p: Place | None = e.place
    return {
        "id": e.id,
        "article_id": article_id,
        "event_type": e.acled.event_type if e.acled else None,
        "sub_event_type": e.acled.sub_event_type if e.acled else None,
        "plover_type": e.plover.type if e.plover else None,
        "plover_mode": e.plover.mode if e.plover else None,
        "country_code": p.country_code if p else None,
        "admin1": p.admin1_name if p else None,
        "location": p.name if p else None,
        "geonameid": p.geonameid if p else None,
        "lat": p.lat if p else None,
        "lon": p.lon if p else None,
        "geo_precision": p.precision if p else None,
        "date_start": e.when.start,
        "date_end": e.when.end,
        "time_precision": e.when.precision,
        "date_basis": e.when.basis,
        "actor1": _actor_name(e.actor1),
        "actor1_country": e.actor1.country if e.actor1 else None,
        "actor2": _actor_name(e.actor2),
        "actor2_country": e.actor2.country if e.actor2 else None,
        "fatalities": e.fatalities.low,
        "status": e.attribution.status,
        "modality": e.modality,
        "is_primary": e.primary,
        "confidence": e.confidence,
        "evidence": " … ".join(s.text for s in e.evidence) or (e.sentence.text if e.sentence else ""),
        "record": _json(e),
    }


def place_row(article_id: str, idx: int, p: Place) -> dict[str, Any]:
    return {
        "article_id": article_id,
        "idx": idx,
        "name": p.name,
        "geonameid": p.geonameid,
        "lat": p.lat,
        "lon": p.lon,
        "country_code": p.country_code,
        "admin1_name": p.admin1_name,
        "record": _json(p),
    }


def quote_row(article_id: str, q: Quote) -> dict[str, Any]:
    return {"id": q.id, "article_id": article_id, "speaker": q.speaker.name or q.speaker.text if q.speaker else None,
            "text": q.text, "record": _json(q)}


def claim_row(article_id: str, c: Claim) -> dict[str, Any]:
    claimant = (c.claimant.name or c.claimant.text) if c.claimant else None
    return {"id": c.id, "article_id": article_id, "claimant": claimant, "status": c.status, "record": _json(c)}
