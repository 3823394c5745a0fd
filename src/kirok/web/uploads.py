"""A ceiling on the upload form's body, enforced before it is read: a declared
Content-Length past it is refused without reading a byte, and a body that grows past it
while streaming (chunked, or longer than declared) is cut off there. Without this the
multipart parser would spool a 300 MB post to disk before any size check ran.

Each file is then held to the ingest limit (kirok.ingest.files.MAX_BYTES) by its true
size, as the multipart parser counted it.
"""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kirok.ingest.files import MAX_BYTES

UPLOAD_PATH = "/reports/upload"
FILES_PER_UPLOAD = 5  # files at the ingest limit one post may carry
# Read at each request, so a test can lower it.
REQUEST_LIMIT = FILES_PER_UPLOAD * MAX_BYTES + 1_048_576  # the form's other fields, boundaries


def megabytes(size: int) -> str:
    return f"{size / 1_048_576:.1f} MB"


def _too_large(size: int | None) -> HTTPException:
    how_big = f"is {megabytes(size)}" if size is not None else f"passed {megabytes(REQUEST_LIMIT)}"
    return HTTPException(
        413,
        f"The upload {how_big}: one upload may carry at most {megabytes(REQUEST_LIMIT)} "
        f"(each file at most {MAX_BYTES // 1_048_576} MB). Nothing was stored; upload fewer "
        "or smaller files at a time.",
        # The rest of the body is not wanted: the connection ends with the answer.
        headers={"Connection": "close"},
    )


class UploadLimit:
    """ASGI middleware holding POST /reports/upload to REQUEST_LIMIT bytes."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST" or scope["path"] != UPLOAD_PATH:
            await self.app(scope, receive, send)
            return
        limit = REQUEST_LIMIT
        declared = _content_length(scope)
        received = 0

        async def limited() -> Message:
            # Raised from inside the form parser, so the app's error page answers it.
            nonlocal received
            if declared is not None and declared > limit:
                raise _too_large(declared)
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise _too_large(None)
            return message

        await self.app(scope, limited, send)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None
