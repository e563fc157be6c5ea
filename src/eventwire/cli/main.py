"""The `eventwire` command: thin wrappers that parse options and call one library function each."""

from __future__ import annotations

import importlib

import typer

from eventwire._version import __version__

app = typer.Typer(
    name="eventwire",
    help="Turn war and conflict reporting into an evidence-backed event dataset.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
evaluate_app = typer.Typer(help="Score a stage on development data and print the field's metrics.",
                           no_args_is_help=True)
app.add_typer(evaluate_app, name="evaluate")

# Each command module defines `register(app, evaluate_app)`; one module per capability.
COMMAND_MODULES = (
    "eventwire.cli.cmd_extract",
    "eventwire.cli.cmd_store",
    "eventwire.cli.cmd_evaluate_seed",
    "eventwire.cli.cmd_timex",
    "eventwire.cli.cmd_geocode",
    "eventwire.cli.cmd_classify",
    "eventwire.cli.cmd_quotes",
    "eventwire.cli.cmd_export",
    "eventwire.cli.cmd_serve",
    "eventwire.cli.cmd_report",
    "eventwire.cli.cmd_ingest",
    "eventwire.cli.cmd_batch",
)

for _name in COMMAND_MODULES:
    importlib.import_module(_name).register(app, evaluate_app)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"eventwire {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version."),
) -> None:
    """eventwire: events, places, dates, figures and who says so, with the evidence for each."""


def main() -> None:
    app()
