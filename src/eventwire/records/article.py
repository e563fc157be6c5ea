"""The article: one story as ingested, with the publication date that anchors its times."""

from __future__ import annotations

import hashlib
import unicodedata
from datetime import date
from typing import Literal

from pydantic import Field

from eventwire.records.base import Record, Span

AnchorSource = Literal["input", "html", "dateline", "none"]


def content_id(text: str) -> str:
    """The article id: a hash of the text with white space and Unicode form folded.

    The same story ingested twice (or re-fetched with different spacing) gets the same id.
    """
    folded = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()[:24]


class Article(Record):
    """A news story. `text` is the full text; every span in the records points into it."""

    id: str
    text: str = Field(repr=False)
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: date | None = Field(default=None, description="Publication date, the anchor for relative times.")
    anchor_source: AnchorSource = Field(
        default="none", description="Where `published` came from: input, HTML metadata, the dateline, or none."
    )
    dateline: Span | None = Field(default=None, description="The dateline place ('KYIV') kept apart from the body.")
    body_start: int = Field(default=0, ge=0, description="Offset where the story's first sentence starts.")
    language: str = "en"
    source_id: str | None = Field(default=None, description="The id the input gave the document, if any.")
