"""Time layer → `Time` records (the exact character extent comes from the layer's payload)."""

from __future__ import annotations

from spacy.tokens import Doc

from eventwire.nlp.layers import TIMES, doc_text
from eventwire.nlp.timex import time_record
from eventwire.records import Time


def times_from_doc(doc: Doc) -> list[Time]:
    text = doc_text(doc)
    return [time_record(doc, span, text) for span in doc.spans.get(TIMES, [])]
