"""Exports of the store's merged events in the formats the field already uses.

`export_events(store, EventFilter(...), "acled-csv", Path("events.csv"))`:

- `acled-csv`: ACLED's columns in ACLED's order and conventions (loads as-is in code written
  for ACLED downloads);
- `plover-jsonl`: one PLOVER record per line (the manual's field names);
- `geojson`: a FeatureCollection of points with the event's properties;
- `parquet`: the ACLED columns plus eventwire's (ids, ranges, sources) via pyarrow;
- `jsonl`: the full merged events (event, mentions with merge scores, sources, figures, claims).

GeoNames attribution (CC BY 4.0) travels with every export: inside the file where the format
has room for it (GeoJSON member, Parquet metadata, PLOVER `license` field) and as a sidecar
`<file>.attribution.txt` beside CSV and JSON Lines files.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO, Any, Literal

from eventwire.cluster.model import MergedEvent
from eventwire.errors import EventwireError
from eventwire.out.export.rows import (
    ACLED_COLUMNS,
    GEONAMES_ATTRIBUTION,
    acled_row,
    attribution_text,
    geojson_feature,
    plover_record,
)
from eventwire.store import EventFilter, Store

ExportFormat = Literal["acled-csv", "plover-jsonl", "geojson", "parquet", "jsonl"]
FORMATS: tuple[str, ...] = ("acled-csv", "plover-jsonl", "geojson", "parquet", "jsonl")


@dataclass
class ExportResult:
    format: str
    path: Path | None
    written: int
    skipped: int = 0
    attribution: Path | None = None
    note: str = ""


def _items(store: Store, flt: EventFilter | None) -> Iterator[tuple[MergedEvent, datetime]]:
    return store.iter_merged_updated(flt or EventFilter())


def write_acled_csv(items: Iterator[tuple[MergedEvent, datetime]], out: IO[str]) -> tuple[int, int]:
    w = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    w.writeheader()
    n = 0
    for m, updated in items:
        w.writerow(acled_row(m, updated))
        n += 1
    return n, 0


def write_plover(items: Iterator[tuple[MergedEvent, datetime]], out: IO[str], coded: date | None = None
                 ) -> tuple[int, int]:
    n = skipped = 0
    for m, _ in items:
        rec = plover_record(m, coded)
        if rec is None:
            skipped += 1
            continue
        out.write(json.dumps(rec, ensure_ascii=False, default=str) + "\n")
        n += 1
    return n, skipped


def geojson_collection(items: Iterator[tuple[MergedEvent, datetime]]) -> tuple[dict[str, Any], int]:
    feats, skipped = [], 0
    for m, _ in items:
        f = geojson_feature(m)
        if f is None:
            skipped += 1
        else:
            feats.append(f)
    return {"type": "FeatureCollection", "attribution": GEONAMES_ATTRIBUTION, "features": feats}, skipped


def write_jsonl(items: Iterator[tuple[MergedEvent, datetime]], out: IO[str]) -> tuple[int, int]:
    n = 0
    for m, _ in items:
        out.write(m.model_dump_json() + "\n")
        n += 1
    return n, 0


def parquet_table(items: Iterator[tuple[MergedEvent, datetime]]) -> Any:
    import pyarrow as pa

    rows = []
    for m, updated in items:
        r = acled_row(m, updated)
        for key in ("year", "iso", "latitude", "longitude", "geo_precision", "timestamp"):
            r[key] = None if r[key] == "" else r[key]
        r.update({
            "id": m.id,
            "plover_type": m.event.plover.type if m.event.plover else None,
            "plover_mode": m.event.plover.mode if m.event.plover else None,
            "fatalities_best": m.event.fatalities.best,
            "fatalities_high": m.event.fatalities.high,
            "status": m.event.attribution.status,
            "modality": m.event.modality,
            "n_sources": len(m.sources),
            "article_ids": [s.article_id for s in m.sources],
            "source_urls": [s.url or "" for s in m.sources],
        })
        rows.append(r)
    typed = {"year": pa.int64(), "time_precision": pa.int64(), "inter1": pa.int64(), "inter2": pa.int64(),
             "interaction": pa.int64(), "iso": pa.int64(), "latitude": pa.float64(), "longitude": pa.float64(),
             "geo_precision": pa.int64(), "fatalities": pa.int64(), "timestamp": pa.int64()}
    schema = pa.schema([
        *((c, typed.get(c, pa.string())) for c in ACLED_COLUMNS),
        ("id", pa.string()), ("plover_type", pa.string()), ("plover_mode", pa.string()),
        ("fatalities_best", pa.int64()), ("fatalities_high", pa.int64()), ("status", pa.string()),
        ("modality", pa.string()), ("n_sources", pa.int64()), ("article_ids", pa.list_(pa.string())),
        ("source_urls", pa.list_(pa.string())),
    ])
    table = pa.Table.from_pylist(rows, schema=schema)
    return table.replace_schema_metadata({"attribution": attribution_text(), "source": "eventwire"})


MEDIA_TYPES = {
    "acled-csv": "text/csv; charset=utf-8",
    "plover-jsonl": "application/x-ndjson",
    "jsonl": "application/x-ndjson",
    "geojson": "application/geo+json",
    "parquet": "application/vnd.apache.parquet",
}
EXTENSIONS = {"acled-csv": "csv", "plover-jsonl": "plover.jsonl", "jsonl": "jsonl", "geojson": "geojson",
              "parquet": "parquet"}


def render_export(store: Store, flt: EventFilter | None, fmt: str) -> tuple[bytes, int, int]:
    """The export as bytes, with the number of events written and skipped (for files and HTTP)."""
    if fmt not in FORMATS:
        raise EventwireError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    items = _items(store, flt)
    if fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = parquet_table(items)
        sink = pa.BufferOutputStream()
        pq.write_table(table, sink)
        return bytes(sink.getvalue().to_pybytes()), table.num_rows, 0
    buf = io.StringIO()
    if fmt == "acled-csv":
        n, skipped = write_acled_csv(items, buf)
    elif fmt == "plover-jsonl":
        n, skipped = write_plover(items, buf, coded=datetime.now(UTC).date())
    elif fmt == "jsonl":
        n, skipped = write_jsonl(items, buf)
    else:
        coll, skipped = geojson_collection(items)
        json.dump(coll, buf, ensure_ascii=False, default=str)
        buf.write("\n")
        n = len(coll["features"])
    return buf.getvalue().encode("utf-8"), n, skipped


def export_events(store: Store, flt: EventFilter | None, fmt: str, out: Path | None) -> ExportResult:
    """Write the store's merged events matching `flt` in format `fmt` to `out` (stdout if None,
    except Parquet). Returns what was written and where the attribution went."""
    if fmt == "parquet" and out is None:
        raise EventwireError("parquet needs --out FILE (it is a binary format)")
    data, n, skipped = render_export(store, flt, fmt)
    if out is None:
        import sys

        sys.stdout.write(data.decode("utf-8"))
        sys.stdout.flush()
        return ExportResult(fmt, None, n, skipped)
    out.write_bytes(data)
    sidecar = None
    if fmt in ("acled-csv", "jsonl", "plover-jsonl"):
        sidecar = out.with_name(out.name + ".attribution.txt")
        sidecar.write_text(attribution_text(), encoding="utf-8")
    note = "attribution in the Parquet metadata" if fmt == "parquet" else ""
    return ExportResult(fmt, out, n, skipped, sidecar, note)


__all__ = ["EXTENSIONS", "FORMATS", "MEDIA_TYPES", "ExportFormat", "ExportResult", "attribution_text", "export_events",
           "render_export"]
