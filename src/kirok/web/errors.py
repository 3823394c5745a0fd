"""Error answers: every failure is a page an analyst can read (JSON under /api/), with the
same security headers as any other page — including the 500s Starlette would otherwise
answer in plain text from outside every middleware.

Requests that cannot mean anything are refused before they reach a query: a NUL byte in
the address (SQLite would compare only up to it), numbers past what the store can hold,
a malformed path (/records/abc is a page that does not exist) or parameter (?page=0).
A store locked by another writer is a message and a retry, not a crash.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from sqlalchemy.exc import DataError, OperationalError
from starlette.exceptions import HTTPException

from kirok.errors import NotFoundError
from kirok.web.common import base_context, templates

log = logging.getLogger(__name__)
RETRY_AFTER_S = 5
TITLES = {
    400: "This address asks for something Kirok cannot read",
    404: "Not found",
    409: "Changed meanwhile",
    503: "The store is busy",
}


def plain_error(
    request: Request, status: int, message: str, headers: Mapping[str, str] | None = None
) -> Response:
    """The error page (or JSON body under /api/) for `status`, with the security headers."""
    from kirok.web.app import SECURITY_HEADERS

    all_headers = {**SECURITY_HEADERS, **(headers or {})}
    if request.url.path.startswith("/api/"):
        return JSONResponse({"detail": message}, status_code=status, headers=all_headers)
    context = base_context(
        request,
        "",
        status=status,
        message=message,
        heading=TITLES.get(status, "Something is not right"),
        retry=status == 503 and request.method == "GET",
        # Relative, so the link can only lead back into this server.
        url=request.url.path + (f"?{request.url.query}" if request.url.query else ""),
    )
    return templates.TemplateResponse(
        request, "error.html", context, status_code=status, headers=all_headers
    )


def _validation_message(exc: RequestValidationError) -> tuple[int, str]:
    """404 for a path that names nothing (/records/abc), 400 for a bad parameter."""
    problems = []
    for error in exc.errors():
        where = [str(part) for part in error.get("loc", ())]
        if where and where[0] == "path":
            return 404, f"there is no such page: {where[-1]} must be a whole number"
        name = where[-1] if where else "a parameter"
        problems.append(f"{name}: {error.get('msg', 'invalid')}")
    return 400, "; ".join(problems) or "the request could not be read"


def _is_locked(exc: OperationalError) -> bool:
    text = str(exc.orig).lower()
    return "locked" in text or "busy" in text or "lock timeout" in text


def install(app: FastAPI) -> None:
    """Register the error pages and the NUL-byte guard on `app`."""

    @app.exception_handler(NotFoundError)
    async def not_found(request: Request, exc: NotFoundError) -> Response:
        return plain_error(request, 404, str(exc))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        return plain_error(request, exc.status_code, str(exc.detail), exc.headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        status, message = _validation_message(exc)
        if request.url.path.startswith("/api/"):
            return plain_error(request, 422 if status == 400 else status, message)
        return plain_error(request, status, message)

    @app.exception_handler(OverflowError)
    @app.exception_handler(DataError)
    async def overflow(request: Request, exc: Exception) -> Response:
        # A number past what the store holds (SQLite: 2^63, PostgreSQL's integer: 2^31):
        # no record, report or year can be that large.
        ids = [str(v) for v in request.scope.get("path_params", {}).values()]
        if any(v.isdigit() and int(v) >= 2**31 for v in ids):
            return plain_error(request, 404, "there is no such page: no id is that large")
        return plain_error(request, 400, "a number in this address is out of range")

    @app.exception_handler(LookupError)
    @app.exception_handler(UnicodeError)
    async def unknown_charset(request: Request, exc: Exception) -> Response:
        if isinstance(exc, LookupError) and type(exc) is not LookupError:
            return await server_error(request, exc)  # KeyError, IndexError: a bug
        # A form declaring a character set Python lacks (LookupError) or one that cannot
        # decode, such as "undefined" (a codec whose every use fails).
        return plain_error(request, 400, f"the form could not be decoded: {exc}")

    @app.exception_handler(OperationalError)
    async def store_error(request: Request, exc: OperationalError) -> Response:
        if not _is_locked(exc):
            return await server_error(request, exc)
        return plain_error(
            request,
            503,
            "Another writer (an ingest, a re-extraction or another review) holds the store; "
            "nothing was saved. Try again in a few seconds.",
            {"Retry-After": str(RETRY_AFTER_S)},
        )

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception) -> Response:
        log.error("unhandled error on %s", request.url.path, exc_info=exc)
        message = "Kirok hit an error it did not expect; the server's log has the details."
        return plain_error(request, 500, message)

    app.middleware("http")(_refuse_nul)


async def _refuse_nul(request: Request, call_next: Callable[[Request], Awaitable[Any]]) -> Any:
    raw = request.scope.get("query_string", b"")
    if b"%00" in raw or b"\x00" in raw or "\x00" in request.url.path:
        return plain_error(request, 400, "the address holds a NUL byte, which no filter can mean")
    return await call_next(request)
