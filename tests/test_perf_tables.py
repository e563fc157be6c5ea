"""The table attribute ruler and the lemma table set exactly what the model's AttributeRuler and
lemmatizer set; `doc_tokens` lists the Doc's live tokens and `token_sent` its sentences once per story."""

from __future__ import annotations

import pickle

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc

from eventwire.batch.synthetic import generate
from eventwire.config import spacy_model
from eventwire.nlp.attribute_table import AttributeTable, use_attribute_table
from eventwire.nlp.layers import doc_tokens, token_sent
from eventwire.nlp.lemma_table import LemmaTable, use_lemma_table

# Our own sentences, picked for the ruler's special words and shapes: possessives, "'s", contractions,
# "gonna"/"gotta"/"let's"/"y'all", expletive "there is", auxiliaries, determiners as pronouns, spaces.
EDGE_TEXTS = [
    "His unit said it ain't gonna hold the line, and they gotta pull back; let's see, y'all.",
    "There is shelling near Kupiansk.  There were  two strikes\n\non Sunday, and that was all.",
    "Which brigade's drones hit those depots? That is what the governor's office wouldn't say.",
    "C'mon, nothin' has changed: she's got her own view, isn't it? Ya'll know we've been here.",
    "The army's 93rd Brigade has been fighting; it had been shelled, and will be again.",
    "Russian forces were shelling the villages; the shelled towns had been struck twice.",
    "He's gonna say the brigades' best-known commanders lied, and she'd agreed.",
    "Drones STRUCK Kharkiv.  Rockets hit Odesa\n\nand mines were laid.",
    "",
    " \n ",
]


@pytest.fixture(scope="module")
def pair() -> tuple[spacy.Language, spacy.Language]:
    original = spacy.load(spacy_model())
    table = spacy.load(spacy_model())
    assert use_attribute_table(table) and use_lemma_table(table)
    return original, table


def _attrs(doc: Doc) -> list[tuple[str, str, str, str, str]]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_) for t in doc]


def test_the_table_replaces_the_ruler_in_place(pair: tuple[spacy.Language, spacy.Language]) -> None:
    original, table = pair
    assert table.pipe_names == original.pipe_names
    assert isinstance(table.get_pipe("attribute_ruler"), AttributeTable)
    assert isinstance(original.get_pipe("attribute_ruler"), AttributeRuler)
    assert not use_attribute_table(spacy.blank("en"))  # no ruler: nothing to swap
    assert isinstance(table.get_pipe("lemmatizer"), LemmaTable)
    assert isinstance(original.get_pipe("lemmatizer"), Lemmatizer)
    assert not use_lemma_table(spacy.blank("en"))  # no lemmatizer: nothing to swap
    with pytest.raises(ValueError, match="no lemmatizer"):
        LemmaTable()(spacy.blank("en")("a b"))


def test_same_attributes_as_the_model_ruler(pair: tuple[spacy.Language, spacy.Language]) -> None:
    original, table = pair
    texts = EDGE_TEXTS + [r["text"] for r in generate(40, seed=11)]
    differing = [(a, b) for da, db in zip(original.pipe(texts), table.pipe(texts), strict=True)
                 for a, b in zip(_attrs(da), _attrs(db), strict=True) if a != b]
    assert differing == []
    doc = table("I ain't gonna say, y'all. There is a drone.")
    by_text = {t.text.lower(): t for t in doc}
    assert by_text["gon"].lemma_ == "go" and by_text["na"].lemma_ == "to"  # a two-token rule, index 1
    assert by_text["is"].pos_ == "VERB"  # "There is": the expletive rule
    doc = table("They were shelling the towns.")
    assert [t.lemma_ for t in doc] == ["they", "be", "shell", "the", "town", "."]


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(
    ["his", "her", "'s", "is", "there", "gon", "na", "got", "ta", "let", "y'", "all", "that", "which",
     "drones", "struck", "Kharkiv", ",", ".", "  ", "\n", "ai", "n't", "nothin'", "the", "were", "strikes",
     "shelled", "better", "best", "fled", "children", "men", "went", "He", "THEM"]),
    min_size=1, max_size=30))
def test_same_attributes_on_any_word_salad(pair: tuple[spacy.Language, spacy.Language], words: list[str]) -> None:
    original, table = pair
    text = " ".join(words)
    assert _attrs(table(text)) == _attrs(original(text))


def test_doc_tokens_are_the_docs_live_tokens() -> None:
    nlp = spacy.blank("en")
    doc = nlp("Drones hit Odesa overnight .")
    toks = doc_tokens(doc)
    assert [t.text for t in toks] == [t.text for t in doc]
    assert doc_tokens(doc) is toks  # listed once
    doc[2].tag_ = "NNP"  # a later annotation shows through the same Token objects
    assert toks[2].tag_ == "NNP"
    other = nlp("Shelling near Kupiansk .")
    assert [t.text for t in doc_tokens(other)] == ["Shelling", "near", "Kupiansk", "."]
    assert doc_tokens(doc) is toks  # still cached after another Doc
    pickle.dumps(doc)  # the cache lives outside the Doc: it stays picklable


@given(st.lists(st.lists(st.sampled_from(["Drones", "hit", "Odesa", "and", "Kharkiv", ",", "officials", "said"]),
                         min_size=1, max_size=8), min_size=1, max_size=6))
@settings(max_examples=60, deadline=None)
def test_token_sent_is_the_tokens_sentence(sentences: list[list[str]]) -> None:
    words = [w for s in sentences for w in s]
    starts: list[bool | int | None] = [i == 0 for i in range(len(words))]
    k = 0
    for s in sentences:
        starts[k] = True
        if k + len(s) < len(words):
            starts[k + len(s)] = True
        k += len(s)
    doc = Doc(spacy.blank("en").vocab, words=words, sent_starts=starts)
    for i in range(len(doc)):
        assert token_sent(doc, i) == doc[i].sent
    other = Doc(doc.vocab, words=["Shelling", "near", "Kupiansk", "."], sent_starts=[True, False, False, False])
    assert token_sent(other, 3) == other[3].sent
    assert token_sent(doc, len(doc) - 1) == doc[len(doc) - 1].sent  # still right after another Doc
