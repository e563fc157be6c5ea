"""The dashboard served by `eventwire serve` at `/` (placeholder until its issue lands)."""

from __future__ import annotations

from typing import Any


def mount_dashboard(app: Any) -> None:
    """Add the dashboard's routes and static files to the API app (nothing yet)."""
