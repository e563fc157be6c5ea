"""Two processes writing the same stories at the same time leave no duplicate articles, mentions
or events, on SQLite and on the real PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from eventwire.evaluate.merge import load_set
from eventwire.store import Store, schema
from eventwire.store.testing import reachable, temporary_schema

WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from eventwire.evaluate.merge import load_set
    from eventwire.store import Store

    location, go = sys.argv[1], Path(sys.argv[2])
    stories = load_set()
    st = Store(location)
    while not go.exists():
        time.sleep(0.01)
    for s in stories:
        st.write(s.extraction)
    st.close()
    """
)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def location(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield str(tmp_path / "events.db")
        return
    why = reachable()
    if why is not None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"PostgreSQL at 127.0.0.1:5432 is unreachable under CI: {why}")
        pytest.skip(f"PostgreSQL is not reachable: {why}")
    with temporary_schema() as url:
        yield url


def _partition(st: Store) -> set[frozenset[str]]:
    mc = schema.cluster_members
    groups: dict[str, set[str]] = {}
    with st.engine.connect() as conn:
        for event_id, cluster_id in conn.execute(select(mc.c.event_id, mc.c.cluster_id)):
            groups.setdefault(cluster_id, set()).add(event_id)
    return {frozenset(g) for g in groups.values()}


def test_two_writers_make_no_duplicates(location: str, tmp_path: Path) -> None:
    stories = load_set()
    n_mentions = sum(len(s.extraction.events) for s in stories)
    # What one writer alone produces.
    alone = Store(str(tmp_path / "alone.db"))
    for s in stories:
        alone.write(s.extraction)
    expected = _partition(alone)
    alone.close()

    go = tmp_path / "go"
    # Both processes open (and migrate) the same new store at once, then write the same stories.
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, location, str(go)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    time.sleep(0.5)
    go.touch()
    for p in procs:
        _out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err[-2000:]

    st = Store(location)
    try:
        assert st.count("articles") == len(stories)
        assert st.count("events") == n_mentions
        assert st.count("cluster_members") == n_mentions
        assert st.count("clusters") == len(expected)
        assert _partition(st) == expected
        assert all(len(set(e.article_ids)) == len(e.article_ids) for e in st.events())
    finally:
        st.close()
