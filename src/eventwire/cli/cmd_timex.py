"""CLI: `eventwire timex` (tag time expressions) and `eventwire evaluate timex` (score them)."""

from __future__ import annotations

from pathlib import Path

import typer

from eventwire.cli.common import console, errors_exit, fail, run_jsonl_stage


def timex_cmd(
    location: str = typer.Argument("-", help="A JSON Lines file of {id, text, published}, or '-' for standard input."),
    published: str = typer.Option(None, "--published", "-p",
                                  help="Publication date (YYYY-MM-DD) for lines that carry none."),
) -> None:
    """Find time expressions and normalise them to TIMEX3 (type, value), anchored on each story's date."""
    from eventwire.nlp.timex import timex_jsonl

    run_jsonl_stage(location, "tagging times",
                    lambda stream, source: timex_jsonl(stream, source=source, published=published))


def evaluate_timex_cmd(
    data: Path = typer.Option(None, "--data", help="The development data folder (default: ../shared/data)."),
    meantime: Path = typer.Option(None, "--meantime", help="A folder of MEANTIME / CAT XML files "
                                                           "(default: DATA/timeml/meantime)."),
    timeml: Path = typer.Option(None, "--timeml", help="Also score a folder of TimeML .tml files "
                                                       "(TimeBank, TempEval-3)."),
    json_out: Path = typer.Option(None, "--json", help="Also write the report as JSON here."),
    detail: bool = typer.Option(False, "--detail", "-d", help="Print the error tables too."),
) -> None:
    """Score time expressions: TempEval-3 measures on MEANTIME and the seed story's times."""
    from eventwire.config import shared_data_dir
    from eventwire.evaluate.report import print_report, write_report
    from eventwire.evaluate.timex import evaluate_timex

    folder = data or shared_data_dir()
    if folder is None or not (folder / "seed").is_dir():
        fail("no development data: pass --data PATH (the folder holding seed/ and timeml/)")
    with errors_exit():
        report = evaluate_timex(folder, meantime, timeml)
    print_report(report, console, detail=detail)
    if json_out:
        write_report(report, json_out)


def register(app: typer.Typer, evaluate_app: typer.Typer) -> None:
    """Add this module's commands to the CLI."""
    app.command("timex")(timex_cmd)
    evaluate_app.command("timex")(evaluate_timex_cmd)
