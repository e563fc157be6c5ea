"""The feed parser and the polite fetcher, against a local HTTP server (127.0.0.1 only)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.errors import InputError
from eventwire.ingest.feeds import (
    FeedError,
    Fetched,
    Fetcher,
    FetchError,
    FetchPolicy,
    HostThrottle,
    article_from_page,
    item_key,
    parse_feed,
    read_feed_list,
)
from eventwire.monitor import parse_interval
from test_feeds_helpers import LocalServer, Route, atom, http_date, rss, story, story_page

FAST = FetchPolicy(timeout=0.5, retries=1, backoff=0.05, per_host_interval=0.0)


@pytest.fixture()
def server() -> Iterator[LocalServer]:
    srv = LocalServer().start()
    yield srv
    srv.stop()


def test_rss_and_atom_items_have_stable_keys() -> None:
    items = [("urn:a", "http://x/a", "A"), ("urn:b", "http://x/b", "B")]
    for doc in (rss(items), atom(items)):
        feed = parse_feed(doc, "http://x/feed")
        assert [i.guid for i in feed.items] == ["urn:a", "urn:b"]
        assert [i.link for i in feed.items] == ["http://x/a", "http://x/b"]
        assert feed.items[0].key == item_key("http://x/feed", "urn:a", "http://x/a")
        assert feed.items[0].published is not None and feed.items[0].published.year == 2024
    # the same guid in another feed is another item
    assert item_key("http://y/feed", "urn:a", None) != item_key("http://x/feed", "urn:a", None)


def test_a_page_that_is_not_a_feed_is_an_error() -> None:
    with pytest.raises(FeedError, match="not an RSS or Atom feed"):
        parse_feed(b"<html><body><p>Nothing to see here</p></body></html>", "http://x/feed", "text/html")
    with pytest.raises(FeedError):
        parse_feed(b"\x89PNG\r\n\x1a\n\x00\x00binary", "http://x/feed")


def test_a_broken_but_readable_feed_keeps_its_items() -> None:
    doc = rss([("urn:a", "http://x/a", "A")]).replace(b"</channel></rss>", b"<item><title>cut off")
    feed = parse_feed(doc, "http://x/feed")
    assert [i.guid for i in feed.items] == ["urn:a"]
    assert feed.warning


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=400))
def test_parse_feed_never_crashes(data: bytes) -> None:
    try:
        feed = parse_feed(data, "http://x/feed")
    except FeedError:
        return
    assert all(i.guid or i.link for i in feed.items)


def test_feed_list(tmp_path: Path) -> None:
    f = tmp_path / "feeds.txt"
    f.write_text("# my feeds\n\nhttp://a/rss  # the first\nhttps://b/atom\nhttp://a/rss\n", encoding="utf-8")
    assert read_feed_list(f) == ["http://a/rss", "https://b/atom"]
    f.write_text("ftp://nope\n", encoding="utf-8")
    with pytest.raises(InputError, match="line 1"):
        read_feed_list(f)
    with pytest.raises(InputError):
        read_feed_list(tmp_path / "missing.txt")


def test_intervals() -> None:
    assert parse_interval("5m") == 300
    assert parse_interval("1.5s") == 1.5
    assert parse_interval("2h") == 7200
    assert parse_interval("45") == 45
    for bad in ("", "soon", "-1m", "0"):
        with pytest.raises(Exception, match="interval"):
            parse_interval(bad)


def test_throttle_spaces_requests_per_host() -> None:
    now = [0.0]
    slept: list[float] = []

    def sleep(s: float) -> None:
        slept.append(s)
        now[0] += s

    th = HostThrottle(2.0, clock=lambda: now[0], sleep=sleep)
    assert th.wait("http://a.example/1") == 0
    assert th.wait("http://a.example/2") == pytest.approx(2.0)
    assert th.wait("http://b.example/1") == 0  # another host is not held up
    now[0] += 5
    assert th.wait("http://a.example/3") == 0
    assert slept == [pytest.approx(2.0)]


def test_fetcher_sends_user_agent_and_conditional_requests(server: LocalServer) -> None:
    lm = http_date(1_725_350_400)
    server.set("/feed", Route(rss([("urn:1", server.url("/p1"), "one")]), "application/rss+xml",
                              etag='"v1"', last_modified=lm))
    with Fetcher(FetchPolicy(user_agent="eventwire-test/1", per_host_interval=0.0)) as f:
        first = f.get(server.url("/feed"))
        assert first.status == 200 and first.etag == '"v1"' and first.last_modified == lm
        again = f.get(server.url("/feed"), etag=first.etag, last_modified=first.last_modified)
        assert again.not_modified and again.content == b""
    hits = server.hits
    assert hits[0].headers["user-agent"] == "eventwire-test/1"
    assert hits[1].headers["if-none-match"] == '"v1"' and hits[1].headers["if-modified-since"] == lm
    assert hits[1].status == 304


def test_fetcher_retries_server_errors_then_gives_up(server: LocalServer) -> None:
    server.set("/broken", Route(b"oops", "text/plain", status=500))
    server.set("/gone", Route(b"no", "text/plain", status=404))
    with Fetcher(FAST) as f:
        with pytest.raises(FetchError, match="HTTP 500") as err:
            f.get(server.url("/broken"))
        assert err.value.status == 500 and err.value.transient
        assert server.count("/broken") == 1 + FAST.retries
        with pytest.raises(FetchError, match="HTTP 404"):
            f.get(server.url("/gone"))
        assert server.count("/gone") == 1  # a client error is not retried


def test_fetcher_times_out_on_a_slow_server(server: LocalServer) -> None:
    server.set("/slow", Route(b"late", "text/plain", delay=2.0))
    with Fetcher(FetchPolicy(timeout=0.3, retries=0, per_host_interval=0.0)) as f, pytest.raises(
        FetchError, match="timed out"
    ):
        f.get(server.url("/slow"))


def test_pages_become_articles_and_other_content_is_refused() -> None:
    headline, paras = story(1)
    html = Fetched(url="http://x/p", status=200, content=story_page(headline, paras),
                   content_type="text/html; charset=utf-8", etag=None, last_modified=None)
    art = article_from_page(html)
    assert "Artillery fire struck" in art.text and art.url == "http://x/p"
    assert art.title and "Shelling" in art.title
    text = Fetched(url="http://x/t", status=200, content=" ".join(paras).encode(), content_type="text/plain",
                   etag=None, last_modified=None)
    assert article_from_page(text).text.startswith("KYIV")
    png = Fetched(url="http://x/i", status=200, content=b"\x89PNG\r\n\x1a\n" + bytes(64), content_type="image/png",
                  etag=None, last_modified=None)
    with pytest.raises(InputError, match="not an HTML page"):
        article_from_page(png)


def test_robots_txt_is_respected_for_pages(server: LocalServer) -> None:
    server.set("/robots.txt", Route(b"User-agent: *\nDisallow: /private/\n", "text/plain"))
    server.set("/private/a.html", Route(story_page(*story(2))))
    server.set("/public/b.html", Route(story_page(*story(3))))
    with Fetcher(FAST) as f:
        with pytest.raises(FetchError, match=r"robots\.txt") as err:
            f.get_page(server.url("/private/a.html"))
        assert not err.value.transient
        assert f.get_page(server.url("/public/b.html")).status == 200
        assert f.get_page(server.url("/public/b.html")).status == 200
    assert server.count("/robots.txt") == 1  # read once per host
    assert server.count("/private/a.html") == 0
    with Fetcher(FetchPolicy(timeout=0.5, per_host_interval=0.0, respect_robots=False)) as f:
        assert f.get_page(server.url("/private/a.html")).status == 200
