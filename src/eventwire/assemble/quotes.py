"""Quote and attribution layers → `Quote`, `AttributionRelation` and `Claim` records.

Every attribution relation (direct or indirect) becomes an `AttributionRelation`; every indirect
one (reported speech, hedges, "according to", evidence such as footage) also becomes a `Claim`
with its claimant. A denial of earlier claims ("Ukrainian officials have dismissed these
claims") is a claim of its own whose `contradicts` lists the claims it answers; those become
`disputed`. Claims are never merged. Ids are deterministic: a hash of the text and offsets.
"""

from __future__ import annotations

import hashlib
from typing import Any

from spacy.tokens import Doc

from eventwire.assemble.spans import char_span, to_span
from eventwire.nlp.layers import ATTRIBUTIONS, QUOTES
from eventwire.records import AttributionRelation, Claim, Quote, Span, Speaker


def _doc_key(doc: Doc) -> str:
    return hashlib.sha1(doc.text.encode("utf-8")).hexdigest()[:10]


def _id(prefix: str, key: str, *parts: object) -> str:
    raw = key + ":" + ":".join(str(p) for p in parts)
    return f"{prefix}-{hashlib.sha1(raw.encode('utf-8')).hexdigest()[:12]}"


def _span(doc: Doc, offsets: list[int] | None) -> Span | None:
    if not offsets:
        return None
    return char_span(doc, offsets[0], offsets[1])


def _speaker(data: dict[str, Any] | None) -> Speaker | None:
    if not data:
        return None
    return Speaker(**data)


def quotes_from_doc(doc: Doc) -> tuple[list[Quote], list[AttributionRelation], list[Claim]]:
    key = _doc_key(doc)
    quotes: list[Quote] = []
    for span in doc.spans.get(QUOTES, []):
        payload = span._.quote or {}
        cue_span = _span(doc, payload.get("cue"))
        quotes.append(Quote(
            id=_id("quote", key, span.start_char, span.end_char),
            span=to_span(span),
            text=span.text,
            speaker=_speaker(payload.get("speaker")),
            cue=payload.get("cue_text"),
            cue_span=cue_span,
        ))

    relations: list[AttributionRelation] = []
    claims: list[Claim] = []
    by_content: dict[tuple[int, int], Claim] = {}
    answers: list[tuple[Claim, list[list[int]]]] = []
    for span in doc.spans.get(ATTRIBUTIONS, []):
        payload = span._.attribution or {}
        content = to_span(span)
        cue_span = _span(doc, payload.get("cue"))
        relations.append(AttributionRelation(
            source=_span(doc, payload.get("source")),
            cue=cue_span,
            content=content,
            direct=bool(payload.get("direct")),
        ))
        if payload.get("direct"):
            continue
        claim = Claim(
            id=_id("claim", key, content.start, content.end, cue_span.start if cue_span else -1),
            claimant=_speaker(payload.get("speaker")),
            content=content,
            cue=payload.get("cue_text"),
            cue_span=cue_span,
            status=payload.get("status") or "attributed",
        )
        claims.append(claim)
        by_content[(content.start, content.end)] = claim
        if payload.get("answers"):
            answers.append((claim, payload["answers"]))
    for claim, targets in answers:
        for start, end in targets:
            target = by_content.get((start, end))
            if target is None or target is claim:
                continue
            claim.contradicts.append(target.id)
            if target.status in ("attributed", "reportedly", "asserted"):
                target.status = "disputed"
    claims.sort(key=lambda c: (c.content.start, c.content.end))
    return quotes, relations, claims
