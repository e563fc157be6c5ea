"""Shared CLI plumbing: consoles, error exits, JSON Lines output."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NoReturn

import typer
from rich.console import Console

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
