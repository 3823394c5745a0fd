"""Reading and writing the record: the one data layer the CLI, the web app and exports share."""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from typing import Any

from sqlalchemy import Select, Text, func, or_, select, type_coerce
from sqlalchemy.orm import Session, selectinload

from kirok import codebook
from kirok.errors import NotFoundError
from kirok.model import Extraction, ReportText
from kirok.model import Record as Extracted
from kirok.store import captures, fts
from kirok.store.schema import Audit, Evidence, Record, Report

REVIEW_THRESHOLD = 0.5
LIST_FIELDS = ("organs", "offenses", "victim_groups", "penalties")
NO_LOCALITY = "(none)"  # the locality filter's value for records placed only by province
ANY_STATUS = "all"  # the status filter's value for every record, rejected ones included


@dataclass
class RecordQuery:
    """Filters an analyst can combine; every empty field means "any"."""

    kind: str | None = None
    type: str | None = None
    province: str | None = None
    locality: str | None = None
    year: int | None = None
    month: str | None = None  # YYYY-MM: records dated to that month (or a day in it)
    since: int | None = None
    until: int | None = None
    organ: str | None = None
    offense: str | None = None
    victim_group: str | None = None
    outlet: str | None = None
    status: str | None = None
    report_id: int | None = None
    q: str | None = None
    history: bool = False  # every stored version of a page, not only the newest
    # Rejected records are not records: the web app leaves them out unless a status is
    # asked for. Not a URL parameter, so as_params leaves it out too.
    hide_rejected: bool = False
    # leave out restricted records and records of restricted reports (also not a parameter)
    unrestricted: bool = False

    def as_params(self) -> dict[str, Any]:
        return {
            f.name: getattr(self, f.name)
            for f in fields(self)
            if getattr(self, f.name) and f.name not in ("hide_rejected", "unrestricted")
        }


def filtered(session: Session, query: RecordQuery, stmt: Select[Any]) -> Select[Any]:
    """`stmt` narrowed to the records `query` asks for; shared by every listing, count,
    facet, export and web page so that they all agree on what a query means."""
    for name in ("kind", "type", "province", "year", "report_id"):
        value = getattr(query, name)
        if value not in (None, ""):
            stmt = stmt.where(getattr(Record, name) == value)
    if query.locality == NO_LOCALITY:
        stmt = stmt.where(Record.locality.is_(None))
    elif query.locality:
        stmt = stmt.where(Record.locality == query.locality)
    if query.status == ANY_STATUS:
        pass
    elif query.status:
        stmt = stmt.where(Record.status == query.status)
    elif query.hide_rejected:
        # IN, not !=: SQLite answers it from the (kind, status) index alone (8x faster).
        visible = [s for s in codebook.REVIEW_STATUSES if s != "rejected"]
        stmt = stmt.where(Record.status.in_(visible))
    if query.month:
        stmt = stmt.where(Record.date.startswith(query.month, autoescape=True))
    if query.since:
        stmt = stmt.where(Record.year >= query.since)
    if query.until:
        stmt = stmt.where(Record.year <= query.until)
    for column, value in (
        (Record.organs, query.organ),
        (Record.offenses, query.offense),
        (Record.victim_groups, query.victim_group),
    ):
        if value:
            # As plain text: TagList would otherwise turn the pattern into a list ("|p|a|r|t|y|")
            tags = type_coerce(column, Text)
            stmt = stmt.where(tags.contains(f"|{value}|", autoescape=True))
    if query.outlet:
        stmt = stmt.where(Record.report.has(Report.outlet == query.outlet))
    if query.q:
        stmt = stmt.where(_search_clause(session, query.q))
    if query.unrestricted:
        restricted_reports = select(Report.id).where(Report.restricted.is_(True))
        stmt = stmt.where(
            Record.restricted.is_(False), Record.report_id.not_in(restricted_reports)
        )
    if not query.history and query.report_id is None:
        # A changed page is stored as a new version; only the one it shows now counts.
        superseded = select(Report.id).where(Report.superseded.is_(True))
        stmt = stmt.where(Record.report_id.not_in(superseded))
    return stmt


