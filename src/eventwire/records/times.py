"""Time: TIMEX3 expressions found in the text, and the resolved date of an event."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field

from eventwire.records.base import Record, Span

TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
Precision = Literal["day", "week", "month", "year", "unknown"]
WhenBasis = Literal["explicit", "relative", "carried", "publication", "unresolved"]


class Time(Record):
    """A time expression with its TIMEX3 type and normalised value ('2024-08-14', 'P2D', 'PAST_REF')."""

    span: Span
    type: TimexType
    value: str | None = None
    mod: str | None = Field(default=None, description="TIMEX3 mod: START, MID, END, BEFORE, AFTER, APPROX ...")


class When(Record):
    """When an event happened: a date range with its precision and how it was derived.

    `basis` is never silent: `publication` means the story gave no time for the event and the
    publication date stands in; `unresolved` means there was nothing to anchor to.
    """

    start: date | None = None
    end: date | None = None
    precision: Precision = "unknown"
    acled_time_precision: int | None = Field(default=None, ge=1, le=3)
    basis: WhenBasis = "unresolved"
    value: str | None = Field(default=None, description="The TIMEX3 value it came from.")
    span: Span | None = None
