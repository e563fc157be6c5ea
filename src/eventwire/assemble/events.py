"""Trigger layer → `Event` records with their sentence, trigger and evidence spans."""

from __future__ import annotations

from spacy.tokens import Doc

from eventwire.records import Article, Event


def events_from_doc(article: Article, doc: Doc) -> list[Event]:
    return []
