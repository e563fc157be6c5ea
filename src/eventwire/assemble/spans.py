"""Turn spaCy spans into record Spans (the one conversion every assembler uses)."""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from eventwire.nlp.layers import doc_text
from eventwire.records import Span


def to_span(span: SpacySpan) -> Span:
    start, end = span.start_char, span.end_char
    return Span(start=start, end=end, text=doc_text(span.doc)[start:end])


def char_span(doc: Doc, start: int, end: int) -> Span:
    return Span(start=start, end=end, text=doc_text(doc)[start:end])


def sentence_of(span: SpacySpan) -> Span:
    return to_span(span.sent)
