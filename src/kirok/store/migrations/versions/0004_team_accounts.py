"""A team's store: accounts, API tokens, a server secret, and restricted material.

Accounts and tokens live in the store itself so that every `kirok serve` process on one
PostgreSQL database agrees on who may do what; the secret that signs login cookies lives
there too, so a restart or a second worker does not log everyone out. `restricted` marks
records and reports the team keeps out of every public edition.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(100), nullable=False, unique=True),
        sa.Column("role", sa.String(10), nullable=False),
        sa.Column("password_hash", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "tokens",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("label", sa.String(100), nullable=False),
        sa.Column("role", sa.String(10), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("user_id", "label", name="uq_tokens_user_label"),
    )
    op.create_table(
        "settings",
        sa.Column("key", sa.String(50), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    for table in ("reports", "records"):
        op.add_column(
            table,
            sa.Column("restricted", sa.Boolean, nullable=False, server_default=sa.false()),
        )


def downgrade() -> None:
    for table in ("records", "reports"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("restricted")
    op.drop_table("settings")
    op.drop_table("tokens")
    op.drop_table("users")
