"""CLI: `eventwire report` writes a situation report (HTML or Markdown) for filtered events."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from pathlib import Path

import typer

from eventwire.cli.common import console, errors_exit, fail
from eventwire.config import default_store


class ReportFmt(StrEnum):
    html = "html"
    md = "md"


def _day(value: str | None, name: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        fail(f"--{name} {value!r}: expected a date as YYYY-MM-DD")


def report_cmd(
    store: str = typer.Option(None, "--store", "-s", help="SQLite path or database URL (default: EVENTWIRE_STORE or events.db)."),
    since: str = typer.Option(None, help="Events on or after this date (YYYY-MM-DD)."),
    until: str = typer.Option(None, help="Events on or before this date (YYYY-MM-DD)."),
    country: str = typer.Option(None, help="ISO alpha-2 country code of the event's place, e.g. RU."),
    admin1: str = typer.Option(None, help="First-level region, e.g. 'Kursk Oblast'."),
    event_type: str = typer.Option(None, "--type", help="ACLED event type, e.g. 'Battles'."),
    sub_event_type: str = typer.Option(None, "--sub-type", help="ACLED sub-event type."),
    actor: str = typer.Option(None, help="Text in actor 1 or actor 2."),
    text: str = typer.Option(None, "--text", "-q", help="Text in the evidence."),
    disputed: bool = typer.Option(False, help="Only disputed or denied events."),
    fmt: ReportFmt = typer.Option(ReportFmt.html, "--format", "-f", help="html | md."),
    out: Path = typer.Option(None, "--out", "-o", help="Output file (default: report.html / report.md)."),
    title: str = typer.Option(None, help="Title of the report (default: from the filters)."),
    max_events: int = typer.Option(40, help="At most this many events in the 'main events' section."),
) -> None:
    """Write a self-contained situation report: counts, daily chart, map, events, figures, disputes."""
    from eventwire.out.report import write_report
    from eventwire.store import EventFilter

    with errors_exit():
        flt = EventFilter(
            since=_day(since, "since"), until=_day(until, "until"), country=country, admin1=admin1,
            event_type=event_type, sub_event_type=sub_event_type, actor=actor, text=text, disputed=disputed,
        )
        path = out or Path(f"report.{fmt.value}")
        rep = write_report(store or default_store(), flt, path, fmt.value, max_events=max_events, title=title)
        console.print(
            f"wrote {path}: {rep.n_events} events, {len(rep.figures)} figures, "
            f"{len(rep.disputes)} disputed claims from {len(rep.sources)} stories"
        )


def register(app: typer.Typer, evaluate_app: typer.Typer) -> None:
    """Add this module's commands to the CLI."""
    app.command("report")(report_cmd)
