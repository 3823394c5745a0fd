"""The JSON API: everything the pages show, under /api/, described at /openapi.json."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from kirok.privacy import redact_names
from kirok.store import queries
from kirok.store.schema import Record, Report
from kirok.web import aggregates, queries_extra
from kirok.web.common import QueryDep, SessionDep, cache_of, utc_iso, valid_order

router = APIRouter(prefix="/api", tags=["api"])


def record_json(record: Record, full: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": record.id,
        "report_id": record.report_id,
        "kind": record.kind,
        **record.fields(),
        "date_precision": record.date_precision,
        "lat": record.lat,
        "lon": record.lon,
        "geo_precision": record.geo_precision,
        "confidence": record.confidence,
        "needs_review": record.needs_review,
        "status": record.status,
        "extractor_version": record.extractor_version,
        "restricted": record.restricted,  # the record itself; a report can be restricted too
        # offsets point into the stored report; the words leave with names withheld
        "evidence": [
            {"start": e.start, "end": e.end, "text": redact_names(e.text)} for e in record.evidence
        ],
    }
    if full:
        out["audit"] = [
            {
                "who": a.who,
                "at": utc_iso(a.at),
                "action": a.action,
                "before": json.loads(a.before),
                "after": json.loads(a.after),
            }
            for a in record.audit
        ]
    return out


def report_json(report: Report, text: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": report.id,
        "sha256": report.sha256,
        "title": redact_names(report.title) if report.title else report.title,
        "outlet": report.outlet,
        "url": redact_names(report.url) if report.url else report.url,
        "source": redact_names(report.source) if report.source else report.source,
        "format": report.format,
        "published": report.published,
        "published_from": report.published_from,
        "language": report.language,
        "captured_at": utc_iso(report.captured_at),
        "previous_id": report.previous_id,
        "superseded": report.superseded,  # a later capture of its page found other bytes
        "flags": list(report.flags),
        "restricted": report.restricted,
    }
    if text:
        # whole, less the names: evidence offsets point into the stored text, not this one
        out["text"] = redact_names(report.text)
        out["record_ids"] = [r.id for r in report.records]
    return out


@router.get("/records", summary="Records matching the filters, one page at a time")
def api_records(
    session: SessionDep,
    query: QueryDep,
    order: Annotated[str, Query(description=", ".join(queries.ORDERS))] = "date",
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> dict[str, Any]:
    rows = queries.select_records(session, query, valid_order(order), limit, offset)
    return {
        "total": queries.count_records(session, query),
        "limit": limit,
        "offset": offset,
        "items": [record_json(r) for r in rows],
    }


@router.get("/records/{record_id}", summary="One record with evidence and audit trail")
def api_record(session: SessionDep, record_id: int) -> dict[str, Any]:
    record = queries.get_record(session, record_id)
    out = record_json(record, full=True)
    out["same_report"] = [r.id for r in queries.same_report_records(session, record)]
    out["similar"] = [r.id for r in queries.similar_records(session, record)]
    return out


@router.get("/reports", summary="Ingested reports, newest first")
def api_reports(
    session: SessionDep,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> dict[str, Any]:
    reports = queries.list_reports(session, limit, offset)
    counts = queries_extra.record_counts(session, [r.id for r in reports])
    return {
        "total": queries.count_reports(session),
        "items": [{**report_json(r), "records": counts.get(r.id, 0)} for r in reports],
    }


@router.get("/reports/{report_id}", summary="One report with its full text")
def api_report(session: SessionDep, report_id: int) -> dict[str, Any]:
    return report_json(queries.get_report(session, report_id), text=True)


@router.get("/facets", summary="Counts per value of every facet, under the filters")
def api_facets(
    request: Request, session: SessionDep, query: QueryDep
) -> dict[str, list[tuple[str, int]]]:
    return aggregates.all_facets(session, query, cache_of(request))


@router.get("/geo", summary="Located records grouped by place, with records and victims")
def api_geo(request: Request, session: SessionDep, query: QueryDep) -> dict[str, Any]:
    return {"points": aggregates.geo_points(session, query, cache_of(request))}


@router.get("/timeline", summary="Records per month by type and by province")
def api_timeline(request: Request, session: SessionDep, query: QueryDep) -> dict[str, Any]:
    return aggregates.timeline(session, query, cache_of(request))
