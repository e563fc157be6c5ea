"""Resolve step `resolve_actors` (placeholder until its issue lands: returns the extraction unchanged)."""

from __future__ import annotations

from eventwire.records import Extraction


def resolve_actors(extraction: Extraction) -> Extraction:
    return extraction
