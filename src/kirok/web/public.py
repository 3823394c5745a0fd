"""`kirok serve --public`: the public edition as a read-only site, the same pages and data
files `kirok publish` writes, at the same paths, plus a small JSON API over the same items.

It answers GET and HEAD only, sets no cookie, and knows nothing of the team's pages: it
is a different app, not the team's app with parts hidden, so there is no team route to
forget to close. A record that is not public is "not published", whether it is restricted,
unreviewed or missing, so the answer does not tell which.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response

from kirok import public
from kirok.store.db import Database, as_url

MEDIA = {"json": "application/json", "csv": "text/csv", "geojson": "application/geo+json"}
CSS = Path(__file__).parent / "static" / "public.css"


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    yield
    app.state.db.dispose()


def create_public_app(db_url: str, coarsen: bool = False) -> FastAPI:
    app = FastAPI(
        lifespan=_lifespan, title="Kirok public edition", version="0.1.0",
        docs_url=None, redoc_url=None,
    )
    app.state.db = Database(as_url(db_url))
    options = public.Options(coarsen=coarsen)

    def items() -> list[dict[str, Any]]:
        return list(public.public_items(app.state.db, options))

    def one(record_id: int) -> dict[str, Any]:
        item = public.public_item_by_id(app.state.db, record_id, options)
        if item is None:
            raise HTTPException(404, f"no published record {record_id}")
        return item

    @app.get("/", response_class=HTMLResponse)
    @app.get("/index.html", response_class=HTMLResponse)
    def index() -> str:
        return public.index_page(items())

    @app.get("/records/{record_id}.html", response_class=HTMLResponse)
    def record_page(record_id: int) -> str:
        return public.record_page(one(record_id))

    @app.get("/data/records.{fmt}")
    def data(fmt: str) -> Response:
        if fmt not in MEDIA:
            raise HTTPException(404, "the data files are records.json, records.csv and "
                                     "records.geojson")
        return Response(public.data_file(items(), fmt), media_type=MEDIA[fmt])

    @app.get("/api/records")
    def api_records() -> dict[str, Any]:
        found = items()
        return {"total": len(found), "items": found}

    @app.get("/api/records/{record_id}")
    def api_record(record_id: int) -> dict[str, Any]:
        return one(record_id)

    @app.get("/style.css")
    def style() -> FileResponse:
        return FileResponse(CSS, media_type="text/css")

    @app.exception_handler(HTTPException)
    async def plain(request: Request, exc: HTTPException) -> Response:
        return JSONResponse({"detail": str(exc.detail)}, status_code=exc.status_code)

    _read_only(app)
    return app


def _read_only(app: FastAPI) -> None:
    from kirok.web.app import SECURITY_HEADERS

    @app.middleware("http")
    async def guard(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        if request.method not in ("GET", "HEAD"):
            response: Response = JSONResponse(
                {"detail": "the public edition is read-only"}, status_code=405
            )
        else:
            response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response


def serve_public(db_url: str, host: str = "127.0.0.1", port: int = 8000,
                 coarsen: bool = False) -> None:
    """Serve the public edition until interrupted; any --host is fine, it holds nothing
    that is not meant to be published."""
    import uvicorn

    app = create_public_app(db_url, coarsen)
    print(f"Kirok is serving the public edition of {db_url} at http://{host}:{port}/ "
          "— read-only; Ctrl+C stops it.")
    uvicorn.run(app, host=host, port=port, log_level="warning", proxy_headers=True)
