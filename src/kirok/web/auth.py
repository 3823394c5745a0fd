"""Who is asking: logins, signed session cookies, API tokens and roles, for a team's server.

On a laptop (no accounts in the store) every request acts as the one local user, as
before. As soon as the store has an account, every request must carry a login cookie or
an `Authorization: Bearer` token, and nothing of the store — no page, no API answer, no
error page about a record — reaches a request that has neither. Roles are checked here,
in one middleware, for every route (including routes added later): reading needs a viewer,
any other method an editor, /users an admin. A bearer token is not sent by browsers on
their own, so a request carrying one needs no anti-forgery token (see guard.py).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
from collections import defaultdict, deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, FastAPI, Form, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from kirok import accounts
from kirok.accounts import LOCAL, Account
from kirok.store.db import Database
from kirok.web.guard import SESSION_COOKIE, require_same_origin

LOGIN_COOKIE = "kirok_login"
SESSION_SECONDS = 12 * 3600  # a working day; then the login page again
OPEN_PATHS = ("/login", "/logout", "/favicon.ico")
OPEN_PREFIXES = ("/static/",)
ADMIN_PREFIXES = ("/users",)
READ_METHODS = ("GET", "HEAD", "OPTIONS")
USERS_RECHECK_S = 2.0  # how stale "does the store have accounts?" may be
MAX_FAILURES = 5
FAILURE_WINDOW_S = 15 * 60
MAX_TRACKED = 10_000  # names and addresses with recent failures kept before pruning

router = APIRouter(include_in_schema=False)


class Throttle:
    """Failed logins per account name and per client address in a sliding window: after
    MAX_FAILURES, that name or address waits until its oldest failure leaves the window.
    Kept in memory: a restart forgets, which costs an attacker a restart per five guesses."""

    def __init__(self) -> None:
        self._failures: dict[str, deque[float]] = defaultdict(deque)

    def _recent(self, key: str, now: float) -> deque[float]:
        times = self._failures[key]
        while times and times[0] <= now - FAILURE_WINDOW_S:
            times.popleft()
        return times

    def wait(self, keys: tuple[str, ...]) -> float:
        now = time.monotonic()
        waits = [
            times[0] + FAILURE_WINDOW_S - now
            for times in (self._recent(k, now) for k in keys)
            if len(times) >= MAX_FAILURES
        ]
        return max(waits, default=0.0)

    def failed(self, keys: tuple[str, ...]) -> None:
        now = time.monotonic()
        if len(self._failures) > MAX_TRACKED:
            # made-up names must not grow this without bound: forget what has aged out
            for key in [k for k, times in self._failures.items() if not self._recent(k, now)]:
                del self._failures[key]
        for key in keys:
            self._recent(key, now).append(now)

    def succeeded(self, name_key: str) -> None:
        self._failures.pop(name_key, None)


@dataclass
class AuthState:
    key: bytes  # signs login cookies; derived from the store's own secret
    secure_cookies: bool = False
    throttle: Throttle = field(default_factory=Throttle)
    _has_users: bool = False
    _checked_at: float = float("-inf")

    def login_required(self, db: Database) -> bool:
        now = time.monotonic()
        if now - self._checked_at > USERS_RECHECK_S:
            with db.session() as session:
                self._has_users = accounts.has_users(session)
            self._checked_at = now
        return self._has_users


def sign(key: bytes, user_id: int, expires: int) -> str:
    body = f"{user_id}.{expires}"
    mac = hmac.new(key, body.encode(), hashlib.sha256).digest()
    return body + "." + base64.urlsafe_b64encode(mac).decode().rstrip("=")


def unsign(key: bytes, value: str, now: float | None = None) -> int | None:
    """The user id in a login cookie that is ours and not expired; else None."""
    body, _, mac = value.rpartition(".")
    expected = base64.urlsafe_b64encode(
        hmac.new(key, body.encode(), hashlib.sha256).digest()
    ).decode().rstrip("=")
    if not body or not hmac.compare_digest(mac, expected):
        return None
    user_id, _, expires = body.partition(".")
    if not (user_id.isdigit() and expires.isdigit()):
        return None
    if int(expires) < (time.time() if now is None else now):
        return None
    return int(user_id)


def install(app: FastAPI, secure_cookies: bool = False) -> None:
    """Accounts for `app`: the login routes and the middleware that checks every request.
    Call before the host guard is added, so that the guard runs first."""
    db: Database = app.state.db
    secret = accounts.server_secret(db)
    app.state.auth = AuthState(hmac.new(secret, b"login", hashlib.sha256).digest(),
                               secure_cookies)
    # the anti-forgery key too, so that a form loaded before a restart, or from another
    # server process on the same store, still posts
    app.state.secret = hmac.new(secret, b"forms", hashlib.sha256).digest()
    app.include_router(router)
    app.middleware("http")(_check_every_request)


def current_account(request: Request) -> Account | None:
    """The request's account: LOCAL on a laptop, None on the login page before a login."""
    account: Account | None = getattr(request.state, "account", LOCAL)
    return account


