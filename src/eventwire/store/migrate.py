"""Apply the Alembic migrations shipped in the package to a store's database."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine

_HERE = Path(__file__).resolve().parent


def alembic_config(url: str) -> Config:
    cfg = Config(str(_HERE / "alembic.ini"))
    cfg.set_main_option("script_location", str(_HERE / "migrations"))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def upgrade(engine: Engine, revision: str = "heads") -> None:
    """Bring the database up to `revision` (all heads: each capability may add its own migration
    branch off 0001). Idempotent: an up-to-date store is left as it is."""
    cfg = alembic_config(engine.url.render_as_string(hide_password=False))
    # Two processes opening a new store at once must not both create the tables: the migration
    # runs under the store's write lock (SQLite BEGIN IMMEDIATE, a PostgreSQL advisory lock).
    with engine.connect().execution_options(eventwire_write=True) as conn, conn.begin():
        if engine.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(hashtext('eventwire-migrate:' || current_schema()))"))
        _run(cfg, conn, revision)


def _run(cfg: Config, conn: Connection, revision: str) -> None:
    cfg.attributes["connection"] = conn
    command.upgrade(cfg, revision)
