"""Map: incidents as circles at their place, sized by victims, over North Korea's boundary
and provinces drawn from Natural Earth data served by the app itself (no tile server)."""

from __future__ import annotations

from dataclasses import replace

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from kirok.web.aggregates import geo_points
from kirok.web.common import QueryDep, SessionDep, base_context, cache_of, templates
from kirok.web.pages.records import incident_facets

router = APIRouter()


@router.get("/map", response_class=HTMLResponse, include_in_schema=False)
def map_page(request: Request, session: SessionDep, query: QueryDep) -> Response:
    query = replace(query, kind="incident")
    points = geo_points(session, query, cache_of(request))
    context = base_context(
        request,
        "map",
        **incident_facets(request, session, query),
        located=sum(p["records"] for p in points),
        places=len(points),
    )
    return templates.TemplateResponse(request, "map.html", context)
