"""Quote and attribution layers → `Quote`, `AttributionRelation` and `Claim` records.

Every attribution relation (direct or indirect) becomes an `AttributionRelation`; every indirect
one (reported speech, hedges, "according to", evidence such as footage) also becomes a `Claim`
with its claimant. A denial of earlier claims ("Ukrainian officials have dismissed these
claims") is a claim of its own whose `contradicts` lists the claims it answers; those become
`disputed`. Claims are never merged. Ids are deterministic: a hash of the text and offsets.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from eventwire.assemble.spans import char_span, to_span
from eventwire.nlp.layers import ATTRIBUTIONS, QUOTES, doc_text
from eventwire.records import AttributionRelation, Claim, Quote, Span, Speaker


def _doc_key(doc: Doc) -> str:
    return hashlib.sha1(doc_text(doc).encode("utf-8")).hexdigest()[:10]


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


def quotes_record(doc_id: str, doc: Doc) -> dict[str, Any]:
    """The `eventwire quotes` output for one Doc: quotes, every attribution relation, and the claims."""
    quotes, relations, claims = quotes_from_doc(doc)
    return {
        "id": doc_id,
        "quotes": [q.model_dump(mode="json", exclude_none=True) for q in quotes],
        "attributions": [{"source": r.source.model_dump() if r.source else None,
                          "cue": r.cue.model_dump() if r.cue else None,
                          "content": r.content.model_dump(),
                          "direct": r.direct} for r in relations],
        "claims": [c.model_dump(mode="json", exclude_none=True) for c in claims],
    }


def extract_quotes(text: str, nlp: Language | None = None) -> dict[str, Any]:
    """Quotes, attribution relations and claims of one text (the `eventwire quotes` record, id "0").

    >>> extract_quotes('“We will hold the line,” the commander said.')["quotes"][0]["speaker"]["text"]  # doctest: +SKIP
    'commander'
    """
    model = nlp or _quotes_nlp()
    return quotes_record("0", model(text))


def quotes_jsonl(lines: Iterable[str], source: str = "<stdin>", nlp: Language | None = None,
                 batch_size: int = 32) -> Iterator[dict[str, Any]]:
    """`eventwire quotes`: JSON Lines `{"id", "text"}` in, `{"id", "quotes", "attributions", "claims"}` out.

    Blank lines are skipped; a line that is not a JSON object with a string `text` raises
    `InputError` naming the line. Texts go through spaCy in batches (`nlp.pipe`).
    """
    from eventwire.ingest import iter_json_objects

    def items() -> Iterator[tuple[str, str]]:
        for _, obj in iter_json_objects(lines, source):
            yield str(obj["id"]), obj["text"]

    model = nlp or _quotes_nlp()
    pairs = items()
    ids: list[str] = []

    def texts() -> Iterator[str]:
        for doc_id, text in pairs:
            ids.append(doc_id)
            yield text

    for n, doc in enumerate(model.pipe(texts(), batch_size=batch_size)):
        yield quotes_record(ids[n], doc)


def quotes_nlp(model: str | None = None) -> Language:
    """spaCy with line breaks as sentence ends and the figures and quotes layers (loaded once per model)."""
    from eventwire.nlp import load_nlp

    return load_nlp(model, components=("eventwire_quantities", "eventwire_quotes"))


def _quotes_nlp() -> Language:
    return quotes_nlp()
