"""Filters for querying stored events, shared by the CLI, the API, exports and reports."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field


class EventFilter(BaseModel):
    """Which events to return. Every field is optional; all given fields must match."""

    model_config = ConfigDict(extra="forbid")

    since: date | None = Field(default=None, description="Events on or after this date.")
    until: date | None = Field(default=None, description="Events on or before this date.")
    event_type: str | None = Field(default=None, description="ACLED event type, e.g. 'Battles'.")
    sub_event_type: str | None = None
    plover_type: str | None = None
    country: str | None = Field(default=None, description="ISO alpha-2 country code of the place.")
    admin1: str | None = Field(default=None, description="First-level region name, e.g. 'Kursk Oblast'.")
    actor: str | None = Field(default=None, description="Substring of actor 1 or actor 2.")
    text: str | None = Field(default=None, description="Substring of the evidence text.")
    disputed: bool = Field(default=False, description="Only events whose claim is disputed or denied.")
    bbox: tuple[float, float, float, float] | None = Field(
        default=None, description="min_lon, min_lat, max_lon, max_lat."
    )
    article_id: str | None = None
    include_unoccurred: bool = Field(default=False, description="Also negated/planned/threatened events.")
    limit: int | None = Field(default=None, ge=1)
    offset: int = Field(default=0, ge=0)
    sort: str = Field(default="date", description="date | -date | fatalities | -fatalities | type | sources | -sources")
    mentions: bool = Field(
        default=False,
        description="Return the mentions as extracted from each article instead of the merged events.",
    )
