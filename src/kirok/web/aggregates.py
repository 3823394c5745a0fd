"""Counts the pages draw: facets, map points and month series, kept fast on a large store.

Facets are counted one of two ways. When few records match, they are read once and every
facet is counted in Python. When many match, each facet is one GROUP BY, which SQLite
answers from a (kind, column) index (migration 0002) without sorting. Results are cached
per query until the store changes (a new report, record or review).
"""

from __future__ import annotations

import threading
from collections import Counter, OrderedDict, defaultdict
from collections.abc import Callable
from dataclasses import replace
from typing import Any, TypeVar, cast

from sqlalchemy import Select, Text, func, select, type_coerce
from sqlalchemy.orm import Session

from kirok.extract.gazetteer import geo_precision
from kirok.store.queries import RecordQuery, filtered
from kirok.store.schema import Audit, Record, Report
from kirok.web.queries_extra import TAG_COLUMNS

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
ONE_PASS_LIMIT = 5_000  # above this, per-facet GROUP BYs beat reading every row
Facets = dict[str, list[tuple[str, int]]]
T = TypeVar("T")


class Cache:
    """A small LRU of computed aggregates, emptied whenever the store's fingerprint moves."""

    def __init__(self, size: int = 256) -> None:
        self.size = size
        self._items: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        self._fingerprint: tuple[Any, ...] | None = None
        # Sync endpoints run in a thread pool; the LRU's bookkeeping must not interleave.
        self._lock = threading.Lock()

    def get(self, session: Session, key: tuple[Any, ...], compute: Callable[[], T]) -> T:
        current = fingerprint(session)
        with self._lock:
            if current != self._fingerprint:
                self._items.clear()
                self._fingerprint = current
            if key in self._items:
                self._items.move_to_end(key)
                return cast(T, self._items[key])
        value = compute()
        with self._lock:
            if current == self._fingerprint:
                self._items[key] = value
                if len(self._items) > self.size:
                    self._items.popitem(last=False)
        return value


def fingerprint(session: Session) -> tuple[Any, ...]:
    """Changes on every ingest, re-extraction (records deleted and added) and review."""
    records = session.execute(select(func.max(Record.id), func.count(Record.id))).one()
    return (
        *records,
        session.scalar(select(func.max(Report.id))),
        session.scalar(select(func.max(Audit.id))),
    )


def _key(name: str, query: RecordQuery) -> tuple[Any, ...]:
    return (name, query.hide_rejected, tuple(sorted(query.as_params().items())))


def all_facets(
    session: Session, query: RecordQuery, cache: Cache | None = None, total: int | None = None
) -> Facets:
    """Every facet's values with counts; `total`, when the caller has counted the matching
    records already, saves reading them to find out whether they are few."""
    if cache is not None:
        key = _key("facets", query)
        return cache.get(session, key, lambda: all_facets(session, query, total=total))
    facets: Facets | None = None
    if total is None or total <= ONE_PASS_LIMIT:
        rows = _facet_rows(session, query, ONE_PASS_LIMIT + 1)
        if len(rows) <= ONE_PASS_LIMIT:
            facets = _count_rows(rows)
    if facets is None:
        facets = {name: _grouped(session, query, name) for name in FACETS}
    if query.hide_rejected and not query.status:
        # Hidden, yet one click away: the status facet counts the rejected records too.
        facets["status"] = _grouped(session, replace(query, hide_rejected=False), "status")
    return facets


def _sorted(counts: Counter[str], name: str = "") -> list[tuple[str, int]]:
    """A facet's values, most frequent first; years in their order, newest first, since
    a reader scans years as a time line, not as a ranking."""
    values = [(k, n) for k, n in counts.items() if k not in ("", "None")]
    if name == "year":
        return sorted(values, key=lambda kv: -int(kv[0]) if kv[0].isdigit() else 0)
    return sorted(values, key=lambda kv: (-kv[1], kv[0]))


