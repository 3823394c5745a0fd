"""Re-extraction of a stored report: what the current extractor says now, merged with what
reviewers decided, so that cited record ids stay true (see `replace_extraction`)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from kirok.model import Extraction
from kirok.store.queries import to_row
from kirok.store.schema import Evidence, Record, Report


def _overlaps(a: Sequence[Evidence], b: Sequence[Evidence]) -> bool:
    return any(x.start < y.end and y.start < x.end for x in a for y in b)


def _spans(evidence: Sequence[Evidence]) -> list[tuple[int, int]]:
    return sorted((e.start, e.end) for e in evidence)


@dataclass
class Reextracted:
    """What re-extraction did to one report's records."""

    added: int = 0  # new statements, under new ids
    kept: int = 0  # unreviewed records the extractor found again: same id, fields refreshed
    removed: int = 0  # unreviewed records it no longer finds
    settled: int = 0  # statements a reviewer already decided on (kept, rejected, retyped)


def _decided_types(record: Record) -> set[str]:
    """Every type a reviewed record has had: its statement stays decided even after a
    reviewer corrected it into another type."""
    types = {record.type}
    for entry in record.audit:
        before = json.loads(entry.before)
        if before.get("type"):
            types.add(str(before["type"]))
    return types


def replace_extraction(
    session: Session, report: Report, extraction: Extraction, version: str
) -> Reextracted:
    """Re-extract a report. A record keeps its id when the extractor states the same thing
    again (same kind and type, overlapping evidence): its fields are refreshed in place, so
    links that cite it stay true. Reviewed records are never touched, and a statement a
    reviewer decided on (confirmed, corrected into any type, or rejected) is not proposed
    again. Unreviewed records the extractor no longer finds are removed; ids are never
    reused (the records table is AUTOINCREMENT on SQLite, a sequence on PostgreSQL)."""
    reviewed = [r for r in report.records if r.status != "unreviewed"]
    decided = [(r, _decided_types(r)) for r in reviewed]
    waiting = [r for r in report.records if r.status == "unreviewed"]
    outcome = Reextracted()
    kept_ids: set[int] = set()
    for extracted in extraction.records:
        row = to_row(extracted, version)
        if any(
            r.kind == row.kind and row.type in types and _overlaps(r.evidence, row.evidence)
            for r, types in decided
        ):
            outcome.settled += 1
            continue
        candidates = [
            r
            for r in waiting
            if r.id not in kept_ids
            and (r.kind, r.type) == (row.kind, row.type)
            and _overlaps(r.evidence, row.evidence)
        ]
        # The same spans first, then any overlap: a sentence re-cut keeps its record too.
        candidates.sort(key=lambda r: _spans(r.evidence) != _spans(row.evidence))
        if candidates:
            _refresh(candidates[0], row)
            kept_ids.add(candidates[0].id)
            outcome.kept += 1
        else:
            report.records.append(row)
            outcome.added += 1
    for record in waiting:
        if record.id not in kept_ids:
            session.delete(record)
            outcome.removed += 1
    session.flush()
    session.expire(report, ["records"])
    return outcome


def _refresh(record: Record, row: Record) -> None:
    """`record` (unreviewed) takes the freshly extracted fields and evidence of `row`."""
    for name in (
        "date", "year", "province", "locality", "lat", "lon", "organs", "offenses",
        "victims_count", "victim_groups", "public", "penalties", "confidence",
        "needs_review", "extractor_version",
    ):
        setattr(record, name, getattr(row, name))
    record.evidence = [Evidence(start=e.start, end=e.end, text=e.text) for e in row.evidence]


