"""store: the only stage that writes to the database (SQLite or PostgreSQL, same schema)."""

from eventwire.store.filters import EventFilter
from eventwire.store.store import Store, store_url

__all__ = ["EventFilter", "Store", "store_url"]
