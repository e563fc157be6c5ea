"""The per-Doc caches of the trigger reader and the assemblers return what the uncached reads return."""

from __future__ import annotations

import gc
import pickle

import spacy

from eventwire.knowledge.triggers import lexicon
from eventwire.nlp.layers import tokens_text
from eventwire.nlp.triggers import PHRASES_KEY, YEAR, _phrase_tokens, _phrase_tokens_uncached, _Reader

STORY = (
    "KHARKIV, May 2 (Example Wire) -  Russian forces shelled the  city of Kupiansk on Tuesday, killing three "
    "civilians, the regional governor said.\n\nThe strikes, the heaviest since the offensive of 2022 began, "
    "hit a school and two apartment blocks. Ukrainian troops said they had repelled an attack near Lyman "
    "in 2023 and would not withdraw.\nA resident said: \"We have nowhere to go.\""
)


def test_tokens_text_is_the_span_text_for_every_token_range() -> None:
    doc = spacy.blank("en")(STORY)
    for start in range(len(doc) + 1):
        for end in range(start, len(doc) + 1):
            assert tokens_text(doc, start, end) == doc[start:end].text


def test_reader_sentences_are_the_docs_sentences(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(STORY)
    reader = _Reader(doc, lexicon())
    assert len(list(doc.sents)) > 2
    for tok in doc:
        sent = reader.sent(tok)
        assert (sent.start, sent.end) == (tok.sent.start, tok.sent.end)


def test_year_test_agrees_with_a_scan_of_the_range(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(STORY)
    reader = _Reader(doc, lexicon())
    found = 0
    for tok in doc:
        first, last = tok.left_edge.i, tok.right_edge.i
        expected = any(YEAR.match(doc[k].text) for k in range(first, last + 1))
        assert reader.year_between(first, last) == expected
        found += expected
    assert found  # the story has years inside some subtrees, and not inside others
    assert found < len(doc)


def test_memoised_phrases_match_the_parse_and_keep_the_doc_picklable(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(STORY)
    first = {tok.i: [t.i for t in _phrase_tokens(tok)] for tok in doc}
    assert PHRASES_KEY in doc.user_data
    for tok in doc:  # a second read comes from the memo and is the same phrase
        assert [t.i for t in _phrase_tokens(tok)] == first[tok.i] == [t.i for t in _phrase_tokens_uncached(tok)]
    again = pickle.loads(pickle.dumps(doc))
    assert again.user_data[PHRASES_KEY] == doc.user_data[PHRASES_KEY]


def test_loading_the_pipeline_freezes_the_long_lived_heap(nlp) -> None:  # type: ignore[no-untyped-def]
    assert gc.get_freeze_count() > 100_000  # the model's objects are out of the collector's walk