def _search_clause(session: Session, q: str) -> Any:
    """Records of the reports whose text matches; a type's name typed into the search box
    ("struggle session" aside, "detention") also finds the records of that type."""
    reports = fts.report_ids_matching(session, q)
    by_type = Record.type == q.strip()
    if reports is None:
        return by_type
    in_reports = Record.report_id.in_(reports)
    # the OR keeps SQLite from using an index, so it is added only for a type's name
    if q.strip() in (*codebook.INCIDENT_TYPES, *codebook.MEASURE_TYPES):
        return or_(in_reports, by_type)
    return in_reports


ORDERS = {
    "date": (Record.date.desc(), Record.id.desc()),
    "-date": (Record.date.asc(), Record.id.asc()),
    "id": (Record.id.asc(),),
    "type": (Record.type.asc(), Record.id.asc()),
    "province": (Record.province.asc(), Record.id.asc()),
    "confidence": (Record.confidence.asc(), Record.id.asc()),
}


def select_records(
    session: Session,
    query: RecordQuery,
    order: str = "date",
    limit: int | None = 50,
    offset: int = 0,
) -> list[Record]:
    stmt = filtered(session, query, select(Record)).options(
        selectinload(Record.evidence),
        selectinload(Record.report).load_only(
            Report.id, Report.url, Report.outlet, Report.published, Report.title
        ),
    )
    stmt = stmt.order_by(*ORDERS.get(order, ORDERS["date"])).offset(offset)
    if limit is not None:
        stmt = stmt.limit(limit)
    return list(session.scalars(stmt))


def count_records(session: Session, query: RecordQuery) -> int:
    stmt = filtered(session, query, select(func.count(Record.id)))
    return int(session.scalar(stmt) or 0)


def facet_counts(session: Session, query: RecordQuery, name: str) -> list[tuple[str, int]]:
    """Values of one facet with their counts, under every other filter."""
    if name in ("organ", "offense", "victim_group"):
        column = {"organ": Record.organs, "offense": Record.offenses}.get(
            name, Record.victim_groups
        )
        counts: dict[str, int] = {}
        for values in session.scalars(filtered(session, query, select(column))):
            for value in values:
                counts[value] = counts.get(value, 0) + 1
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    group: Any = Report.outlet if name == "outlet" else getattr(Record, name)
    stmt: Select[Any] = select(group, func.count(Record.id))
    if name == "outlet":
        stmt = stmt.join(Record.report)
    stmt = filtered(session, query, stmt).group_by(group).order_by(func.count(Record.id).desc())
    return [(str(v), int(n)) for v, n in session.execute(stmt) if v not in (None, "")]


def get_record(session: Session, record_id: int) -> Record:
    record = session.get(Record, record_id)
    if record is None:
        raise NotFoundError(
            f"no record {record_id}: list them with `kirok incidents` or `kirok measures`"
        )
    return record


def get_report(session: Session, report_id: int) -> Report:
    report = session.get(Report, report_id)
    if report is None:
        raise NotFoundError(f"no report {report_id}: list them with `kirok reports`")
    return report


def list_reports(session: Session, limit: int = 50, offset: int = 0) -> list[Report]:
    stmt = select(Report).order_by(Report.id.desc()).limit(limit).offset(offset)
    return list(session.scalars(stmt))


def count_reports(session: Session) -> int:
    return int(session.scalar(select(func.count(Report.id))) or 0)


def report_by_sha(session: Session, sha256: str) -> Report | None:
    return session.scalar(select(Report).where(Report.sha256 == sha256))


