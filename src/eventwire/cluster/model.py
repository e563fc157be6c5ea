"""Merged events: one real-world event with every mention, source, figure and claim behind it."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from eventwire.records import Event


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Source(_Model):
    """An article that reports the event."""

    article_id: str
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: date | None = None


class MentionLink(_Model):
    """One mention in a merged event, with why it was merged (features and score)."""

    event_id: str
    article_id: str
    position: int = Field(description="Order in which the mention joined the event (0 founded it).")
    matched_event_id: str | None = Field(default=None, description="The mention it was most similar to.")
    score: float | None = Field(default=None, description="Merge score against that mention (None: founder).")
    features: dict[str, float | None] = Field(default_factory=dict)
    reasons: list[str] = Field(default_factory=list)
    status: str = "asserted"
    modality: str = "occurred"
    evidence: str = ""
    event: Event | None = Field(default=None, description="The mention as extracted from its article.")


class SourceFigure(_Model):
    """A figure as one source gave it (kept side by side, never averaged away)."""

    kind: str
    low: float | None = None
    best: float | None = None
    high: float | None = None
    unit: str | None = None
    qualifier: str | None = None
    text: str | None = None
    article_id: str
    event_id: str
    outlet: str | None = None
    claimant: str | None = None
    status: str = "asserted"


class FigureRange(_Model):
    """The range of one kind of figure across sources: lowest, median, highest."""

    kind: str
    low: float | None = None
    best: float | None = None
    high: float | None = None
    unit: str | None = None
    n_sources: int = 0
    agree: bool = True


class MergedEvent(_Model):
    """The merged event (`event`, id = the event id) and everything behind it."""

    id: str
    event: Event
    mentions: list[MentionLink] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)
    figures: list[SourceFigure] = Field(default_factory=list)
    ranges: list[FigureRange] = Field(default_factory=list)
    claims: list[dict[str, Any]] = Field(default_factory=list, description="Claims and denials about it.")

    @property
    def article_ids(self) -> list[str]:
        return [s.article_id for s in self.sources]
