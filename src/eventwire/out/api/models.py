"""Request and response bodies of the HTTP API (they make its OpenAPI schema)."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from eventwire.records import Article, Event, Extraction


class ErrorBody(BaseModel):
    """Every error is JSON with a message."""

    status: int
    error: str = Field(description="Short name of the error, e.g. 'not found'.")
    message: str = Field(description="What went wrong, for people.")
    details: list[Any] | None = None


class EventPage(BaseModel):
    total: int = Field(description="Events matching the filters (before limit/offset).")
    limit: int
    offset: int
    items: list[Event]


class ArticleSummary(BaseModel):
    id: str
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: date | None = None
    language: str | None = None
    source_id: str | None = None
    n_mentions: int = 0


class ArticlePage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[ArticleSummary]


class ArticleDetail(BaseModel):
    article: Article = Field(description="The article with its full text.")
    extraction: Extraction = Field(description="Everything eventwire read from it.")
    event_ids: list[str] = Field(description="The merged events this article is a source of.")


class PlaceSummary(BaseModel):
    name: str
    geonameid: int | None = None
    country_code: str | None = None
    admin1: str | None = None
    precision: int | None = None
    lat: float | None = None
    lon: float | None = None
    events: int
    fatalities: int


class AggregateRow(BaseModel):
    key: str
    values: list[Any]
    events: int
    fatalities: int


class Aggregates(BaseModel):
    by: str
    rows: list[AggregateRow]


class StoryIn(BaseModel):
    """A story to extract and store. `published` anchors relative dates ('on Monday')."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(default=None, min_length=1,
                             description="The story's full text; omit it to have the page at `url` fetched.")
    url: str | None = Field(default=None, description="The story's address (fetched when `text` is absent).")
    title: str | None = None
    outlet: str | None = None
    published: date | None = None

    @model_validator(mode="after")
    def _text_or_url(self) -> StoryIn:
        if self.text is None and not self.url:
            raise ValueError("give the story's text, or a url to fetch it from")
        return self


class StoryOut(BaseModel):
    article_id: str
    created: bool = Field(description="False when the same story was already stored (writes are idempotent).")
    mentions: int = Field(description="Event mentions extracted from the story.")
    event_ids: list[str] = Field(description="The merged events the story's mentions joined or founded.")


class Health(BaseModel):
    status: str
    version: str
    store: str
    articles: int
    events: int
    writable: bool
