"""Captures: every fetch of a page, and which stored version of it is current.

A page can go back to an earlier version's bytes (A → B → A); that is no new report (the
bytes are stored already) but a capture of the old one, and the page's current version is
the one whose bytes were fetched last. `reports.superseded` holds that answer so that every
listing, count and export can leave out old versions without a query over the captures.

Existing stores: each report with a URL gets the one capture it had (its capture time), and
a report some newer version names as its previous one is superseded, as before.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"


def upgrade() -> None:
    op.create_table(
        "captures",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "report_id", sa.Integer,
            sa.ForeignKey("reports.id", ondelete="CASCADE"), nullable=False, index=True,
        ),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("fetched_at", sa.DateTime, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
    )
    op.create_index("ix_captures_url_fetched", "captures", ["url", "fetched_at"])
    op.add_column(
        "reports",
        sa.Column("superseded", sa.Boolean, nullable=False, server_default=sa.false()),
    )
    op.create_index("ix_reports_superseded", "reports", ["superseded"])
    op.execute(
        "INSERT INTO captures (report_id, url, fetched_at, sha256) "
        "SELECT id, url, captured_at, sha256 FROM reports WHERE url IS NOT NULL ORDER BY id"
    )
    op.execute(
        "UPDATE reports SET superseded = true WHERE id IN "
        "(SELECT previous_id FROM reports WHERE previous_id IS NOT NULL)"
    )


def downgrade() -> None:
    op.drop_index("ix_reports_superseded", "reports")
    with op.batch_alter_table("reports") as batch:
        batch.drop_column("superseded")
    op.drop_table("captures")
