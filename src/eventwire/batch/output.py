"""Where a batch writes: partitioned Parquet (one file per partition and table) or a store.

Parquet layout under the output directory:

    events/<partition>.parquet     one row per event (the store's flat event columns + the record)
    articles/<partition>.parquet   one row per article (its metadata + the whole Extraction as JSON)
    _manifest.jsonl                one line per finished partition (written by the client only)

A partition's files are written to a temporary name and renamed into place, so a reader (or a
restarted batch) never sees half a file; a partition counts as done only once its manifest line
is written, after both renames. A store output upserts every extraction (idempotent) and keeps
its manifest in the store's `batch_partitions` table.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from sqlalchemy import JSON, Boolean, Date, DateTime, Float, Integer, Table

from eventwire.records import Extraction
from eventwire.store import schema
from eventwire.store.store import article_row, event_row

MANIFEST = "_manifest.jsonl"
_SKIP_ARTICLE_COLUMNS = {"ingested_at"}  # wall-clock time would make two runs' output differ


def is_store_location(out: str) -> bool:
    """A database URL or a SQLite file name is a store; anything else is a Parquet directory."""
    return "://" in out or out.lower().endswith((".db", ".sqlite", ".sqlite3"))


def _arrow_type(sqltype: Any) -> pa.DataType:
    if isinstance(sqltype, JSON):
        return pa.string()
    if isinstance(sqltype, Boolean):
        return pa.bool_()
    if isinstance(sqltype, Integer):
        return pa.int64()
    if isinstance(sqltype, Float):
        return pa.float64()
    if isinstance(sqltype, DateTime):
        return pa.timestamp("us", tz="UTC")
    if isinstance(sqltype, Date):
        return pa.date32()
    return pa.string()


def arrow_schema(table: Table, extra: Sequence[tuple[str, pa.DataType]] = (), skip: set[str] | None = None
                 ) -> pa.Schema:
    """The Arrow schema of a store table's columns (so Parquet and the store stay in step)."""
    fields = [pa.field(name, typ) for name, typ in extra]
    fields += [pa.field(c.name, _arrow_type(c.type)) for c in table.columns if c.name not in (skip or set())]
    return pa.schema(fields)


EVENT_SCHEMA = arrow_schema(schema.events)
ARTICLE_SCHEMA = arrow_schema(schema.articles, extra=[("doc_id", pa.string()), ("n_events", pa.int64())],
                              skip=_SKIP_ARTICLE_COLUMNS)


def _plain(row: dict[str, Any], table_schema: pa.Schema) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in table_schema:
        v = row.get(f.name)
        if isinstance(v, (dict, list)):
            v = json.dumps(v, sort_keys=True, ensure_ascii=False)
        out[f.name] = v
    return out


def extraction_rows(doc_id: str, x: Extraction) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The article row and the event rows of one extraction, as plain values."""
    art = article_row(x)
    art.update(doc_id=doc_id, n_events=len(x.events))
    events = [_plain(event_row(x.article.id, e), EVENT_SCHEMA) for e in x.events]
    return _plain(art, ARTICLE_SCHEMA), events


def _atomic_parquet(rows: list[dict[str, Any]], table_schema: pa.Schema, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        pq.write_table(pa.Table.from_pylist(rows, schema=table_schema), tmp)
        with tmp.open("rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def write_parquet_partition(out_dir: str | Path, partition_id: str, articles: list[dict[str, Any]],
                            events: list[dict[str, Any]]) -> None:
    """Write one partition's two files, each atomically (temp file + rename)."""
    base = Path(out_dir)
    _atomic_parquet(events, EVENT_SCHEMA, base / "events" / f"{partition_id}.parquet")
    _atomic_parquet(articles, ARTICLE_SCHEMA, base / "articles" / f"{partition_id}.parquet")


@dataclass
class PartitionSummary:
    """What a worker did with one partition (plain data: it crosses processes)."""

    partition_id: str
    records: int
    extracted: int
    events: int
    errors: list[dict[str, str]]
    seconds: float
    words: int = 0
    cpu_seconds: float = 0.0  # CPU time of the worker process on this partition

    def to_json(self) -> dict[str, Any]:
        return {"partition": self.partition_id, "records": self.records, "extracted": self.extracted,
                "events": self.events, "errors": self.errors}


class ParquetManifest:
    """The finished partitions of a Parquet output: a JSON line per partition, appended and fsynced."""

    def __init__(self, out_dir: str | Path) -> None:
        self.dir = Path(out_dir)
        self.path = self.dir / MANIFEST

    def close(self) -> None:
        pass

    def prepare(self) -> None:
        self.dir.mkdir(parents=True, exist_ok=True)
        for sub in ("events", "articles"):  # leftovers of a run killed while writing
            for tmp in (self.dir / sub).glob(".*.tmp") if (self.dir / sub).is_dir() else []:
                tmp.unlink(missing_ok=True)

    def done(self) -> set[str]:
        if not self.path.exists():
            return set()
        out: set[str] = set()
        for line in self.path.read_text(encoding="utf-8").splitlines():
            try:
                pid = json.loads(line)["partition"]
            except (json.JSONDecodeError, KeyError, TypeError):
                continue  # a line cut short by a kill: that partition is simply redone
            if (self.dir / "events" / f"{pid}.parquet").exists() and (
                self.dir / "articles" / f"{pid}.parquet"
            ).exists():
                out.add(pid)
        return out

    def finish(self, summary: PartitionSummary) -> None:
        line = json.dumps(summary.to_json(), sort_keys=True) + "\n"
        with self.path.open("a", encoding="utf-8") as fh:
            # a line cut short by a kill leaves no newline: start on a fresh one
            if fh.tell() > 0:
                with self.path.open("rb") as rf:
                    rf.seek(-1, os.SEEK_END)
                    if rf.read(1) != b"\n":
                        fh.write("\n")
            fh.write(line)
            fh.flush()
            os.fsync(fh.fileno())


class StoreManifest:
    """The finished partitions of a store output, in the store's `batch_partitions` table."""

    def __init__(self, location: str) -> None:
        self.location = location
        self._store: Any = None

    def _state(self) -> Any:
        from eventwire.store import Store
        from eventwire.store.feeds import FeedState

        if self._store is None:
            self._store = Store(self.location)  # created or migrated once, before the workers write
        return FeedState(self._store.engine)

    def prepare(self) -> None:
        self._state()

    def done(self) -> set[str]:
        return set(self._state().finished_partitions())

    def finish(self, summary: PartitionSummary) -> None:
        self._state().finish_partition(summary.partition_id, summary.records, summary.extracted,
                                       summary.events, summary.errors)

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


def manifest_for(out: str) -> ParquetManifest | StoreManifest:
    return StoreManifest(out) if is_store_location(out) else ParquetManifest(out)
