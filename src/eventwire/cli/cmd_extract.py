"""CLI: `eventwire extract PATH|URL|-`."""

from __future__ import annotations

from enum import StrEnum

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from eventwire.cli.common import console, err_console, errors_exit, fail, write_line
from eventwire.errors import EventwireError
from eventwire.out.tables import events_table


class InFormat(StrEnum):
    text = "text"
    html = "html"
    jsonl = "jsonl"


class OutFormat(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"


def extract_cmd(
    location: str = typer.Argument(..., help="A file, a URL, or '-' for standard input."),
    published: str = typer.Option(None, "--published", "-p", help="Publication date (YYYY-MM-DD), the anchor for relative dates."),
    input_format: InFormat = typer.Option(None, "--input-format", "-i", help="text | html | jsonl (guessed from the name if omitted)."),
    fmt: OutFormat = typer.Option(OutFormat.table, "--format", "-f", help="table | json | jsonl."),
    store: str = typer.Option(None, "--store", "-s", help="Also store results here (SQLite path or database URL)."),
) -> None:
    """Extract events, places, dates, figures, quotes and claims from news stories."""
    from eventwire.runner import extract_location
    from eventwire.store import Store

    bad = 0
    with errors_exit():
        st = Store(store) if store else None
        outcomes = extract_location(
            location, input_format=input_format.value if input_format else None, published=published, store=st
        )
        progress = Progress(TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                            console=err_console, transient=True, disable=fmt is OutFormat.table or not err_console.is_terminal)
        with progress:
            task = progress.add_task("extract", total=None)
            for outcome in outcomes:
                progress.advance(task)
                if outcome.error is not None:
                    bad += 1
                    err_console.print(f"[red]skipped[/red] {outcome.error}")
                    continue
                x = outcome.extraction
                if x is None:
                    continue
                if fmt is OutFormat.jsonl:
                    write_line(x.model_dump_json())
                elif fmt is OutFormat.json:
                    write_line(x.model_dump_json(indent=2))
                else:
                    title = x.article.title or x.id
                    console.print(events_table(x.events, title=f"{title} — {len(x.events)} events"))
                    console.print(
                        f"[dim]{len(x.places)} places, {len(x.times)} times, {len(x.quantities)} figures, "
                        f"{len(x.quotes)} quotes, {len(x.claims)} claims[/dim]"
                    )
        if st is not None:
            err_console.print(f"stored in {store}")
    if bad:
        fail(f"{bad} document(s) of {location} could not be read (see above); the others were processed", code=1)


def register(app: typer.Typer, evaluate_app: typer.Typer) -> None:
    app.command("extract")(extract_cmd)


__all__ = ["EventwireError", "register"]
