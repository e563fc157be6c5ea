"""CLI: `eventwire events` (query merged events), `events show ID`, `db upgrade|recluster`,
and `eventwire evaluate merge`."""

from __future__ import annotations

import csv
import sys
from datetime import date
from enum import StrEnum
from pathlib import Path

import typer

from eventwire.cli.common import console, errors_exit, fail, write_line
from eventwire.config import default_store
from eventwire.store.filters import EventFilter


class ListFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


class ShowFormat(StrEnum):
    table = "table"
    json = "json"


# Options shared by `eventwire events` and `eventwire export` (the same filters as the API).
STORE = typer.Option(None, "--store", "-s", help="SQLite path or database URL (default: EVENTWIRE_STORE or events.db).")
SINCE = typer.Option(None, help="Events on or after this date (YYYY-MM-DD).")
UNTIL = typer.Option(None, help="Events on or before this date (YYYY-MM-DD).")
TYPE = typer.Option(None, "--type", help="ACLED event type, e.g. 'Battles'.")
SUB_TYPE = typer.Option(None, "--sub-type", help="ACLED sub-event type.")
PLOVER = typer.Option(None, "--plover", help="PLOVER event type, e.g. ASSAULT.")
COUNTRY = typer.Option(None, help="ISO alpha-2 country code of the event's place.")
ADMIN1 = typer.Option(None, help="First-level region, e.g. 'Kursk Oblast'.")
ACTOR = typer.Option(None, help="Text in actor 1 or actor 2.")
TEXT = typer.Option(None, "--text", "-q", help="Text in the evidence (of any source).")
BBOX = typer.Option(None, "--bbox", help="Bounding box min_lon,min_lat,max_lon,max_lat.")
DISPUTED = typer.Option(False, help="Only disputed or denied events.")
ALL = typer.Option(False, "--all", help="Also negated, planned, threatened events.")
ARTICLE = typer.Option(None, "--article", help="Only events reported by this article id.")
SORT = typer.Option("date", help="date | -date | fatalities | -fatalities | type | sources | -sources.")
LIMIT = typer.Option(None, help="At most this many events.")
OFFSET = typer.Option(0, help="Skip this many events first.")


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if not value:
        return None
    try:
        parts = [float(v) for v in value.split(",")]
    except ValueError:
        fail(f"--bbox {value!r}: expected four numbers min_lon,min_lat,max_lon,max_lat")
    if len(parts) != 4:
        fail(f"--bbox {value!r}: expected four numbers min_lon,min_lat,max_lon,max_lat")
    return parts[0], parts[1], parts[2], parts[3]


