"""Who says so: attribution of events and figures, quotes, claims and the links between them."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from eventwire.records.actors import Speaker
from eventwire.records.base import Record, Span

AttributionStatus = Literal["asserted", "attributed", "reportedly", "disputed", "denied"]


class Attribution(Record):
    """The source of an event or figure and how firmly it is stated."""

    status: AttributionStatus = "asserted"
    source: Speaker | None = None
    cue: str | None = Field(default=None, description="The reporting verb or hedge: said, claimed, reportedly.")
    cue_span: Span | None = None
    claim_id: str | None = None
    disputed_by: list[str] = Field(default_factory=list, description="Ids of claims that contradict this one.")


class Quote(Record):
    """A direct quote and its speaker."""

    id: str
    span: Span
    text: str
    speaker: Speaker | None = None
    cue: str | None = None
    cue_span: Span | None = None


class AttributionRelation(Record):
    """One attribution relation: source, cue and content spans (direct or indirect speech)."""

    source: Span | None = None
    cue: Span | None = None
    content: Span
    direct: bool = False


class Claim(Record):
    """Reported content with its claimant; denials link to the claims they answer."""

    id: str
    claimant: Speaker | None = None
    content: Span
    cue: str | None = None
    cue_span: Span | None = None
    status: AttributionStatus = "attributed"
    event_ids: list[str] = Field(default_factory=list)
    contradicts: list[str] = Field(default_factory=list, description="Ids of claims this one denies or disputes.")
