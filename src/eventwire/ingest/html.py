"""HTML pages to Articles with trafilatura: main text, figure captions, title, date, URL, outlet."""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import urljoin

import trafilatura
from lxml import html as lxml_html

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
    text = _with_captions(meta.get("text") or "", html, meta.get("title"), url)
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


_IMAGE_LINE = re.compile(r"^!\[(?P<alt>[^\]]*)\]\((?P<src>[^)]*)\)\s*$")


def _figure_captions(html: str, base_url: str | None) -> dict[str, str]:
    """Map each figure's image source to its <figcaption> text.

    trafilatura (2.x) keeps an image as a `![alt](src)` line but drops its <figcaption>, which
    often names the place and date; no option restores it, so we read the captions ourselves.
    """
    try:
        tree = lxml_html.fromstring(html)
    except (ValueError, lxml_html.etree.ParserError):
        return {}
    captions: dict[str, str] = {}
    for fig in tree.iter("figure"):
        cap = fig.find(".//figcaption")
        img = fig.find(".//img")
        if cap is not None and img is not None and img.get("src"):
            text = " ".join(cap.text_content().split())
            if text:
                src = img.get("src", "")
                captions[src] = text
                if base_url:  # trafilatura makes image links absolute when it knows the page URL
                    captions[urljoin(base_url, src)] = text
    return captions


def _with_captions(text: str, html: str, title: str | None, base_url: str | None) -> str:
    """Replace image lines by their captions (or alt text), and drop a leading copy of the title."""
    captions = _figure_captions(html, base_url) if "![" in text else {}
    lines = []
    for line in text.splitlines():
        m = _IMAGE_LINE.match(line.strip())
        if m:
            line = captions.get(m.group("src")) or m.group("alt").strip()
            if not line:
                continue
        lines.append(line)
    if title and lines and lines[0].strip() == title.strip():
        lines = lines[1:]
    return "\n".join(lines).strip()
