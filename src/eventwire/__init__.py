"""eventwire: war and conflict reporting to an evidence-backed event dataset.

    >>> import eventwire
    >>> doc = eventwire.extract(text, published="2024-08-14")   # doctest: +SKIP
    >>> doc.events[0].acled.sub_event_type                       # doctest: +SKIP
"""

from eventwire._version import __version__
from eventwire.pipeline import extract, extract_articles
from eventwire.records import SCHEMA_VERSION, Article, Event, Extraction

__all__ = ["SCHEMA_VERSION", "Article", "Event", "Extraction", "__version__", "extract", "extract_articles"]
