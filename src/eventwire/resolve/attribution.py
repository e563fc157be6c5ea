"""Resolve step `resolve_attribution` (placeholder until its issue lands: returns the extraction unchanged)."""

from __future__ import annotations

from eventwire.records import Extraction


def resolve_attribution(extraction: Extraction) -> Extraction:
    return extraction
