"""spaCy component `eventwire_triggers`: writes span group `TRIGGERS` with payload `span._.trigger`.

Placeholder until its issue lands: it writes an empty layer, which is honest (nothing found).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from eventwire.nlp.layers import TRIGGERS

if not Span.has_extension("trigger"):
    Span.set_extension("trigger", default=None)


@Language.component("eventwire_triggers")
def triggers_component(doc: Doc) -> Doc:
    doc.spans[TRIGGERS] = []
    return doc
