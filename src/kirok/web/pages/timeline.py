"""Timeline: incidents per month stacked by type, and one small chart per province."""

from __future__ import annotations

from dataclasses import replace

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from kirok.web.common import QueryDep, SessionDep, base_context, templates
from kirok.web.pages.records import incident_facets

router = APIRouter()


@router.get("/timeline", response_class=HTMLResponse, include_in_schema=False)
def timeline_page(request: Request, session: SessionDep, query: QueryDep) -> Response:
    query = replace(query, kind="incident")
    context = base_context(
        request,
        "timeline",
        **incident_facets(request, session, query),
    )
    return templates.TemplateResponse(request, "timeline.html", context)
