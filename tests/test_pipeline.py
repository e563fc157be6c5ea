"""The orchestrator and the shared nlp plumbing: sentence bounds, dateline, model reuse."""

from __future__ import annotations

from typing import Any

import eventwire
from eventwire.ingest import make_article
from eventwire.nlp import load_nlp
from eventwire.pipeline import extract_articles, make_doc


def test_dateline_and_line_breaks_bound_sentences(nlp: Any) -> None:
    article = make_article("ODESA: Drones struck the port on Monday, the governor said.\nTitle-like line\nAnother one.")
    doc = nlp(make_doc(nlp, article))
    starts = [s.start_char for s in doc.sents]
    assert article.body_start in starts
    assert all(s.text.strip() != "" for s in doc.sents)
    assert doc.text.index("Title-like") in starts and doc.text.index("Another") in starts


def test_dateline_place_is_never_the_speaker(nlp: Any) -> None:
    text = ("BELGOROD: A drone struck an oil depot near the city early on Thursday, starting a fire, "
            "the regional governor said.")
    x = eventwire.extract(text, published="2024-09-12", nlp=nlp)
    sources = [r.source.text for r in x.attributions if r.source] + [
        e.attribution.source.text for e in x.events if e.attribution.source]
    assert sources and all("BELGOROD" not in s for s in sources)
    assert any("governor" in s for s in sources)


def test_model_loads_once() -> None:
    assert load_nlp() is load_nlp()


def test_extract_articles_keeps_order_and_ids(nlp: Any) -> None:
    arts = [make_article(f"Police detained {n} protesters in the capital on Friday.", published="2024-05-03",
                         source_id=f"doc-{n}") for n in (3, 5, 7)]
    out = list(extract_articles(arts, nlp=nlp, batch_size=2))
    assert [x.id for x in out] == ["doc-3", "doc-5", "doc-7"]
    assert [x.article.id for x in out] == [a.id for a in arts]
