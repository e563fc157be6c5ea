"""The store's tables (SQLAlchemy Core), the same on SQLite and PostgreSQL.

Each table keeps the filterable fields as columns and the whole record as JSON, so a query
returns exactly the record that was stored. Alembic migrations (store/migrations) create them.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()


def _filter_columns() -> list[Column[Any]]:
    """The filterable columns shared by event mentions (`events`) and merged events (`clusters`);
    new Column objects each call, since a Column belongs to one table."""
    return [
        Column("event_type", String(64), index=True),
        Column("sub_event_type", String(64)),
        Column("plover_type", String(32)),
        Column("plover_mode", String(32)),
        Column("country_code", String(3), index=True),
        Column("admin1", String(128)),
        Column("location", String(256)),
        Column("geonameid", Integer),
        Column("lat", Float),
        Column("lon", Float),
        Column("geo_precision", Integer),
        Column("date_start", Date, index=True),
        Column("date_end", Date),
        Column("time_precision", String(16)),
        Column("date_basis", String(16)),
        Column("actor1", String(256)),
        Column("actor1_country", String(8)),
        Column("actor2", String(256)),
        Column("actor2_country", String(8)),
        Column("fatalities", Integer),
        Column("status", String(16)),
        Column("modality", String(16)),
        Column("is_primary", Boolean),
        Column("confidence", Float),
        Column("evidence", Text),
    ]


articles = Table(
    "articles",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("source_id", String(256)),
    Column("url", Text),
    Column("title", Text),
    Column("outlet", String(256)),
    Column("published", Date, index=True),
    Column("anchor_source", String(16)),
    Column("language", String(8)),
    Column("text", Text, nullable=False),
    Column("extraction", JSON, nullable=False),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
)

events = Table(
    "events",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    *_filter_columns(),
    Column("record", JSON, nullable=False),
)

places = Table(
    "places",
    metadata,
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("idx", Integer, primary_key=True),
    Column("name", String(256)),
    Column("geonameid", Integer, index=True),
    Column("lat", Float),
    Column("lon", Float),
    Column("country_code", String(3)),
    Column("admin1_name", String(128)),
    Column("record", JSON, nullable=False),
)

quotes = Table(
    "quotes",
    metadata,
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("id", String(64), primary_key=True),
    Column("speaker", String(256)),
    Column("text", Text),
    Column("record", JSON, nullable=False),
)

claims = Table(
    "claims",
    metadata,
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("id", String(64), primary_key=True),
    Column("claimant", String(256)),
    Column("status", String(16)),
    Column("record", JSON, nullable=False),
)

Index("ix_events_type_date", events.c.event_type, events.c.date_start)

# Merged events (migration 0002): the same filterable columns as `events`, the merged record, and
# the detail behind it (mentions with their merge scores, sources, per-source figures, claims).
clusters = Table(
    "clusters",
    metadata,
    Column("id", String(64), primary_key=True),
    *_filter_columns(),
    Column("fatalities_best", Integer),
    Column("fatalities_high", Integer),
    Column("n_mentions", Integer, nullable=False, server_default="0"),
    Column("n_sources", Integer, nullable=False, server_default="0"),
    Column("record", JSON, nullable=False),
    Column("detail", JSON, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

Index("ix_clusters_type_date", clusters.c.event_type, clusters.c.date_start)

cluster_members = Table(
    "cluster_members",
    metadata,
    Column("event_id", String(64), ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("cluster_id", String(64), ForeignKey("clusters.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("article_id", String(64), nullable=False, index=True),
    Column("position", Integer, nullable=False),
    Column("matched_event_id", String(64)),
    Column("score", Float),
    Column("features", JSON),
)
