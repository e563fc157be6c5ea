"""resolve: places against the gazetteer, dates against the publication date, actors against the
actor dictionary; then events are linked to their place, date, figures and claims.

Each step takes and returns an `Extraction` (records only: no spaCy objects past assemble).
"""

from __future__ import annotations

from eventwire.records import Extraction
from eventwire.resolve.actors import resolve_actors
from eventwire.resolve.attribution import resolve_attribution
from eventwire.resolve.figures import resolve_figures
from eventwire.resolve.geo import resolve_places
from eventwire.resolve.when import resolve_when

STEPS = (resolve_places, resolve_when, resolve_actors, resolve_figures, resolve_attribution)


def resolve(extraction: Extraction) -> Extraction:
    for step in STEPS:
        extraction = step(extraction)
    return extraction


__all__ = ["STEPS", "resolve"]
