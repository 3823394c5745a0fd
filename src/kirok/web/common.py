"""What every page shares: the template environment, the store session and the query
an analyst builds from facets, search and sorting — all carried in the URL."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Depends, HTTPException, Query, Request
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from sqlalchemy.orm import Session

from kirok import codebook
from kirok.store.db import Database
from kirok.store.queries import ANY_STATUS, ORDERS, RecordQuery
from kirok.web.aggregates import Cache
from kirok.web.auth import current_account
from kirok.web.guard import token_for
from kirok.web.highlight import reveal, safe_url

HERE = Path(__file__).parent
STATIC = HERE / "static"
VENDOR = STATIC / "vendor"
VENDOR_FILES = (
    "htmx.min.js",
    "chart.umd.js",
    "topojson-client.min.js",
    "leaflet/leaflet.js",
    "leaflet/leaflet.css",
    "geo/countries-50m.json",
    "geo/prk-provinces.topo.json",
    "swagger-ui/swagger-ui-bundle.js",
    "swagger-ui/swagger-ui.css",
)
PAGE_SIZE = 50
MAX_ID = 2**31 - 1  # PostgreSQL's integer; larger ids cannot exist in either store


def assets_missing() -> list[str]:
    return [name for name in VENDOR_FILES if not (VENDOR / name).is_file()]


def utc_iso(moment: datetime | None) -> str | None:
    """ISO 8601 with its zone: the store keeps UTC without one (naive, on both databases)."""
    if moment is None:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).isoformat()


def _shown(value: Any) -> Any:
    """Plain strings have their bidirectional controls made visible; our own markup
    (Markup, such as highlighted report text) has had it done piece by piece."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return reveal(value)
    return value


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
        # Every {{ value }} a template prints: report text, titles, file names, places.
        finalize=_shown,
    )
    env.globals["codebook"] = codebook
    env.filters["safe_url"] = safe_url
    env.filters["utc_iso"] = utc_iso
    env.filters["label"] = lambda v: str(v).replace("_", " ") if v is not None else "—"
    env.filters["tojson_pretty"] = lambda v: json.dumps(v, indent=1, ensure_ascii=False)
    return env


templates = Jinja2Templates(env=_environment())


def cache_of(request: Request) -> Cache:
    cache: Cache = request.app.state.cache
    return cache


def get_session(request: Request) -> Iterator[Session]:
    db: Database = request.app.state.db
    with db.session() as session:
        yield session


# "function": the transaction commits when the route returns, before the response leaves.
# FastAPI's default ends it after the response is sent, so a browser following a review's
# redirect could load the record before the review was committed and see none.
SessionDep = Annotated[Session, Depends(get_session, scope="function")]


def record_query(
    kind: Annotated[str | None, Query(description="incident or measure")] = None,
    type: Annotated[str | None, Query(description="codebook type")] = None,
    province: str | None = None,
    locality: str | None = None,
    year: Annotated[int | None, Query(ge=0, le=9999)] = None,
    month: Annotated[str | None, Query(description="YYYY-MM", pattern=r"^\d{4}-(0[1-9]|1[0-2])$")]
    = None,
    since: Annotated[int | None, Query(description="first year", ge=0, le=9999)] = None,
    until: Annotated[int | None, Query(description="last year", ge=0, le=9999)] = None,
    organ: str | None = None,
    offense: str | None = None,
    victim_group: str | None = None,
    outlet: str | None = None,
    status: Annotated[
        str | None, Query(description="review status; rejected records only when asked, all")
    ] = None,
    report_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    q: Annotated[str | None, Query(description="full-text search in report text")] = None,
) -> RecordQuery:
    if kind and kind not in codebook.KINDS:
        raise HTTPException(422, f"kind must be one of {', '.join(codebook.KINDS)}")
    if status and status not in (*codebook.REVIEW_STATUSES, ANY_STATUS):
        statuses = ", ".join((*codebook.REVIEW_STATUSES, ANY_STATUS))
        raise HTTPException(422, f"status must be one of {statuses}")
    return RecordQuery(
        kind=kind or None,
        type=type or None,
        province=province or None,
        locality=locality or None,
        year=year,
        month=month or None,
        since=since,
        until=until,
        organ=organ or None,
        offense=offense or None,
        victim_group=victim_group or None,
        outlet=outlet or None,
        status=status or None,
        report_id=report_id,
        q=(q or "").strip() or None,
        hide_rejected=True,
    )


QueryDep = Annotated[RecordQuery, Depends(record_query)]


def valid_order(order: str | None) -> str:
    return order if order in ORDERS else "date"


def query_string(params: dict[str, Any], **changes: Any) -> str:
    """The current view's URL query with some parameters changed; None drops one."""
    merged = {**params, **changes}
    return urlencode({k: v for k, v in merged.items() if v not in (None, "")})


def base_context(request: Request, active: str, **extra: Any) -> dict[str, Any]:
    return {
        "active": active,
        "assets_missing": assets_missing(),
        "qs": query_string,
        "csrf_token": token_for(request),
        "account": current_account(request),
        "team": getattr(request.state, "team", False),
        **extra,
    }
