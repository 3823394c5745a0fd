"""Review: confirm, correct or reject a record. Corrections are picked from the codebook's
vocabularies, and every decision lands in the audit trail with who, when, before and after."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote, unquote

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import FormData

from kirok import codebook
from kirok.extract.gazetteer import gazetteer_places, locality_named
from kirok.extract.places import coordinates
from kirok.store import queries
from kirok.store.schema import Record
from kirok.web.common import SessionDep, base_context, templates
from kirok.web.guard import require_same_origin
from kirok.web.pages.record import record_context

router = APIRouter()
REVIEWER_COOKIE = "kirok_reviewer"
ACTIONS = ("confirm", "correct", "reject")
DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
LISTS = {
    "organs": codebook.ORGANS,
    "offenses": codebook.OFFENSES,
    "victim_groups": codebook.VICTIM_GROUPS,
    "penalties": codebook.PENALTIES,
}


class ReviewError(ValueError):
    """A form value the codebook does not allow; its message is shown above the form."""


def _choice(value: str, allowed: tuple[str, ...], label: str) -> str:
    if value not in allowed:
        raise ReviewError(f"{label} must be one of the codebook's values, not {value!r}")
    return value


def proposed_fields(form: FormData, record: Record) -> dict[str, Any]:
    """The record's editable fields as the form sets them, checked against the codebook."""
    date = str(form.get("date") or "").strip() or None
    if date and not DATE.match(date):
        raise ReviewError("date must be YYYY, YYYY-MM or YYYY-MM-DD")
    province = str(form.get("province") or "") or None
    if province:
        _choice(province, (*codebook.PROVINCES, codebook.NATIONAL), "province")
    locality = str(form.get("locality") or "").strip()[:80] or None
    fields: dict[str, Any] = {
        "type": _choice(str(form.get("type") or ""), codebook.types_of(record.kind), "type"),
        "date": date,
    }
    fields["province"], fields["locality"] = _place(province, locality, record)
    for name, allowed in LISTS.items():
        fields[name] = [_choice(str(v), allowed, name) for v in form.getlist(name)]
    count = str(form.get("victims_count") or "").strip()
    if count and not count.isdigit():
        raise ReviewError("victims count must be a whole number or empty")
    fields["victims_count"] = int(count) if count else None
    fields["public"] = form.get("public") == "on"
    if record.kind == "incident":
        fields["penalties"] = list(record.penalties)
    else:
        fields["victims_count"], fields["public"] = record.victims_count, record.public
        fields["victim_groups"] = list(record.victim_groups)
    return fields


def _place(
    province: str | None, locality: str | None, record: Record
) -> tuple[str | None, str | None]:
    """(province, locality) with the locality resolved in the gazetteer: any spelling gives
    the canonical name, and the locality brings its province unless the analyst chose
    another one, which is then a contradiction to settle rather than a guess."""
    if not locality or (locality, province) == (record.locality, record.province):
        return province, locality  # unchanged: older free-text localities stay readable
    found = locality_named(locality, province)
    if found is None:
        raise ReviewError(
            f"{locality!r} is not in the gazetteer: pick a place from the suggestions, or "
            "leave the locality empty and set the province"
        )
    name, its_province = found
    if province and province != its_province and province != record.province:
        raise ReviewError(f"{name} is in {its_province}, not {province}: choose one of them")
    return its_province, name


def located(record: Record, changes: dict[str, Any]) -> dict[str, Any]:
    """`changes` with the coordinates of the place the record will have, so the map and the
    GeoJSON follow a corrected place instead of keeping the extractor's point."""
    province = changes.get("province", record.province)
    locality = changes.get("locality", record.locality)
    point = coordinates(province, locality) if province != codebook.NATIONAL else None
    lat, lon = point or (None, None)
    if (lat, lon) != (record.lat, record.lon):
        changes = {**changes, "lat": lat, "lon": lon}
    return changes


def changes_from(form: FormData, record: Record) -> dict[str, Any]:
    proposed = proposed_fields(form, record)
    current = record.fields()
    return {name: value for name, value in proposed.items() if current[name] != value}


def render_review(
    request: Request, session: SessionDep, record_id: int, error: str | None = None
) -> Response:
    context = record_context(session, record_id)
    context.update(
        reviewer=unquote(request.cookies.get(REVIEWER_COOKIE, "")),
        error=error,
        lists=LISTS,
        places=gazetteer_places(),
    )
    return templates.TemplateResponse(
        request,
        "review.html",
        base_context(request, context["record"].kind, **context),
        status_code=422 if error else 200,
    )


@router.get("/records/{record_id}/review", response_class=HTMLResponse, include_in_schema=False)
def review_form(request: Request, session: SessionDep, record_id: int) -> Response:
    return render_review(request, session, record_id)


@router.post(
    "/records/{record_id}/review",
    include_in_schema=False,
    dependencies=[Depends(require_same_origin)],
)
async def review_submit(request: Request, session: SessionDep, record_id: int) -> Response:
    async with request.form() as form:
        return _apply_review(request, session, record_id, form)


def _apply_review(
    request: Request, session: SessionDep, record_id: int, form: FormData
) -> Response:
    record = queries.get_record(session, record_id)
    who = str(form.get("reviewer") or "").strip()[:100]
    action = str(form.get("action") or "")
    try:
        if not who:
            raise ReviewError("enter your name as reviewer: the audit trail records who decided")
        if action not in ACTIONS:
            raise ReviewError("choose confirm, correct or reject")
        changes = changes_from(form, record) if action == "correct" else {}
        if action == "correct" and not changes:
            raise ReviewError("nothing was changed: edit a field to correct, or confirm instead")
    except ReviewError as exc:
        return render_review(request, session, record_id, str(exc))
    if action == "correct":
        changes = located(record, changes)
    queries.review_record(session, record_id, who, action, changes)
    response = RedirectResponse(f"/records/{record_id}#audit", status_code=303)
    response.set_cookie(
        REVIEWER_COOKIE, quote(who), max_age=365 * 86400, httponly=True, samesite="strict"
    )
    return response
