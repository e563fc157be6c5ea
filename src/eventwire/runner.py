"""Run the pipeline over an input location (file, URL, stdin) and optionally store the results.

This is the library function behind `eventwire extract`: the CLI only parses options and prints.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from spacy.language import Language

from eventwire.errors import InputError
from eventwire.ingest import InputFormat, Result, read_documents
from eventwire.nlp import load_nlp
from eventwire.pipeline import extract_articles
from eventwire.records import Extraction
from eventwire.store import Store


@dataclass
class Outcome:
    """One input document's result: its extraction, or the error that kept it out."""

    doc_id: str
    extraction: Extraction | None = None
    error: InputError | None = None


def extract_location(
    location: str,
    *,
    input_format: InputFormat | None = None,
    published: date | str | None = None,
    store: Store | None = None,
    nlp: Language | None = None,
    batch_size: int = 32,
) -> Iterator[Outcome]:
    """Extract every document at `location`, in input order, storing each good one if `store` is given.

    Whole-input problems raise InputError; a bad document is yielded as an Outcome with its error.
    """
    results: list[Result] = list(read_documents(location, input_format, published))
    good = [r for r in results if r.article is not None]
    nlp = nlp or load_nlp()
    extractions = extract_articles(
        [r.article for r in good if r.article], nlp=nlp, batch_size=batch_size, doc_ids=[r.doc_id for r in good]
    )
    by_pos = iter(extractions)
    for r in results:
        if r.article is None:
            yield Outcome(doc_id=r.doc_id, error=r.error)
            continue
        x = next(by_pos)
        if store is not None:
            store.write(x)
        yield Outcome(doc_id=r.doc_id, extraction=x)
