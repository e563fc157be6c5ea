"""Build an `Article` from raw text and metadata: content id, dateline, publication anchor."""

from __future__ import annotations

import re
from datetime import date, datetime

from eventwire.errors import InputError
from eventwire.ingest.dateline import dateline_date, find_dateline
from eventwire.records import AnchorSource, Article, Span, content_id

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def parse_published(value: object, source: str) -> date | None:
    """A publication date from an ISO date/datetime string, a date, or None."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
        except ValueError:
            pass
        try:
            return date.fromisoformat(text[:10])
        except ValueError as exc:
            raise InputError(source, f"published date {value!r} is not an ISO date (YYYY-MM-DD)") from exc
    raise InputError(source, f"published date {value!r} is not a date")


# spaCy's nlp.max_length: its parser and NER need about 1 GB per 100,000 characters, and refuse more.
MAX_STORY_CHARS = 1_000_000


def make_article(
    text: str,
    *,
    source: str = "<text>",
    published: date | str | None = None,
    anchor_source: AnchorSource | None = None,
    url: str | None = None,
    title: str | None = None,
    outlet: str | None = None,
    source_id: str | None = None,
    language: str = "en",
) -> Article:
    """Validate the text and wrap it as an Article. Raises InputError naming `source`."""
    if not isinstance(text, str):
        raise InputError(source, "text is not a string")
    if _CONTROL.search(text[:4096]):
        raise InputError(source, "looks like a binary file, not text")
    if not text.strip():
        raise InputError(source, "is empty: there is no text to read")
    if len(text) > MAX_STORY_CHARS:
        raise InputError(source, f"is {len(text):,} characters long: a story is read whole, and the language "
                                 f"model reads at most {MAX_STORY_CHARS:,}; split the report into its parts "
                                 "(`eventwire geocode` reads long texts in pieces)")
    pub = parse_published(published, source)
    dl = find_dateline(text)
    dateline = Span.of(text, dl.place_start, dl.place_end) if dl else None
    anchor: AnchorSource = anchor_source or ("input" if pub else "none")
    if pub is None:
        # No date from the input or the HTML: a dated dateline or date line at the top of the
        # story ("Thursday, January 24, 2019") anchors it; a date without a year never does.
        pub = dateline_date(text)
        anchor = "dateline" if pub else "none"
    return Article(
        id=content_id(text),
        text=text,
        url=url,
        title=title,
        outlet=outlet,
        published=pub,
        anchor_source=anchor if pub else "none",
        dateline=dateline,
        body_start=dl.body_start if dl else 0,
        language=language,
        source_id=source_id,
    )
