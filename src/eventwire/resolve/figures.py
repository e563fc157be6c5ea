"""Resolve step `resolve_figures` (placeholder until its issue lands: returns the extraction unchanged)."""

from __future__ import annotations

from eventwire.records import Extraction


def resolve_figures(extraction: Extraction) -> Extraction:
    return extraction
