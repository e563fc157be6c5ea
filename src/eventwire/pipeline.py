"""The one orchestrator: Articles → one batched spaCy pass → assemble → resolve → Extractions."""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from eventwire.assemble import assemble
from eventwire.ingest import make_article
from eventwire.nlp import load_nlp
from eventwire.nlp.layers import TEXT_KEY
from eventwire.records import Article, Extraction
from eventwire.resolve import resolve


def make_doc(nlp: Language, article: Article) -> Doc:
    """A tokenised Doc carrying the article's anchor date and dateline for our components."""
    doc = nlp.make_doc(article.text)
    doc.user_data[TEXT_KEY] = article.text  # read by nlp.layers.doc_text: spaCy rebuilds doc.text per access
    doc._.anchor = article.published
    doc._.body_start = article.body_start
    doc._.dateline = (article.dateline.start, article.dateline.end) if article.dateline else None
    return doc


# Full (generation 2) collections while the pipeline runs: a caller that keeps the Extractions (about
# 1,000 tracked objects a story: models, their dicts and lists) makes each full collection walk all of
# them again, ~1-1.5 ms a story in a 300-story run (docs/scale.md). The records hold no reference
# cycles, so collecting the oldest generation 10x less often frees the same memory, later.
FULL_COLLECTION_THRESHOLD = 100
# The youngest generation likewise: a story allocates ~100,000 short-lived objects (Tokens, Spans,
# payload dicts) that reference counting frees; with Python's default of a collection every 700
# allocations the collector walks them ~150 times a story for nothing. Every 20,000 (and the middle
# generation every 20 of those) measured ~0.4 s less CPU per 300 stories (scripts/bench.py).
YOUNG_COLLECTION_THRESHOLD = 20_000
MIDDLE_COLLECTION_THRESHOLD = 20


_raised: list[int] = []  # the caller's generation-2 threshold, while a pipeline run holds it raised
_runs = [0]  # pipeline runs under way (interleaved generators): the first raises, the last restores


@contextmanager
def _fewer_full_collections() -> Iterator[None]:
    """Raise the garbage collector's thresholds while inside; restore them on exit."""
    if _runs[0] == 0:
        g0, g1, g2 = gc.get_threshold()
        _raised[:] = [g0, g1, g2]
        gc.set_threshold(max(g0, YOUNG_COLLECTION_THRESHOLD), max(g1, MIDDLE_COLLECTION_THRESHOLD),
                         max(g2, FULL_COLLECTION_THRESHOLD))
    _runs[0] += 1
    try:
        yield
    finally:
        _runs[0] -= 1
        if _runs[0] == 0 and _raised:
            gc.set_threshold(*_raised)
            _raised.clear()


def extract_articles(
    articles: Iterable[Article],
    *,
    nlp: Language | None = None,
    batch_size: int = 32,
    doc_ids: Iterable[str] | None = None,
) -> Iterator[Extraction]:
    """Run the whole pipeline over articles, lazily and in input order."""
    nlp = nlp or load_nlp()
    items = list(articles) if not isinstance(articles, list) else articles
    ids = list(doc_ids) if doc_ids is not None else [a.source_id or a.id for a in items]
    docs = (make_doc(nlp, a) for a in items)
    with _fewer_full_collections():
        for article, doc_id, doc in zip(items, ids, nlp.pipe(docs, batch_size=batch_size), strict=True):
            yield resolve(assemble(article, doc, doc_id=doc_id))


def extract(
    text: str,
    published: date | str | None = None,
    *,
    title: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    nlp: Language | None = None,
) -> Extraction:
    """Extract events and every evidence layer from one story.

    >>> doc = extract("KYIV: Russian forces shelled Kharkiv on Monday.", published="2024-08-14")  # doctest: +SKIP
    """
    article = make_article(text, published=published, title=title, url=url, outlet=outlet)
    return next(extract_articles([article], nlp=nlp))