def _resolve(request: Request) -> Account | None:
    """The request's account; None when it needs one and carries none that is valid."""
    db: Database = request.app.state.db
    state: AuthState = request.app.state.auth
    # decided here, before the route holds a connection: asking again from inside a route
    # would need a second one, and twenty such requests at once would starve the pool
    request.state.team = state.login_required(db)
    header = request.headers.get("authorization", "")
    if header[:7].lower() == "bearer ":
        with db.session() as session:
            account = accounts.account_for_token(session, header[7:].strip())
        request.state.via_token = account is not None
        return account  # a wrong token is refused even on a laptop: the script is broken
    if not request.state.team:
        return LOCAL
    cookie = request.cookies.get(LOGIN_COOKIE, "")
    user_id = unsign(state.key, cookie) if cookie else None
    if user_id is None:
        return None
    with db.session() as session:
        return accounts.account_by_id(session, user_id)  # None once the account is removed


def required_role(request: Request) -> str:
    if request.url.path.startswith(ADMIN_PREFIXES):
        return "admin"
    return "viewer" if request.method in READ_METHODS else "editor"


async def _check_every_request(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    from kirok.web.errors import plain_error

    path = request.url.path
    # the look-ups are blocking database calls: off the event loop, as FastAPI runs routes
    account = await run_in_threadpool(_resolve, request)
    if path in OPEN_PATHS or path.startswith(OPEN_PREFIXES):
        request.state.account = account
        return await call_next(request)
    if account is None:
        if path.startswith("/api/") or "authorization" in request.headers:
            return JSONResponse(
                {"detail": "log in first, or send a valid API token (Authorization: Bearer …)"},
                status_code=401, headers={"WWW-Authenticate": "Bearer"},
            )
        target = path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)
    needed = required_role(request)
    if not account.may(needed):
        wanted = "an admin" if needed == "admin" else "an editor or admin"
        return plain_error(
            request, 403, f"{account.name} is a {account.role}: this needs {wanted} account"
        )
    request.state.account = account
    return await call_next(request)


def _safe_next(target: str) -> str:
    """Only a path on this server: a login must not send the browser elsewhere."""
    if target.startswith("/") and not target.startswith(("//", "/\\")):
        return target
    return "/"


def _login_page(request: Request, target: str, error: str | None, status: int) -> Response:
    from kirok.web.common import base_context, templates

    context = base_context(request, "", next=_safe_next(target), error=error)
    return templates.TemplateResponse(request, "login.html", context, status_code=status)


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "/") -> Response:
    return _login_page(request, next, None, 200)


@router.post("/login", dependencies=[Depends(require_same_origin)])
def login_submit(
    request: Request,
    name: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/",
) -> Response:
    state: AuthState = request.app.state.auth
    client = request.client.host if request.client else "unknown"
    keys = (f"name:{name.lower()}", f"addr:{client}")
    wait = state.throttle.wait(keys)
    if wait > 0:
        minutes = max(1, round(wait / 60))
        message = f"too many failed logins: wait {minutes} minute(s) and try again"
        return _login_page(request, next, message, 429)
    account = accounts.authenticate(request.app.state.db, name.strip(), password)
    if account is None or account.user_id is None:
        state.throttle.failed(keys)
        return _login_page(request, next, "wrong account name or password", 401)
    state.throttle.succeeded(keys[0])
    response = RedirectResponse(_safe_next(next), status_code=303)
    expires = int(time.time()) + SESSION_SECONDS
    response.set_cookie(
        LOGIN_COOKIE, sign(state.key, account.user_id, expires), max_age=SESSION_SECONDS,
        httponly=True, samesite="lax", secure=state.secure_cookies,
    )
    # a new anti-forgery session at login, so a session id planted before it is worthless
    import secrets

    response.set_cookie(SESSION_COOKIE, secrets.token_urlsafe(32), httponly=True,
                        samesite="strict", secure=state.secure_cookies)
    return response


@router.post("/logout", dependencies=[Depends(require_same_origin)])
def logout(request: Request) -> Response:
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(LOGIN_COOKIE)
    response.delete_cookie(SESSION_COOKIE)
    return response


@router.get("/users", response_class=HTMLResponse)
def users_page(request: Request) -> Response:
    from kirok.web.common import base_context, templates

    rows = accounts.list_users(request.app.state.db)
    context = base_context(request, "users", users=rows)
    return templates.TemplateResponse(request, "users.html", context)
