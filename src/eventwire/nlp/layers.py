"""The names of eventwire's span layers on a spaCy Doc, and the Doc-level attributes.

Each nlp component writes one span group (`doc.spans[NAME]`) and keeps its per-span payload in a
Span extension of its own (`span._.timex`, `span._.toponym`, ...): both live in the Doc's own
data, so Docs stay picklable for multi-process `nlp.pipe`. Only `eventwire.assemble` reads them.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from spacy.tokens import Doc, Span, Token

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


_TOKENS: OrderedDict[int, tuple[Doc, list[Token]]] = OrderedDict()
_TOKENS_KEPT = 8
_LAST: list[Any] = [None, []]  # the last Doc asked for and its tokens: nearly every call


def doc_tokens(doc: Doc) -> list[Token]:
    """The Doc's tokens as a list, built once for the few Docs in flight.

    `doc[i]` and `for t in doc` build a new Token object on every access; the components and
    assemblers read the same tokens tens of times per story (profiling: ~9,000 Token objects per
    story). A Token reads its attributes live from the Doc, so the list stays right as later
    components annotate (nothing retokenizes after the parse). Kept outside `doc.user_data` (Tokens
    are not picklable) in a small cache of the most recent Docs, keyed by identity: the pipeline
    finishes one Doc's components before the next Doc's, so a handful of entries always hit and no
    Doc is kept alive for long.
    """
    if doc is _LAST[0]:
        return _LAST[1]
    key = id(doc)
    hit = _TOKENS.get(key)
    if hit is not None and hit[0] is doc and len(hit[1]) == len(doc):
        _TOKENS.move_to_end(key)
        toks = hit[1]
    else:
        toks = list(doc)
        _TOKENS[key] = (doc, toks)
        if len(_TOKENS) > _TOKENS_KEPT:
            _TOKENS.popitem(last=False)
    _LAST[0], _LAST[1] = doc, toks
    return toks


_SENTS: OrderedDict[int, tuple[Doc, list[Span], list[int]]] = OrderedDict()
_LAST_SENTS: list[Any] = [None, [], []]  # the last Doc asked for, its sentences, and each token's sentence


def token_sent(doc: Doc, i: int) -> Span:
    """`doc[i].sent`: the sentence of token `i`, from the Doc's sentences read once.

    `Token.sent` walks to the sentence's boundaries and builds a new Span on every call (~2 µs for a
    short sentence, more for long ones); the components ask for the sentence of the same tokens many
    times. Kept like `doc_tokens`, for the few Docs in flight and keyed by identity; the boundaries
    are read after the parser, which is the last to set them (nothing retokenizes after it).
    """
    if doc is _LAST_SENTS[0]:
        return _LAST_SENTS[1][_LAST_SENTS[2][i]]
    key = id(doc)
    hit = _SENTS.get(key)
    if hit is not None and hit[0] is doc and len(hit[2]) == len(doc):
        _SENTS.move_to_end(key)
        sents, of = hit[1], hit[2]
    else:
        sents = list(doc.sents)
        of = [0] * len(doc)
        for n, sent in enumerate(sents):
            of[sent.start:sent.end] = [n] * (sent.end - sent.start)
        _SENTS[key] = (doc, sents, of)
        if len(_SENTS) > _TOKENS_KEPT:
            _SENTS.popitem(last=False)
    _LAST_SENTS[0], _LAST_SENTS[1], _LAST_SENTS[2] = doc, sents, of
    return sents[of[i]]


def tokens_text(doc: Doc, start: int, end: int) -> str:
    """`doc[start:end].text` (token indices) as a slice of the cached Doc text: no Span, no join."""
    if end <= start:
        return ""
    toks = doc_tokens(doc)
    last = toks[end - 1]
    return doc_text(doc)[toks[start].idx:last.idx + len(last.text)]


def register_doc_extensions() -> None:
    """Doc attributes set before the pipe runs: the publication date and the article's dateline."""
    if not Doc.has_extension("anchor"):
        Doc.set_extension("anchor", default=None)  # datetime.date | None: the publication date
    if not Doc.has_extension("body_start"):
        Doc.set_extension("body_start", default=0)  # offset of the first sentence after the dateline
    if not Doc.has_extension("dateline"):
        Doc.set_extension("dateline", default=None)  # (start, end) of the dateline place, or None
