"""CLI: `eventwire classify` (event type of snippets) and `eventwire evaluate events`."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import typer

from eventwire.cli.common import console, errors_exit, fail, write_line


def _read_jsonl(path: Path | None) -> Iterator[dict[str, Any]]:
    stream = sys.stdin if path is None or str(path) == "-" else path.open(encoding="utf-8")
    try:
        for n, line in enumerate(stream, 1):
            line = line.strip()
            if not line:
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                fail(f"line {n}: not JSON ({exc})")
            if isinstance(item, str):
                item = {"id": n, "text": item}
            yield item
    finally:
        if stream is not sys.stdin:
            stream.close()


def register(app: typer.Typer, evaluate_app: typer.Typer) -> None:
    """Add this module's commands to the CLI."""

    @app.command("classify")
    def classify_cmd(
        input_path: Path = typer.Argument(None, help='JSON Lines of {"id", "text"} (default: standard input).'),
        output: Path = typer.Option(None, "--output", "-o", help="Write JSON Lines here instead of stdout."),
        rules_only: bool = typer.Option(False, "--rules-only", help="The trigger rules alone, without the "
                                        "learned layer's vote (docs/classify-model.md)."),
    ) -> None:
        """Event type of each snippet: ACLED sub-event type (always given) and PLOVER type/mode; `rule`
        names the trigger rule or model ("model:linear") that decided the ACLED type."""
        from eventwire.classify import classify_snippets

        with errors_exit():
            out = output.open("w", encoding="utf-8") if output else None
            try:
                for result in classify_snippets(_read_jsonl(input_path), use_model=not rules_only):
                    line = json.dumps(result, ensure_ascii=False)
                    if out is not None:
                        out.write(line + "\n")
                    else:
                        write_line(line)
            finally:
                if out is not None:
                    out.close()

    @evaluate_app.command("events")
    def evaluate_events_cmd(
        data: Path = typer.Option(None, "--data", help="Development data folder (default: ../shared/data)."),
        dev: Path = typer.Option(None, "--dev", help="Labelled sentences YAML (default: the shipped ones)."),
        json_path: Path = typer.Option(None, "--json", help="Write the report as JSON here."),
        detail: bool = typer.Option(True, "--detail/--summary", help="Print per-type tables."),
    ) -> None:
        """PLOVER gold records, the seed story's events and our ACLED development sentences."""
        from eventwire.config import shared_data_dir
        from eventwire.evaluate.events import evaluate_events
        from eventwire.evaluate.report import print_report, write_report

        with errors_exit():
            with console.status("scoring events ..."):
                report = evaluate_events(data or shared_data_dir(), dev_path=dev)
            print_report(report, console, detail=detail)
            if json_path:
                write_report(report, json_path)
