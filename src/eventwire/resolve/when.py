"""Resolve step `resolve_when` (placeholder until its issue lands: returns the extraction unchanged)."""

from __future__ import annotations

from eventwire.records import Extraction


def resolve_when(extraction: Extraction) -> Extraction:
    return extraction