def _date(value: str | None, name: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        fail(f"--{name} {value!r} is not a date (YYYY-MM-DD)")


def make_filter(*, since: str | None = None, until: str | None = None, event_type: str | None = None,
                sub_event_type: str | None = None, plover: str | None = None, country: str | None = None,
                admin1: str | None = None, actor: str | None = None, text: str | None = None,
                bbox: str | None = None, disputed: bool = False, all_modalities: bool = False,
                article: str | None = None, sort: str = "date", limit: int | None = None, offset: int = 0,
                mentions: bool = False) -> EventFilter:
    """An EventFilter from the command-line options (errors exit with a message)."""
    try:
        return EventFilter(
            since=_date(since, "since"), until=_date(until, "until"), event_type=event_type,
            sub_event_type=sub_event_type, plover_type=plover, country=country, admin1=admin1, actor=actor,
            text=text, bbox=parse_bbox(bbox), disputed=disputed, include_unoccurred=all_modalities,
            article_id=article, sort=sort, limit=limit, offset=offset, mentions=mentions,
        )
    except ValueError as exc:
        fail(str(exc))


events_app = typer.Typer(help="List stored events (merged across sources), filtered; `events show ID`.")


@events_app.callback(invoke_without_command=True)
def events_cmd(
    ctx: typer.Context,
    store: str = STORE, since: str = SINCE, until: str = UNTIL, event_type: str = TYPE,
    sub_event_type: str = SUB_TYPE, plover: str = PLOVER, country: str = COUNTRY, admin1: str = ADMIN1,
    actor: str = ACTOR, text: str = TEXT, bbox: str = BBOX, disputed: bool = DISPUTED,
    all_modalities: bool = ALL, article: str = ARTICLE, sort: str = SORT, limit: int = LIMIT, offset: int = OFFSET,
    mentions: bool = typer.Option(False, "--mentions", help="The mentions as extracted, not merged events."),
    fmt: ListFormat = typer.Option(ListFormat.table, "--format", "-f", help="table | jsonl | csv."),
) -> None:
    """List stored events, filtered (merged events: one per real-world event, all its sources)."""
    if ctx.invoked_subcommand:
        return
    from eventwire.out.tables import events_table
    from eventwire.store import Store

    flt = make_filter(since=since, until=until, event_type=event_type, sub_event_type=sub_event_type,
                      plover=plover, country=country, admin1=admin1, actor=actor, text=text, bbox=bbox,
                      disputed=disputed, all_modalities=all_modalities, article=article, sort=sort, limit=limit,
                      offset=offset, mentions=mentions)
    with errors_exit():
        st = Store(store or default_store())
        events = st.events(flt)
        if fmt is ListFormat.jsonl:
            for e in events:
                write_line(e.model_dump_json())
        elif fmt is ListFormat.csv:
            from eventwire.store.store import event_row

            w = csv.writer(sys.stdout, lineterminator="\n")
            cols = [c for c in event_row("", events[0]) if c not in ("record", "article_id")] if events else []
            w.writerow([*cols, "n_sources", "article_ids"])
            for e in events:
                row = event_row("", e)
                w.writerow([*(row[c] for c in cols), len(e.article_ids), ";".join(e.article_ids)])
        else:
            total = st.count_events(flt.model_copy(update={"limit": None, "offset": 0}))
            console.print(events_table(events, title=f"{len(events)} of {total} events in {st.location}"))


@events_app.command("show")
def events_show(
    event_id: str = typer.Argument(..., help="A merged event's id (or one of its mentions' ids)."),
    store: str = STORE,
    fmt: ShowFormat = typer.Option(ShowFormat.table, "--format", "-f", help="table | json."),
) -> None:
    """Print one merged event: its sources, figures per source, claims, and why each mention was merged."""
    from eventwire.cluster.explain import explain
    from eventwire.store import Store

    with errors_exit():
        merged = Store(store or default_store()).event_detail(event_id)
    if merged is None:
        fail(f"no event {event_id!r} in the store")
    if fmt is ShowFormat.json:
        write_line(merged.model_dump_json(indent=2))
    else:
        console.print(explain(merged))


db_app = typer.Typer(help="Manage the store's database schema.", no_args_is_help=True)


@db_app.command("upgrade")
def db_upgrade(store: str = STORE) -> None:
    """Apply the schema migrations (also done automatically when a store is opened)."""
    from eventwire.store import Store

    with errors_exit():
        st = Store(store or default_store())
        console.print(f"{st.location}: schema up to date")


@db_app.command("recluster")
def db_recluster(store: str = STORE) -> None:
    """Merge every stored mention again from scratch (after changing the merge settings)."""
    from eventwire.store import Store

    with errors_exit():
        n = Store(store or default_store()).recluster()
    console.print(f"{n} events")


def evaluate_merge_cmd(
    stories: Path = typer.Option(None, "--set", help="Clustering set (default: tests/fixtures/merge/stories.yaml)."),
    pipeline: bool = typer.Option(False, "--pipeline", help="Run the story texts through the whole pipeline."),
    json_path: Path = typer.Option(None, "--json", help="Also write the report as JSON."),
) -> None:
    """Pairwise precision/recall/F1 of merging mentions into events on the clustering set."""
    from eventwire.evaluate.merge import evaluate_merge
    from eventwire.evaluate.report import print_report, write_report

    with errors_exit():
        report = evaluate_merge(stories, pipeline=pipeline)
    print_report(report, console)
    if json_path:
        write_report(report, json_path)


def register(app: typer.Typer, evaluate_app: typer.Typer) -> None:
    app.add_typer(events_app, name="events")
    app.add_typer(db_app, name="db")
    evaluate_app.command("merge")(evaluate_merge_cmd)
