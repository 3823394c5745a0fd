"""Reports: the ingested reports, upload of new files through the CLI's own ingest path
(same checks, same messages), and re-extraction that leaves reviewed records alone."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from kirok.errors import KirokError, NotFoundError
from kirok.ingest import ReadOptions
from kirok.model import ReportText
from kirok.store import captures, queries
from kirok.store.db import Database
from kirok.web.common import (
    PAGE_SIZE,
    SessionDep,
    base_context,
    templates,
)
from kirok.web.errors import plain_error
from kirok.web.guard import require_same_origin
from kirok.web.highlight import highlight_records
from kirok.web.queries_extra import record_counts

router = APIRouter()


def _list_context(session: SessionDep, page: int) -> dict[str, Any]:
    total = queries.count_reports(session)
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(1, page), pages)
    reports = queries.list_reports(session, PAGE_SIZE, (page - 1) * PAGE_SIZE)
    return {
        "reports": reports,
        "counts": record_counts(session, [r.id for r in reports]),
        "total": total,
        "page": page,
        "pages": pages,
        "params": {},
    }


@router.get("/reports", response_class=HTMLResponse, include_in_schema=False)
def reports_page(
    request: Request, session: SessionDep, page: Annotated[int, Query(ge=1)] = 1
) -> Response:
    context = base_context(request, "reports", results=None, **_list_context(session, page))
    return templates.TemplateResponse(request, "reports.html", context)


@router.get("/reports/{report_id}", response_class=HTMLResponse, include_in_schema=False)
def report_page(
    request: Request,
    session: SessionDep,
    report_id: int,
    added: Annotated[int | None, Query(ge=0, le=100_000)] = None,
    kept: Annotated[int, Query(ge=0, le=100_000)] = 0,
    removed: Annotated[int, Query(ge=0, le=100_000)] = 0,
) -> Response:
    report = queries.get_report(session, report_id)
    context = base_context(
        request,
        "reports",
        report=report,
        report_html=highlight_records(
            # Every record's evidence, linked to it; a rejected record's words prove nothing.
            report.text,
            [
                (e.start, e.end, r.id)
                for r in report.records
                if r.status != "rejected"
                for e in r.evidence
            ],
        ),
        records=list(report.records),
        history=captures.page_history(session, report),
        added=added,
        kept=kept,
        removed=removed,
    )
    return templates.TemplateResponse(request, "report.html", context)


def ingest_upload(
    db: Database,
    name: str,
    data: bytes,
    outlet: str | None,
    published: str | None,
    size: int | None = None,
    *,
    timeout: float,
) -> dict[str, Any]:
    """One uploaded file through the same read → dedupe → extract → store path as the CLI,
    reading and extracting in a worker stopped after `timeout` s, as `kirok ingest` does;
    `size` is the file's true size when only its first bytes were read."""
    from kirok.ingest import ReadOptions
    from kirok.ingest.files import check_size, format_of
    from kirok.service import Duplicate, ingest_within

    try:
        path = Path(Path(name).name or "upload.txt")
        format_of(path)  # refused here, before a worker is started for it
        check_size(max(size or 0, len(data)))
        options = ReadOptions(outlet=outlet, published=published)
        outcome = ingest_within(
            db, _read_upload, (path.name, data, options), f"upload:{path.name}", timeout,
            f"the server gives each file {timeout:g} s: kirok serve --timeout",
        )
    except KirokError as exc:
        return {"name": name, "status": "failed", "message": str(exc)}
    if isinstance(outcome, Duplicate):
        return {
            "name": name,
            "status": "duplicate",
            "report_id": outcome.report_id,
            "message": f"already stored as report {outcome.report_id}",
        }
    return {
        "name": name,
        "status": "stored",
        "report_id": outcome.report_id,
        "message": f"stored as report {outcome.report_id} with {outcome.records} records",
    }


def _read_upload(name: str, data: bytes, options: ReadOptions) -> ReportText:
    """In a worker: an uploaded file decoded and parsed, as a file on disk would be."""
    from kirok.ingest import read_raw
    from kirok.ingest.files import RawFile, decode, format_of

    path = Path(name)
    fmt = format_of(path)
    return read_raw(RawFile(path=path, data=data, text=decode(data, fmt), format=fmt), options)


async def _read_capped(upload: UploadFile) -> bytes:
    from kirok.ingest.files import MAX_BYTES

    # Read one byte past the limit: enough to know it is too large; the parser counted its
    # true size (UploadFile.size), which is what the message reports.
    return await upload.read(MAX_BYTES + 1)


@router.post(
    "/reports/upload",
    response_class=HTMLResponse,
    include_in_schema=False,
    dependencies=[Depends(require_same_origin)],
)
async def upload(request: Request) -> Response:
    db: Database = request.app.state.db
    # The form's spooled files are closed when this block ends, whatever happens.
    async with request.form() as form:
        outlet = str(form.get("outlet") or "").strip() or None
        published = str(form.get("published") or "").strip() or None
        files = [f for f in form.getlist("files") if isinstance(f, UploadFile) and f.filename]
        timeout: float = request.app.state.timeout
        results = []
        for f in files:
            data = await _read_capped(f)
            # in a thread: the event loop goes on answering other requests meanwhile
            results.append(await run_in_threadpool(
                functools.partial(ingest_upload, timeout=timeout),
                db, f.filename or "", data, outlet, published, f.size,
            ))
    if not results:
        results = [{"name": "", "status": "failed", "message": "choose at least one file"}]
    failed = all(r["status"] == "failed" for r in results)
    with db.session() as session:
        context = base_context(request, "reports", results=results, **_list_context(session, 1))
        return templates.TemplateResponse(
            request, "reports.html", context, status_code=422 if failed else 200
        )


@router.post(
    "/reports/{report_id}/reextract",
    include_in_schema=False,
    dependencies=[Depends(require_same_origin)],
)
def reextract(request: Request, report_id: int) -> Response:
    from kirok.service import reextract as run

    timeout: float = request.app.state.timeout
    hint = f"the server gives each report {timeout:g} s: kirok serve --timeout"
    try:
        [(_, outcome)] = run(request.app.state.db, [report_id], timeout=timeout, hint=hint)
    except NotFoundError:
        raise
    except KirokError as exc:
        return plain_error(
            request, 422, f"Re-extraction of report {report_id} {exc}. Nothing was changed."
        )
    counts = f"added={outcome.added}&kept={outcome.kept}&removed={outcome.removed}"
    return RedirectResponse(f"/reports/{report_id}?{counts}", status_code=303)
