"""Time layer → `Time` records."""

from __future__ import annotations

from spacy.tokens import Doc

from eventwire.assemble.spans import to_span
from eventwire.nlp.layers import TIMES
from eventwire.records import Time


def times_from_doc(doc: Doc) -> list[Time]:
    out: list[Time] = []
    for span in doc.spans.get(TIMES, []):
        payload = span._.timex or {}
        out.append(Time(span=to_span(span), type=payload.get("type", "DATE"), value=payload.get("value"),
                        mod=payload.get("mod")))
    return out
