"""Review: confirm, correct or reject a record. Corrections are picked from the codebook's
vocabularies, and every decision lands in the audit trail with who, when, before and after.
A decision is written in its own transaction, holding the store's write lock from the
moment the record is read, and the answer is sent only once it is committed."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, unquote

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData

from kirok.extract.gazetteer import gazetteer_places
from kirok.store import queries
from kirok.store.db import Database
from kirok.store.schema import Record
from kirok.web.auth import current_account
from kirok.web.common import SessionDep, base_context, templates
from kirok.web.guard import require_same_origin
from kirok.web.pages.home import queue_filters
from kirok.web.pages.record import record_context
from kirok.web.review_form import (
    LISTS,
    ReviewError,
    changes_from,
    located,
    proposed_fields,
    version_of,
)

router = APIRouter()
REVIEWER_COOKIE = "kirok_reviewer"
ACTIONS = ("confirm", "correct", "reject")


def render_review(
    request: Request,
    session: Session,
    record_id: int,
    error: str | None = None,
    status: int | None = None,
    draft: dict[str, Any] | None = None,
) -> Response:
    context = record_context(session, record_id)
    record = context["record"]
    context.update(
        reviewer=unquote(request.cookies.get(REVIEWER_COOKIE, "")),
        error=error,
        lists=LISTS,
        places=gazetteer_places(),
        version=version_of(record),
        # What the form shows: the reviewer's own edits after a conflict, else the record.
        shown={**record.fields(), **(draft or {})},
        queue=_queue_of(request),
    )
    return templates.TemplateResponse(
        request,
        "review.html",
        base_context(request, record.kind, **context),
        status_code=status or (422 if error else 200),
    )


@router.get("/records/{record_id}/review", response_class=HTMLResponse, include_in_schema=False)
def review_form(request: Request, session: SessionDep, record_id: int) -> Response:
    return render_review(request, session, record_id)


@router.post(
    "/records/{record_id}/review",
    include_in_schema=False,
    dependencies=[Depends(require_same_origin)],
)
async def review_submit(request: Request, record_id: int) -> Response:
    async with request.form() as form:
        # The write may wait for the store's lock: not on the event loop.
        return await run_in_threadpool(_decide, request, record_id, form)


def _decide(request: Request, record_id: int, form: FormData) -> Response:
    db: Database = request.app.state.db
    with db.write_session() as session:
        response = _apply_review(request, session, record_id, form)
    # Only now, committed, does the reviewer get the answer (and the audit row exists).
    return response


def _queue_of(request: Request) -> str | None:
    """The review queue's filters when the form was opened from the queue, else None."""
    if "queue" not in request.query_params:
        return None
    return queue_filters(str(request.query_params))


def _conflict(record: Record) -> str:
    last = record.audit[-1] if record.audit else None
    who = f"{last.who} {last.action}ed it at {last.at:%Y-%m-%d %H:%M} UTC" if last else (
        "it was re-extracted"
    )
    return (
        f"Record #{record.id} was changed since you opened this form: {who}. Nothing was "
        "saved. The form below shows your edits over the record as it is now; check the "
        "audit trail and decide again."
    )


def _apply_review(
    request: Request, session: Session, record_id: int, form: FormData
) -> Response:
    # Read under the write lock (SQLite: BEGIN IMMEDIATE; PostgreSQL: the row lock), so
    # no other decision can land between the version check and this one's commit.
    record = session.scalar(select(Record).where(Record.id == record_id).with_for_update())
    if record is None:
        record = queries.get_record(session, record_id)  # raises the 404
    who = str(form.get("reviewer") or "").strip()[:100]
    account = current_account(request)
    if account is not None and account.user_id is not None:
        who = account.name  # a team's store: the account decides, not a typed name
    action = str(form.get("action") or "")
    version = form.get("version")
    if version is not None and version != version_of(record):
        try:
            draft = proposed_fields(form, record) if "type" in form else None
        except ReviewError:
            draft = None
        return render_review(request, session, record_id, _conflict(record), 409, draft)
    try:
        if not who:
            raise ReviewError("enter your name as reviewer: the audit trail records who decided")
        if action not in ACTIONS:
            raise ReviewError("choose confirm, correct or reject")
        # "Confirm" with edited fields saves the edits: a correction, never a silent drop.
        edited = action in ("confirm", "correct") and "type" in form
        changes = changes_from(form, record) if edited else {}
        if changes and action == "confirm":
            action = "correct"
        if action == "correct" and not changes:
            raise ReviewError("nothing was changed: edit a field to correct, or confirm instead")
    except ReviewError as exc:
        return render_review(request, session, record_id, str(exc))
    if action == "correct":
        changes = located(record, changes)
    queries.review_record(session, record_id, who, action, changes)
    queue = form.get("queue")
    target = f"/records/{record_id}#audit"
    if isinstance(queue, str):  # opened from the queue: on to its next record
        target = f"/review/next?{queue_filters(queue)}"
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(
        REVIEWER_COOKIE, quote(who), max_age=365 * 86400, httponly=True, samesite="strict"
    )
    return response
