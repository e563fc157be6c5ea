"""The per-article result of the pipeline: every layer, with the article it points into."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from eventwire.records.article import Article
from eventwire.records.base import SCHEMA_VERSION, Record
from eventwire.records.claims import AttributionRelation, Claim, Quote
from eventwire.records.events import Event
from eventwire.records.places import Place
from eventwire.records.quantities import Quantity
from eventwire.records.times import Time


class Extraction(Record):
    """Everything eventwire read from one article. `id` echoes the input document's id."""

    schema_version: Literal["1"] = SCHEMA_VERSION
    id: str
    article: Article
    events: list[Event] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    times: list[Time] = Field(default_factory=list)
    quantities: list[Quantity] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    attributions: list[AttributionRelation] = Field(default_factory=list)
