"""Resolve step `resolve_places` (placeholder until its issue lands: returns the extraction unchanged)."""

from __future__ import annotations

from eventwire.records import Extraction


def resolve_places(extraction: Extraction) -> Extraction:
    return extraction
