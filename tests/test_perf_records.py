"""Round-2 speed-ups give what the plain reads give: the per-sentence phrase heads and ancestor depths of
actor picking, the field-by-field copy of a figure, and the garbage-collector setting of the pipeline."""

from __future__ import annotations

import gc
import pickle

from eventwire.assemble.events import PHRASE_HEAD_DEPS, _ancestor_depths, _sentence_heads, _tree_distance
from eventwire.pipeline import (
    FULL_COLLECTION_THRESHOLD,
    MIDDLE_COLLECTION_THRESHOLD,
    YOUNG_COLLECTION_THRESHOLD,
    _fewer_full_collections,
)
from eventwire.records import Actor, Quantity, Span
from eventwire.resolve.figures import _copy

STORY = (
    "KHARKIV, May 2 (Example Wire) - Russian forces shelled the city of Kupiansk on Tuesday, killing three "
    "civilians, the regional governor said. Ukrainian troops said they had repelled an attack near Lyman "
    "and would not withdraw from the town of Siversk."
)


def test_sentence_heads_are_the_phrase_heads_of_each_sentence(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(STORY)
    sents = list(doc.sents)
    assert len(sents) >= 2
    for sent in sents:
        expected = [t.i for t in sent if t.pos_ in {"NOUN", "PROPN"} and t.dep_ in PHRASE_HEAD_DEPS]
        assert expected  # each sentence has nouns heading phrases
        assert _sentence_heads(doc, sent) == expected
        assert _sentence_heads(doc, sent) == expected  # the second read comes from the cache
    again = pickle.loads(pickle.dumps(doc))  # the cache keeps the Doc picklable
    assert again.user_data["ew_sentence_heads"] == doc.user_data["ew_sentence_heads"]


def test_tree_distance_with_precomputed_ancestors_is_the_same(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(STORY)
    for sent in doc.sents:
        for a in sent:
            up = _ancestor_depths(a)
            assert up[a.i] == 0
            for b in sent:
                assert _tree_distance(a, b, up) == _tree_distance(a, b)
        assert _tree_distance(sent.root, sent[0]) >= 1


def _figure(actor: Actor | None) -> Quantity:
    return Quantity(span=Span(start=4, end=9, text="three"), kind="killed", low=3, best=3, high=3,
                    qualifier="at least", actor=actor)


def test_copied_figure_equals_a_deep_copy_and_shares_nothing_mutable() -> None:
    for actor in (None, Actor(text="Russian forces", country="RUS", span=Span(start=0, end=14, text="Russian forces")),
                  Actor(text="the army", sector="MIL")):
        q = _figure(actor)
        copy = _copy(q)
        assert copy == q.model_copy(deep=True) == q
        assert copy.model_dump_json() == q.model_dump_json()
        assert copy.span is not q.span
        if actor is not None:
            assert copy.actor is not q.actor
            assert copy.actor is not None
            if actor.span is not None:
                assert copy.actor.span is not actor.span
        copy.span.text = "four"  # changing the copy leaves the original alone
        assert q.span.text == "three"


def test_pipeline_raises_the_full_collection_threshold_only_while_it_runs() -> None:
    before = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)
        with _fewer_full_collections():
            assert gc.get_threshold() == (YOUNG_COLLECTION_THRESHOLD, MIDDLE_COLLECTION_THRESHOLD,
                                          FULL_COLLECTION_THRESHOLD)
        assert gc.get_threshold() == (700, 10, 10)  # all three generations restored
        gc.set_threshold(before[0], before[1], 1000)  # a caller's higher setting is kept
        with _fewer_full_collections():
            assert gc.get_threshold()[2] == 1000
        try:
            with _fewer_full_collections():
                raise RuntimeError("boom")
        except RuntimeError:
            pass
        assert gc.get_threshold()[2] == 1000
    finally:
        gc.set_threshold(*before)


def test_extract_articles_restores_the_threshold_when_done(nlp) -> None:  # type: ignore[no-untyped-def]
    from eventwire.ingest import make_article
    from eventwire.pipeline import extract_articles

    before = gc.get_threshold()
    article = make_article(STORY, published="2024-05-02")
    out = list(extract_articles([article, article], nlp=nlp))
    assert len(out) == 2 and out[0].events
    assert gc.get_threshold() == before


def test_interleaved_pipeline_runs_restore_the_callers_threshold() -> None:
    before = gc.get_threshold()
    try:
        gc.set_threshold(before[0], before[1], 10)
        first, second = _fewer_full_collections(), _fewer_full_collections()
        first.__enter__()
        second.__enter__()
        assert gc.get_threshold()[2] == FULL_COLLECTION_THRESHOLD
        first.__exit__(None, None, None)  # the first run ends while the second still goes on
        assert gc.get_threshold()[2] == FULL_COLLECTION_THRESHOLD
        second.__exit__(None, None, None)
        assert gc.get_threshold()[2] == 10
    finally:
        gc.set_threshold(*before)
