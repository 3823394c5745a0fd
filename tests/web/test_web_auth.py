"""A team's server: once the store has accounts, nothing is shown without a login or an API
token, and each role does only what it may — a viewer reads, an editor reviews, ingests
and restricts, an admin also sees the accounts. The laptop with no accounts needs no login."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from web_store import Store, fill

from kirok import accounts
from kirok.store import queries
from kirok.store.db import Database
from kirok.web import auth
from kirok.web.app import create_app
from kirok.web.guard import TOKEN_HEADER

BASE = "http://localhost"
PASSWORDS = {"amira": "amira's long password", "jun": "jun's long password",
             "sol": "sol's long password"}
ROLES = {"amira": "editor", "jun": "viewer", "sol": "admin"}


@pytest.fixture
def team_store(store_url: str) -> Iterator[Store]:
    """The web fixtures' reports, with three accounts, on SQLite and on PostgreSQL."""
    db = Database(store_url)
    ids = fill(db)
    for name, role in ROLES.items():
        accounts.add_user(db, name, role, PASSWORDS[name])
    yield Store(store_url, db, ids)
    db.dispose()


@pytest.fixture
def team(team_store: Store) -> Iterator[FastAPI]:
    application = create_app(team_store.url)
    yield application
    application.state.db.dispose()


@pytest.fixture
def first_record(team_store: Store) -> Callable[[str], int]:
    def find(report: str) -> int:
        with team_store.db.session() as session:
            return queries.get_report(session, team_store.ids[report]).records[0].id

    return find


def _client(app: FastAPI) -> TestClient:
    return TestClient(app, base_url=BASE, headers={"origin": BASE})


def _csrf(client: TestClient, path: str = "/login") -> str:
    page = client.get(path).text
    return page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]


