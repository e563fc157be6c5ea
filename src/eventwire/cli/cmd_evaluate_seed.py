"""CLI: `eventwire evaluate seed`."""

from __future__ import annotations

from pathlib import Path

import typer

from eventwire.cli.common import console, fail


def seed_cmd(
    data: Path = typer.Option(None, "--data", help="The development data folder (default: ../shared/data)."),
    json_out: Path = typer.Option(None, "--json", help="Also write the report as JSON here."),
) -> None:
    """Score the whole pipeline on the reference story (../shared/data/seed)."""
    from eventwire.config import shared_data_dir
    from eventwire.evaluate.report import print_report, write_report
    from eventwire.evaluate.seed import evaluate_seed

    folder = data or shared_data_dir()
    if folder is None or not (folder / "seed").is_dir():
        fail("no development data: pass --data PATH (the folder holding seed/)")
    report, _ = evaluate_seed(folder)
    print_report(report, console)
    if json_out:
        write_report(report, json_out)


def register(app: typer.Typer, evaluate_app: typer.Typer) -> None:
    evaluate_app.command("seed")(seed_cmd)