def add_report(session: Session, read: ReportText, extraction: Extraction, version: str) -> Report:
    """Store a new report with its records, and for a page its capture (which makes it the
    page's current version); the caller's transaction makes it all-or-nothing."""
    if read.url:
        captures.lock_page(session, read.url)
    previous = captures.current_at_url(session, read.url) if read.url else None
    report = Report(
        sha256=read.sha256,
        text=read.text,
        title=read.title,
        outlet=read.outlet,
        url=read.url,
        source=read.source,
        format=read.format,
        published=read.published,
        published_from=read.published_from,
        language=read.language,
        previous_id=previous.id if previous else None,
        flags=list(read.flags),
    )
    if read.captured_at is not None:
        report.captured_at = read.captured_at
    session.add(report)
    session.flush()
    if read.url:
        captures.record_capture(session, report, read.url, report.captured_at)
    fts.index_report(session, report.id, report.title, report.text)
    for extracted in extraction.records:
        report.records.append(to_row(extracted, version))
    session.flush()
    return report


def to_row(extracted: Extracted, version: str) -> Record:
    return Record(
        kind=extracted.kind,
        type=extracted.type,
        date=extracted.date,
        year=int(extracted.date[:4]) if extracted.date else None,
        province=extracted.place.province,
        locality=extracted.place.locality,
        lat=extracted.place.lat,
        lon=extracted.place.lon,
        organs=list(extracted.organs),
        offenses=list(extracted.offenses),
        victims_count=extracted.victims_count,
        victim_groups=list(extracted.victim_groups),
        public=extracted.public,
        penalties=list(extracted.penalties),
        confidence=extracted.confidence,
        needs_review=extracted.confidence < REVIEW_THRESHOLD,
        status="unreviewed",
        extractor_version=version,
        evidence=[Evidence(start=s.start, end=s.end, text=s.text) for s in extracted.evidence],
    )


def review_record(
    session: Session, record_id: int, who: str, action: str, changes: dict[str, Any] | None = None
) -> Record:
    """Confirm, correct or reject a record, keeping who did it and the fields before and after."""
    record = get_record(session, record_id)
    before = record.fields()
    for name, value in (changes or {}).items():
        setattr(record, name, value)
    if changes and "date" in changes:
        record.year = int(record.date[:4]) if record.date else None
    record.status = {"confirm": "confirmed", "correct": "corrected", "reject": "rejected"}[action]
    record.needs_review = False
    session.add(
        Audit(
            record=record,
            who=who,
            action=action,
            before=json.dumps(before, ensure_ascii=False),
            after=json.dumps(record.fields(), ensure_ascii=False),
        )
    )
    session.flush()
    return record


def same_report_records(session: Session, record: Record) -> list[Record]:
    stmt = select(Record).where(Record.report_id == record.report_id, Record.id != record.id)
    return list(session.scalars(stmt.order_by(Record.id)))


def similar_records(session: Session, record: Record, window_years: int = 0) -> list[Record]:
    """Records from other reports that may describe the same event: same kind and type,
    same place, and a date that agrees at the coarser of the two precisions."""
    stmt = select(Record).where(
        Record.report_id != record.report_id,
        Record.kind == record.kind,
        Record.type == record.type,
        Record.status != "rejected",
    )
    if record.province:
        stmt = stmt.where(Record.province == record.province)
    if record.locality:
        stmt = stmt.where(or_(Record.locality == record.locality, Record.locality.is_(None)))
    if record.year:
        stmt = stmt.where(
            Record.year.between(record.year - window_years, record.year + window_years)
        )
    candidates = session.scalars(stmt.order_by(Record.date).limit(200))
    return [c for c in candidates if _dates_agree(record.date, c.date)][:20]


def _dates_agree(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return True
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def summary(session: Session) -> dict[str, list[tuple[str, int]]]:
    """Records by kind and type, by province and by year: the demo's closing table."""
    out: dict[str, list[tuple[str, int]]] = {}
    for label, column in (
        ("type", Record.type),
        ("province", Record.province),
        ("year", Record.year),
    ):
        stmt = (
            select(Record.kind, column, func.count(Record.id))
            .where(Record.status != "rejected")
            .group_by(Record.kind, column)
            .order_by(Record.kind, column)
        )
        out[label] = [
            (f"{k}:{v if v is not None else '—'}", int(n)) for k, v, n in session.execute(stmt)
        ]
    return out