def login(app: FastAPI, name: str) -> TestClient:
    client = _client(app)
    response = client.post(
        "/login", data={"name": name, "password": PASSWORDS[name], "next": "/incidents",
                        "csrf_token": _csrf(client)}, follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    client.headers[TOKEN_HEADER] = _csrf(client, "/incidents")
    return client


def all_routes(routes: list[Any]) -> Iterator[Any]:
    """Every route, including those of the routers the app includes."""
    for route in routes:
        inner = getattr(route, "original_router", None)
        if inner is not None:
            yield from all_routes(inner.routes)
        else:
            yield route


def _paths(app: FastAPI, record_id: int, report_id: int) -> list[str]:
    """Every GET route of the app, with a real record or report id in it."""
    out = []
    for route in all_routes(app.routes):
        methods = getattr(route, "methods", None) or ()
        if "GET" not in methods:
            continue
        path = str(getattr(route, "path", "")).replace("{record_id}", str(record_id))
        path = path.replace("{report_id}", str(report_id))
        if "{" not in path and not path.startswith(("/login", "/static", "/favicon")):
            out.append(path)
    return out


def _secrets_of(store: Store) -> list[str]:
    """Words from the store that no logged-out request may see: titles, outlets, evidence."""
    with store.db.session() as session:
        report = queries.get_report(session, store.ids["detention"])
        return [report.title or "", report.outlet or "", report.records[0].evidence[0].text,
                "Chongjin"]


def test_a_logged_out_request_sees_nothing_of_a_team_store(
    team: FastAPI, team_store: Store, first_record: Callable[[str], int]
) -> None:
    anonymous = _client(team)
    paths = [*_paths(team, first_record("detention"), team_store.ids["detention"]),
             "/no-such-page", "/records/99999", "/openapi.json"]
    assert "/api/records" in paths and "/records/{record_id}" not in paths
    for path in paths:
        response = anonymous.get(path, follow_redirects=False)
        assert response.status_code in (303, 401), path
        for secret in _secrets_of(team_store):
            assert secret not in response.text, (path, secret)
        if response.status_code == 303:
            assert response.headers["location"].startswith("/login?next=")
    page = anonymous.get("/incidents").text  # followed to the login page
    assert 'id="login-form"' in page and "Chongjin" not in page


def test_a_logged_out_post_changes_nothing(
    team: FastAPI, first_record: Callable[[str], int]
) -> None:
    anonymous = _client(team)
    anonymous.headers[TOKEN_HEADER] = _csrf(anonymous)
    rid = first_record("execution")
    response = anonymous.post(f"/records/{rid}/review", data={"action": "confirm"},
                              follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/login")
    assert login(team, "jun").get(f"/api/records/{rid}").json()["status"] == "unreviewed"


def test_a_viewer_reads_but_every_post_is_refused(
    team: FastAPI, team_store: Store, first_record: Callable[[str], int]
) -> None:
    viewer = login(team, "jun")
    rid = first_record("execution")
    assert viewer.get("/incidents").status_code == 200
    assert viewer.get(f"/records/{rid}").status_code == 200
    assert 'id="restrict"' not in viewer.get(f"/records/{rid}").text
    posts = {
        f"/records/{rid}/review": {"action": "confirm", "reviewer": "jun"},
        f"/records/{rid}/restrict": {"restricted": "on"},
        f"/reports/{team_store.ids['execution']}/reextract": {},
        f"/reports/{team_store.ids['execution']}/restrict": {"restricted": "on"},
        "/reports/upload": {},
    }
    for path, data in posts.items():
        response = viewer.post(path, data=data, follow_redirects=False)
        assert response.status_code == 403, path
        assert "jun is a viewer: this needs an editor or admin account" in response.text
    assert viewer.get(f"/api/records/{rid}").json()["status"] == "unreviewed"
    assert viewer.get("/users").status_code == 403


def test_an_editor_reviews_as_their_account_not_a_typed_name(
    team: FastAPI, first_record: Callable[[str], int]
) -> None:
    editor = login(team, "amira")
    rid = first_record("execution")
    form = editor.get(f"/records/{rid}/review").text
    assert 'id="reviewing-as"' in form and 'name="reviewer"' not in form
    response = editor.post(f"/records/{rid}/review",
                           data={"action": "confirm", "reviewer": "someone else"},
                           follow_redirects=False)
    assert response.status_code == 303
    audit = editor.get(f"/api/records/{rid}").json()["audit"]
    assert [a["who"] for a in audit] == ["amira"]
    assert editor.get("/users").status_code == 403


def test_an_editor_restricts_a_record_and_the_audit_says_who(
    team: FastAPI, first_record: Callable[[str], int]
) -> None:
    editor = login(team, "amira")
    rid = first_record("execution")
    editor.post(f"/records/{rid}/restrict", data={"restricted": "on"})
    page = editor.get(f"/records/{rid}").text
    assert 'id="restricted-badge"' in page and 'id="unrestrict"' in page
    audit = editor.get(f"/api/records/{rid}").json()["audit"]
    assert audit[-1]["who"] == "amira" and audit[-1]["action"] == "restrict"
    editor.post(f"/records/{rid}/restrict", data={"restricted": "off"})
    assert 'id="restricted-badge"' not in editor.get(f"/records/{rid}").text


def test_an_admin_sees_the_accounts(team: FastAPI) -> None:
    page = login(team, "sol").get("/users")
    assert page.status_code == 200 and "amira" in page.text and "viewer" in page.text


def test_tokens_act_with_their_role_and_stop_when_revoked(
    team: FastAPI, team_store: Store, first_record: Callable[[str], int]
) -> None:
    rid = first_record("execution")
    read_only = accounts.create_token(team_store.db, "amira", "dashboard", "viewer")
    full = accounts.create_token(team_store.db, "amira", "nightly")
    # no cookie, no Origin, no anti-forgery token: a script
    script = TestClient(team, base_url=BASE)
    bearer = {"authorization": f"Bearer {read_only}"}
    assert script.get("/api/records", headers=bearer).json()["total"] > 0
    refused = script.post(f"/records/{rid}/review", data={"action": "confirm"}, headers=bearer)
    assert refused.status_code == 403
    bearer = {"authorization": f"Bearer {full}"}
    done = script.post(f"/records/{rid}/review", data={"action": "confirm"}, headers=bearer,
                       follow_redirects=False)
    assert done.status_code == 303
    assert script.get(f"/api/records/{rid}", headers=bearer).json()["audit"][0]["who"] == "amira"
    accounts.revoke_token(team_store.db, "amira", "nightly")
    assert script.get("/api/records", headers=bearer).status_code == 401


def test_a_wrong_token_is_refused_even_on_a_laptop(client: TestClient) -> None:
    response = client.get("/api/records", headers={"authorization": "Bearer kirok_made-up"})
    assert response.status_code == 401 and "API token" in response.json()["detail"]


def test_a_laptop_store_without_accounts_needs_no_login(client: TestClient) -> None:
    page = client.get("/incidents")
    assert page.status_code == 200 and "Log out" not in page.text


def test_a_tampered_or_expired_login_cookie_is_refused(team: FastAPI) -> None:
    key = team.state.auth.key
    good = auth.sign(key, 1, 2_000_000_000)
    assert auth.unsign(key, good, now=1_000_000_000) == 1
    assert auth.unsign(key, good, now=2_000_000_001) is None
    assert auth.unsign(key, good.replace("1.", "2.", 1), now=1_000_000_000) is None
    assert auth.unsign(b"another server", good, now=1_000_000_000) is None
    forged = _client(team)
    forged.cookies.set(auth.LOGIN_COOKIE, auth.sign(b"guess", 1, 2_000_000_000))
    assert forged.get("/incidents", follow_redirects=False).status_code == 303


def test_a_removed_account_is_logged_out(team: FastAPI, team_store: Store) -> None:
    viewer = login(team, "jun")
    assert viewer.get("/incidents", follow_redirects=False).status_code == 200
    accounts.remove_user(team_store.db, "jun")
    assert viewer.get("/incidents", follow_redirects=False).status_code == 303


def test_logins_are_throttled_after_repeated_failures(team: FastAPI) -> None:
    client = _client(team)
    token = _csrf(client)
    for _ in range(auth.MAX_FAILURES):
        wrong = client.post("/login", data={"name": "amira", "password": "not it",
                                            "csrf_token": token})
        assert wrong.status_code == 401 and "wrong account name or password" in wrong.text
    right = client.post("/login", data={"name": "amira", "password": PASSWORDS["amira"],
                                        "csrf_token": token}, follow_redirects=False)
    assert right.status_code == 429 and "too many failed logins" in right.text


def test_login_needs_the_anti_forgery_token_and_stays_on_this_server(team: FastAPI) -> None:
    client = _client(team)
    forged = client.post("/login", data={"name": "amira", "password": PASSWORDS["amira"]})
    assert forged.status_code == 403
    response = client.post(
        "/login", data={"name": "amira", "password": PASSWORDS["amira"],
                        "next": "//elsewhere.example/", "csrf_token": _csrf(client)},
        follow_redirects=False,
    )
    assert response.headers["location"] == "/"
    cookie = response.headers["set-cookie"]
    assert re.search(r"kirok_login=[^;]+; HttpOnly; Max-Age=43200", cookie)


def test_logging_out_ends_the_session(team: FastAPI) -> None:
    viewer = login(team, "jun")
    viewer.post("/logout")
    assert viewer.get("/incidents", follow_redirects=False).status_code == 303


def test_a_store_with_accounts_may_listen_on_every_interface(
    team_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import uvicorn

    from kirok.web.app import serve

    started: list[str] = []

    def run(app: FastAPI, **options: Any) -> None:
        started.append(options["host"])
        app.state.db.dispose()  # what the app's shutdown would do

    monkeypatch.setattr(uvicorn, "run", run)
    serve(team_store.url, host="0.0.0.0")
    assert started == ["0.0.0.0"]


def test_the_public_url_is_answered_and_gets_secure_cookies(team_store: Store) -> None:
    served = create_app(team_store.url, "0.0.0.0", "https://kirok.example.org")
    base = "https://kirok.example.org"
    with TestClient(served, base_url=base, headers={"origin": base}) as remote:
        assert remote.get("/incidents").status_code == 200  # the login page
        response = remote.post(
            "/login", data={"name": "jun", "password": PASSWORDS["jun"],
                            "csrf_token": _csrf(remote)}, follow_redirects=False,
        )
        assert response.status_code == 303 and "Secure" in response.headers["set-cookie"]
    served.state.db.dispose()


def test_a_login_and_its_forms_outlive_a_restart(team: FastAPI, team_store: Store) -> None:
    viewer = login(team, "amira")
    restarted = create_app(team_store.url)
    with TestClient(restarted, base_url=BASE, headers=dict(viewer.headers)) as again:
        again.cookies = viewer.cookies
        rid = first_record_id(team_store)
        response = again.post(f"/records/{rid}/restrict", data={"restricted": "on"},
                              follow_redirects=False)
        assert response.status_code == 303
    restarted.state.db.dispose()


def first_record_id(store: Store) -> int:
    with store.db.session() as session:
        return queries.get_report(session, store.ids["execution"]).records[0].id


def test_bulk_decisions_are_signed_by_the_account(
    team: FastAPI, first_record: Callable[[str], int]
) -> None:
    editor = login(team, "amira")
    page = editor.get("/incidents").text
    assert 'id="bulk-as"' in page and 'id="bulk-reviewer"' not in page
    rid = first_record("execution")
    answer = editor.post("/review/bulk", data={"id": [str(rid)], "reviewer": "typed name",
                                                "action": "confirm", "back": "/incidents"},
                         follow_redirects=False)
    assert answer.status_code == 303
    assert [a["who"] for a in editor.get(f"/api/records/{rid}").json()["audit"]] == ["amira"]
    viewer = login(team, "jun")
    refused = viewer.post("/review/bulk", data={"id": [str(rid)], "action": "reject"})
    assert refused.status_code == 403
