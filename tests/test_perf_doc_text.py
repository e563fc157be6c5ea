"""The cached Doc text (`nlp.layers.doc_text`) changes no output, only how often spaCy joins tokens."""

from __future__ import annotations

import pickle

import spacy

from eventwire.assemble import assemble
from eventwire.ingest import make_article
from eventwire.nlp.layers import TEXT_KEY, doc_text
from eventwire.pipeline import make_doc
from eventwire.resolve import resolve

STORY = (
    "ODESA, March 3 (Example Wire) - Russian drones struck a port warehouse in Odesa overnight, killing "
    "two workers and injuring more than a dozen, regional governor Oleh Kiper said on Sunday.\n"
    "\"The attack lasted three hours,\" Kiper said. Ukraine's air force said it shot down twenty-five "
    "of thirty-one drones. Moscow said its forces hit military targets, according to the defence ministry."
)


def test_doc_text_fills_and_reuses_the_cache() -> None:
    doc = spacy.blank("en")("Shelling hit  Kharkiv\non Monday .")
    assert TEXT_KEY not in doc.user_data
    assert doc_text(doc) == doc.text
    assert doc.user_data[TEXT_KEY] == doc.text
    doc.user_data[TEXT_KEY] = "sentinel"  # a seeded value is what it returns: no rebuild per call
    assert doc_text(doc) == "sentinel"


def test_cached_text_survives_pickling() -> None:
    doc = spacy.blank("en")("Two soldiers were killed near Bakhmut.")
    doc_text(doc)
    again = pickle.loads(pickle.dumps(doc))
    assert again.user_data[TEXT_KEY] == again.text == doc.text


def test_make_doc_seeds_the_article_text(nlp) -> None:  # type: ignore[no-untyped-def]
    article = make_article(STORY, published="2024-03-03")
    doc = make_doc(nlp, article)
    assert doc.user_data[TEXT_KEY] == doc.text == article.text


def test_output_is_the_same_without_the_cache(nlp) -> None:  # type: ignore[no-untyped-def]
    """Every layer and record, built once with the seeded cache and once with spaCy's own doc.text."""
    article = make_article(STORY, published="2024-03-03")
    seeded = nlp(make_doc(nlp, article))
    plain = make_doc(nlp, article)
    del plain.user_data[TEXT_KEY]  # every component and assembler then reads spaCy's doc.text
    plain = nlp(plain)
    a = resolve(assemble(article, seeded, doc_id="x")).model_dump()
    b = resolve(assemble(article, plain, doc_id="x")).model_dump()
    assert a == b
    assert a["quantities"] and a["quotes"] and a["times"]
