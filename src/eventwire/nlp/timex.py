"""spaCy component `eventwire_timex`: writes span group `TIMES` with payload `span._.timex`.

Placeholder until its issue lands: it writes an empty layer, which is honest (nothing found).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from eventwire.nlp.layers import TIMES

if not Span.has_extension("timex"):
    Span.set_extension("timex", default=None)


@Language.component("eventwire_timex")
def timex_component(doc: Doc) -> Doc:
    doc.spans[TIMES] = []
    return doc
