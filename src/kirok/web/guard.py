"""Forged requests: the app listens on this computer, where any web page the analyst
visits could otherwise post a review or an upload in their name, or reach it through a
DNS name that points at 127.0.0.1. So it answers only the host names it was started
for, and every form carries a per-session token that another site cannot read."""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

from fastapi import HTTPException, Request
from fastapi.responses import Response

SESSION_COOKIE = "kirok_session"
TOKEN_FIELD = "csrf_token"
TOKEN_HEADER = "x-kirok-token"
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


def allowed_hosts(host: str | None) -> frozenset[str]:
    """The host names (without port) the server answers: loopback, and `host` if given."""
    names = set(LOCAL_HOSTS)
    if host and host not in ("0.0.0.0", "::"):
        names.add(host.strip("[]").lower())
    return frozenset(names)


def host_name(value: str) -> str:
    """'localhost:8000' → 'localhost'; '[::1]:80' → '::1'."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[1:].split("]", 1)[0]
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


def session_of(request: Request) -> str:
    """This browser's session id: its cookie, or a fresh one set on the response."""
    sid = request.cookies.get(SESSION_COOKIE, "")
    if len(sid) < 32:
        sid = getattr(request.state, "new_session", "") or secrets.token_urlsafe(32)
        request.state.new_session = sid
    return sid


def token_for(request: Request) -> str:
    secret: bytes = request.app.state.secret
    return hmac.new(secret, session_of(request).encode(), "sha256").hexdigest()


def add_host_and_session(app_hosts: frozenset[str]) -> Callable[..., Awaitable[Response]]:
    async def middleware(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        if host_name(request.headers.get("host", "")) not in app_hosts:
            from kirok.web.app import plain_error

            return plain_error(
                request, 400, "This server does not answer that host name. "
                "Open it at the address `kirok serve` printed."
            )
        response = await call_next(request)
        new = getattr(request.state, "new_session", None)
        if new and SESSION_COOKIE not in request.cookies:
            response.set_cookie(SESSION_COOKIE, new, httponly=True, samesite="strict")
        return response

    return middleware


def _same_origin(request: Request) -> None:
    origin = request.headers.get("origin")
    referer = request.headers.get("referer")
    if request.headers.get("sec-fetch-site") == "cross-site" or origin == "null":
        raise HTTPException(403, "cross-site form posts are refused")
    source = origin or referer
    if not source:
        raise HTTPException(403, "form posts must come from Kirok's own pages (no Origin)")
    if urlsplit(source).netloc.lower() != request.headers.get("host", "").lower():
        raise HTTPException(403, "cross-site form posts are refused")


async def require_same_origin(request: Request) -> None:
    """Refuse a post from another site, without an origin, or without this session's token."""
    if getattr(request.state, "via_token", False):
        return  # an API token: a browser never adds one by itself, so it cannot be forged
    _same_origin(request)
    sent = request.headers.get(TOKEN_HEADER)
    if sent is None:
        form = await request.form()
        sent = str(form.get(TOKEN_FIELD) or "")
    if SESSION_COOKIE not in request.cookies or not hmac.compare_digest(
        sent, token_for(request)
    ):
        raise HTTPException(
            403, "this form has expired or did not come from Kirok: reload the page and try again"
        )
