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


def find_toponym_spans(texts: list[str], batch_size: int = 32) -> list[list[tuple[int, int]]]:
    """Toponym character spans of each text, from the toponym layer alone (for `eventwire geocode`)."""
    from eventwire.ingest.dateline import find_dateline
    from eventwire.nlp import load_nlp

    nlp = load_nlp(components=("eventwire_toponyms",))
    docs = []
    for text in texts:
        doc = nlp.make_doc(text)
        dl = find_dateline(text)
        doc._.dateline = (dl.place_start, dl.place_end) if dl else None
        docs.append(doc)
    return [[(s.start_char, s.end_char) for s in doc.spans.get(TOPONYMS, [])]
            for doc in nlp.pipe(docs, batch_size=batch_size)]
