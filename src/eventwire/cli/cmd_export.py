"""CLI: `eventwire export --format acled-csv|plover-jsonl|geojson|parquet|jsonl --out FILE`."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from eventwire.cli.cmd_store import (
    ACTOR,
    ADMIN1,
    ALL,
    ARTICLE,
    BBOX,
    COUNTRY,
    DISPUTED,
    LIMIT,
    OFFSET,
    PLOVER,
    SINCE,
    SORT,
    STORE,
    SUB_TYPE,
    TEXT,
    TYPE,
    UNTIL,
    make_filter,
)
from eventwire.cli.common import err_console, errors_exit
from eventwire.config import default_store


class ExportFormat(StrEnum):
    acled_csv = "acled-csv"
    plover_jsonl = "plover-jsonl"
    geojson = "geojson"
    parquet = "parquet"
    jsonl = "jsonl"


def export_cmd(
    fmt: ExportFormat = typer.Option(..., "--format", "-f", help="acled-csv | plover-jsonl | geojson | parquet | jsonl."),
    out: Path = typer.Option(None, "--out", "-o", help="Output file (default: standard output; Parquet needs a file)."),
    store: str = STORE, since: str = SINCE, until: str = UNTIL, event_type: str = TYPE,
    sub_event_type: str = SUB_TYPE, plover: str = PLOVER, country: str = COUNTRY, admin1: str = ADMIN1,
    actor: str = ACTOR, text: str = TEXT, bbox: str = BBOX, disputed: bool = DISPUTED,
    all_modalities: bool = ALL, article: str = ARTICLE, sort: str = SORT, limit: int = LIMIT, offset: int = OFFSET,
) -> None:
    """Export merged events in the field's formats (GeoNames attribution travels with the file)."""
    from eventwire.out.export import export_events
    from eventwire.store import Store

    flt = make_filter(since=since, until=until, event_type=event_type, sub_event_type=sub_event_type,
                      plover=plover, country=country, admin1=admin1, actor=actor, text=text, bbox=bbox,
                      disputed=disputed, all_modalities=all_modalities, article=article, sort=sort, limit=limit,
                      offset=offset)
    with errors_exit():
        result = export_events(Store(store or default_store()), flt, fmt.value, out)
    where = str(result.path) if result.path else "standard output"
    msg = f"{result.written} events as {result.format} to {where}"
    if result.skipped:
        msg += f" ({result.skipped} skipped: no coordinates or no PLOVER type)"
    if result.attribution:
        msg += f"; attribution in {result.attribution}"
    err_console.print(msg)


def register(app: typer.Typer, evaluate_app: typer.Typer) -> None:
    app.command("export")(export_cmd)
