"""One record: every field, its evidence marked inside the full report text, the report it
came from, its neighbours in that report, look-alikes from other reports, and its audit."""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from kirok.store import queries
from kirok.store.schema import Audit, Record
from kirok.web.common import SessionDep, base_context, templates
from kirok.web.highlight import highlight

router = APIRouter()


def audit_entries(record: Record) -> list[dict[str, Any]]:
    """Each review with only the fields it changed, newest first, as the analyst reads it."""
    entries = []
    for entry in reversed(record.audit):
        entries.append(
            {
                "who": entry.who,
                "at": entry.at,
                "action": entry.action,
                "changes": changed_fields(entry),
            }
        )
    return entries


def changed_fields(entry: Audit) -> list[tuple[str, Any, Any]]:
    before, after = json.loads(entry.before), json.loads(entry.after)
    return [
        (name, before.get(name), after[name]) for name in after if before.get(name) != after[name]
    ]


def record_context(session: SessionDep, record_id: int) -> dict[str, Any]:
    record = queries.get_record(session, record_id)
    report = record.report
    return {
        "record": record,
        "report": report,
        "report_html": highlight(report.text, [(e.start, e.end) for e in record.evidence]),
        "same_report": queries.same_report_records(session, record),
        "similar": queries.similar_records(session, record),
        "audit": audit_entries(record),
    }


@router.get("/records/{record_id}", response_class=HTMLResponse, include_in_schema=False)
def record_page(request: Request, session: SessionDep, record_id: int) -> Response:
    context = record_context(session, record_id)
    active = context["record"].kind
    return templates.TemplateResponse(
        request, "record.html", base_context(request, active, **context)
    )
