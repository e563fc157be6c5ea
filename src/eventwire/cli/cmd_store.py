"""CLI: `eventwire events` (query the store) and `eventwire db upgrade`."""

from __future__ import annotations

import csv
import sys
from datetime import date
from enum import StrEnum

import typer

from eventwire.cli.common import console, errors_exit, write_line
from eventwire.config import default_store


class ListFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


def events_cmd(
    store: str = typer.Option(None, "--store", "-s", help="SQLite path or database URL (default: EVENTWIRE_STORE or events.db)."),
    since: str = typer.Option(None, help="Events on or after this date (YYYY-MM-DD)."),
    until: str = typer.Option(None, help="Events on or before this date (YYYY-MM-DD)."),
    event_type: str = typer.Option(None, "--type", help="ACLED event type, e.g. 'Battles'."),
    sub_event_type: str = typer.Option(None, "--sub-type", help="ACLED sub-event type."),
    country: str = typer.Option(None, help="ISO alpha-2 country code of the event's place."),
    admin1: str = typer.Option(None, help="First-level region, e.g. 'Kursk Oblast'."),
    actor: str = typer.Option(None, help="Text in actor 1 or actor 2."),
    text: str = typer.Option(None, "--text", "-q", help="Text in the evidence."),
    disputed: bool = typer.Option(False, help="Only disputed or denied events."),
    all_modalities: bool = typer.Option(False, "--all", help="Also negated, planned, threatened events."),
    limit: int = typer.Option(None, help="At most this many events."),
    fmt: ListFormat = typer.Option(ListFormat.table, "--format", "-f", help="table | jsonl | csv."),
) -> None:
    """List stored events, filtered."""
    from eventwire.out.tables import events_table
    from eventwire.store import EventFilter, Store

    with errors_exit():
        flt = EventFilter(
            since=date.fromisoformat(since) if since else None,
            until=date.fromisoformat(until) if until else None,
            event_type=event_type, sub_event_type=sub_event_type, country=country, admin1=admin1,
            actor=actor, text=text, disputed=disputed, include_unoccurred=all_modalities, limit=limit,
        )
        st = Store(store or default_store())
        events = st.events(flt)
        if fmt is ListFormat.jsonl:
            for e in events:
                write_line(e.model_dump_json())
        elif fmt is ListFormat.csv:
            from eventwire.store.store import event_row

            w = csv.writer(sys.stdout)
            cols = [c for c in event_row("", events[0]) if c != "record"] if events else []
            w.writerow(cols)
            for e in events:
                row = event_row(e.article_ids[0] if e.article_ids else "", e)
                w.writerow([row[c] for c in cols])
        else:
            console.print(events_table(events, title=f"{len(events)} events in {st.location}"))


db_app = typer.Typer(help="Manage the store's database schema.", no_args_is_help=True)


@db_app.command("upgrade")
def db_upgrade(store: str = typer.Option(None, "--store", "-s", help="SQLite path or database URL.")) -> None:
    """Apply the schema migrations (also done automatically when a store is opened)."""
    from eventwire.store import Store

    with errors_exit():
        st = Store(store or default_store())
        console.print(f"{st.location}: schema up to date")


def register(app: typer.Typer, evaluate_app: typer.Typer) -> None:
    app.command("events")(events_cmd)
    app.add_typer(db_app, name="db")
