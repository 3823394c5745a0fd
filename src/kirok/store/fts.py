"""Full-text search over reports: the one place that speaks a dialect's own SQL.

SQLite uses an FTS5 table kept beside `reports`; PostgreSQL uses a GIN index over
to_tsvector. Everything else in the store is portable SQLAlchemy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Select, literal_column, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session


@dataclass(frozen=True)
class Hit:
    report_id: int
    title: str | None
    snippet: str


def create(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":
        conn.execute(
            text(
                "CREATE VIRTUAL TABLE IF NOT EXISTS reports_fts USING fts5("
                "title, text, content='reports', content_rowid='id', tokenize='unicode61')"
            )
        )
    elif conn.dialect.name == "postgresql":
        conn.execute(
            text(
                "CREATE INDEX IF NOT EXISTS ix_reports_fts ON reports USING GIN "
                "(to_tsvector('simple', coalesce(title,'') || ' ' || text))"
            )
        )


def drop(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":
        conn.execute(text("DROP TABLE IF EXISTS reports_fts"))
    elif conn.dialect.name == "postgresql":
        conn.execute(text("DROP INDEX IF EXISTS ix_reports_fts"))


def index_report(session: Session, report_id: int, title: str | None, body: str) -> None:
    if session.get_bind().dialect.name == "sqlite":
        session.execute(
            text("INSERT INTO reports_fts(rowid, title, text) VALUES (:id, :title, :text)"),
            {"id": report_id, "title": title or "", "text": body},
        )


def unindex_report(session: Session, report_id: int, title: str | None, body: str) -> None:
    if session.get_bind().dialect.name == "sqlite":
        session.execute(
            text(
                "INSERT INTO reports_fts(reports_fts, rowid, title, text) "
                "VALUES ('delete', :id, :title, :text)"
            ),
            {"id": report_id, "title": title or "", "text": body},
        )


def _fts5_query(query: str) -> str:
    """Quote each word so user input cannot inject FTS5 syntax; a quoted phrase stays a phrase."""
    phrases = re.findall(r'"([^"]+)"', query)
    rest = re.sub(r'"[^"]+"', " ", query)
    words = re.findall(r"\w+", rest)
    parts = ['"' + p.replace('"', "") + '"' for p in phrases]
    parts += ['"' + w + '"' for w in words]
    return " ".join(parts)


def search(session: Session, query: str, limit: int = 20) -> list[Hit]:
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        match = _fts5_query(query)
        if not match:
            return []
        rows = session.execute(
            text(
                "SELECT rowid, title, snippet(reports_fts, 1, '[', ']', ' … ', 16) "
                "FROM reports_fts WHERE reports_fts MATCH :q ORDER BY rank LIMIT :n"
            ),
            {"q": match, "n": limit},
        )
    else:
        rows = session.execute(
            text(
                "SELECT id, title, ts_headline('simple', text, plainto_tsquery('simple', :q), "
                "'StartSel=[, StopSel=], MaxWords=16, MinWords=8') FROM reports "
                "WHERE to_tsvector('simple', coalesce(title,'') || ' ' || text) "
                "@@ plainto_tsquery('simple', :q) LIMIT :n"
            ),
            {"q": query, "n": limit},
        )
    return [Hit(int(r[0]), r[1], r[2]) for r in rows]


def report_ids_matching(session: Session, query: str) -> Select[Any] | None:
    """A sub-select of the ids of the reports that match `query`, for use in a filter (a
    list of every matching id bound as parameters is slow when thousands match); None
    when the query holds no word to search for."""
    if session.get_bind().dialect.name == "sqlite":
        match = _fts5_query(query)
        if not match:
            return None
        return cast(
            "Select[Any]",
            select(literal_column("rowid"))
            .select_from(text("reports_fts"))
            .where(text("reports_fts MATCH :fts_q").bindparams(fts_q=match)),
        )
    if not re.search(r"\w", query):
        return None
    document = text("to_tsvector('simple', coalesce(reports.title,'') || ' ' || reports.text)")
    return cast(
        "Select[Any]",
        select(literal_column("reports.id"))
        .select_from(text("reports"))
        .where(
            text("(" + str(document) + ") @@ plainto_tsquery('simple', :pg_q)").bindparams(
                pg_q=query
            )
        ),
    )
