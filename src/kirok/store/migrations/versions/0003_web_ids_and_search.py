"""Record ids are never reused, and full-text search matches English word forms.

Search: the FTS5 table (SQLite) is rebuilt with the porter tokenizer and the GIN index
(PostgreSQL) over the `english` configuration, so "execute" finds "executed" (fts.py).

Ids: the records table becomes AUTOINCREMENT on SQLite.

Without AUTOINCREMENT SQLite gives a new row the largest id + 1, so deleting the newest
record (re-extraction removes records the extractor no longer finds) frees its id for the
next one, and a link citing /records/N would silently point at another record. PostgreSQL
ids come from a sequence, which never goes back: nothing to do there.

SQLite cannot add AUTOINCREMENT to a table, so records is rebuilt with its tables' own
DDL. Foreign keys are on (and cannot be switched off inside the migration's transaction),
and dropping a table deletes its rows first, which would cascade into evidence and audit:
so evidence and audit are rebuilt too, pointing at the new records table, and the old
tables go children first, when nothing refers to the old records any more. Renaming the
new tables rewrites the references (SQLite >= 3.26).

Revision ID: 0003
Revises: 0002
"""

import re

from alembic import op

from kirok.store import fts

revision = "0003"
down_revision = "0002"

TABLES = ("records", "evidence", "audit")


def _ddl(name: str) -> tuple[str, list[str]]:
    conn = op.get_bind()
    table = conn.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)
    ).scalar_one()
    indexes = conn.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
        (name,),
    ).scalars()
    return str(table), [str(sql) for sql in indexes]


def _renamed(sql: str, name: str) -> str:
    """`CREATE TABLE name (...)` as `name_v3`, its references to records as records_v3."""
    sql = re.sub(rf"^CREATE TABLE \"?{name}\"?", f"CREATE TABLE {name}_v3", sql)
    return re.sub(r"REFERENCES \"?records\"?\s*\(", "REFERENCES records_v3 (", sql)


def upgrade() -> None:
    _search_by_word_forms()
    if op.get_bind().dialect.name != "sqlite":
        return
    records_sql, _ = _ddl("records")
    if "AUTOINCREMENT" in records_sql.upper():
        return
    saved = {name: _ddl(name) for name in TABLES}
    # "id INTEGER NOT NULL, ... PRIMARY KEY (id)" → "id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT"
    sql = re.sub(r"\bid INTEGER NOT NULL,", "id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,",
                 records_sql, count=1)
    sql = re.sub(r",\s*PRIMARY KEY \(id\)", "", sql, count=1)
    if "AUTOINCREMENT" not in sql or "PRIMARY KEY (id)" in sql:
        raise RuntimeError(f"unexpected records table definition: {records_sql}")
    op.execute(_renamed(sql, "records"))
    for name in ("evidence", "audit"):
        op.execute(_renamed(saved[name][0], name))
    for name in TABLES:
        op.execute(f"INSERT INTO {name}_v3 SELECT * FROM {name}")
    for name in ("evidence", "audit", "records"):  # children first: no cascade reaches a row
        op.execute(f"DROP TABLE {name}")
    for name in TABLES:
        op.execute(f"ALTER TABLE {name}_v3 RENAME TO {name}")
    for name in TABLES:
        for index_sql in saved[name][1]:
            op.execute(index_sql)


def _search_by_word_forms() -> None:
    conn = op.get_bind()
    fts.drop(conn)
    fts.create(conn)
    if conn.dialect.name == "sqlite":
        # An external-content table: 'rebuild' reads every report again.
        op.execute("INSERT INTO reports_fts(reports_fts) VALUES ('rebuild')")


def downgrade() -> None:
    # AUTOINCREMENT only changes how new ids are chosen; older Kirok reads the table as is.
    pass
