"""Timeline: incidents per month stacked by type, and one small chart per province."""

from __future__ import annotations

from dataclasses import replace

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from kirok.web.aggregates import all_facets
from kirok.web.common import QueryDep, SessionDep, base_context, cache_of, templates
from kirok.web.pages.records import FACET_LABELS

router = APIRouter()


@router.get("/timeline", response_class=HTMLResponse, include_in_schema=False)
def timeline_page(request: Request, session: SessionDep, query: QueryDep) -> Response:
    query = replace(query, kind="incident")
    params = {k: v for k, v in query.as_params().items() if k != "kind"}
    context = base_context(
        request,
        "timeline",
        params=params,
        filters={k: v for k, v in params.items() if k in FACET_LABELS},
        facets=all_facets(session, query, cache_of(request)),
        facet_labels=FACET_LABELS,
        facets_shown=8,
    )
    return templates.TemplateResponse(request, "timeline.html", context)
