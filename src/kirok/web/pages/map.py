"""Map: incidents as circles at their place, sized by victims, over North Korea's boundary
and provinces drawn from Natural Earth data served by the app itself (no tile server)."""

from __future__ import annotations

import json
from dataclasses import replace
from functools import lru_cache

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from kirok.extract.places import canonical_province
from kirok.web.aggregates import geo_points
from kirok.web.common import VENDOR, QueryDep, SessionDep, base_context, cache_of, templates
from kirok.web.pages.records import incident_facets

router = APIRouter()
PROVINCES_FILE = VENDOR / "geo" / "prk-provinces.topo.json"


@lru_cache(maxsize=1)
def province_names() -> dict[str, str]:
    """The boundary file's province names ("P'yŏngan-bukto") → the app's ("North Pyongan"),
    through the gazetteer, so the map labels provinces as every other page does."""
    if not PROVINCES_FILE.is_file():
        return {}
    topology = json.loads(PROVINCES_FILE.read_text(encoding="utf-8"))
    out = {}
    for geometry in topology["objects"]["prk"]["geometries"]:
        name = (geometry.get("properties") or {}).get("name")
        canonical = canonical_province(name) if name else None
        if name and canonical:
            out[name] = canonical
    return out


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
        province_names=json.dumps(province_names(), ensure_ascii=False, sort_keys=True),
    )
    return templates.TemplateResponse(request, "map.html", context)
