"""Record queries the web app needs beyond the store's: filtering that stays fast on a
large store, and the record page's list. Aggregates (facets, map, timeline) build on
`filtered` in kirok.web.aggregates, so every page and API endpoint agrees on a query.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, cast

from sqlalchemy import Select, Text, func, literal_column, or_, select, text, type_coerce
from sqlalchemy.orm import Session, selectinload

from kirok import codebook
from kirok.store import fts, queries
from kirok.store.queries import ORDERS, RecordQuery
from kirok.store.schema import Record, Report

TAG_COLUMNS = {
    "organ": Record.organs,
    "offense": Record.offenses,
    "victim_group": Record.victim_groups,
}


def filtered(session: Session, query: RecordQuery, stmt: Select[Any]) -> Select[Any]:
    """The store's filters (`queries._filtered`) with two differences:

    - tag-list filters (organ, offence, victim group) match the stored "|a|b|" text itself;
      the store passes its LIKE pattern through the TagList type, which mangles it;
    - on SQLite, full-text search is a sub-select on the FTS table instead of a list of
      every matching report id bound as parameters, which is slow when many reports match.
    """
    sqlite_search = bool(query.q) and session.get_bind().dialect.name == "sqlite"
    rest = replace(query, organ=None, offense=None, victim_group=None)
    if sqlite_search:
        rest = replace(rest, q=None)
    stmt = queries._filtered(session, rest, stmt)
    for name, column in TAG_COLUMNS.items():
        value = getattr(query, name)
        if value:
            stmt = stmt.where(type_coerce(column, Text).contains(f"|{value}|", autoescape=True))
    if sqlite_search and query.q:
        stmt = stmt.where(_search_clause(query.q))
    return stmt


def _search_clause(q: str) -> Any:
    match = fts._fts5_query(q)
    if not match:
        return Record.type == q.strip()
    hits: Select[Any] = cast(
        "Select[Any]",
        select(literal_column("rowid"))
        .select_from(text("reports_fts"))
        .where(text("reports_fts MATCH :fts_q").bindparams(fts_q=match)),
    )
    in_reports = Record.report_id.in_(hits)
    # The store also matches a type name typed into the search box; the OR stops SQLite
    # from using an index, so it is added only when the words are a type's name.
    if q.strip() in (*codebook.INCIDENT_TYPES, *codebook.MEASURE_TYPES):
        return or_(in_reports, Record.type == q.strip())
    return in_reports


def select_records(
    session: Session, query: RecordQuery, order: str, limit: int, offset: int
) -> list[Record]:
    """`queries.select_records` over `filtered`."""
    stmt = filtered(session, query, select(Record)).options(
        selectinload(Record.evidence),
        selectinload(Record.report).load_only(
            Report.id, Report.url, Report.outlet, Report.published, Report.title
        ),
    )
    stmt = stmt.order_by(*ORDERS.get(order, ORDERS["date"])).offset(offset).limit(limit)
    return list(session.scalars(stmt))


def count_records(session: Session, query: RecordQuery) -> int:
    return int(session.scalar(filtered(session, query, select(func.count(Record.id)))) or 0)


def record_counts(session: Session, report_ids: list[int]) -> dict[int, int]:
    """How many records each listed report holds, in one query for the whole page."""
    if not report_ids:
        return {}
    stmt = (
        select(Record.report_id, func.count(Record.id))
        .where(Record.report_id.in_(report_ids))
        .group_by(Record.report_id)
    )
    return {int(rid): int(n) for rid, n in session.execute(stmt)}
