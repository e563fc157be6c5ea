"""Turn spaCy spans into record Spans (the one conversion every assembler uses)."""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from eventwire.nlp.layers import doc_text
from eventwire.records import Span


def to_span(span: SpacySpan) -> Span:
    return Span(start=span.start_char, end=span.end_char, text=span.text)


def char_span(doc: Doc, start: int, end: int) -> Span:
    return Span(start=start, end=end, text=doc_text(doc)[start:end])


def sentence_of(span: SpacySpan) -> Span:
    return to_span(span.sent)
