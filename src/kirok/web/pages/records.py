"""Incidents and Measures: one table each, with facets, full-text search, sorting and
pages; the URL holds the whole view so it can be bookmarked and shared."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Any
from urllib.parse import unquote

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from kirok.store import fts, queries
from kirok.store.queries import RecordQuery
from kirok.web.aggregates import all_facets
from kirok.web.common import (
    PAGE_SIZE,
    QueryDep,
    SessionDep,
    base_context,
    cache_of,
    templates,
    valid_order,
)
from kirok.web.highlight import marked_snippet

router = APIRouter()
FACET_LABELS = {
    "type": "Type",
    "province": "Province",
    "locality": "Locality",
    "year": "Year",
    "month": "Month",
    "organ": "Organ",
    "offense": "Offence",
    "victim_group": "Victim group",
    "outlet": "Outlet",
    "status": "Review status",
}
FACETS_SHOWN = 12


def incident_facets(request: Request, session: Session, query: RecordQuery) -> dict[str, Any]:
    """The facet side bar of the incident-only pages (map, timeline) for `query`."""
    params = {k: v for k, v in query.as_params().items() if k != "kind"}
    return {
        "params": params,
        "filters": {k: v for k, v in params.items() if k in FACET_LABELS},
        "facets": all_facets(session, query, cache_of(request)),
        "facet_labels": FACET_LABELS,
        "facets_shown": 8,
    }


def render_table(
    request: Request,
    session: SessionDep,
    query: RecordQuery,
    kind: str,
    order: str | None,
    page: int,
    bulk: dict[str, Any] | None = None,
) -> Response:
    query = replace(query, kind=kind)
    order = valid_order(order)
    total = queries.count_records(session, query)
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(1, page), pages)
    offset = (page - 1) * PAGE_SIZE
    rows = queries.select_records(session, query, order, PAGE_SIZE, offset)
    snippets = {}
    if query.q:
        # The report words the search matched, marked, under each record of that report.
        found = fts.snippets(session, query.q, sorted({r.report_id for r in rows}))
        snippets = {
            rid: marked_snippet(text, fts.MARK_START, fts.MARK_END) for rid, text in found.items()
        }
    params = {k: v for k, v in query.as_params().items() if k != "kind"}
    if order != "date":
        params["order"] = order
    context = base_context(
        request,
        kind,
        kind=kind,
        title="Incidents" if kind == "incident" else "Measures",
        rows=rows,
        snippets=snippets,
        total=total,
        page=page,
        pages=pages,
        order=order,
        params=params,
        filters={k: v for k, v in params.items() if k in FACET_LABELS},
        facets=all_facets(session, query, cache_of(request), total),
        facet_labels=FACET_LABELS,
        facets_shown=FACETS_SHOWN,
        bulk=bulk,
        reviewer=unquote(request.cookies.get("kirok_reviewer", "")),
        here=request.url.path + (f"?{request.url.query}" if request.url.query else ""),
        unreviewed=[r.id for r in rows if r.status == "unreviewed"],
    )
    return templates.TemplateResponse(request, "records.html", context)


def bulk_outcome(
    bulk: str | None, done: int | None, skipped: int | None
) -> dict[str, Any] | None:
    """What a bulk decision did, from the address it came back to, for the notice."""
    if bulk not in ("confirm", "reject") or done is None:
        return None
    return {"action": bulk, "done": done, "skipped": skipped or 0}


@router.get("/incidents", response_class=HTMLResponse, include_in_schema=False)
def incidents(
    request: Request,
    session: SessionDep,
    query: QueryDep,
    order: str | None = None,
    page: Annotated[int, Query(ge=1)] = 1,
    bulk: str | None = None,
    done: Annotated[int | None, Query(ge=0, le=PAGE_SIZE)] = None,
    skipped: Annotated[int | None, Query(ge=0, le=PAGE_SIZE)] = None,
) -> Response:
    outcome = bulk_outcome(bulk, done, skipped)
    return render_table(request, session, query, "incident", order, page, outcome)


@router.get("/measures", response_class=HTMLResponse, include_in_schema=False)
def measures(
    request: Request,
    session: SessionDep,
    query: QueryDep,
    order: str | None = None,
    page: Annotated[int, Query(ge=1)] = 1,
    bulk: str | None = None,
    done: Annotated[int | None, Query(ge=0, le=PAGE_SIZE)] = None,
    skipped: Annotated[int | None, Query(ge=0, le=PAGE_SIZE)] = None,
) -> Response:
    outcome = bulk_outcome(bulk, done, skipped)
    return render_table(request, session, query, "measure", order, page, outcome)
