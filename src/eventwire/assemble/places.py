"""Toponym layer → unresolved `Place` records (the resolver fills coordinates and codes)."""

from __future__ import annotations

from spacy.tokens import Doc

from eventwire.assemble.spans import to_span
from eventwire.nlp.layers import TOPONYMS
from eventwire.records import Place


def places_from_doc(doc: Doc) -> list[Place]:
    out: list[Place] = []
    for span in doc.spans.get(TOPONYMS, []):
        payload = span._.toponym or {}
        out.append(Place(span=to_span(span), name=payload.get("name", span.text)))
    return out