def _grouped(session: Session, query: RecordQuery, name: str) -> list[tuple[str, int]]:
    tags = TAG_COLUMNS.get(name)
    column: Any = (
        tags if tags is not None else (Report.outlet if name == "outlet" else getattr(Record, name))
    )
    stmt = cast("Select[Any]", select(column, func.count(Record.id)))
    if name == "outlet":
        stmt = stmt.join(Record.report)
    counts: Counter[str] = Counter()
    for value, n in session.execute(filtered(session, query, stmt).group_by(column)):
        # Tag lists come back as lists: "|a|b|" groups are split and summed per value.
        for item in value if tags is not None else [value]:
            counts[str(item)] += int(n)
    return _sorted(counts, name)


_PLAIN = ("type", "province", "locality", "year", "status", "outlet")
_TAGS = ("organ", "offense", "victim_group")


def _facet_rows(session: Session, query: RecordQuery, limit: int) -> list[Any]:
    # Tag lists are read as their raw "|a|b|" text: splitting it here is cheaper than
    # the column type's conversion, row by row.
    tags = [type_coerce(TAG_COLUMNS[name], Text) for name in _TAGS]
    plain = [Record.type, Record.province, Record.locality, Record.year, Record.status]
    stmt = cast("Select[Any]", select(*plain, Report.outlet, *tags).join(Record.report))
    return list(session.execute(filtered(session, query, stmt).limit(limit)))


def _count_rows(rows: list[Any]) -> Facets:
    counts: dict[str, Counter[str]] = {name: Counter() for name in FACETS}
    for row in rows:
        for name, value in zip(_PLAIN, row[:6], strict=True):
            counts[name][str(value)] += 1
        for name, value in zip(_TAGS, row[6:], strict=True):
            counts[name].update(v for v in (value or "").split("|") if v)
    return {name: _sorted(c, name) for name, c in counts.items()}


def geo_points(
    session: Session, query: RecordQuery, cache: Cache | None = None
) -> list[dict[str, Any]]:
    """One point per place named (province, locality), with how many records and victims it
    holds: the same records the list behind its link shows (`locality` of a province-only
    point is NO_LOCALITY there). `precision` says whether the point is the locality's own
    or, lacking one in the gazetteer, its province seat's."""
    if cache is not None:
        return cache.get(session, _key("geo", query), lambda: geo_points(session, query))
    stmt = cast(
        "Select[Any]",
        select(
            Record.province,
            Record.locality,
            func.min(Record.lat),
            func.min(Record.lon),
            func.count(Record.id),
            func.sum(Record.victims_count),
        ),
    )
    # Not only the located records: a place's count must be its list's count.
    stmt = filtered(session, query, stmt).group_by(Record.province, Record.locality)
    return [
        {
            "lat": lat,
            "lon": lon,
            "province": province,
            "locality": locality,
            "precision": geo_precision(province, locality),
            "records": int(n),
            "victims": int(victims or 0),
        }
        for province, locality, lat, lon, n, victims in session.execute(stmt)
        if lat is not None and lon is not None
    ]


def timeline(session: Session, query: RecordQuery, cache: Cache | None = None) -> dict[str, Any]:
    """Records per month, by type and by province; records dated only to a year are left
    out of the month series and counted apart so the chart does not invent a month."""
    if cache is not None:
        return cache.get(session, _key("timeline", query), lambda: timeline(session, query))
    month = func.substr(Record.date, 1, 7)
    stmt = cast(
        "Select[Any]",
        select(month, Record.type, Record.province, func.count(Record.id)).where(
            func.length(Record.date) >= 7
        ),
    )
    stmt = filtered(session, query, stmt).group_by(month, Record.type, Record.province)
    by_type: dict[str, Counter[str]] = defaultdict(Counter)
    by_province: dict[str, Counter[str]] = defaultdict(Counter)
    months: set[str] = set()
    for m, type_, province, n in session.execute(stmt):
        months.add(m)
        by_type[type_][m] += int(n)
        by_province[province or "unknown"][m] += int(n)
    axis = month_axis(months)
    year_only = cast(
        "Select[Any]", select(func.count(Record.id)).where(func.length(Record.date) == 4)
    )
    return {
        "months": axis,
        "by_type": {t: [c[m] for m in axis] for t, c in sorted(by_type.items())},
        "by_province": {p: [c[m] for m in axis] for p, c in sorted(by_province.items())},
        "year_only": int(session.scalar(filtered(session, query, year_only)) or 0),
    }


def month_axis(months: set[str]) -> list[str]:
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
