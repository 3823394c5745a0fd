"""The FastAPI application behind `kirok serve`: pages, the JSON API and local assets."""

from __future__ import annotations

import secrets
import threading
import webbrowser
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from urllib.parse import urlsplit

from fastapi import FastAPI, Request
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles

from kirok.errors import KirokError
from kirok.pool import DEFAULT_BUDGET_S
from kirok.store.db import Database, as_url
from kirok.web import auth, errors, restricted
from kirok.web.aggregates import Cache
from kirok.web.common import STATIC, templates
from kirok.web.guard import add_host_and_session, allowed_hosts
from kirok.web.pages import (
    api,
    bulk,
    exports,
    home,
    record,
    records,
    reports,
    review,
    timeline,
)
from kirok.web.pages import map as map_page
from kirok.web.uploads import UploadLimit

# Nothing inline and nothing from another host: report text cannot run script even if an
# escaping bug let markup through, and the app cannot leak a request off the machine.
CSP = (
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
# Kept here rather than as a file so the icon ships with the package's Python code.
FAVICON = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">'
    '<rect width="32" height="32" rx="6" fill="#1d2b38"/>'
    '<path d="M10 7v18M10 16l11-9M13 14l9 11" stroke="#fff" stroke-width="3.2" fill="none" '
    'stroke-linecap="round"/></svg>'
)
LOOPBACK = ("127.0.0.1", "::1", "localhost")
CACHEABLE = ("/static/", "/favicon.ico")  # our own code and icons, never report text
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",  # no-referrer would make form posts send Origin: null
    "X-Frame-Options": "DENY",
}


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    yield
    app.state.db.dispose()


def create_app(
    db_url: str,
    host: str | None = None,
    public_url: str | None = None,
    timeout: float = DEFAULT_BUDGET_S,
) -> FastAPI:
    """The app for the store at `db_url`, answering loopback names, `host` and the host of
    `public_url` (the address a team's reverse proxy serves it at); an upload or a
    re-extraction is stopped after `timeout` seconds, as `kirok ingest --timeout` does."""
    app = FastAPI(
        lifespan=_lifespan,
        title="Kirok",
        summary="Sourced records of state repression in North Korea: incidents and measures.",
        version="0.1.0",
        # The stock /docs and /redoc pages load their scripts from a CDN; the OpenAPI
        # description stays at /openapi.json for any local tool to read.
        docs_url=None,
        redoc_url=None,
    )
    app.state.db = Database(as_url(db_url))
    app.state.cache = Cache()
    app.state.timeout = timeout
    app.state.secret = secrets.token_bytes(32)
    _refresh_planner_statistics(app.state.db)
    # Compile every template now, not on the first analyst's first click.
    for name in templates.env.list_templates():
        templates.env.get_template(name)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    modules = (home, records, record, review, bulk, map_page, timeline, reports, api, exports,
               restricted)
    for module in modules:
        app.include_router(module.router)
    app.add_middleware(UploadLimit)  # innermost: refuses a too-large upload before parsing
    # accounts next: a middleware added later runs earlier, and the host check comes first
    auth.install(app, secure_cookies=(public_url or "").startswith("https://"))
    hosts = allowed_hosts(host)
    if public_url and urlsplit(public_url).hostname:
        hosts |= {str(urlsplit(public_url).hostname).lower()}
    app.middleware("http")(add_host_and_session(hosts))
    _add_security_headers(app)
    _add_error_pages(app)

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        headers = {"Cache-Control": "max-age=86400"}
        return Response(FAVICON, media_type="image/svg+xml", headers=headers)

    return app


def _refresh_planner_statistics(db: Database) -> None:
    """Without statistics SQLite may group a facet by walking the wrong index; a sampled
    ANALYZE (a few milliseconds) lets it pick the selective one on a large store."""
    if db.engine.dialect.name != "sqlite":
        return
    with db.engine.begin() as conn:
        conn.exec_driver_sql("PRAGMA analysis_limit=400")
        conn.exec_driver_sql("ANALYZE")


def _add_security_headers(app: FastAPI) -> None:
    @app.middleware("http")
    async def headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        if not request.url.path.startswith(CACHEABLE):
            # Pages and API answers hold report text and names: never kept on disk by the
            # browser or a proxy, so a shared computer does not keep what an analyst read.
            response.headers.setdefault("Cache-Control", "no-store")
        return response


def plain_error(request: Request, status: int, message: str) -> Response:
    """Kept for callers of the old name; the error pages live in web/errors.py."""
    return errors.plain_error(request, status, message)


def _add_error_pages(app: FastAPI) -> None:
    errors.install(app)


def serve(
    db_url: str,
    host: str = "127.0.0.1",
    port: int = 8765,
    open_browser: bool = False,
    allow_remote: bool = False,
    public_url: str | None = None,
    timeout: float = DEFAULT_BUDGET_S,
) -> None:
    """Run the app until interrupted; prints the address and optionally opens a browser."""
    import uvicorn

    if host not in LOOPBACK and not allow_remote and not _has_accounts(db_url):
        raise KirokError(
            f"refusing to listen on {host}: this store has no accounts or passwords yet, so "
            "anyone who can reach this address could read every report and change every "
            "record. Add an admin first (`kirok users add NAME --role admin`) and everyone "
            "will have to log in; or add --allow-remote if this network is trusted."
        )
    app = create_app(db_url, host, public_url, timeout)
    url = public_url or f"http://{'localhost' if host in LOOPBACK else host}:{port}/"
    print(f"Kirok is serving {db_url} at {url} — open it in your browser; Ctrl+C stops it.")
    if open_browser:
        # Give uvicorn a moment to bind before the browser asks for the page.
        threading.Timer(1.0, webbrowser.open, args=(url,)).start()
    # behind a team's reverse proxy, the client's address (login throttling) is the proxy's
    # unless uvicorn trusts its X-Forwarded-For: it does for a proxy on loopback only
    uvicorn.run(app, host=host, port=port, log_level="warning", proxy_headers=True)


def _has_accounts(db_url: str) -> bool:
    from kirok.accounts import has_users

    db = Database(as_url(db_url))
    try:
        with db.session() as session:
            return has_users(session)
    finally:
        db.dispose()
