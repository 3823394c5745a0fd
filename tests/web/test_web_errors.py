"""Requests that cannot mean anything get a clear error page (JSON under /api/) with the
security headers, never a 500 or a raw validation dump; a decision is answered once it is
committed; a store locked by another writer is a message and a retry."""

from __future__ import annotations

import sqlite3
import warnings
from collections.abc import Callable

import httpx
import pytest
from conftest import form_token
from fastapi import FastAPI
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError
from starlette.exceptions import StarletteDeprecationWarning
from web_store import Store

from kirok.store.schema import Audit
from kirok.web.guard import TOKEN_FIELD

with warnings.catch_warnings():
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from fastapi.testclient import TestClient

HTML_ERRORS = [
    ("/incidents?since=99999999999999999999", 400),
    ("/incidents?year=9223372036854775808", 400),
    ("/measures?until=-99999999999999999999", 400),
    ("/incidents?report_id=18446744073709551616", 400),
    ("/records/99999999999999999999", 404),
    ("/records/99999999999999999999/review", 404),
    ("/reports/9223372036854775808", 404),
    ("/records/abc", 404),
    ("/incidents?page=0", 400),
    ("/reports?page=-1", 400),
    ("/incidents?province=%00", 400),
    ("/incidents?q=Hyesan%00", 400),
]


def _has_security_headers(response: httpx.Response) -> bool:
    csp = response.headers.get("content-security-policy", "")
    return "default-src 'self'" in csp and response.headers.get("x-frame-options") == "DENY"


@pytest.mark.parametrize(("path", "status"), HTML_ERRORS)
def test_malformed_addresses_get_an_html_error_page(
    client: TestClient, path: str, status: int
) -> None:
    response = client.get(path)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("text/html")
    assert _has_security_headers(response)
    assert '<section class="card error-page">' in response.text


@pytest.mark.parametrize(
    ("path", "status"),
    [("/api/records?since=99999999999999999999", 422), ("/api/records/99999999999999999999", 404),
     ("/api/records?q=%00", 400), ("/api/records?limit=0", 422)],
)
def test_the_api_answers_errors_in_json(client: TestClient, path: str, status: int) -> None:
    response = client.get(path)
    assert response.status_code == status and _has_security_headers(response)
    assert isinstance(response.json()["detail"], str)


def test_a_nul_byte_does_not_match_every_record(client: TestClient) -> None:
    assert client.get("/api/records?locality=%00").status_code == 400


def test_a_non_ascii_digit_for_victims_is_explained(
    client: TestClient, record_of: Callable[..., int]
) -> None:
    from test_web_review import _form

    rid = record_of("detention")
    form = {**_form(client, rid), "reviewer": "kim", "action": "correct", "victims_count": "²"}
    response = client.post(f"/records/{rid}/review", data=form)
    assert response.status_code == 422 and "whole number" in response.text


def test_an_upload_in_an_undefined_charset_is_a_400(client: TestClient) -> None:
    token = form_token(client)
    body = (
        f'--XX\r\nContent-Disposition: form-data; name="{TOKEN_FIELD}"\r\n\r\n{token}\r\n'
        '--XX\r\nContent-Disposition: form-data; name="files"; filename="note.txt"\r\n'
        "Content-Type: text/plain\r\n\r\nA note.\r\n--XX--\r\n"
    ).encode()
    response = client.post(
        "/reports/upload", content=body,
        headers={"content-type": "multipart/form-data; boundary=XX; charset=undefined"},
    )
    assert response.status_code == 400 and _has_security_headers(response)
    assert "could not be decoded" in response.text


def test_an_unexpected_error_is_a_page_with_security_headers(
    app: FastAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> int:
        raise RuntimeError("a bug")

    monkeypatch.setattr("kirok.store.queries.count_records", broken)
    with TestClient(app, base_url="http://localhost", raise_server_exceptions=False) as c:
        response = c.get("/incidents")
    assert response.status_code == 500 and _has_security_headers(response)
    assert "did not expect" in response.text and "a bug" not in response.text


def _locked(*args: object, **kwargs: object) -> None:
    raise OperationalError("UPDATE records", {}, sqlite3.OperationalError("database is locked"))


def test_a_locked_store_is_a_message_and_a_retry(
    client: TestClient, record_of: Callable[..., int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("kirok.store.queries.review_record", _locked)
    rid = record_of("execution")
    response = client.post(f"/records/{rid}/review", data={"reviewer": "x", "action": "reject"})
    assert response.status_code == 503 and response.headers["retry-after"] == "5"
    assert "Try again" in response.text and _has_security_headers(response)
    monkeypatch.setattr("kirok.store.queries.count_records", _locked)
    page = client.get("/incidents?province=Ryanggang")
    assert page.status_code == 503
    assert 'href="/incidents?province=Ryanggang">Try again' in page.text


def test_a_decision_is_answered_only_once_it_is_committed(
    live_server: str, store: Store, record_of: Callable[..., int]
) -> None:
    rids = [record_of(name) for name in ("detention", "execution", "second")]
    with httpx.Client(base_url=live_server, headers={"origin": live_server}) as http:
        page = http.get("/reports").text
        token = page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
        for n in range(1, 31):
            rid = rids[n % len(rids)]
            answer = http.post(
                f"/records/{rid}/review",
                data={"csrf_token": token, "reviewer": f"r{n}", "action": "confirm"},
            )
            assert answer.status_code == 303
            with store.db.session() as session:
                assert session.scalar(select(func.count(Audit.id))) == n
