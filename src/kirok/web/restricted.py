"""Restricting from the web: an editor marks a record or a whole report restricted (kept
out of every public edition) or lifts it; the record's audit trail names the account."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from kirok.store.db import Database
from kirok.store.restrict import KINDS, set_restricted
from kirok.web.auth import current_account
from kirok.web.guard import require_same_origin

router = APIRouter(include_in_schema=False)


async def _toggle(request: Request, what: str, item_id: int) -> Response:
    assert what in KINDS
    async with request.form() as form:
        restricted = str(form.get("restricted") or "") == "on"
    account = current_account(request)
    db: Database = request.app.state.db
    with db.write_session() as session:
        set_restricted(session, what, item_id, restricted, account.name if account else "local")
    return RedirectResponse(f"/{what}s/{item_id}", status_code=303)


@router.post("/records/{record_id}/restrict", dependencies=[Depends(require_same_origin)])
async def restrict_record(request: Request, record_id: int) -> Response:
    return await _toggle(request, "record", record_id)


@router.post("/reports/{report_id}/restrict", dependencies=[Depends(require_same_origin)])
async def restrict_report(request: Request, report_id: int) -> Response:
    return await _toggle(request, "report", report_id)
