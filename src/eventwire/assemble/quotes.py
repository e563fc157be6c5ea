"""Quote and attribution layers → `Quote`, `AttributionRelation` and `Claim` records."""

from __future__ import annotations

from spacy.tokens import Doc

from eventwire.records import AttributionRelation, Claim, Quote


def quotes_from_doc(doc: Doc) -> tuple[list[Quote], list[AttributionRelation], list[Claim]]:
    return [], [], []
