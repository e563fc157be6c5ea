"""spaCy component `eventwire_timex`: writes span group `TIMES` with payload `span._.timex`.

The payload is plain data: `{"type", "value", "mod", "start", "end"}` (TIMEX3 type and value,
and the exact character extent, which can be narrower than the token span: "12" in "12-14").
The anchor is `doc._.anchor` (the publication date, or None: then nothing that depends on it is
invented). A date in the dateline ("KYIV, Aug 14 (Reuters) -") is tagged like any other (a
temporal tagger reports it; TimeML corpora annotate it); `resolve_when` never dates an event
with it, since it is the story's date, not the event's.

`tag_times(text, published)` returns the same layer as `Time` records straight from the text
(the grammar needs no tokens): the Python face of `eventwire timex`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from eventwire.nlp.layers import TIMES, doc_text
from eventwire.nlp.time import tag_text
from eventwire.records import Span as RecordSpan
from eventwire.records import Time

if not Span.has_extension("timex"):
    Span.set_extension("timex", default=None)

COMPONENT = "eventwire_timex"


def annotate(doc: Doc) -> Doc:
    """Find and normalise the time expressions of `doc` into `doc.spans[TIMES]`."""
    anchor = getattr(doc._, "anchor", None)
    spans: list[Span] = []
    text = doc_text(doc)
    for t in tag_text(text, anchor if isinstance(anchor, date) else None):
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is None:
            continue
        span._.timex = {"type": t.type, "value": t.value, "mod": t.mod, "start": t.start, "end": t.end}
        spans.append(span)
    doc.spans[TIMES] = spans
    return doc


@Language.component(COMPONENT)
def timex_component(doc: Doc) -> Doc:
    return annotate(doc)


def time_record(doc: Doc, span: Span, text: str | None = None) -> Time:
    """The `Time` record of one span of the layer (exact character extent from the payload).

    `text` (= doc_text(doc)) may be passed; by default the cached Doc text is used.
    """
    payload: dict[str, Any] = span._.timex or {}
    start = int(payload.get("start", span.start_char))
    end = int(payload.get("end", span.end_char))
    full = doc_text(doc) if text is None else text
    return Time(span=RecordSpan.of(full, start, end), type=payload.get("type", "DATE"),
                value=payload.get("value"), mod=payload.get("mod"))


def _anchor(text: str, published: date | str | None) -> date | None:
    from eventwire.ingest.article import parse_published
    from eventwire.ingest.dateline import dateline_date

    pub = parse_published(published, "<timex>")
    return pub if pub is not None else dateline_date(text)


def records_from_text(text: str, anchor: date | None) -> list[Time]:
    """What the component writes for `text`, as records, without building a spaCy Doc.

    The grammar reads characters, not tokens, so the time layer alone needs no tokenizer: this
    is the same result as running `eventwire_timex` (tests check it) at several times the speed.
    """
    return [Time(span=RecordSpan.of(text, t.start, t.end), type=t.type, value=t.value, mod=t.mod)
            for t in tag_text(text, anchor)]


def tag_times_many(items: Iterable[tuple[str, date | str | None]]) -> Iterator[list[Time]]:
    """`tag_times` over many (text, published) pairs."""
    for text, published in items:
        yield records_from_text(text, _anchor(text, published))


def tag_times(text: str, published: date | str | None = None) -> list[Time]:
    """The time expressions of `text` as `Time` records, resolved against `published`.

    `published` is the publication date (ISO string or date); without it, a date line at the
    top of the story ("Thursday, January 24, 2019") is used, and failing that nothing that needs
    the date is invented ("XXXX-08-06").

    >>> [t.value for t in tag_times("Shelling hit Kharkiv on Monday.", "2024-08-14")]
    ['2024-08-12']
    """
    return records_from_text(text, _anchor(text, published))


def timex_jsonl(lines: Iterable[str], source: str = "<stdin>",
                published: date | str | None = None) -> Iterator[dict[str, Any]]:
    """`eventwire timex`: JSON Lines `{"id", "text", "published"}` in, `{"id", "times": [...]}` out.

    Each time is `{"span": {"start", "end", "text"}, "type", "value"}` (and `"mod"` when set).
    `published` is the default anchor for lines without one. Blank lines are skipped; a line that
    is not a JSON object with a string `text` raises `InputError` naming the line.
    """
    from eventwire.errors import InputError
    from eventwire.ingest import iter_json_objects

    def items() -> Iterator[tuple[str, str, date | str | None]]:
        for where, obj in iter_json_objects(lines, source):
            pub = obj.get("published") or published
            try:
                anchor = _anchor(obj["text"], pub)
            except InputError as exc:
                raise InputError(where, exc.problem) from exc
            yield str(obj["id"]), obj["text"], anchor

    for doc_id, text, anchor in items():
        times = records_from_text(text, anchor if isinstance(anchor, date) else None)
        out = []
        for t in times:
            item: dict[str, Any] = {"span": t.span.model_dump(), "type": t.type, "value": t.value}
            if t.mod:
                item["mod"] = t.mod
            out.append(item)
        yield {"id": doc_id, "times": out}
