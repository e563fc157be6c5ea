"""WARC archives (warcio): each HTML response becomes a plain record for `record_to_article`.

Only successful (2xx) `response` records with an HTML content type are kept; requests, metadata,
redirects, images and scripts are skipped. The page is not parsed here: trafilatura runs where
the article is built (on a batch worker), so reading an archive stays cheap.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator

from eventwire.errors import InputError

_HTML = ("text/html", "application/xhtml+xml")


def _charset(content_type: str) -> str:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            name = value.strip().strip('"')
            try:
                "".encode(name)
            except LookupError:
                break
            return name
    return "utf-8"


def _check_magic(p: Path) -> None:
    """warcio reads almost any bytes as an old ARC file: look at the first record's start first."""
    with p.open("rb") as fh:
        head = fh.read(2)
    opener = gzip.open if head == b"\x1f\x8b" else open
    try:
        with opener(p, "rb") as fh:
            start = fh.read(16)
    except OSError as exc:
        raise InputError(str(p), f"is not a readable WARC archive ({exc})") from exc
    if not start.startswith((b"WARC/", b"filedesc://")):
        raise InputError(str(p), "is not a WARC archive (it does not start with a WARC record)")


def read_warc(path: str | Path) -> Iterator[dict[str, Any]]:
    """Records `{id, html, url, crawled}` for the HTML responses of a WARC (or .warc.gz) file."""
    p = Path(path)
    if not p.is_file():
        raise InputError(str(path), "no such file")
    _check_magic(p)
    with p.open("rb") as fh:
        try:
            for rec in ArchiveIterator(fh):
                if rec.rec_type != "response" or rec.http_headers is None:
                    continue
                status = rec.http_headers.get_statuscode()
                ctype = rec.http_headers.get_header("Content-Type") or ""
                if not (status or "").startswith("2") or not ctype.lower().startswith(_HTML):
                    continue
                url = rec.rec_headers.get_header("WARC-Target-URI")
                body = rec.content_stream().read()
                crawled = (rec.rec_headers.get_header("WARC-Date") or "")[:10] or None
                yield {
                    "id": url or rec.rec_headers.get_header("WARC-Record-ID"),
                    "html": body.decode(_charset(ctype), errors="replace"),
                    "url": url,
                    "crawled": crawled,
                }
        except Exception as exc:  # warcio raises several kinds on a damaged archive
            if isinstance(exc, InputError):
                raise
            raise InputError(str(path), f"is not a readable WARC archive ({type(exc).__name__}: {exc})") from exc
