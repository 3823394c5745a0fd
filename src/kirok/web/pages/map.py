"""Map: incidents as circles at their place, sized by victims, over North Korea's boundary
and provinces drawn from Natural Earth data served by the app itself (no tile server)."""

from __future__ import annotations

from dataclasses import replace

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from kirok.web.aggregates import all_facets, geo_points
from kirok.web.common import QueryDep, SessionDep, base_context, cache_of, templates
from kirok.web.pages.records import FACET_LABELS

router = APIRouter()


@router.get("/map", response_class=HTMLResponse, include_in_schema=False)
def map_page(request: Request, session: SessionDep, query: QueryDep) -> Response:
    query = replace(query, kind="incident")
    params = {k: v for k, v in query.as_params().items() if k != "kind"}
    points = geo_points(session, query, cache_of(request))
    context = base_context(
        request,
        "map",
        params=params,
        filters={k: v for k, v in params.items() if k in FACET_LABELS},
        facets=all_facets(session, query, cache_of(request)),
        facet_labels=FACET_LABELS,
        facets_shown=8,
        located=sum(p["records"] for p in points),
        places=len(points),
    )
    return templates.TemplateResponse(request, "map.html", context)
