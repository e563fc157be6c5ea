"""spaCy component `eventwire_quantities`: writes span group `QUANTITIES` with payload `span._.quantity`.

Placeholder until its issue lands: it writes an empty layer, which is honest (nothing found).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from eventwire.nlp.layers import QUANTITIES

if not Span.has_extension("quantity"):
    Span.set_extension("quantity", default=None)


@Language.component("eventwire_quantities")
def quantities_component(doc: Doc) -> Doc:
    doc.spans[QUANTITIES] = []
    return doc
