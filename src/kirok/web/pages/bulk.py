"""Bulk review: confirm or reject, in one decision, the unreviewed records a list page
shows. The form names the records it showed, so the decision covers exactly what the
reviewer saw; one decided by someone else meanwhile is skipped, not overridden. Each
record gets its own audit row, as if decided one by one."""

from __future__ import annotations

from urllib.parse import parse_qsl, quote, urlencode, urlsplit

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData

from kirok.store import queries
from kirok.store.db import Database
from kirok.store.schema import Record
from kirok.web.auth import current_account
from kirok.web.common import MAX_ID, PAGE_SIZE
from kirok.web.errors import plain_error
from kirok.web.guard import require_same_origin
from kirok.web.pages.review import REVIEWER_COOKIE

router = APIRouter()
LISTS = ("/incidents", "/measures")


def _back(raw: object) -> tuple[str, str]:
    """(list path, its query) to return to: only one of our list pages, never elsewhere."""
    parts = urlsplit(str(raw or ""))
    if parts.scheme or parts.netloc or parts.path not in LISTS:
        return "/incidents", ""
    # The filters of the view, without the notice of an earlier bulk decision.
    kept = [(k, v) for k, v in parse_qsl(parts.query) if k not in ("bulk", "done", "skipped")]
    return parts.path, urlencode(kept)


def _ids(form: FormData) -> list[int]:
    ids = [str(v) for v in form.getlist("id")]
    return [int(v) for v in ids if v.isdigit() and int(v) <= MAX_ID][:PAGE_SIZE]


@router.post("/review/bulk", include_in_schema=False, dependencies=[Depends(require_same_origin)])
async def bulk_review(request: Request) -> Response:
    async with request.form() as form:
        return await run_in_threadpool(_decide, request, form)


def _decide(request: Request, form: FormData) -> Response:
    who = str(form.get("reviewer") or "").strip()[:100]
    account = current_account(request)
    if account is not None and account.user_id is not None:
        who = account.name  # a team's store: the account decides, not a typed name
    action = str(form.get("action") or "")
    if not who:
        return plain_error(request, 422, "enter your name as reviewer: the audit trail records "
                           "who decided. Go back and try again.")
    if action not in ("confirm", "reject"):
        return plain_error(request, 422, "choose confirm or reject")
    db: Database = request.app.state.db
    done = skipped = 0
    with db.write_session() as session:  # committed before the answer
        for rid in _ids(form):
            record = session.get(Record, rid)
            if record is None or record.status != "unreviewed":
                skipped += 1
                continue
            queries.review_record(session, rid, who, action)
            done += 1
    path, query = _back(form.get("back"))
    outcome = urlencode({"bulk": action, "done": done, "skipped": skipped})
    response = RedirectResponse(f"{path}?{query}{'&' if query else ''}{outcome}", 303)
    response.set_cookie(
        REVIEWER_COOKIE, quote(who), max_age=365 * 86400, httponly=True, samesite="strict"
    )
    return response
