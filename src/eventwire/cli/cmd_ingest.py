"""CLI: `eventwire ingest FEEDS.txt --store URL [--every 5m] [--once]`."""

from __future__ import annotations

import typer

from eventwire.cli.common import err_console, errors_exit
from eventwire.config import default_store
from eventwire.ingest.readers import USER_AGENT


def ingest_cmd(
    feeds_file: str = typer.Argument(..., help="A text file of RSS/Atom feed URLs, one per line ('#' comments)."),
    store: str = typer.Option(None, "--store", "-s", help="SQLite path or database URL (default: EVENTWIRE_STORE "
                              "or events.db)."),
    every: str = typer.Option("5m", "--every", "-e", help="Polling interval: 30s, 5m, 1h."),
    once: bool = typer.Option(False, "--once", help="Poll once, process what is new, and exit."),
    timeout: float = typer.Option(20.0, "--timeout", help="Seconds to wait for a server before giving up."),
    retries: int = typer.Option(2, "--retries", help="Retries (with backoff) for timeouts, 429 and 5xx."),
    per_host: float = typer.Option(1.0, "--per-host", help="At least this many seconds between requests to "
                                   "one host."),
    max_attempts: int = typer.Option(3, "--max-attempts", help="Polls on which a failed item is tried again."),
    user_agent: str = typer.Option(USER_AGENT, "--user-agent", help="The User-Agent header sent to servers."),
    ignore_robots: bool = typer.Option(False, "--ignore-robots", help="Fetch pages even where robots.txt "
                                       "disallows it (only for sites you have permission to crawl)."),
) -> None:
    """Keep a store up to date from RSS/Atom feeds: fetch each new story, extract it, store it."""
    from eventwire.ingest.feeds import FetchPolicy
    from eventwire.monitor import PollReport, parse_interval, run_monitor

    def show(r: PollReport) -> None:
        line = (f"poll {r.number}: {r.feeds_ok} feed(s) read, {r.feeds_unchanged} unchanged, "
                f"{r.new_items} new item(s), {r.stored} stored, {r.duplicates} already stored, "
                f"{r.failed} failed ({r.duration:.1f} s)")
        err_console.print(line)
        for url, problem in r.feed_errors.items():
            err_console.print(f"  [yellow]feed[/yellow] {url}: {problem}")
        for link, problem in r.item_errors:
            err_console.print(f"  [red]item[/red] {link}: {problem}")

    with errors_exit():
        seconds = parse_interval(every)
        policy = FetchPolicy(user_agent=user_agent, timeout=timeout, retries=retries, per_host_interval=per_host,
                             respect_robots=not ignore_robots)
        location = store or default_store()
        if not once:
            err_console.print(f"watching {feeds_file} every {every} into {location} (Ctrl-C to stop)")
        try:
            run_monitor(feeds_file, location, every=seconds, once=once, policy=policy,
                        max_attempts=max_attempts, on_report=show)
        except KeyboardInterrupt:
            err_console.print("stopped; the next run resumes where this one left off")


def register(app: typer.Typer, evaluate_app: typer.Typer) -> None:
    """Add this module's commands to the CLI."""
    app.command("ingest")(ingest_cmd)
