"""Indexes for the web app's facets, map and timeline on large stores.

Every page filters on `kind` and then groups by one facet column; an index on
(kind, column) lets SQLite answer from the index alone, in order, without touching the
table or sorting — the difference between ~100 ms and a few ms per facet at 50,000 records.

Revision ID: 0002
Revises: 0001
"""

from alembic import op

revision = "0002"
down_revision = "0001"

INDEXES = {
    "ix_records_kind_province": ["kind", "province"],
    "ix_records_kind_locality": ["kind", "locality"],
    "ix_records_kind_year": ["kind", "year"],
    "ix_records_kind_status": ["kind", "status"],
    "ix_records_kind_organs": ["kind", "organs"],
    "ix_records_kind_offenses": ["kind", "offenses"],
    "ix_records_kind_victim_groups": ["kind", "victim_groups"],
    "ix_records_kind_report": ["kind", "report_id"],
    "ix_records_kind_date": ["kind", "date", "id"],
    "ix_records_kind_confidence": ["kind", "confidence", "id"],
    # Covering indexes: the map and the timeline read only these columns.
    "ix_records_kind_place": ["kind", "lat", "lon", "province", "locality", "victims_count"],
    "ix_records_kind_month": ["kind", "date", "type", "province"],
}


def upgrade() -> None:
    for name, columns in INDEXES.items():
        op.create_index(name, "records", columns)


def downgrade() -> None:
    for name in INDEXES:
        op.drop_index(name, table_name="records")
