"""spaCy component `eventwire_paragraphs`: line breaks and the dateline end sentences.

Runs before the parser, which keeps the boundaries it is given: a title, a paragraph or the
dateline ("BELGOROD:") never runs on into the next sentence, so the dateline place is never
parsed as the subject of the story's first verb.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from spacy.attrs import IDX
from spacy.language import Language
from spacy.tokens import Doc


@Language.component("eventwire_paragraphs")
def paragraphs_component(doc: Doc) -> Doc:
    if not len(doc):
        return doc
    # the token after a line break (inside a space token or its trailing whitespace) starts a
    # sentence: found from the breaks in the text, not by visiting every token
    starts = doc.to_array([IDX]).tolist()
    marks = set()
    body_start = doc._.body_start if doc.has_extension("body_start") else 0
    if body_start:
        marks.add(bisect_left(starts, body_start))  # the first token at or after the body
    text = doc.text
    at = text.find("\n")
    while at != -1:
        marks.add(bisect_right(starts, at))  # the first token that starts after the break
        at = text.find("\n", at + 1)
    for i in sorted(marks):
        if 0 < i < len(doc):
            doc[i].is_sent_start = True
    return doc
