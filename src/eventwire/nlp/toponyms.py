"""spaCy component `eventwire_toponyms`: writes span group `TOPONYMS` with payload `span._.toponym`.

Placeholder until its issue lands: it writes an empty layer, which is honest (nothing found).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from eventwire.nlp.layers import TOPONYMS

if not Span.has_extension("toponym"):
    Span.set_extension("toponym", default=None)


@Language.component("eventwire_toponyms")
def toponyms_component(doc: Doc) -> Doc:
    doc.spans[TOPONYMS] = []
    return doc
