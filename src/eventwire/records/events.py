"""Events: what happened, typed in ACLED and PLOVER, with actors, place, time, figures and evidence."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from eventwire.records.actors import Actor
from eventwire.records.base import Record, Span
from eventwire.records.claims import Attribution
from eventwire.records.places import Place
from eventwire.records.quantities import Fatalities, Quantity
from eventwire.records.times import When

Modality = Literal["occurred", "negated", "planned", "threatened", "hypothetical", "background"]


class AcledType(Record):
    event_type: str
    sub_event_type: str


class PloverType(Record):
    type: str
    mode: str | None = None
    context: list[str] = Field(default_factory=list)


class Event(Record):
    """One event mention (or, after clustering, one event with several mentions)."""

    id: str
    acled: AcledType | None = None
    plover: PloverType | None = None
    actor1: Actor | None = None
    actor2: Actor | None = None
    assoc_actors: list[Actor] = Field(default_factory=list)
    place: Place | None = None
    when: When = Field(default_factory=When)
    quantities: list[Quantity] = Field(default_factory=list)
    fatalities: Fatalities = Field(default_factory=Fatalities)
    attribution: Attribution = Field(default_factory=Attribution)
    modality: Modality = "occurred"
    trigger: Span | None = None
    sentence: Span | None = Field(default=None, description="The sentence the event was read from.")
    evidence: list[Span] = Field(default_factory=list)
    confidence: float = Field(default=0.0, ge=0.0, le=1.0)
    rule: str | None = Field(default=None, description="The rule or model that produced the event.")
    primary: bool = False
    article_ids: list[str] = Field(default_factory=list)
