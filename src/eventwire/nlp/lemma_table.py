"""A drop-in for spaCy's rule lemmatizer that looks lemmas up by (word, part of speech, morphology).

The English model's lemmatizer is a pure function of a token's form, coarse part of speech and
morphology (spaCy caches it on exactly that key), yet it is run through a Python loop that builds a
Token object and sets its lemma one token at a time: ~1.5 ms a story, more than the tagger. Here the
three columns are read as one array, each distinct key is lemmatized once by the model's own
lemmatizer and remembered, and the lemmas are written back as one array. The output is the same token
for token (a test compares the two); tokens that already carry a lemma (set by the attribute rules)
keep it, as the model's lemmatizer does unless it is told to overwrite.

Hand-written rather than a library because no package offers a faster spaCy lemmatizer; it is used
only for a lemmatizer in rule mode, else the model's own stays.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import cast

import numpy
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc, Token
from thinc.types import Ints2d

from eventwire.nlp.layers import doc_tokens

FACTORY = "eventwire_lemma_table"
MEMO_LIMIT = 200_000  # distinct (word, POS, morphology) keys kept; a corpus rarely has more


class LemmaTable:
    """The model's lemmatizer, applied through a (word, POS, morphology) → lemma memo."""

    def __init__(self, lemmatizer: Lemmatizer | None = None) -> None:
        self.lemmatizer = lemmatizer
        self.memo: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        if self.lemmatizer is None:
            raise ValueError(f"{FACTORY}: no lemmatizer to read (use `use_lemma_table`)")
        if not len(doc):
            return doc
        overwrite = self.lemmatizer.overwrite
        memo = self.memo
        if len(memo) > MEMO_LIMIT:
            memo.clear()
        strings = doc.vocab.strings
        toks: list[Token] | None = None
        lemmas: list[int] = []
        for i, (orth, pos, morph, lemma) in enumerate(doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()):
            if lemma and not overwrite:
                lemmas.append(lemma)
                continue
            key = (orth, pos, morph)
            found = memo.get(key)
            if found is None:
                toks = toks if toks is not None else doc_tokens(doc)
                found = memo[key] = strings.add(self.lemmatizer.lemmatize(toks[i])[0])
            lemmas.append(found)
        doc.from_array([LEMMA], cast(Ints2d, numpy.array(lemmas, dtype="uint64").reshape(-1, 1)))
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        for doc in docs:
            yield self(doc)


@Language.factory(FACTORY)
def make_lemma_table(nlp: Language, name: str) -> LemmaTable:
    """An empty lemma table; `use_lemma_table` gives it the model's lemmatizer to read."""
    return LemmaTable()


def use_lemma_table(nlp: Language, name: str = "lemmatizer") -> bool:
    """Swap the model's rule lemmatizer for the table version, same name and place; False (nothing
    changed) when the pipeline has no rule lemmatizer."""
    lemmatizer = nlp.get_pipe(name) if name in nlp.pipe_names else None
    if not isinstance(lemmatizer, Lemmatizer) or lemmatizer.mode != "rule":
        return False
    table = nlp.replace_pipe(name, FACTORY)
    assert isinstance(table, LemmaTable)
    table.lemmatizer = lemmatizer
    return True
