"""Ingest: raw inputs (text, HTML, JSON Lines, URLs; feeds and archives in later modules) to Articles."""

from eventwire.ingest.article import make_article, parse_published
from eventwire.ingest.dateline import Dateline, find_dateline
from eventwire.ingest.html import article_from_html
from eventwire.ingest.readers import (
    InputFormat,
    Result,
    fetch_url,
    iter_json_objects,
    read_documents,
    read_jsonl_lines,
)

__all__ = [
    "Dateline",
    "InputFormat",
    "Result",
    "article_from_html",
    "fetch_url",
    "find_dateline",
    "iter_json_objects",
    "make_article",
    "parse_published",
    "read_documents",
    "read_jsonl_lines",
]
