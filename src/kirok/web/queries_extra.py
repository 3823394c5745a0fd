"""Aggregate queries only the web app needs: faster facets, map points and month series.

They build on the store's own filtering (`queries._filtered`) so every page and API endpoint
agrees on what a query means.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import replace
from typing import Any, cast

from sqlalchemy import Select, Text, func, select, type_coerce
from sqlalchemy.orm import Session, selectinload

from kirok.store import queries
from kirok.store.queries import ORDERS, RecordQuery
from kirok.store.schema import Record, Report

FACETS = (
    "type",
    "province",
    "locality",
    "year",
    "organ",
    "offense",
    "victim_group",
    "outlet",
    "status",
)
_TAG_COLUMNS = {
    "organ": Record.organs,
    "offense": Record.offenses,
    "victim_group": Record.victim_groups,
}


def filtered(session: Session, query: RecordQuery, stmt: Select[Any]) -> Select[Any]:
    """The store's filters, with the tag-list filters (organ, offence, victim group) applied
    to the stored "|a|b|" text itself: `queries._filtered` passes its LIKE pattern through
    the TagList type, which turns the pattern into "|||a|...", so it never matches."""
    untagged = replace(query, organ=None, offense=None, victim_group=None)
    stmt = queries._filtered(session, untagged, stmt)
    for name, column in _TAG_COLUMNS.items():
        value = getattr(query, name)
        if value:
            stmt = stmt.where(type_coerce(column, Text).contains(f"|{value}|", autoescape=True))
    return stmt


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


def facet_counts(session: Session, query: RecordQuery, name: str) -> list[tuple[str, int]]:
    """Like `queries.facet_counts`, but tag lists are grouped in SQL first: there are far
    fewer distinct combinations than records, so Python splits hundreds of rows, not 50,000."""
    column = _TAG_COLUMNS.get(name)
    if column is None:
        return _plain_facet(session, query, name)
    grouped = cast("Select[Any]", select(column, func.count(Record.id)))
    stmt = filtered(session, query, grouped)
    counts: Counter[str] = Counter()
    for values, n in session.execute(stmt.group_by(column)):
        for value in values:
            counts[value] += int(n)
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def _plain_facet(session: Session, query: RecordQuery, name: str) -> list[tuple[str, int]]:
    group: Any = Report.outlet if name == "outlet" else getattr(Record, name)
    stmt = cast("Select[Any]", select(group, func.count(Record.id)))
    if name == "outlet":
        stmt = stmt.join(Record.report)
    stmt = filtered(session, query, stmt).group_by(group).order_by(func.count(Record.id).desc())
    return [(str(v), int(n)) for v, n in session.execute(stmt) if v not in (None, "")]


def all_facets(session: Session, query: RecordQuery) -> dict[str, list[tuple[str, int]]]:
    return {name: facet_counts(session, query, name) for name in FACETS}


def geo_points(session: Session, query: RecordQuery) -> list[dict[str, Any]]:
    """One point per distinct place, with how many records and victims it holds."""
    stmt = cast(
        "Select[Any]",
        select(
            Record.lat,
            Record.lon,
            Record.province,
            Record.locality,
            func.count(Record.id),
            func.sum(Record.victims_count),
        ).where(Record.lat.is_not(None), Record.lon.is_not(None)),
    )
    stmt = filtered(session, query, stmt).group_by(
        Record.lat, Record.lon, Record.province, Record.locality
    )
    return [
        {
            "lat": lat,
            "lon": lon,
            "province": province,
            "locality": locality,
            "records": int(n),
            "victims": int(victims or 0),
        }
        for lat, lon, province, locality, n, victims in session.execute(stmt)
    ]


def timeline(session: Session, query: RecordQuery) -> dict[str, Any]:
    """Records per month, by type and by province; records dated only to a year are left
    out of the month series and counted apart so the chart does not invent a month."""
    month = func.substr(Record.date, 1, 7)
    stmt: Select[Any] = select(month, Record.type, Record.province, func.count(Record.id)).where(
        func.length(Record.date) >= 7
    )
    stmt = filtered(session, query, stmt).group_by(month, Record.type, Record.province)
    by_type: dict[str, Counter[str]] = defaultdict(Counter)
    by_province: dict[str, Counter[str]] = defaultdict(Counter)
    months: set[str] = set()
    for m, type_, province, n in session.execute(stmt):
        months.add(m)
        by_type[type_][m] += int(n)
        by_province[province or "unknown"][m] += int(n)
    axis = _month_axis(months)
    year_only = filtered(
        session, query, select(func.count(Record.id)).where(func.length(Record.date) == 4)
    )
    return {
        "months": axis,
        "by_type": {t: [c[m] for m in axis] for t, c in sorted(by_type.items())},
        "by_province": {p: [c[m] for m in axis] for p, c in sorted(by_province.items())},
        "year_only": int(session.scalar(year_only) or 0),
    }


def _month_axis(months: set[str]) -> list[str]:
    """Every month from the first to the last, so gaps show as empty bars, not as nothing."""
    if not months:
        return []
    first, last = min(months), max(months)
    year, mon = int(first[:4]), int(first[5:7])
    axis: list[str] = []
    while f"{year:04d}-{mon:02d}" <= last:
        axis.append(f"{year:04d}-{mon:02d}")
        year, mon = (year + 1, 1) if mon == 12 else (year, mon + 1)
    return axis


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
