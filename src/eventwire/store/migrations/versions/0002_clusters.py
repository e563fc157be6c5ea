"""Merged events: `clusters` (one row per real-world event) and `cluster_members` (its mentions).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = ("clusters",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "clusters",
        sa.Column("id", sa.String(64), primary_key=True),
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
        sa.Column("fatalities_best", sa.Integer),
        sa.Column("fatalities_high", sa.Integer),
        sa.Column("status", sa.String(16)),
        sa.Column("modality", sa.String(16)),
        sa.Column("is_primary", sa.Boolean),
        sa.Column("confidence", sa.Float),
        sa.Column("evidence", sa.Text),
        sa.Column("n_mentions", sa.Integer, nullable=False, server_default="0"),
        sa.Column("n_sources", sa.Integer, nullable=False, server_default="0"),
        sa.Column("record", sa.JSON, nullable=False),
        sa.Column("detail", sa.JSON, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_clusters_type_date", "clusters", ["event_type", "date_start"])
    op.create_table(
        "cluster_members",
        sa.Column("event_id", sa.String(64), sa.ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("cluster_id", sa.String(64), sa.ForeignKey("clusters.id", ondelete="CASCADE"),
                  nullable=False, index=True),
        sa.Column("article_id", sa.String(64), nullable=False, index=True),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("matched_event_id", sa.String(64)),
        sa.Column("score", sa.Float),
        sa.Column("features", sa.JSON),
    )


def downgrade() -> None:
    op.drop_table("cluster_members")
    op.drop_index("ix_clusters_type_date", table_name="clusters")
    op.drop_table("clusters")
