"""Feed monitor state (feeds, feed items) and the batch manifest of finished partitions.

Revision ID: 0003_feeds
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_feeds"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "feeds",
        sa.Column("url", sa.String(1024), primary_key=True),
        sa.Column("etag", sa.Text),
        sa.Column("last_modified", sa.Text),
        sa.Column("title", sa.Text),
        sa.Column("last_polled", sa.DateTime(timezone=True)),
        sa.Column("last_ok", sa.DateTime(timezone=True)),
        sa.Column("last_status", sa.Integer),
        sa.Column("error", sa.Text),
        sa.Column("polls", sa.Integer, nullable=False, server_default="0"),
    )
    op.create_table(
        "feed_items",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("feed_url", sa.String(1024), nullable=False, index=True),
        sa.Column("guid", sa.Text),
        sa.Column("link", sa.Text),
        sa.Column("title", sa.Text),
        sa.Column("published", sa.Date),
        sa.Column("state", sa.String(16), nullable=False, index=True),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("error", sa.Text),
        sa.Column("article_id", sa.String(64), index=True),
        sa.Column("article", sa.JSON),
        sa.Column("first_seen", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "batch_partitions",
        sa.Column("partition_id", sa.String(128), primary_key=True),
        sa.Column("records", sa.Integer, nullable=False),
        sa.Column("extracted", sa.Integer, nullable=False),
        sa.Column("events", sa.Integer, nullable=False),
        sa.Column("errors", sa.JSON),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    for table in ("batch_partitions", "feed_items", "feeds"):
        op.drop_table(table)
