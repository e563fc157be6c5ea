"""Figures: counts and measures with their kind, range and qualifier as written."""

from __future__ import annotations

from pydantic import Field, model_validator

from eventwire.records.actors import Actor
from eventwire.records.base import Record, Span

# Open vocabulary, documented in docs/records.md: killed, injured, missing, captured, detained,
# displaced, launched, intercepted, targets, settlements_captured, distance, area, money, count.


class Quantity(Record):
    """A figure from the text: low <= best <= high where known, the qualifier kept as written."""

    span: Span
    kind: str
    low: float | None = None
    best: float | None = None
    high: float | None = None
    unit: str | None = None
    qualifier: str | None = Field(default=None, description="'more than', 'about', 'dozens', 'over' ... as written.")
    actor: Actor | None = Field(default=None, description="Whose figure it is, for per-side counts.")

    @model_validator(mode="after")
    def _ordered(self) -> Quantity:
        known = [v for v in (self.low, self.best, self.high) if v is not None]
        if known != sorted(known):
            raise ValueError(f"quantity range out of order: low={self.low} best={self.best} high={self.high}")
        return self


class Fatalities(Record):
    """Deaths for an event. `low` follows ACLED's convention (lowest reported, 0 if unknown)."""

    low: int = 0
    best: int | None = None
    high: int | None = None
