"""Read stories from plain text, HTML, JSON Lines and URLs into Articles.

Each reader yields `Result`s: an Article, or the InputError for a bad document, so a JSON Lines
run writes every good line and reports the bad ones.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal

import httpx

from eventwire.errors import InputError
from eventwire.ingest.article import make_article
from eventwire.ingest.html import article_from_html
from eventwire.records import Article

InputFormat = Literal["text", "html", "jsonl"]
USER_AGENT = "eventwire/0.1 (+https://github.com/eventwire/eventwire)"


@dataclass
class Result:
    """One document read: its id as given (or position), and the article or the error."""

    doc_id: str
    article: Article | None = None
    error: InputError | None = None


def guess_format(location: str) -> InputFormat:
    low = location.lower()
    if low.endswith((".jsonl", ".jsonl.gz", ".ndjson")):
        return "jsonl"
    if low.endswith((".html", ".htm")) or low.startswith(("http://", "https://")):
        return "html"
    return "text"


def _read_bytes(location: str) -> bytes:
    if location == "-":
        return sys.stdin.buffer.read()
    if location.startswith(("http://", "https://")):
        return fetch_url(location)
    path = Path(location)
    if not path.exists():
        raise InputError(location, "no such file")
    if path.is_dir():
        raise InputError(location, "is a directory, not a file")
    data = path.read_bytes()
    if location.endswith(".gz"):
        import gzip

        data = gzip.decompress(data)
    return data


def fetch_url(url: str, timeout: float = 20.0) -> bytes:
    """GET a page; network failures and HTTP errors become InputErrors naming the URL."""
    try:
        resp = httpx.get(url, timeout=timeout, follow_redirects=True, headers={"User-Agent": USER_AGENT})
    except httpx.HTTPError as exc:
        raise InputError(url, f"could not be fetched ({type(exc).__name__}: {exc})") from exc
    if resp.status_code >= 400:
        raise InputError(url, f"the server answered HTTP {resp.status_code}")
    return resp.content


def _decode(data: bytes, source: str) -> str:
    if b"\x00" in data[:8192]:
        raise InputError(source, "looks like a binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(source, f"is not UTF-8 text (byte {exc.start})") from exc


def read_documents(
    location: str, input_format: InputFormat | None = None, published: date | str | None = None
) -> Iterator[Result]:
    """Read one location (a path, a URL, or '-' for standard input) as documents.

    Whole-input problems (missing file, binary data, unreachable URL) raise InputError; a bad line
    of a JSON Lines file is yielded as a Result carrying the error and reading goes on.
    """
    fmt = input_format or guess_format(location)
    data = _read_bytes(location)
    text = _decode(data, location)
    if fmt == "jsonl":
        yield from read_jsonl_lines(text.splitlines(), location, published)
        return
    if not text.strip():
        raise InputError(location, "is empty: there is no text to read")
    url = location if location.startswith(("http://", "https://")) else None
    if fmt == "html":
        article = article_from_html(text, source=location, url=url, published=published)
    else:
        article = make_article(text, source=location, published=published, url=url)
    yield Result(doc_id=article.id, article=article)


def read_jsonl_lines(lines: list[str], source: str, published: date | str | None = None) -> Iterator[Result]:
    """Documents from JSON Lines `{"id","text","published","title","url","outlet"}`, one per line."""
    seen_any = False
    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        seen_any = True
        where = f"line {lineno} of {source}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Result(doc_id=f"line-{lineno}", error=InputError(where, f"invalid JSON ({exc.msg})"))
            continue
        if not isinstance(obj, dict):
            yield Result(doc_id=f"line-{lineno}", error=InputError(where, "is not a JSON object"))
            continue
        doc_id = str(obj.get("id", f"line-{lineno}"))
        text = obj.get("text")
        if not isinstance(text, str):
            yield Result(doc_id=doc_id, error=InputError(where, "has no 'text' string"))
            continue
        try:
            article = make_article(
                text,
                source=where,
                published=obj.get("published") or published,
                url=obj.get("url"),
                title=obj.get("title"),
                outlet=obj.get("outlet"),
                source_id=doc_id,
            )
        except InputError as exc:
            yield Result(doc_id=doc_id, error=exc)
            continue
        yield Result(doc_id=doc_id, article=article)
    if not seen_any:
        raise InputError(source, "is empty: there are no JSON lines to read")


def iter_json_objects(lines: Iterable[str], source: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """(line label, object) for each non-blank line of a stage tool's JSON Lines input.

    Unlike `read_jsonl_lines` (which keeps going past a bad document), a stage tool stops at the
    first bad line: an InputError names the line and says what is wrong with it.
    """
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"line {n} of {source}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(where, f"is not JSON ({exc.msg})") from exc
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            raise InputError(where, 'needs a JSON object with a string "text"')
        obj.setdefault("id", n)
        yield where, obj
