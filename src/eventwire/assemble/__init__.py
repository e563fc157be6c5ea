"""assemble: the only stage that reads spaCy objects; it writes eventwire records.

`assemble(article, doc)` gathers every layer into an `Extraction` whose places are not yet
geocoded and whose events are not yet linked to places, dates, actors, figures and claims:
that is `eventwire.resolve`'s job.
"""

from __future__ import annotations

from spacy.tokens import Doc

from eventwire.assemble.events import events_from_doc
from eventwire.assemble.places import places_from_doc
from eventwire.assemble.quantities import quantities_from_doc
from eventwire.assemble.quotes import quotes_from_doc
from eventwire.assemble.times import times_from_doc
from eventwire.records import Article, Extraction


def assemble(article: Article, doc: Doc, doc_id: str | None = None) -> Extraction:
    quotes, relations, claims = quotes_from_doc(doc)
    return Extraction(
        id=doc_id or article.source_id or article.id,
        article=article,
        times=times_from_doc(doc),
        places=places_from_doc(doc),
        quantities=quantities_from_doc(doc),
        quotes=quotes,
        attributions=relations,
        claims=claims,
        events=events_from_doc(article, doc),
    )


__all__ = ["assemble"]
