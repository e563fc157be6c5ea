"""spaCy component `eventwire_paragraphs`: line breaks and the dateline end sentences.

Runs before the parser, which keeps the boundaries it is given: a title, a paragraph or the
dateline ("BELGOROD:") never runs on into the next sentence, so the dateline place is never
parsed as the subject of the story's first verb.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("eventwire_paragraphs")
def paragraphs_component(doc: Doc) -> Doc:
    body_start = doc._.body_start if doc.has_extension("body_start") else 0
    if body_start:
        first = next((t for t in doc if t.idx >= body_start), None)
        if first is not None and first.i > 0:
            first.is_sent_start = True
    for tok in doc[:-1]:
        if (tok.is_space and "\n" in tok.text) or "\n" in tok.whitespace_:
            doc[tok.i + 1].is_sent_start = True
    return doc
