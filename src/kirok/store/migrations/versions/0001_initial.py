"""The first schema: reports, records, evidence, audit, and full-text search.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

from kirok.store import fts

revision = "0001"
down_revision = None


def upgrade() -> None:
    op.create_table(
        "reports",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("sha256", sa.String(64), nullable=False, unique=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("outlet", sa.String(200), index=True),
        sa.Column("url", sa.Text, index=True),
        sa.Column("source", sa.Text),
        sa.Column("format", sa.String(10), nullable=False),
        sa.Column("published", sa.String(10)),
        sa.Column("published_from", sa.String(12), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("captured_at", sa.DateTime, nullable=False),
        sa.Column("previous_id", sa.Integer, sa.ForeignKey("reports.id")),
        sa.Column("flags", sa.Text, nullable=False),
    )
    op.create_table(
        "records",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "report_id", sa.Integer, sa.ForeignKey("reports.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("type", sa.String(30), nullable=False),
        sa.Column("date", sa.String(10)),
        sa.Column("year", sa.Integer),
        sa.Column("province", sa.String(40)),
        sa.Column("locality", sa.String(80)),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("organs", sa.Text, nullable=False),
        sa.Column("offenses", sa.Text, nullable=False),
        sa.Column("victims_count", sa.Integer),
        sa.Column("victim_groups", sa.Text, nullable=False),
        sa.Column("public", sa.Boolean, nullable=False),
        sa.Column("penalties", sa.Text, nullable=False),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("needs_review", sa.Boolean, nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("extractor_version", sa.String(20), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_records_kind_type", "records", ["kind", "type"])
    op.create_index("ix_records_province", "records", ["province"])
    op.create_index("ix_records_year", "records", ["year"])
    op.create_index("ix_records_report", "records", ["report_id"])
    op.create_table(
        "evidence",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "record_id",
            sa.Integer,
            sa.ForeignKey("records.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
    )
    op.create_table(
        "audit",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "record_id",
            sa.Integer,
            sa.ForeignKey("records.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("who", sa.String(100), nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("action", sa.String(12), nullable=False),
        sa.Column("before", sa.Text, nullable=False),
        sa.Column("after", sa.Text, nullable=False),
    )
    fts.create(op.get_bind())


def downgrade() -> None:
    fts.drop(op.get_bind())
    op.drop_table("audit")
    op.drop_table("evidence")
    op.drop_table("records")
    op.drop_table("reports")
