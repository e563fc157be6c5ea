"""HTML pages to Articles with trafilatura: main text, figure captions, title, date, URL, outlet."""

from __future__ import annotations

from datetime import date

import trafilatura

from eventwire.errors import InputError
from eventwire.ingest.article import make_article, parse_published
from eventwire.records import Article


def article_from_html(
    html: str, *, source: str, url: str | None = None, published: date | str | None = None
) -> Article:
    """Extract the story from an HTML page. `published` given by the caller wins over the page's date."""
    doc = trafilatura.bare_extraction(
        html,
        url=url,
        include_images=True,  # keeps figure captions, which often carry places and dates
        include_comments=False,
        include_tables=False,
        with_metadata=True,
    )
    if doc is None:
        raise InputError(source, "no article text could be extracted from the HTML")
    meta = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = meta.get("text") or ""
    if not text.strip():
        raise InputError(source, "no article text could be extracted from the HTML")
    page_date = None
    try:
        page_date = parse_published(meta.get("date"), source)
    except InputError:
        page_date = None
    pub = parse_published(published, source) if published else page_date
    return make_article(
        text,
        source=source,
        published=pub,
        anchor_source="input" if published else ("html" if page_date else None),
        url=url or meta.get("url"),
        title=meta.get("title"),
        outlet=meta.get("sitename") or meta.get("hostname"),
    )
