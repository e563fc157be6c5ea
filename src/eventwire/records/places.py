"""Places: toponyms found in the text and resolved against the gazetteer."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from eventwire.records.base import Record, Span

PlaceLevel = Literal["country", "admin1", "admin2", "populated_place", "other"]


class Place(Record):
    """A geocoded place. Unresolved toponyms keep their span and name with empty coordinates."""

    span: Span | None = None
    name: str
    geonameid: int | None = None
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)
    country_code: str | None = Field(default=None, description="ISO 3166-1 alpha-2, as GeoNames gives it.")
    admin1: str | None = Field(default=None, description="GeoNames admin1 code.")
    admin1_name: str | None = None
    admin2_name: str | None = None
    feature_code: str | None = None
    level: PlaceLevel | None = None
    precision: int | None = Field(default=None, ge=1, le=3, description="ACLED geo_precision: 1 town, 2 near/part, 3 region.")
    score: float | None = Field(default=None, description="Resolver confidence in [0, 1].")
