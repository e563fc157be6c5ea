"""Actors and speakers: who did it, to whom, and who says so."""

from __future__ import annotations

from pydantic import Field

from eventwire.records.base import Record, Span


class Actor(Record):
    """A participant in an event, normalised to country, PLOVER sector and ACLED actor type."""

    span: Span | None = None
    text: str
    name: str | None = Field(default=None, description="Normalised name ('Military Forces of Ukraine (2019-)').")
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-3, or IGO/NGO/... as PLOVER codes it.")
    sector: str | None = Field(default=None, description="PLOVER sector code: GOV, MIL, COP, REB, CVL ...")
    acled_type: str | None = Field(default=None, description="ACLED actor type: State forces, Rebel group, ...")
    inter_code: int | None = Field(default=None, ge=0, le=8, description="ACLED inter code (1-8).")


class Speaker(Record):
    """Who says something: a named person, a role ('the regional governor') or an institution."""

    span: Span | None = None
    text: str
    name: str | None = None
    role: str | None = None
    affiliation: str | None = Field(default=None, description="Organisation or place the speaker belongs to.")
    country: str | None = None
    sector: str | None = None
    anonymous: bool = False
