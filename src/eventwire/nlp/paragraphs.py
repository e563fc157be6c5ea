"""spaCy component `eventwire_paragraphs`: line breaks end sentences.

Runs before the parser, which keeps the boundaries it is given: a title, a dateline line or a
paragraph never runs on into the next one's first sentence.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("eventwire_paragraphs")
def paragraphs_component(doc: Doc) -> Doc:
    for tok in doc[:-1]:
        if (tok.is_space and "\n" in tok.text) or "\n" in tok.whitespace_:
            doc[tok.i + 1].is_sent_start = True
    return doc
