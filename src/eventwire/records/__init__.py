"""The records that flow between stages (see docs/records.md and docs/schema/)."""

from eventwire.records.actors import Actor, Speaker
from eventwire.records.article import AnchorSource, Article, content_id
from eventwire.records.base import SCHEMA_VERSION, Record, Span
from eventwire.records.claims import Attribution, AttributionRelation, AttributionStatus, Claim, Quote
from eventwire.records.events import AcledType, Event, Modality, PloverType
from eventwire.records.extraction import Extraction
from eventwire.records.places import Place, PlaceLevel
from eventwire.records.quantities import Fatalities, Quantity
from eventwire.records.times import Precision, Time, TimexType, When, WhenBasis

__all__ = [
    "SCHEMA_VERSION",
    "AcledType",
    "Actor",
    "AnchorSource",
    "Article",
    "Attribution",
    "AttributionRelation",
    "AttributionStatus",
    "Claim",
    "Event",
    "Extraction",
    "Fatalities",
    "Modality",
    "Place",
    "PlaceLevel",
    "PloverType",
    "Precision",
    "Quantity",
    "Quote",
    "Record",
    "Span",
    "Speaker",
    "Time",
    "TimexType",
    "When",
    "WhenBasis",
    "content_id",
]
