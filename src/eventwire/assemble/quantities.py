"""Quantity layer → `Quantity` records."""

from __future__ import annotations

from spacy.tokens import Doc

from eventwire.assemble.spans import to_span
from eventwire.nlp.layers import QUANTITIES
from eventwire.records import Quantity


def quantities_from_doc(doc: Doc) -> list[Quantity]:
    out: list[Quantity] = []
    for span in doc.spans.get(QUANTITIES, []):
        payload = dict(span._.quantity or {})
        out.append(Quantity(span=to_span(span), **payload))
    return out
