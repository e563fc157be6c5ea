"""The names of eventwire's span layers on a spaCy Doc, and the Doc-level attributes.

Each nlp component writes one span group (`doc.spans[NAME]`) and keeps its per-span payload in a
Span extension of its own (`span._.timex`, `span._.toponym`, ...): both live in the Doc's own
data, so Docs stay picklable for multi-process `nlp.pipe`. Only `eventwire.assemble` reads them.
"""

from __future__ import annotations

from spacy.tokens import Doc

TIMES = "ew_times"
TOPONYMS = "ew_toponyms"
QUANTITIES = "ew_quantities"
QUOTES = "ew_quotes"
ATTRIBUTIONS = "ew_attributions"
TRIGGERS = "ew_triggers"

TEXT_KEY = "ew_text"  # doc.user_data key of the cached Doc text (a str: picklable)


def doc_text(doc: Doc) -> str:
    """The Doc's text, cached in `doc.user_data`.

    spaCy rebuilds `doc.text` by joining every token on each access (O(tokens)); the components and
    assemblers read it dozens of times per story. `eventwire.pipeline.make_doc` seeds the cache with
    the article's text; hand-built Docs fill it on first use. A Doc's text never changes after
    tokenisation (the retokenizer keeps it), so the cache cannot go stale.
    """
    text = doc.user_data.get(TEXT_KEY)
    if not isinstance(text, str):
        text = doc.text
        doc.user_data[TEXT_KEY] = text
    return text


def tokens_text(doc: Doc, start: int, end: int) -> str:
    """`doc[start:end].text` (token indices) as a slice of the cached Doc text: no Span, no join."""
    if end <= start:
        return ""
    last = doc[end - 1]
    return doc_text(doc)[doc[start].idx:last.idx + len(last.text)]


def register_doc_extensions() -> None:
    """Doc attributes set before the pipe runs: the publication date and the article's dateline."""
    if not Doc.has_extension("anchor"):
        Doc.set_extension("anchor", default=None)  # datetime.date | None: the publication date
    if not Doc.has_extension("body_start"):
        Doc.set_extension("body_start", default=0)  # offset of the first sentence after the dateline
    if not Doc.has_extension("dateline"):
        Doc.set_extension("dateline", default=None)  # (start, end) of the dateline place, or None
