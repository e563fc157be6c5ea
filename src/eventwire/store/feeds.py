"""The feed monitor's memory and the batch manifest, kept in the store beside the events.

Tables (created by migration 0003_feeds; defined here on a MetaData of their own so the store's
schema module stays untouched):

- `feeds`: one row per feed URL: the validators of its last good answer (ETag, Last-Modified)
  for conditional requests, when it was polled, and its last error.
- `feed_items`: one row per item ever seen, keyed by a hash of (feed URL, guid or link). Its
  `state` moves seen → fetched → stored, or to failed (with the error and the attempt count).
  A fetched item keeps its Article as JSON, so a restart goes straight to extraction.
- `batch_partitions`: the partitions of `eventwire batch` already written to this store.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Literal

from sqlalchemy import JSON, Column, Date, DateTime, Integer, MetaData, String, Table, Text, select, update
from sqlalchemy.engine import Engine

from eventwire.records import Article

metadata = MetaData()

feeds = Table(
    "feeds",
    metadata,
    Column("url", String(1024), primary_key=True),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("title", Text),
    Column("last_polled", DateTime(timezone=True)),
    Column("last_ok", DateTime(timezone=True)),
    Column("last_status", Integer),
    Column("error", Text),
    Column("polls", Integer, nullable=False, server_default="0"),
)

feed_items = Table(
    "feed_items",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("feed_url", String(1024), nullable=False, index=True),
    Column("guid", Text),
    Column("link", Text),
    Column("title", Text),
    Column("published", Date),
    Column("state", String(16), nullable=False, index=True),
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("error", Text),
    Column("article_id", String(64), index=True),
    Column("article", JSON),
    Column("first_seen", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

batch_partitions = Table(
    "batch_partitions",
    metadata,
    Column("partition_id", String(128), primary_key=True),
    Column("records", Integer, nullable=False),
    Column("extracted", Integer, nullable=False),
    Column("events", Integer, nullable=False),
    Column("errors", JSON),
    Column("finished_at", DateTime(timezone=True), nullable=False),
)

ItemState = Literal["seen", "fetched", "stored", "failed"]


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class FeedRow:
    url: str
    etag: str | None
    last_modified: str | None
    error: str | None
    polls: int


@dataclass(frozen=True)
class ItemRow:
    key: str
    feed_url: str
    guid: str | None
    link: str | None
    title: str | None
    published: date | None
    state: str
    attempts: int
    error: str | None
    article_id: str | None
    article: Article | None


def _item(row: Any) -> ItemRow:
    art = row.article
    return ItemRow(
        key=row.key, feed_url=row.feed_url, guid=row.guid, link=row.link, title=row.title,
        published=row.published, state=row.state, attempts=row.attempts, error=row.error,
        article_id=row.article_id, article=Article.model_validate(art) if art else None,
    )


class FeedState:
    """Reads and writes the monitor's tables on a store's engine. Every write is its own transaction,
    so a crash loses at most the step in progress, and that step is redone on restart."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # ---- feeds ---------------------------------------------------------------------------

    def feed(self, url: str) -> FeedRow | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(feeds).where(feeds.c.url == url)).first()
        if row is None:
            return None
        return FeedRow(url=row.url, etag=row.etag, last_modified=row.last_modified, error=row.error,
                       polls=row.polls)

    def record_poll(
        self,
        url: str,
        *,
        status: int | None,
        error: str | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
        title: str | None = None,
    ) -> None:
        """Remember a poll's outcome. Validators are replaced only by a good (2xx) answer."""
        now = _now()
        with self.engine.begin() as conn:
            row = conn.execute(select(feeds.c.polls).where(feeds.c.url == url)).first()
            values: dict[str, Any] = {"last_polled": now, "last_status": status, "error": error}
            ok = error is None and status is not None and status < 400
            if ok:
                values["last_ok"] = now
                if status != 304:
                    values.update(etag=etag, last_modified=last_modified)
                    if title:
                        values["title"] = title
            if row is None:
                conn.execute(feeds.insert().values(url=url, polls=1, **values))
            else:
                conn.execute(update(feeds).where(feeds.c.url == url).values(polls=row.polls + 1, **values))

    # ---- items ---------------------------------------------------------------------------

    def add_seen(self, feed_url: str, items: Sequence[dict[str, Any]]) -> list[str]:
        """Insert items not seen before (state 'seen'); returns the keys that were new."""
        if not items:
            return []
        keys = [it["key"] for it in items]
        now = _now()
        with self.engine.begin() as conn:
            known = set(conn.execute(select(feed_items.c.key).where(feed_items.c.key.in_(keys))).scalars())
            new = [it for it in items if it["key"] not in known]
            # the same item twice in one feed document counts once
            unique = {it["key"]: it for it in new}
            if unique:
                conn.execute(
                    feed_items.insert(),
                    [
                        {"key": it["key"], "feed_url": feed_url, "guid": it.get("guid"), "link": it.get("link"),
                         "title": it.get("title"), "published": it.get("published"), "state": "seen",
                         "attempts": 0, "first_seen": now, "updated_at": now}
                        for it in unique.values()
                    ],
                )
        return list(unique)

    def pending(self, max_attempts: int, limit: int | None = None) -> list[ItemRow]:
        """Items still to do: seen, fetched, or failed fewer than `max_attempts` times; oldest first."""
        t = feed_items
        q = (
            select(t)
            .where(t.c.state.in_(("seen", "fetched", "failed")), t.c.attempts < max_attempts)
            .order_by(t.c.first_seen, t.c.key)
        )
        if limit:
            q = q.limit(limit)
        with self.engine.connect() as conn:
            # a fetched item is never stuck behind the attempts limit: its page is already here
            rows = [_item(r) for r in conn.execute(q)]
            extra = conn.execute(
                select(t).where(t.c.state == "fetched", t.c.attempts >= max_attempts).order_by(t.c.first_seen)
            )
            rows += [_item(r) for r in extra]
        return rows

    def mark_fetched(self, key: str, article: Article) -> None:
        self._set(key, state="fetched", error=None, article=article.model_dump(mode="json"))

    def mark_stored(self, key: str, article_id: str) -> None:
        # the Article now lives in the articles table; keep the item row small
        self._set(key, state="stored", error=None, article_id=article_id, article=None)

    def mark_failed(self, key: str, error: str) -> None:
        t = feed_items
        with self.engine.begin() as conn:
            conn.execute(
                update(t).where(t.c.key == key)
                .values(state="failed", error=error[:2000], attempts=t.c.attempts + 1, updated_at=_now())
            )

    def _set(self, key: str, **values: Any) -> None:
        with self.engine.begin() as conn:
            conn.execute(update(feed_items).where(feed_items.c.key == key).values(updated_at=_now(), **values))

    def items(self, feed_url: str | None = None, state: str | None = None) -> list[ItemRow]:
        t = feed_items
        q = select(t).order_by(t.c.first_seen, t.c.key)
        if feed_url:
            q = q.where(t.c.feed_url == feed_url)
        if state:
            q = q.where(t.c.state == state)
        with self.engine.connect() as conn:
            return [_item(r) for r in conn.execute(q)]

    def counts(self) -> dict[str, int]:
        from sqlalchemy import func

        with self.engine.connect() as conn:
            rows = conn.execute(select(feed_items.c.state, func.count()).group_by(feed_items.c.state))
            return {str(s): int(n) for s, n in rows}

    # ---- batch manifest --------------------------------------------------------------------

    def finished_partitions(self) -> set[str]:
        with self.engine.connect() as conn:
            return set(conn.execute(select(batch_partitions.c.partition_id)).scalars())

    def finish_partition(self, partition_id: str, records: int, extracted: int, events: int,
                         errors: list[dict[str, str]]) -> None:
        with self.engine.begin() as conn:
            conn.execute(batch_partitions.delete().where(batch_partitions.c.partition_id == partition_id))
            conn.execute(batch_partitions.insert().values(
                partition_id=partition_id, records=records, extracted=extracted, events=events,
                errors=errors, finished_at=_now()))
