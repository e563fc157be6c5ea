"""The store: SQLite (one file, the default) or PostgreSQL, through SQLAlchemy Core.

Writes are idempotent upserts keyed by content: an article's id is the hash of its text and an
event's id is derived from the article and its evidence, so storing the same story twice leaves
one article and the same events. Each extraction is written in one transaction, and merging runs
inside it: every new mention joins the event it describes (`eventwire.cluster`) or founds one.

Writers are serialised (SQLite: `BEGIN IMMEDIATE`; PostgreSQL: a transaction-scoped advisory
lock per schema), so two processes storing the same stories can never both decide that an event
is new: there are no duplicate articles, mentions or merged events.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import Engine, and_, create_engine, delete, event, func, or_, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from eventwire.cluster import (
    DEFAULT_CONFIG,
    Candidate,
    Member,
    MergeConfig,
    MergedEvent,
    Source,
    assign,
    build_merged,
    cluster_id_for,
)
from eventwire.cluster.config import COMPATIBLE_TYPES
from eventwire.errors import StoreError
from eventwire.records import Article, Claim, Event, Extraction, Place, Quote
from eventwire.store import schema
from eventwire.store.filters import EventFilter
from eventwire.store.migrate import upgrade

_UNOCCURRED = ("negated", "planned", "threatened", "hypothetical", "background")

AggregateBy = Literal["day", "type", "sub_type", "admin1", "country"]


def store_url(location: str) -> str:
    """A SQLAlchemy URL from a store location: a URL as is, a path as a SQLite file."""
    if "://" in location:
        for prefix in ("postgresql://", "postgres://"):
            if location.startswith(prefix):
                return "postgresql+psycopg://" + location[len(prefix):]
        return location
    return f"sqlite:///{Path(location).expanduser()}"


def _sqlite_connect(dbapi_conn: Any, _record: Any) -> None:
    # Let SQLAlchemy (not the sqlite3 module) emit BEGIN, so writers can take the write lock
    # up front with BEGIN IMMEDIATE (the SQLAlchemy recipe for serialisable SQLite).
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA busy_timeout=60000")  # first: switching to WAL waits for other writers too
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.close()


def _sqlite_begin(conn: Connection) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("eventwire_write") else "BEGIN")


def _json(record: Any) -> Any:
    return json.loads(record.model_dump_json())


def _dedupe(rows: Sequence[dict[str, Any]], keys: Sequence[str]) -> list[dict[str, Any]]:
    seen: dict[tuple[Any, ...], dict[str, Any]] = {}
    for r in rows:
        seen[tuple(r[k] for k in keys)] = r
    return list(seen.values())


class Store:
    """An open store. `Store("events.db")`, `Store("postgresql://127.0.0.1/test")`."""

    def __init__(self, location: str, *, migrate: bool = True, merge_config: MergeConfig | None = None) -> None:
        self.location = location
        self.url = store_url(location)
        self.merge_config = merge_config or DEFAULT_CONFIG
        self._upserts: dict[tuple[str, tuple[str, ...]], Any] = {}
        try:
            self.engine: Engine = create_engine(self.url, future=True)
            if self.engine.dialect.name == "sqlite":
                event.listen(self.engine, "connect", _sqlite_connect)
                event.listen(self.engine, "begin", _sqlite_begin)
            if migrate:
                upgrade(self.engine)
                self.merge_pending()
        except Exception as exc:  # any driver/connection error becomes one clear message
            raise StoreError(f"store {location!r} could not be opened: {exc}") from exc

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- writing -------------------------------------------------------------------------

    @contextmanager
    def _write_tx(self) -> Iterator[Connection]:
        """A write transaction that holds the store's write lock from its first statement."""
        with self.engine.connect().execution_options(eventwire_write=True) as conn, conn.begin():
            if self.dialect == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(hashtext('eventwire-write:' || current_schema()))"))
            yield conn

    def _upsert(self, conn: Connection, table: Any, rows: Sequence[dict[str, Any]], keys: Sequence[str]) -> None:
        if not rows:
            return
        conn.execute(self._upsert_stmt(table, tuple(keys)), _dedupe(rows, keys))

    def _upsert_stmt(self, table: Any, keys: tuple[str, ...]) -> Any:
        """INSERT ... ON CONFLICT DO UPDATE for a table, built once per store (statement
        construction, not the database, dominated the cost of small writes)."""
        key = (table.name, keys)
        stmt = self._upserts.get(key)
        if stmt is None:
            if self.dialect == "postgresql":
                from sqlalchemy.dialects.postgresql import insert as pg_insert

                ins = pg_insert(table)
            else:
                from sqlalchemy.dialects.sqlite import insert as sqlite_insert

                ins = sqlite_insert(table)  # type: ignore[assignment]
            update = {c.name: ins.excluded[c.name] for c in table.columns if c.name not in keys}
            stmt = ins.on_conflict_do_update(index_elements=list(keys), set_=update)
            self._upserts[key] = stmt
        return stmt

    def write(self, extraction: Extraction) -> None:
        """Store one extraction (article, events, places, quotes, claims) and merge its events."""
        try:
            with self._write_tx() as conn:
                self.write_in(conn, extraction)
        except StoreError:
            raise
        except Exception as exc:
            raise StoreError(f"store {self.location!r}: writing article {extraction.article.id} failed: {exc}") \
                from exc

    def write_many(self, extractions: Iterable[Extraction]) -> int:
        n = 0
        with self._write_tx() as conn:
            for x in extractions:
                self.write_in(conn, x)
                n += 1
        return n

    def write_in(self, conn: Connection, x: Extraction) -> None:
        a = x.article
        mc = schema.cluster_members
        affected = {r[0] for r in conn.execute(select(mc.c.cluster_id).where(mc.c.article_id == a.id).distinct())}
        conn.execute(delete(mc).where(mc.c.article_id == a.id))
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
        for cid in sorted(affected):
            self._refresh_cluster(conn, cid)
        self._merge_mentions(conn, a.id, _dedupe_events(x.events))

    # ---- merging -------------------------------------------------------------------------

    def _merge_mentions(self, conn: Connection, article_id: str, mentions: Sequence[Event]) -> None:
        """Assign each mention to an event (in order); refresh the touched events once at the end.
        Events touched by earlier mentions of the same article are always candidates."""
        mc = schema.cluster_members
        touched: dict[str, int] = {}  # cluster id -> next position
        cache: dict[str, Event] = {}  # stored mentions parsed once per article (they do not change here)
        for e in mentions:
            decision = assign(e, self._candidates(conn, e, list(touched), cache), self.merge_config)
            cid = decision.cluster_id
            if cid is None:
                cid = self._new_cluster_id(conn, e.id)
                conn.execute(schema.clusters.insert().values(**_stub_cluster_row(cid)))
                touched[cid] = 0
            elif cid not in touched:
                touched[cid] = int(conn.execute(select(func.count()).select_from(mc).where(mc.c.cluster_id == cid))
                                   .scalar_one())
            features: dict[str, Any] | None = None
            if decision.pair is not None:
                features = {"features": decision.pair.as_dict(), "reasons": decision.pair.reasons()}
            # Upsert: a mention id that another article already used moves to this article.
            self._upsert(conn, mc, [{
                "event_id": e.id, "cluster_id": cid, "article_id": article_id, "position": touched[cid],
                "matched_event_id": decision.matched_event_id, "score": decision.score, "features": features,
            }], ["event_id"])
            touched[cid] += 1
        for cid in touched:
            self._refresh_cluster(conn, cid)

    def _new_cluster_id(self, conn: Connection, event_id: str) -> str:
        salt = 0
        while True:
            cid = cluster_id_for(event_id, salt)
            if conn.execute(select(schema.clusters.c.id).where(schema.clusters.c.id == cid)).first() is None:
                return cid
            salt += 1

    def _candidates(self, conn: Connection, e: Event, also: Sequence[str] = (),
                    cache: dict[str, Event] | None = None) -> list[Candidate]:
        """Existing events a mention could join: compatible type, same country, nearby dates
        (plus the events in `also`, whose stored columns may not be refreshed yet)."""
        t = schema.clusters
        cfg = self.merge_config
        cond: list[ColumnElement[bool]] = []
        if e.acled:
            types = {e.acled.event_type}
            for pair in COMPATIBLE_TYPES:
                if e.acled.event_type in pair:
                    types |= set(pair)
            cond.append(or_(t.c.event_type.in_(sorted(types)), t.c.event_type.is_(None)))
        elif e.plover:
            cond.append(or_(t.c.plover_type == e.plover.type, t.c.plover_type.is_(None)))
        if e.place and e.place.country_code:
            cond.append(or_(t.c.country_code == e.place.country_code, t.c.country_code.is_(None)))
        if e.when.start:
            window = timedelta(days=cfg.candidate_window_days)
            lo, hi = e.when.start - window, (e.when.end or e.when.start) + window
            cond.append(or_(t.c.date_start.is_(None),
                            and_(t.c.date_start <= hi, func.coalesce(t.c.date_end, t.c.date_start) >= lo)))
        p = e.place
        if p is not None and p.lat is not None and p.lon is not None and (p.precision or 1) < 3:
            # A town-level mention can only join events near it (or located at region/country level).
            reach_km = max(cfg.place_tolerance_km.values())
            dlat = reach_km / 111.0
            dlon = min(180.0, reach_km / (111.0 * max(0.05, math.cos(math.radians(p.lat)))))
            cond.append(or_(
                t.c.lat.is_(None), t.c.geo_precision >= 3,
                and_(t.c.lat.between(p.lat - dlat, p.lat + dlat), t.c.lon.between(p.lon - dlon, p.lon + dlon)),
            ))
        ids = [r[0] for r in conn.execute(select(t.c.id).where(*cond).order_by(t.c.id).limit(cfg.max_candidates))]
        ids += [cid for cid in also if cid not in ids]
        if not ids:
            return []
        mc, ev = schema.cluster_members, schema.events
        rows = conn.execute(
            select(mc.c.cluster_id, ev.c.id, ev.c.record).join(ev, ev.c.id == mc.c.event_id)
            .where(mc.c.cluster_id.in_(ids)).order_by(mc.c.cluster_id, mc.c.position)
        )
        members: dict[str, list[Event]] = {}
        for cid, event_id, record in rows:
            parsed = cache.get(event_id) if cache is not None else None
            if parsed is None:
                parsed = Event.model_validate(record)
                if cache is not None:
                    cache[event_id] = parsed
            members.setdefault(cid, []).append(parsed)
        return [Candidate(cid, ms) for cid, ms in members.items()]

    def _load_merged(self, conn: Connection, cid: str) -> MergedEvent | None:
        mc, ev, art, cl = schema.cluster_members, schema.events, schema.articles, schema.claims
        rows = conn.execute(
            select(mc.c.article_id, mc.c.position, mc.c.matched_event_id, mc.c.score, mc.c.features, ev.c.record)
            .join(ev, ev.c.id == mc.c.event_id).where(mc.c.cluster_id == cid).order_by(mc.c.position)
        ).all()
        if not rows:
            return None
        members = [Member(Event.model_validate(r[5]), r[0], i, r[2], r[3], r[4] or {}) for i, r in enumerate(rows)]
        article_ids = sorted({m.article_id for m in members})
        sources = {
            r.id: Source(article_id=r.id, url=r.url, title=r.title, outlet=r.outlet, published=r.published)
            for r in conn.execute(select(art.c.id, art.c.url, art.c.title, art.c.outlet, art.c.published)
                                  .where(art.c.id.in_(article_ids)))
        }
        claims: dict[str, list[Claim]] = {}
        for aid, record in conn.execute(select(cl.c.article_id, cl.c.record).where(cl.c.article_id.in_(article_ids))
                                        .order_by(cl.c.article_id, cl.c.id)):
            claims.setdefault(aid, []).append(Claim.model_validate(record))
        return build_merged(cid, members, sources, claims)

    def _refresh_cluster(self, conn: Connection, cid: str) -> None:
        merged = self._load_merged(conn, cid)
        if merged is None:
            conn.execute(delete(schema.clusters).where(schema.clusters.c.id == cid))
            return
        row = cluster_row(merged)
        conn.execute(schema.clusters.update().where(schema.clusters.c.id == cid).values(**row))

    def merge_pending(self) -> int:
        """Merge stored mentions that belong to no event yet (a store written before merging
        existed, or by an older eventwire), article by article in order of publication.
        Returns how many mentions were merged; a no-op on an up-to-date store."""
        ev, mc, art = schema.events, schema.cluster_members, schema.articles
        pending = (select(ev.c.article_id).outerjoin(mc, mc.c.event_id == ev.c.id)
                   .where(mc.c.event_id.is_(None)))
        with self.engine.connect() as conn:
            if conn.execute(pending.limit(1)).first() is None:
                return 0
        n = 0
        with self._write_tx() as conn:
            article_ids = {r[0] for r in conn.execute(pending.distinct())}
            order = conn.execute(select(art.c.id).where(art.c.id.in_(article_ids))
                                 .order_by(art.c.published, art.c.ingested_at, art.c.id)).scalars().all()
            for aid in order:
                assigned = set(conn.execute(select(mc.c.event_id).where(mc.c.article_id == aid)).scalars())
                x = Extraction.model_validate(
                    conn.execute(select(art.c.extraction).where(art.c.id == aid)).scalar_one())
                stored = set(conn.execute(select(ev.c.id).where(ev.c.article_id == aid)).scalars())
                todo = [e for e in _dedupe_events(x.events) if e.id in stored and e.id not in assigned]
                self._merge_mentions(conn, aid, todo)
                n += len(todo)
        return n

    def recluster(self) -> int:
        """Forget every merge decision and merge all stored mentions again, article by article in
        order of publication (after changing the merge configuration). Returns the event count."""
        with self._write_tx() as conn:
            conn.execute(delete(schema.cluster_members))
            conn.execute(delete(schema.clusters))
            art, ev = schema.articles, schema.events
            for (aid,) in conn.execute(select(art.c.id).order_by(art.c.published, art.c.ingested_at, art.c.id)).all():
                x = Extraction.model_validate(
                    conn.execute(select(art.c.extraction).where(art.c.id == aid)).scalar_one())
                stored = {r[0] for r in conn.execute(select(ev.c.id).where(ev.c.article_id == aid))}
                self._merge_mentions(conn, aid, [e for e in _dedupe_events(x.events) if e.id in stored])
        return self.count("clusters")

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
        """A merged event by its id, or a mention by its own id."""
        with self.engine.connect() as conn:
            row = conn.execute(select(schema.clusters.c.record).where(schema.clusters.c.id == event_id)).first()
            if row is None:
                row = conn.execute(select(schema.events.c.record).where(schema.events.c.id == event_id)).first()
        return Event.model_validate(row[0]) if row else None

    def event_detail(self, event_id: str) -> MergedEvent | None:
        """The merged event with its mentions (and why they were merged), sources, figures and claims.
        A mention's id finds the event it belongs to."""
        t, mc = schema.clusters, schema.cluster_members
        with self.engine.connect() as conn:
            row = conn.execute(select(t.c.record, t.c.detail).where(t.c.id == event_id)).first()
            if row is None:
                cid = conn.execute(select(mc.c.cluster_id).where(mc.c.event_id == event_id)).scalar()
                if cid is None:
                    return None
                row = conn.execute(select(t.c.record, t.c.detail).where(t.c.id == cid)).first()
                if row is None:
                    return None
        return MergedEvent.model_validate({**row[1], "event": row[0]})

    def articles(self, limit: int | None = None, offset: int = 0) -> list[Article]:
        q = select(schema.articles.c.extraction).order_by(schema.articles.c.published.desc(), schema.articles.c.id)
        q = q.offset(offset)
        if limit:
            q = q.limit(limit)
        with self.engine.connect() as conn:
            return [Extraction.model_validate(r[0]).article for r in conn.execute(q)]

    def article_summaries(self, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
        """Articles without their text (id, url, title, outlet, published, counts)."""
        a, ev = schema.articles, schema.events
        n_events = select(func.count()).select_from(ev).where(ev.c.article_id == a.c.id).scalar_subquery()
        q = (select(a.c.id, a.c.url, a.c.title, a.c.outlet, a.c.published, a.c.language, a.c.source_id,
                    n_events.label("n_mentions"))
             .order_by(a.c.published.desc(), a.c.id).offset(offset))
        if limit:
            q = q.limit(limit)
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(q)]

    def events(self, flt: EventFilter | None = None) -> list[Event]:
        """Merged events (each with the `article_ids` of all its sources); with
        `EventFilter(mentions=True)`, the mentions as extracted from each article."""
        return list(self.iter_events(flt))

    def mentions(self, flt: EventFilter | None = None) -> list[Event]:
        flt = (flt or EventFilter()).model_copy(update={"mentions": True})
        return self.events(flt)

    def iter_events(self, flt: EventFilter | None = None) -> Iterator[Event]:
        flt = flt or EventFilter()
        t = schema.events if flt.mentions else schema.clusters
        q = select(t.c.record).where(*event_conditions(flt, t)).order_by(*_order(flt, t)).offset(flt.offset)
        if flt.limit:
            q = q.limit(flt.limit)
        with self.engine.connect() as conn:
            for row in conn.execute(q):
                yield Event.model_validate(row[0])

    def iter_merged(self, flt: EventFilter | None = None) -> Iterator[MergedEvent]:
        """Merged events with everything behind them (for exports and the API)."""
        for merged, _updated in self.iter_merged_updated(flt):
            yield merged

    def iter_merged_updated(self, flt: EventFilter | None = None) -> Iterator[tuple[MergedEvent, datetime]]:
        """Merged events with the time each was last updated (ACLED's `timestamp`)."""
        flt = flt or EventFilter()
        t = schema.clusters
        q = (select(t.c.record, t.c.detail, t.c.updated_at).where(*event_conditions(flt, t))
             .order_by(*_order(flt, t)).offset(flt.offset))
        if flt.limit:
            q = q.limit(flt.limit)
        with self.engine.connect() as conn:
            for record, detail, updated in conn.execute(q):
                if updated is not None and updated.tzinfo is None:
                    updated = updated.replace(tzinfo=UTC)  # SQLite keeps no time zone; we store UTC
                yield MergedEvent.model_validate({**detail, "event": record}), updated

    def count_events(self, flt: EventFilter | None = None) -> int:
        flt = flt or EventFilter()
        t = schema.events if flt.mentions else schema.clusters
        q = select(func.count()).select_from(t).where(*event_conditions(flt, t))
        with self.engine.connect() as conn:
            return int(conn.execute(q).scalar_one())

    def aggregate(self, by: AggregateBy, flt: EventFilter | None = None) -> list[dict[str, Any]]:
        """Counts of merged events (and their fatalities) by day, type, sub-type, admin1 or country."""
        flt = (flt or EventFilter()).model_copy(update={"limit": None, "offset": 0})
        t = schema.events if flt.mentions else schema.clusters
        keys: dict[str, list[Any]] = {
            "day": [t.c.date_start],
            "type": [t.c.event_type],
            "sub_type": [t.c.event_type, t.c.sub_event_type],
            "admin1": [t.c.country_code, t.c.admin1],
            "country": [t.c.country_code],
        }
        cols = keys[by]
        q = (select(*cols, func.count().label("events"), func.coalesce(func.sum(t.c.fatalities), 0).label("fatalities"))
             .where(*event_conditions(flt, t)).group_by(*cols).order_by(*cols))
        out = []
        with self.engine.connect() as conn:
            for row in conn.execute(q):
                vals = list(row)
                key = vals[: len(cols)]
                out.append({
                    "key": " / ".join("" if k is None else str(k) for k in key),
                    "values": [k.isoformat() if hasattr(k, "isoformat") else k for k in key],
                    "events": int(vals[-2]),
                    "fatalities": int(vals[-1] or 0),
                })
        return out

    def places(self, flt: EventFilter | None = None, limit: int | None = None) -> list[dict[str, Any]]:
        """The places where (merged) events happened, with how many events each."""
        flt = (flt or EventFilter()).model_copy(update={"limit": None, "offset": 0})
        t = schema.clusters
        cols = [t.c.location, t.c.geonameid, t.c.country_code, t.c.admin1, t.c.geo_precision]
        q = (select(*cols, func.avg(t.c.lat).label("lat"), func.avg(t.c.lon).label("lon"),
                    func.count().label("events"), func.coalesce(func.sum(t.c.fatalities), 0).label("fatalities"))
             .where(t.c.location.is_not(None), *event_conditions(flt, t))
             .group_by(*cols).order_by(func.count().desc(), t.c.location))
        if limit:
            q = q.limit(limit)
        with self.engine.connect() as conn:
            return [
                {"name": r.location, "geonameid": r.geonameid, "country_code": r.country_code, "admin1": r.admin1,
                 "precision": r.geo_precision, "lat": r.lat, "lon": r.lon, "events": int(r.events),
                 "fatalities": int(r.fatalities or 0)}
                for r in conn.execute(q)
            ]


