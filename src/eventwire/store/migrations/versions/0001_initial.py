"""The initial store: articles, events, places, quotes, claims.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("source_id", sa.String(256)),
        sa.Column("url", sa.Text),
        sa.Column("title", sa.Text),
        sa.Column("outlet", sa.String(256)),
        sa.Column("published", sa.Date, index=True),
        sa.Column("anchor_source", sa.String(16)),
        sa.Column("language", sa.String(8)),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("extraction", sa.JSON, nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("article_id", sa.String(64), sa.ForeignKey("articles.id", ondelete="CASCADE"),
                  nullable=False, index=True),
        sa.Column("event_type", sa.String(64), index=True),
        sa.Column("sub_event_type", sa.String(64)),
        sa.Column("plover_type", sa.String(32)),
        sa.Column("plover_mode", sa.String(32)),
        sa.Column("country_code", sa.String(3), index=True),
        sa.Column("admin1", sa.String(128)),
        sa.Column("location", sa.String(256)),
        sa.Column("geonameid", sa.Integer),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("geo_precision", sa.Integer),
        sa.Column("date_start", sa.Date, index=True),
        sa.Column("date_end", sa.Date),
        sa.Column("time_precision", sa.String(16)),
        sa.Column("date_basis", sa.String(16)),
        sa.Column("actor1", sa.String(256)),
        sa.Column("actor1_country", sa.String(8)),
        sa.Column("actor2", sa.String(256)),
        sa.Column("actor2_country", sa.String(8)),
        sa.Column("fatalities", sa.Integer),
        sa.Column("status", sa.String(16)),
        sa.Column("modality", sa.String(16)),
        sa.Column("is_primary", sa.Boolean),
        sa.Column("confidence", sa.Float),
        sa.Column("evidence", sa.Text),
        sa.Column("record", sa.JSON, nullable=False),
    )
    op.create_index("ix_events_type_date", "events", ["event_type", "date_start"])
    op.create_table(
        "places",
        sa.Column("article_id", sa.String(64), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("idx", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(256)),
        sa.Column("geonameid", sa.Integer, index=True),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("country_code", sa.String(3)),
        sa.Column("admin1_name", sa.String(128)),
        sa.Column("record", sa.JSON, nullable=False),
    )
    op.create_table(
        "quotes",
        sa.Column("article_id", sa.String(64), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("speaker", sa.String(256)),
        sa.Column("text", sa.Text),
        sa.Column("record", sa.JSON, nullable=False),
    )
    op.create_table(
        "claims",
        sa.Column("article_id", sa.String(64), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("claimant", sa.String(256)),
        sa.Column("status", sa.String(16)),
        sa.Column("record", sa.JSON, nullable=False),
    )


def downgrade() -> None:
    for table in ("claims", "quotes", "places", "events", "articles"):
        op.drop_table(table)
