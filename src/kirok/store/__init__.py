"""The record's store: SQLAlchemy tables, Alembic migrations and the queries everything shares."""

from kirok.store.db import Database, as_url, default_url
from kirok.store.queries import RecordQuery

__all__ = ["Database", "RecordQuery", "as_url", "default_url"]
