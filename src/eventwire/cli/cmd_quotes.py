"""CLI: `eventwire quotes` (quotes, attribution relations, claims) and `eventwire evaluate quotes`."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from eventwire.cli.common import console, err_console, errors_exit, fail, run_jsonl_stage


def quotes_cmd(
    location: str = typer.Argument("-", help="A JSON Lines file of {id, text}, or '-' for standard input."),
    batch_size: int = typer.Option(32, "--batch-size", help="Texts per spaCy batch."),
) -> None:
    """Find direct quotes with their speakers, every attribution relation (source, cue, content) and the claims."""
    from eventwire.assemble.quotes import quotes_jsonl

    run_jsonl_stage(location, "reading quotes",
                    lambda stream, source: quotes_jsonl(stream, source=source, batch_size=batch_size))


def evaluate_quotes_cmd(
    data: Path = typer.Option(None, "--data", help="The development data folder (default: ../shared/data)."),
    json_out: Path = typer.Option(None, "--json", help="Also write the report as JSON here."),
    detail: bool = typer.Option(False, "--detail", "-d", help="Print the error tables too."),
    events: bool = typer.Option(True, "--events/--no-events",
                                help="Also run the whole pipeline on the seed to score its events' attribution."),
) -> None:
    """Score speakers on MEANTIME's speech links, the seed's quotes/claims/figures, and our dev figures."""
    from eventwire.config import shared_data_dir
    from eventwire.evaluate.quotes import evaluate_quotes
    from eventwire.evaluate.report import print_report, write_report

    folder = data or shared_data_dir()
    if folder is None or not (folder / "seed").is_dir():
        fail("no development data: pass --data PATH (the folder holding seed/ and timeml/)")
    progress = Progress(SpinnerColumn(), TextColumn("MEANTIME"), BarColumn(), MofNCompleteColumn(),
                        TimeElapsedColumn(), console=err_console, transient=True,
                        disable=not err_console.is_terminal)
    with errors_exit(), progress:
        task = progress.add_task("meantime", total=None)
        report = evaluate_quotes(folder, with_events=events,
                                 progress=lambda done, total: progress.update(task, completed=done, total=total))
    print_report(report, console, detail=detail)
    if json_out:
        write_report(report, json_out)


def register(app: typer.Typer, evaluate_app: typer.Typer) -> None:
    """Add this module's commands to the CLI."""
    app.command("quotes")(quotes_cmd)
    evaluate_app.command("quotes")(evaluate_quotes_cmd)
