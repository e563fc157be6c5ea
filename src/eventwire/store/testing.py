"""Helpers for tests that need a real PostgreSQL: a throw-away schema per test run.

`temporary_schema(url)` creates a schema with a unique name, yields a store URL whose
connections use it (`options=-csearch_path=...`), and drops it afterwards, so parallel test
runs against the same database never see each other's tables.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

DEFAULT_TEST_URL = "postgresql://postgres@127.0.0.1:5432/test"


def postgres_test_url() -> str:
    """The PostgreSQL used by tests: EVENTWIRE_TEST_POSTGRES, or the local server's `test` database."""
    return os.environ.get("EVENTWIRE_TEST_POSTGRES", DEFAULT_TEST_URL)


def with_search_path(url: str, schema_name: str) -> str:
    """`url` with its connections' search_path set to `schema_name`."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != "options"]
    query.append(("options", f"-csearch_path={schema_name}"))
    return urlunsplit(parts._replace(query=urlencode(query, quote_via=quote)))


def _psycopg_dsn(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


def reachable(url: str | None = None, timeout: int = 3) -> str | None:
    """None when the server answers, else the reason it does not."""
    import psycopg

    try:
        with psycopg.connect(_psycopg_dsn(url or postgres_test_url()), connect_timeout=timeout):
            return None
    except Exception as exc:  # every driver error means "not reachable" here
        return str(exc).strip() or type(exc).__name__


@contextmanager
def temporary_schema(url: str | None = None, prefix: str = "ew_test") -> Iterator[str]:
    """Create a uniquely named schema, yield a store URL that uses it, drop it afterwards."""
    import psycopg

    base = url or postgres_test_url()
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(_psycopg_dsn(base), autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{name}"')
    try:
        yield with_search_path(base, name)
    finally:
        with psycopg.connect(_psycopg_dsn(base), autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')
