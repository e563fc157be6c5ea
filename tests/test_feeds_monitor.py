"""The feed monitor end to end against feeds and pages served on 127.0.0.1: new items are stored,
changed feeds are noticed, failures are remembered and retried, restarts resume, and a new item
is stored by the first poll after it appears."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwire.ingest.feeds import FetchPolicy
from eventwire.monitor import Monitor, PollReport
from eventwire.store import Store
from eventwire.store.feeds import FeedState
from test_feeds_helpers import LocalServer, Route, atom, rss, story, story_page

FAST = FetchPolicy(timeout=0.5, retries=1, backoff=0.05, per_host_interval=0.0)


@pytest.fixture()
def server() -> Iterator[LocalServer]:
    srv = LocalServer().start()
    yield srv
    srv.stop()


def serve_story(srv: LocalServer, n: int) -> tuple[str, str, str]:
    headline, paras = story(n)
    path = f"/news/{n}.html"
    srv.set(path, Route(story_page(headline, paras)))
    return (f"urn:story:{n}", srv.url(path), headline)


@pytest.fixture()
def store(tmp_path: Path) -> Iterator[Store]:
    st = Store(str(tmp_path / "feeds.db"))
    yield st
    st.close()


def test_new_items_are_stored_and_a_changed_feed_is_noticed(server: LocalServer, store: Store, nlp) -> None:  # type: ignore[no-untyped-def]
    items = [serve_story(server, 1), serve_story(server, 2)]
    server.set("/rss", Route(rss(items), "application/rss+xml", etag='"a"'))
    server.set("/atom", Route(atom([serve_story(server, 3)]), "application/atom+xml"))
    mon = Monitor(store, [server.url("/rss"), server.url("/atom")], policy=FAST, nlp=nlp)
    r1 = mon.poll_once()
    assert (r1.feeds_ok, r1.new_items, r1.stored, r1.failed) == (2, 3, 3, 0)
    assert store.count("articles") == 3
    stored = FeedState(store.engine).items(state="stored")
    assert len(stored) == 3 and all(i.article_id and store.has_article(i.article_id) for i in stored)
    x = store.get_extraction(stored[0].article_id or "")
    assert x is not None and x.article.url and x.article.url.startswith(server.base)

    # unchanged: the RSS feed answers 304 to our conditional request; nothing is fetched again
    r2 = mon.poll_once()
    assert (r2.feeds_unchanged, r2.new_items, r2.stored) == (1, 0, 0)
    assert [h.status for h in server.hits if h.path == "/rss"] == [200, 304]
    assert server.count("/news/1.html") == 1

    # the feed changes between polls: only the new item is fetched and stored
    items.append(serve_story(server, 4))
    server.set("/rss", Route(rss(items), "application/rss+xml", etag='"b"'))
    r3 = mon.poll_once()
    assert (r3.new_items, r3.stored) == (1, 1)
    assert store.count("articles") == 4
    assert server.count("/news/1.html") == 1 and server.count("/news/4.html") == 1
    mon.close()


def test_failures_are_recorded_and_retried(server: LocalServer, store: Store, nlp) -> None:  # type: ignore[no-untyped-def]
    good = serve_story(server, 5)
    server.set("/img.png", Route(b"\x89PNG\r\n\x1a\n" + bytes(100), "image/png"))
    server.set("/slow.html", Route(story_page(*story(6)), delay=2.0))
    server.set("/err.html", Route(b"server error", "text/plain", status=500))
    server.set("/rss", Route(rss([
        good,
        ("urn:img", server.url("/img.png"), "a picture"),
        ("urn:slow", server.url("/slow.html"), "slow"),
        ("urn:err", server.url("/err.html"), "broken"),
    ]), "application/rss+xml"))
    server.set("/bad-feed", Route(b"<rss><channel><title>x</title", "application/rss+xml"))
    server.set("/down-feed", Route(b"down", "text/plain", status=500))
    feeds = [server.url("/bad-feed"), server.url("/down-feed"), server.url("/rss")]
    mon = Monitor(store, feeds, policy=FAST, nlp=nlp, max_attempts=3)
    r1 = mon.poll_once()
    # the malformed feed and the failing feed are reported; the good feed is still read
    assert set(r1.feed_errors) == {server.url("/bad-feed"), server.url("/down-feed")}
    assert "HTTP 500" in r1.feed_errors[server.url("/down-feed")]
    assert (r1.new_items, r1.stored, r1.failed) == (4, 1, 3)
    state = FeedState(store.engine)
    failed = {i.guid: i for i in state.items(state="failed")}
    assert "not an HTML page" in (failed["urn:img"].error or "")
    assert "timed out" in (failed["urn:slow"].error or "")
    assert "HTTP 500" in (failed["urn:err"].error or "")
    assert all(i.attempts == 1 for i in failed.values())
    feed_row = state.feed(server.url("/down-feed"))
    assert feed_row is not None and feed_row.error and "500" in feed_row.error

    # the server recovers: the failed page is fetched again on the next poll and stored
    server.set("/err.html", Route(story_page(*story(7))))
    server.set("/slow.html", Route(story_page(*story(6))))
    r2 = mon.poll_once()
    assert r2.stored == 2
    assert {i.guid for i in state.items(state="failed")} == {"urn:img"}
    # a page that keeps failing is given up after max_attempts polls
    mon.poll_once()
    mon.poll_once()
    hits_before = server.count("/img.png")
    mon.poll_once()
    assert server.count("/img.png") == hits_before == 3
    assert store.count("articles") == 3
    mon.close()


class Crash(BaseException):
    """Stands for the process dying (not an Exception, so nothing catches it)."""


def test_a_restart_resumes_without_losing_or_repeating(server: LocalServer, tmp_path: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    items = [serve_story(server, n) for n in (10, 11, 12)]
    server.set("/rss", Route(rss(items), "application/rss+xml"))
    db = str(tmp_path / "resume.db")
    with Store(db) as st:
        mon = Monitor(st, [server.url("/rss")], policy=FAST, nlp=nlp, batch_size=1)
        calls = {"n": 0}
        real_write = st.write

        def dying_write(x):  # type: ignore[no-untyped-def]
            calls["n"] += 1
            if calls["n"] == 2:
                raise Crash()
            real_write(x)

        st.write = dying_write  # type: ignore[method-assign]
        with pytest.raises(Crash):
            mon.poll_once()
        mon.close()
        states = sorted(i.state for i in FeedState(st.engine).items())
        assert states == ["fetched", "fetched", "stored"]
    fetched_before = [server.count(p) for p in ("/news/10.html", "/news/11.html", "/news/12.html")]

    with Store(db) as st:  # a new process, the same store
        mon = Monitor(st, [server.url("/rss")], policy=FAST, nlp=nlp)
        r = mon.poll_once()
        mon.close()
        assert (r.new_items, r.stored) == (0, 2)
        assert st.count("articles") == 3
        assert {i.state for i in FeedState(st.engine).items()} == {"stored"}
    # nothing was fetched twice: the fetched pages waited in the store
    assert [server.count(p) for p in ("/news/10.html", "/news/11.html", "/news/12.html")] == fetched_before


def test_a_new_item_is_stored_within_one_interval(server: LocalServer, store: Store, nlp) -> None:  # type: ignore[no-untyped-def]
    every = 1.0
    items = [serve_story(server, 20)]
    server.set("/rss", Route(rss(items), "application/rss+xml"))
    mon = Monitor(store, [server.url("/rss")], policy=FAST, nlp=nlp)
    reports: list[PollReport] = []
    changed: list[float] = []
    cond = threading.Condition()

    def on_report(r: PollReport) -> None:
        # the feed changes right after a quiet poll (nothing new, quick): the loop is then idle
        # until its next tick, as it is most of the time in production
        if not changed and r.new_items == 0 and r.duration < every / 2:
            items.append(serve_story(server, 21))
            server.set("/rss", Route(rss(items), "application/rss+xml"))
            changed.append(time.monotonic())
        with cond:
            reports.append(r)
            cond.notify_all()

    stop = threading.Event()
    runner = threading.Thread(target=mon.run, args=(every,), kwargs={"stop": stop, "on_report": on_report,
                                                                     "max_polls": 60}, daemon=True)
    runner.start()
    try:
        with cond:
            done = cond.wait_for(lambda: bool(changed) and any(r.stored and r.started > changed[0] for r in reports),
                                 timeout=60)
    finally:
        stop.set()
        runner.join(timeout=30)
    mon.close()
    assert done, "the new item was never stored"
    # stored by the first poll after the change, which started within one interval of it
    after = [r for r in reports if r.started > changed[0]]
    assert after[0].stored == 1
    assert after[0].started - changed[0] <= every + 0.2
    assert store.count("articles") == 2


def test_cli_ingest_once(server: LocalServer, tmp_path: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    from eventwire.cli.main import app

    server.set("/rss", Route(rss([serve_story(server, 30)]), "application/rss+xml"))
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"# test feeds\n{server.url('/rss')}\n", encoding="utf-8")
    db = tmp_path / "cli.db"
    args = ["ingest", str(feeds), "--store", str(db), "--once", "--per-host", "0", "--timeout", "2"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "1 stored" in result.output
    again = CliRunner().invoke(app, args)
    assert again.exit_code == 0 and "0 stored" in again.output
    with Store(str(db)) as st:
        assert st.count("articles") == 1


@pytest.mark.postgres
def test_monitor_on_postgres(server: LocalServer, nlp) -> None:  # type: ignore[no-untyped-def]
    import os

    from eventwire.store.testing import reachable, temporary_schema

    problem = reachable()
    if problem is not None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"PostgreSQL is not reachable under CI: {problem}")
        pytest.skip(f"PostgreSQL is not reachable: {problem}")
    items = [serve_story(server, 40), serve_story(server, 41)]
    server.set("/rss", Route(rss(items), "application/rss+xml", etag='"pg"'))
    with temporary_schema() as url, Store(url) as st:
        mon = Monitor(st, [server.url("/rss")], policy=FAST, nlp=nlp)
        assert mon.poll_once().stored == 2
        r = mon.poll_once()
        assert (r.feeds_unchanged, r.stored) == (1, 0)
        mon.close()
        assert st.count("articles") == 2
        assert FeedState(st.engine).counts() == {"stored": 2}
