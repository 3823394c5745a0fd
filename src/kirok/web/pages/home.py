"""The home page (what the store holds, the newest reports, what awaits review) and the
review queue: the next unreviewed record, lowest confidence first, one after another."""

from __future__ import annotations

from typing import Annotated, Any, cast
from urllib.parse import parse_qsl, urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import Session

from kirok.store import queries
from kirok.store.queries import RecordQuery, filtered
from kirok.store.schema import Record
from kirok.web.common import (
    MAX_ID,
    QueryDep,
    SessionDep,
    base_context,
    query_string,
    templates,
)

router = APIRouter()
NEWEST_REPORTS = 6
AWAITING_SHOWN = 10


def _counts(session: Session) -> dict[str, Any]:
    """Records by kind and by review status, rejected ones apart as the lists count them."""
    grouped = cast(
        "Select[Any]",
        select(Record.kind, Record.status, func.count(Record.id)).group_by(
            Record.kind, Record.status
        ),
    )
    stmt = filtered(session, RecordQuery(), grouped)  # the newest version of each page only
    by_status: dict[str, int] = {}
    by_kind: dict[str, int] = {}
    for kind, status, n in session.execute(stmt):
        by_status[status] = by_status.get(status, 0) + int(n)
        if status != "rejected":
            by_kind[kind] = by_kind.get(kind, 0) + int(n)
    return {"by_status": by_status, "by_kind": by_kind}


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def home(request: Request, session: SessionDep, queue: str | None = None) -> Response:
    waiting = RecordQuery(status="unreviewed", hide_rejected=True)
    context = base_context(
        request,
        "home",
        reports_total=queries.count_reports(session),
        newest=queries.list_reports(session, NEWEST_REPORTS),
        awaiting=queries.select_records(session, waiting, "confidence", AWAITING_SHOWN),
        awaiting_total=queries.count_records(session, waiting),
        queue_done=queue == "done",
        **_counts(session),
    )
    return templates.TemplateResponse(request, "home.html", context)


def next_unreviewed(
    session: Session, query: RecordQuery, after: Record | None = None
) -> Record | None:
    """The unreviewed record to review next under `query`: lowest confidence first, then
    oldest id; with `after`, the one that follows it in that order (a skip)."""
    query = RecordQuery(**{**query.as_params(), "status": "unreviewed"})
    stmt = filtered(session, query, select(Record))
    if after is not None:
        stmt = stmt.where(
            or_(
                Record.confidence > after.confidence,
                and_(Record.confidence == after.confidence, Record.id > after.id),
            )
        )
    stmt = stmt.order_by(*queries.ORDERS["confidence"]).limit(1)
    return session.scalar(stmt)


@router.get("/review/next", include_in_schema=False)
def review_next(
    session: SessionDep,
    query: QueryDep,
    after: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
) -> Response:
    """Open the next record of the queue (under the given filters), or say the queue is empty."""
    previous = session.get(Record, after) if after else None
    record = next_unreviewed(session, query, previous)
    params = query.as_params()
    params.pop("status", None)
    if record is None:
        return RedirectResponse("/?queue=done#awaiting", status_code=303)
    carried = query_string({**params, "queue": 1})
    return RedirectResponse(f"/records/{record.id}/review?{carried}", status_code=303)


def queue_filters(raw: str) -> str:
    """The queue's filters as a query string, rebuilt from what a form sent back so only
    plain parameters reach the redirect."""
    pairs = [(k, v) for k, v in parse_qsl(raw) if k not in ("queue", "after", "csrf_token")]
    return urlencode(pairs)


@router.get("/api-docs", response_class=HTMLResponse, include_in_schema=False)
def api_docs(request: Request) -> Response:
    """The API described by Swagger UI, from files installed at set-up (no CDN)."""
    return templates.TemplateResponse(request, "api_docs.html", base_context(request, "api"))
