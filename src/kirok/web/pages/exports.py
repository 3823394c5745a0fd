"""Export of the current filtered view from the web: the same writer, in the same formats
and codebook columns, with the same redaction and the same rule for rejected records as
`kirok export`, so a file saved from the browser is byte for byte the command's."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from typing import IO, TextIO, cast

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import StreamingResponse

from kirok import export as exporting
from kirok.store.db import Database
from kirok.web.common import QueryDep

router = APIRouter()
MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "geojson": "application/geo+json",
}
IN_MEMORY = 8 * 1_048_576  # larger exports are spooled to a temporary file
CHUNK = 65_536


def _chunks(spool: IO[str]) -> Iterator[bytes]:
    try:
        spool.seek(0)
        while chunk := spool.read(CHUNK):
            yield chunk.encode("utf-8")
    finally:
        spool.close()


@router.get("/export.{fmt}", summary="The view's records, as `kirok export` writes them")
def export_view(request: Request, query: QueryDep, fmt: str) -> StreamingResponse:
    if fmt not in exporting.FORMATS:
        raise HTTPException(404, f"no export format {fmt!r}: choose csv, json or geojson")
    db: Database = request.app.state.db
    query.unrestricted = True  # as `kirok export`: a file can leave the team
    # Written whole before the answer starts, so an error is an error page, not a cut file.
    spool = tempfile.SpooledTemporaryFile(max_size=IN_MEMORY, mode="w+", encoding="utf-8",
                                          newline="")
    try:
        exporting.write(db, query, fmt, cast(TextIO, spool))
    except BaseException:
        spool.close()
        raise
    name = f"kirok-{query.kind or 'records'}.{fmt}"
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    return StreamingResponse(_chunks(spool), media_type=MEDIA_TYPES[fmt], headers=headers)
