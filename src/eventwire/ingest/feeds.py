"""RSS/Atom feeds and their pages: a polite HTTP fetcher and a feed parser (feedparser).

The fetcher sends a user agent, conditional requests (If-None-Match / If-Modified-Since) when it
knows a resource's validators, waits between requests to one host, gives up on a slow server
after a timeout, and retries transient failures (timeouts, connection errors, 429 and 5xx) with
exponential backoff. Pages become Articles with trafilatura (`article_from_html`).
"""

from __future__ import annotations

import calendar
import hashlib
import io
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import feedparser
import httpx

from eventwire.errors import InputError
from eventwire.ingest.article import make_article
from eventwire.ingest.html import article_from_html
from eventwire.ingest.readers import USER_AGENT
from eventwire.records import Article


class FetchError(InputError):
    """A URL could not be fetched; `transient` says whether trying again later may help."""

    def __init__(self, url: str, problem: str, *, status: int | None = None, transient: bool = True) -> None:
        super().__init__(url, problem)
        self.status = status
        self.transient = transient


class FeedError(InputError):
    """A feed document that is not a readable RSS/Atom feed."""


@dataclass(frozen=True)
class FetchPolicy:
    """How politely and patiently to fetch."""

    user_agent: str = USER_AGENT
    timeout: float = 20.0  # seconds, for connect and for each read
    retries: int = 2  # extra attempts after the first, for transient failures only
    backoff: float = 1.0  # seconds before the first retry; doubles each time
    per_host_interval: float = 1.0  # at least this many seconds between two requests to one host
    max_bytes: int = 10_000_000  # a page larger than this is refused
    respect_robots: bool = True  # pages (not the feeds the user listed) are fetched only if robots.txt allows


@dataclass
class Fetched:
    """A fetch's answer. `not_modified` is a 304 to a conditional request (no content)."""

    url: str
    status: int
    content: bytes
    content_type: str
    etag: str | None
    last_modified: str | None
    not_modified: bool = False
    headers: dict[str, str] = field(default_factory=dict)


