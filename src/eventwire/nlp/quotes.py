"""spaCy component `eventwire_quotes`: writes span group `QUOTES` with payload `span._.quote`.

Placeholder until its issue lands: it writes an empty layer, which is honest (nothing found).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from eventwire.nlp.layers import QUOTES

if not Span.has_extension("quote"):
    Span.set_extension("quote", default=None)


@Language.component("eventwire_quotes")
def quotes_component(doc: Doc) -> Doc:
    doc.spans[QUOTES] = []
    return doc
