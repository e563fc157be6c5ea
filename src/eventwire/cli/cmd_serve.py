"""CLI: `eventwire serve` (the HTTP API and the dashboard, with uvicorn)."""

from __future__ import annotations

import typer

from eventwire.cli.common import console, errors_exit
from eventwire.config import default_store


def serve_cmd(
    store: str = typer.Option(None, "--store", "-s", help="SQLite path or database URL (default: EVENTWIRE_STORE or events.db)."),
    host: str = typer.Option("127.0.0.1", help="Interface to listen on."),
    port: int = typer.Option(8000, help="Port to listen on."),
    write_token: str = typer.Option(
        None, "--write-token", envvar="EVENTWIRE_WRITE_TOKEN",
        help="Bearer token that allows POST /api/stories (default: EVENTWIRE_WRITE_TOKEN; none: read-only).",
    ),
    max_body: int = typer.Option(1_000_000, help="Largest request body in bytes (larger ones get 413)."),
) -> None:
    """Serve the HTTP API (OpenAPI docs at /docs) and the dashboard."""
    import uvicorn

    from eventwire.out.api import create_app

    with errors_exit():
        app = create_app(store or default_store(), write_token=write_token or None, max_body=max_body)
    console.print(f"eventwire API on http://{host}:{port}/ (docs at /docs); "
                  f"writing {'enabled' if write_token else 'disabled'}")
    uvicorn.run(app, host=host, port=port, log_level="info")


def register(app: typer.Typer, evaluate_app: typer.Typer) -> None:
    app.command("serve")(serve_cmd)
