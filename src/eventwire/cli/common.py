"""Shared CLI plumbing: consoles, error exits, JSON Lines output."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn, TextIO

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from eventwire.errors import EventwireError

console = Console()
err_console = Console(stderr=True, soft_wrap=True)  # messages name paths: never wrap them mid-word


def fail(message: str, code: int = 2) -> NoReturn:
    err_console.print(f"[bold red]error:[/bold red] {message}")
    raise typer.Exit(code)


@contextmanager
def errors_exit() -> Iterator[None]:
    """Turn eventwire's own errors into a clear message and a non-zero exit."""
    try:
        yield
    except EventwireError as exc:
        fail(str(exc))


def write_line(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def run_jsonl_stage(
    location: str,
    label: str,
    stage: Callable[[TextIO, str], Iterable[dict[str, Any]]],
) -> None:
    """Run a one-stage tool (timex, geocode, quotes) over JSON Lines: a file or '-' for stdin.

    `stage(stream, source)` yields one output record per input line; each is printed as a JSON
    line at once, with a spinner on the terminal counting the stories done.
    """
    with errors_exit():
        if location == "-":
            stream: TextIO = sys.stdin
            source = "<stdin>"
        else:
            path = Path(location)
            if not path.is_file():
                fail(f"{location}: no such file")
            stream = path.open(encoding="utf-8")
            source = location
        progress = Progress(SpinnerColumn(), TextColumn(f"{label}: {{task.completed}} stories"),
                            TimeElapsedColumn(), console=err_console, transient=True,
                            disable=not err_console.is_terminal)
        with progress, stream:
            task = progress.add_task(label, total=None)
            for record in stage(stream, source):
                write_line(json.dumps(record, ensure_ascii=False))
                progress.advance(task)
