"""The feed monitor: poll RSS/Atom feeds, fetch each new item's page, extract it, store it.

State lives in the store (`eventwire.store.feeds`): every item moves seen → fetched → stored (or
failed, with its error, and is tried again on later polls up to `max_attempts`). Each step is
committed before the next begins, so a monitor killed at any moment resumes where it stopped:
nothing is lost (a seen or fetched item is picked up again) and nothing is stored twice (the
store's writes are idempotent upserts keyed by the article's content hash).

Polls start on a fixed cadence (t0, t0 + every, ...): an item that appears in a feed is picked
up by the next poll, so it is stored within one interval plus the time to process it.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime

from spacy.language import Language

from eventwire.errors import EventwireError, InputError
from eventwire.ingest.feeds import (
    FeedError,
    Fetcher,
    FetchError,
    FetchPolicy,
    article_from_page,
    parse_feed,
    read_feed_list,
)
from eventwire.pipeline import extract_articles
from eventwire.records import Article
from eventwire.store import Store
from eventwire.store.feeds import FeedState, ItemRow

log = logging.getLogger(__name__)


@dataclass
class PollReport:
    """What one poll did."""

    number: int
    started_at: datetime
    started: float  # time.monotonic() at the start
    duration: float = 0.0
    feeds_ok: int = 0
    feeds_unchanged: int = 0
    feed_errors: dict[str, str] = field(default_factory=dict)
    new_items: int = 0
    fetched: int = 0
    stored: int = 0
    duplicates: int = 0
    failed: int = 0
    item_errors: list[tuple[str, str]] = field(default_factory=list)
    stored_keys: list[str] = field(default_factory=list)


def parse_interval(text: str) -> float:
    """Seconds from '90', '30s', '5m', '1h', '1.5m'."""
    value = text.strip().lower()
    units = {"s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}
    scale = 1.0
    if value and value[-1] in units:
        scale = units[value[-1]]
        value = value[:-1]
    try:
        seconds = float(value) * scale
    except ValueError as exc:
        raise EventwireError(f"interval {text!r} is not a duration like 30s, 5m or 1h") from exc
    if seconds <= 0:
        raise EventwireError(f"interval {text!r} must be positive")
    return seconds


class Monitor:
    """Polls `feeds` into `store`. `nlp` defaults to the shared pipeline, loaded on first need."""

    def __init__(
        self,
        store: Store,
        feeds: Sequence[str],
        *,
        policy: FetchPolicy | None = None,
        fetcher: Fetcher | None = None,
        nlp: Language | None = None,
        max_attempts: int = 3,
        batch_size: int = 16,
        concurrency: int = 4,
    ) -> None:
        self.store = store
        self.feeds = list(dict.fromkeys(feeds))
        self.state = FeedState(store.engine)
        self.fetcher = fetcher or Fetcher(policy)
        self._own_fetcher = fetcher is None
        self._nlp = nlp
        self.max_attempts = max_attempts
        self.batch_size = batch_size
        self.concurrency = max(1, concurrency)
        self.polls = 0

    def close(self) -> None:
        if self._own_fetcher:
            self.fetcher.close()

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            from eventwire.nlp import load_nlp

            self._nlp = load_nlp()
        return self._nlp

    # ---- one poll ------------------------------------------------------------------------

    def poll_once(self) -> PollReport:
        self.polls += 1
        report = PollReport(number=self.polls, started_at=datetime.now(UTC), started=time.monotonic())
        for url in self.feeds:
            self._poll_feed(url, report)
        self._process_pending(report)
        report.duration = time.monotonic() - report.started
        return report

    def _poll_feed(self, url: str, report: PollReport) -> None:
        known = self.state.feed(url)
        try:
            got = self.fetcher.get(url, etag=known.etag if known else None,
                                   last_modified=known.last_modified if known else None)
        except FetchError as exc:
            self.state.record_poll(url, status=exc.status, error=str(exc))
            report.feed_errors[url] = str(exc)
            return
        if got.not_modified:
            self.state.record_poll(url, status=304)
            report.feeds_unchanged += 1
            return
        try:
            feed = parse_feed(got.content, got.url, got.content_type)
        except FeedError as exc:
            self.state.record_poll(url, status=got.status, error=str(exc))
            report.feed_errors[url] = str(exc)
            return
        new = self.state.add_seen(url, [it.as_row() for it in feed.items])
        # validators are saved only after the items are: a crash in between means a full
        # re-read next time, never a 304 that hides items we did not record
        self.state.record_poll(url, status=got.status, etag=got.etag, last_modified=got.last_modified,
                               title=feed.title)
        report.feeds_ok += 1
        report.new_items += len(new)

    def _fetch(self, item: ItemRow) -> Article:
        if not item.link:
            raise InputError(item.guid or item.key, "the feed item has no link to fetch")
        page = self.fetcher.get_page(item.link)
        article = article_from_page(page, title=item.title, published=item.published)
        return article.model_copy(update={"source_id": item.guid or item.link})

    def _process_pending(self, report: PollReport) -> None:
        pending = self.state.pending(self.max_attempts)
        to_fetch = [it for it in pending if it.article is None]
        ready: list[tuple[ItemRow, Article]] = [(it, it.article) for it in pending if it.article is not None]
        if to_fetch:
            with ThreadPoolExecutor(max_workers=self.concurrency, thread_name_prefix="ew-fetch") as pool:
                futures = [(it, pool.submit(self._fetch, it)) for it in to_fetch]
                for it, fut in futures:
                    try:
                        article = fut.result()
                    except (InputError, EventwireError) as exc:
                        self._failed(it, str(exc), report)
                        continue
                    except Exception as exc:  # a page that breaks the HTML extractor fails alone
                        self._failed(it, f"{it.link}: {type(exc).__name__}: {exc}", report)
                        continue
                    self.state.mark_fetched(it.key, article)
                    report.fetched += 1
                    ready.append((it, article))
        self._extract_and_store(ready, report)

    def _failed(self, item: ItemRow, error: str, report: PollReport) -> None:
        self.state.mark_failed(item.key, error)
        report.failed += 1
        report.item_errors.append((item.link or item.key, error))
        log.warning("feed item failed: %s", error)

    def _extract_and_store(self, ready: list[tuple[ItemRow, Article]], report: PollReport) -> None:
        todo: list[tuple[ItemRow, Article]] = []
        for it, article in ready:
            if self.store.has_article(article.id):  # the same story from another feed or a restart
                self.state.mark_stored(it.key, article.id)
                report.duplicates += 1
                continue
            todo.append((it, article))
        for start in range(0, len(todo), self.batch_size):
            chunk = todo[start:start + self.batch_size]
            try:
                self._store_chunk(chunk, report)
            except Exception:
                # one bad story must not keep the others out: redo the chunk one by one
                for one in chunk:
                    try:
                        self._store_chunk([one], report)
                    except Exception as exc:
                        self._failed(one[0], f"{one[0].link}: extraction failed ({type(exc).__name__}: {exc})",
                                     report)

    def _store_chunk(self, chunk: list[tuple[ItemRow, Article]], report: PollReport) -> None:
        articles = [a for _, a in chunk]
        extractions = list(extract_articles(articles, nlp=self.nlp, batch_size=self.batch_size))
        for (it, article), x in zip(chunk, extractions, strict=True):
            self.store.write(x)
            self.state.mark_stored(it.key, article.id)
            report.stored += 1
            report.stored_keys.append(it.key)

    # ---- the loop ------------------------------------------------------------------------

    def run(
        self,
        every: float,
        *,
        once: bool = False,
        stop: threading.Event | None = None,
        on_report: Callable[[PollReport], None] | None = None,
        max_polls: int | None = None,
    ) -> int:
        """Poll now and then every `every` seconds until `stop` is set (or once). Returns polls made."""
        stop = stop or threading.Event()
        next_at = time.monotonic()
        made = 0
        while not stop.is_set():
            report = self.poll_once()
            made += 1
            if on_report is not None:
                on_report(report)
            if once or (max_polls is not None and made >= max_polls):
                break
            next_at += every
            now = time.monotonic()
            if next_at < now:  # a poll longer than the interval: start the next one right away
                next_at = now
            if stop.wait(next_at - now):
                break
        return made


def run_monitor(
    feeds_file: str,
    store_location: str,
    *,
    every: float = 300.0,
    once: bool = False,
    policy: FetchPolicy | None = None,
    max_attempts: int = 3,
    stop: threading.Event | None = None,
    on_report: Callable[[PollReport], None] | None = None,
) -> int:
    """The library function behind `eventwire ingest`: read the feed list, open the store, poll."""
    feeds = read_feed_list(feeds_file)
    with Store(store_location) as store:
        monitor = Monitor(store, feeds, policy=policy, max_attempts=max_attempts)
        try:
            return monitor.run(every, once=once, stop=stop, on_report=on_report)
        finally:
            monitor.close()