def _dedupe_events(events: Sequence[Event]) -> list[Event]:
    seen: dict[str, Event] = {}
    for e in events:
        seen[e.id] = e
    return list(seen.values())


def _order(flt: EventFilter, t: Any) -> list[Any]:
    sources = t.c.n_sources if "n_sources" in t.c else t.c.id
    return {
        "date": [t.c.date_start.asc(), t.c.id],
        "-date": [t.c.date_start.desc(), t.c.id],
        "fatalities": [t.c.fatalities.asc(), t.c.id],
        "-fatalities": [t.c.fatalities.desc(), t.c.id],
        "type": [t.c.event_type, t.c.sub_event_type, t.c.id],
        "sources": [sources.asc(), t.c.id],
        "-sources": [sources.desc(), t.c.id],
    }.get(flt.sort, [t.c.date_start.asc(), t.c.id])


def event_conditions(flt: EventFilter, t: Any = None) -> list[ColumnElement[bool]]:
    """WHERE conditions for a filter, on the mentions table (`events`) or merged events (`clusters`)."""
    t = schema.events if t is None else t
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
        if "article_id" in t.c:
            cond.append(t.c.article_id == flt.article_id)
        else:
            mc = schema.cluster_members
            cond.append(t.c.id.in_(select(mc.c.cluster_id).where(mc.c.article_id == flt.article_id)))
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


def cluster_row(m: MergedEvent) -> dict[str, Any]:
    """The `clusters` row of a merged event: the filterable columns, the record and its detail."""
    row = event_row("", m.event)
    del row["article_id"]
    row["fatalities_best"] = m.event.fatalities.best
    row["fatalities_high"] = m.event.fatalities.high
    # Text search looks at every source's evidence, not only the mention that speaks for the event.
    row["evidence"] = " … ".join(dict.fromkeys(x.evidence for x in m.mentions if x.evidence))
    row["n_mentions"] = len(m.mentions)
    row["n_sources"] = len(m.sources)
    row["detail"] = json.loads(m.model_dump_json(exclude={"event"}))
    row["updated_at"] = datetime.now(UTC)
    return row


def _stub_cluster_row(cid: str) -> dict[str, Any]:
    return {"id": cid, "record": {}, "detail": {}, "updated_at": datetime.now(UTC), "n_mentions": 0, "n_sources": 0}


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
