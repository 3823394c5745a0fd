"""Full-text search over reports: the one place that speaks a dialect's own SQL.

SQLite uses an FTS5 table kept beside `reports`; PostgreSQL uses a GIN index over
to_tsvector. Everything else in the store is portable SQLAlchemy.

Both match English word forms: FTS5's porter tokenizer (over unicode61) and PostgreSQL's
`english` configuration stem "executed" and "execute" alike (migration 0003 rebuilt the
indexes of older stores).
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
                "title, text, content='reports', content_rowid='id', tokenize='porter unicode61')"
            )
        )
    elif conn.dialect.name == "postgresql":
        conn.execute(
            text(
                "CREATE INDEX IF NOT EXISTS ix_reports_fts ON reports USING GIN "
                "(to_tsvector('english', coalesce(title,'') || ' ' || text))"
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


# PostgreSQL's parser takes anything like <b> or <script …> in a report for a markup tag,
# and ts_headline puts a space in its place: the snippet would not show the report's own
# words. So its angle brackets go to ts_headline as private-use stand-ins and come back
# afterwards (to be escaped by whoever shows the snippet, as on SQLite).
_TAG_CHARS, _TAG_STAND_INS = "<>", "\ue002\ue003"
_PG_UNTAGGED = "translate(text, :tag_chars, :tag_stand_ins)"
_PG_TAG_PARAMS = {"tag_chars": _TAG_CHARS, "tag_stand_ins": _TAG_STAND_INS}
_RETAG = str.maketrans(_TAG_STAND_INS, _TAG_CHARS)


def _retagged(snippet: object) -> str:
    return str(snippet).translate(_RETAG)


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
                f"SELECT id, title, ts_headline('english', {_PG_UNTAGGED}, "
                "plainto_tsquery('english', :q), "
                "'StartSel=[, StopSel=], MaxWords=16, MinWords=8') FROM reports "
                "WHERE to_tsvector('english', coalesce(title,'') || ' ' || text) "
                "@@ plainto_tsquery('english', :q) LIMIT :n"
            ),
            {"q": query, "n": limit, **_PG_TAG_PARAMS},
        )
        return [Hit(int(r[0]), r[1], _retagged(r[2])) for r in rows]
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
    document = text("to_tsvector('english', coalesce(reports.title,'') || ' ' || reports.text)")
    return cast(
        "Select[Any]",
        select(literal_column("reports.id"))
        .select_from(text("reports"))
        .where(
            text("(" + str(document) + ") @@ plainto_tsquery('english', :pg_q)").bindparams(
                pg_q=query
            )
        ),
    )


# Snippet marks: characters of Unicode's private use area, which report text has no use
# for; the web app escapes the snippet and only then turns them into <mark> tags.
MARK_START, MARK_END = "\ue000", "\ue001"


def snippets(session: Session, query: str, report_ids: list[int]) -> dict[int, str]:
    """A snippet of each listed report around the words `query` matches, the matched words
    between MARK_START and MARK_END; reports it does not match are left out."""
    if not report_ids:
        return {}
    ids = ", ".join(str(int(i)) for i in report_ids)  # ints only: safe to inline
    if session.get_bind().dialect.name == "sqlite":
        match = _fts5_query(query)
        if not match:
            return {}
        found = session.execute(
            text(
                f"SELECT rowid, snippet(reports_fts, 1, '{MARK_START}', '{MARK_END}', ' … ', 24) "
                f"FROM reports_fts WHERE reports_fts MATCH :q AND rowid IN ({ids})"
            ),
            {"q": match},
        )
        rows = [(rid, str(snippet)) for rid, snippet in found]
    else:
        found = session.execute(
            text(
                f"SELECT id, ts_headline('english', {_PG_UNTAGGED}, "
                "plainto_tsquery('english', :q), "
                f"'StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=24, MinWords=10') "
                f"FROM reports WHERE id IN ({ids})"
            ),
            {"q": query, **_PG_TAG_PARAMS},
        )
        rows = [(rid, _retagged(snippet)) for rid, snippet in found]
    return {int(rid): snippet for rid, snippet in rows if MARK_START in snippet}