class HostThrottle:
    """Per-host spacing of requests: a request to a host waits until `interval` seconds after the last."""

    def __init__(self, interval: float, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.interval = interval
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()
        self._clock = clock
        self._sleep = sleep

    def wait(self, url: str) -> float:
        """Block until `url`'s host may be asked again; returns the seconds waited."""
        host = urlsplit(url).netloc.lower()
        with self._lock:
            now = self._clock()
            at = max(now, self._next.get(host, now))
            self._next[host] = at + self.interval
        delay = at - now
        if delay > 0:
            self._sleep(delay)
        return max(delay, 0.0)


class Fetcher:
    """An HTTP client with the policy above. Use as a context manager or call close()."""

    def __init__(self, policy: FetchPolicy | None = None, *, transport: httpx.BaseTransport | None = None) -> None:
        self.policy = policy or FetchPolicy()
        self.throttle = HostThrottle(self.policy.per_host_interval)
        self._robots: dict[str, RobotFileParser | None] = {}
        self._robots_lock = threading.Lock()
        self.client = httpx.Client(
            headers={"User-Agent": self.policy.user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(self.policy.timeout),
            follow_redirects=True,
            transport=transport,
        )

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def allowed(self, url: str) -> bool:
        """Does the host's robots.txt let our user agent fetch `url`? (Read once per host; a
        missing or unreadable robots.txt allows everything.)"""
        parts = urlsplit(url)
        host = f"{parts.scheme}://{parts.netloc}"
        with self._robots_lock:
            known = host in self._robots
            rules = self._robots.get(host)
        if not known:
            rules = None
            try:
                self.throttle.wait(host)
                got = self._once(host + "/robots.txt", {})
                rules = RobotFileParser()
                rules.parse(got.content.decode("utf-8", errors="replace").splitlines())
            except FetchError:
                rules = None
            with self._robots_lock:
                self._robots[host] = rules
        return rules is None or rules.can_fetch(self.policy.user_agent, url)

    def get_page(self, url: str) -> Fetched:
        """GET a story page, if robots.txt allows it (see FetchPolicy.respect_robots)."""
        if self.policy.respect_robots and not self.allowed(url):
            raise FetchError(url, "is disallowed for our user agent by the site's robots.txt", transient=False)
        return self.get(url)

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """GET `url`, conditionally when validators are given. Raises FetchError when it cannot."""
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        delay = self.policy.backoff
        last: FetchError | None = None
        for attempt in range(self.policy.retries + 1):
            if attempt:
                time.sleep(delay)
                delay *= 2
            self.throttle.wait(url)
            try:
                return self._once(url, headers)
            except FetchError as exc:
                last = exc
                if not exc.transient:
                    raise
        assert last is not None
        raise last

    def _once(self, url: str, headers: dict[str, str]) -> Fetched:
        try:
            resp = self.client.get(url, headers=headers)
        except httpx.TimeoutException as exc:
            raise FetchError(url, f"timed out after {self.policy.timeout:g} s ({type(exc).__name__})") from exc
        except httpx.HTTPError as exc:
            raise FetchError(url, f"could not be fetched ({type(exc).__name__}: {exc})") from exc
        status = resp.status_code
        if status == 304:
            return Fetched(url=str(resp.url), status=304, content=b"", content_type="", etag=headers.get(
                "If-None-Match"), last_modified=headers.get("If-Modified-Since"), not_modified=True)
        if status >= 400:
            transient = status == 429 or status >= 500
            raise FetchError(url, f"the server answered HTTP {status}", status=status, transient=transient)
        content = resp.content
        if len(content) > self.policy.max_bytes:
            raise FetchError(url, f"is larger than {self.policy.max_bytes} bytes", status=status, transient=False)
        return Fetched(
            url=str(resp.url),
            status=status,
            content=content,
            content_type=resp.headers.get("content-type", ""),
            etag=resp.headers.get("etag"),
            last_modified=resp.headers.get("last-modified"),
            headers=dict(resp.headers),
        )


# ---- feeds -------------------------------------------------------------------------------


def item_key(feed_url: str, guid: str | None, link: str | None) -> str:
    """The stable key of a feed item: its guid (or link) within its feed."""
    ident = guid or link or ""
    return hashlib.sha256(f"{feed_url}\n{ident}".encode()).hexdigest()[:32]


@dataclass(frozen=True)
class FeedItem:
    """One entry of a feed: enough to fetch its page and to recognise it next time."""

    key: str
    guid: str | None
    link: str | None
    title: str | None
    published: date | None

    def as_row(self) -> dict[str, Any]:
        return {"key": self.key, "guid": self.guid, "link": self.link, "title": self.title,
                "published": self.published}


@dataclass
class ParsedFeed:
    title: str | None
    items: list[FeedItem]
    warning: str | None = None  # feedparser's complaint about a feed it could still read


def _entry_date(entry: Any) -> date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                return datetime.fromtimestamp(calendar.timegm(value), UTC).date()
            except (TypeError, ValueError, OverflowError):
                continue
    return None


def parse_feed(content: bytes, url: str, content_type: str = "") -> ParsedFeed:
    """The items of an RSS/Atom document. Raises FeedError when it is not a feed at all.

    feedparser reads many broken feeds (it sets `bozo`); those are kept, with a warning.
    """
    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    # A BytesIO, never a string: feedparser treats a string as a URL or a file name.
    parsed = feedparser.parse(io.BytesIO(content), response_headers=headers)
    problem = str(parsed.get("bozo_exception") or "") if parsed.get("bozo") else None
    if not parsed.get("version") and not parsed.entries:
        raise FeedError(url, f"is not an RSS or Atom feed ({problem or 'no feed elements'})")
    if problem and not parsed.entries:
        raise FeedError(url, f"is a malformed feed with no readable items ({problem})")
    items: list[FeedItem] = []
    for entry in parsed.entries:
        guid = entry.get("id") or None
        link = entry.get("link") or None
        if not guid and not link:
            continue  # nothing to fetch and nothing to recognise it by
        items.append(FeedItem(key=item_key(url, guid, link), guid=guid, link=link,
                              title=entry.get("title") or None, published=_entry_date(entry)))
    return ParsedFeed(title=parsed.feed.get("title") or None, items=items, warning=problem)


def read_feed_list(path: str | Path) -> list[str]:
    """Feed URLs from a text file: one per line; blank lines and '#' comments are skipped."""
    p = Path(path)
    if not p.is_file():
        raise InputError(str(path), "no such file")
    urls: list[str] = []
    for lineno, raw in enumerate(p.read_text(encoding="utf-8").splitlines(), start=1):
        words = raw.split()
        if not words or words[0].startswith("#"):
            continue
        line = words[0]  # anything after the URL is a comment
        if not line.startswith(("http://", "https://")):
            raise InputError(f"line {lineno} of {path}", f"{line!r} is not an http(s) URL")
        if line not in urls:
            urls.append(line)
    if not urls:
        raise InputError(str(path), "lists no feed URLs")
    return urls


_HTML_TYPES = ("text/html", "application/xhtml+xml")


def article_from_page(page: Fetched, *, title: str | None = None, published: date | None = None) -> Article:
    """An Article from a fetched page: HTML through trafilatura, plain text as is; anything else is refused."""
    ctype = page.content_type.split(";", 1)[0].strip().lower()
    head = page.content[:512].lstrip().lower()
    looks_html = head.startswith((b"<!doctype html", b"<html")) or b"<body" in head
    if ctype in _HTML_TYPES or (not ctype and looks_html):
        html = page.content.decode(_charset(page.content_type), errors="replace")
        article = article_from_html(html, source=page.url, url=page.url, published=published)
        if title and not article.title:
            article = article.model_copy(update={"title": title})
        return article
    if ctype == "text/plain":
        text = page.content.decode(_charset(page.content_type), errors="replace")
        return make_article(text, source=page.url, url=page.url, published=published, title=title)
    raise InputError(page.url, f"is not an HTML page (content type {ctype or 'unknown'!r})")


def _charset(content_type: str) -> str:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            name = value.strip().strip('"')
            try:
                "".encode(name)
                return name
            except LookupError:
                break
    return "utf-8"


def unique(urls: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(urls))
