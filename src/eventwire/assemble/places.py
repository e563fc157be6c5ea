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


# spaCy refuses texts over a million characters (nlp.max_length), and its parser and NER need about
# 1 GB per 100,000: a long report is read in pieces of at most this size, cut between paragraphs.
CHUNK_CHARS = 100_000


def text_chunks(text: str, limit: int = CHUNK_CHARS) -> list[tuple[int, str]]:
    """(offset, piece) cuts of `text` of at most `limit` characters, at a paragraph break, else a line
    break, else a sentence end, else a space, so no name is cut in two unless a piece has no space."""
    out: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = -1
        for sep in ("\n\n", "\n", ". ", " "):
            cut = window.rfind(sep, limit // 2)
            if cut > 0:
                cut += len(sep)
                break
        if cut <= 0:
            cut = limit
        out.append((start, text[start:start + cut]))
        start += cut
    out.append((start, text[start:]))
    return out


def find_toponym_spans(texts: list[str], batch_size: int = 32) -> list[list[tuple[int, int]]]:
    """Toponym character spans of each text, from the toponym layer alone (for `eventwire geocode`).
    A text longer than CHUNK_CHARS is read in pieces (`text_chunks`) and its spans put back in place."""
    from eventwire.ingest.dateline import find_dateline
    from eventwire.nlp import load_nlp

    nlp = load_nlp(components=("eventwire_toponyms",))
    docs, owners = [], []
    for n, text in enumerate(texts):
        for k, (offset, piece) in enumerate(text_chunks(text, CHUNK_CHARS)):
            doc = nlp.make_doc(piece)
            dl = find_dateline(piece) if k == 0 else None
            doc._.dateline = (dl.place_start, dl.place_end) if dl else None
            docs.append(doc)
            owners.append((n, offset))
    out: list[list[tuple[int, int]]] = [[] for _ in texts]
    for (n, offset), doc in zip(owners, nlp.pipe(docs, batch_size=batch_size), strict=True):
        out[n].extend((offset + s.start_char, offset + s.end_char) for s in doc.spans.get(TOPONYMS, []))
    return out
