"""CLI: `eventwire batch` (registered when its issue lands)."""

from __future__ import annotations

import typer


def register(app: typer.Typer, evaluate_app: typer.Typer) -> None:
    """Add this module's commands to the CLI."""
