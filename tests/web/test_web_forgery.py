"""Forged requests: a form post needs this session's token and Kirok's own origin, and the
server answers only the host names it was started for."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from conftest import BASE, form_token
from fastapi import FastAPI
from fastapi.testclient import TestClient

from kirok.errors import KirokError
from kirok.web.app import create_app, serve


def _status(client: TestClient, rid: int) -> str:
    return str(client.get(f"/api/records/{rid}").json()["status"])


def test_a_post_without_the_sessions_token_is_refused(
    bare_client: TestClient, record_of: Callable[..., int]
) -> None:
    rid = record_of("execution")
    form_token(bare_client)  # the session exists, but the forged form does not carry its token
    response = bare_client.post(
        f"/records/{rid}/review", data={"reviewer": "x", "action": "reject"},
        headers={"origin": BASE},
    )
    assert response.status_code == 403 and "reload the page" in response.text
    wrong = bare_client.post(
        f"/records/{rid}/review",
        data={"reviewer": "x", "action": "reject", "csrf_token": "0" * 64},
        headers={"origin": BASE},
    )
    assert wrong.status_code == 403 and _status(bare_client, rid) == "unreviewed"


def test_the_token_in_the_form_is_accepted(
    bare_client: TestClient, record_of: Callable[..., int]
) -> None:
    rid = record_of("execution")
    token = form_token(bare_client)
    response = bare_client.post(
        f"/records/{rid}/review",
        data={"reviewer": "x", "action": "reject", "csrf_token": token},
        headers={"origin": BASE}, follow_redirects=False,
    )
    assert response.status_code == 303 and _status(bare_client, rid) == "rejected"


@pytest.mark.parametrize("headers", [{"origin": "null"}, {}])
def test_null_or_missing_origin_is_refused_even_with_the_token(
    client: TestClient, record_of: Callable[..., int], headers: dict[str, str]
) -> None:
    rid = record_of("execution")
    del client.headers["origin"]
    response = client.post(
        f"/records/{rid}/review", data={"reviewer": "x", "action": "reject"}, headers=headers
    )
    assert response.status_code == 403
    assert _status(client, rid) == "unreviewed"


def test_a_referer_from_kirok_stands_in_for_a_missing_origin(
    client: TestClient, record_of: Callable[..., int]
) -> None:
    rid = record_of("execution")
    del client.headers["origin"]
    response = client.post(
        f"/records/{rid}/review", data={"reviewer": "x", "action": "reject"},
        headers={"referer": f"{BASE}/records/{rid}/review"}, follow_redirects=False,
    )
    assert response.status_code == 303


@pytest.mark.parametrize("host", ["attacker.example", "localhost.attacker.example", "10.0.0.5"])
def test_other_host_names_get_a_400_with_security_headers(
    client: TestClient, host: str
) -> None:
    response = client.get("/incidents", headers={"host": host})
    assert response.status_code == 400 and "host name" in response.text
    assert "default-src 'self'" in response.headers["content-security-policy"]


def test_the_host_given_to_serve_is_answered(app: FastAPI, store: object) -> None:
    served = create_app(app.state.db.engine.url.render_as_string(), "kirok.lan")
    with TestClient(served, base_url="http://kirok.lan:8765") as remote:
        assert remote.get("/incidents").status_code == 200
    with TestClient(served, base_url="http://127.0.0.1:8765") as local:
        assert local.get("/incidents").status_code == 200
    served.state.db.dispose()


def test_serving_on_every_interface_needs_allow_remote() -> None:
    with pytest.raises(KirokError, match="no accounts or passwords.*--allow-remote"):
        serve("sqlite://", host="0.0.0.0")

