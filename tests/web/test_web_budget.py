"""Uploads and re-extraction run under the same time budget as `kirok ingest`: a file that
would hold the extractor for minutes is stopped with a "took longer than N s" answer, and
the server answers other requests meanwhile."""

from __future__ import annotations

import threading
import time
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from web_store import Store

from kirok.model import Extraction

STALL_S = 20.0  # what the hostile file would cost without a budget
BUDGET_S = 1.0


def _stalling(*args: Any, **kwargs: Any) -> Extraction:
    time.sleep(STALL_S)
    return Extraction()


@pytest.fixture
def stalled(app: FastAPI, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("kirok.extract.extract", _stalling)
    app.state.timeout = BUDGET_S


def _token(http: httpx.Client) -> str:
    page = http.get("/reports").text
    return page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]


@pytest.mark.usefixtures("stalled")
def test_a_stalling_upload_is_stopped_and_the_server_answers_meanwhile(live_server: str) -> None:
    with httpx.Client(base_url=live_server, headers={"origin": live_server}, timeout=60) as http:
        token = _token(http)
        answers: dict[str, httpx.Response] = {}

        def upload() -> None:
            answers["upload"] = http.post(
                "/reports/upload", data={"csrf_token": token},
                files={"files": ("hostile.txt", b"Foreign films were banned in 2020.\n")},
            )

        started = time.monotonic()
        thread = threading.Thread(target=upload)
        thread.start()
        time.sleep(0.3)  # the upload is in the extractor now
        meanwhile = httpx.get(f"{live_server}/reports", timeout=BUDGET_S * 3)
        assert meanwhile.status_code == 200
        thread.join(timeout=30)
        took = time.monotonic() - started
    answer = answers["upload"].text
    assert f"took longer than {BUDGET_S:g} s" in answer
    assert took < STALL_S / 2
    assert "No reports yet" in meanwhile.text or "hostile.txt" not in meanwhile.text


@pytest.mark.usefixtures("stalled")
def test_a_stalling_reextraction_is_stopped_and_changes_nothing(
    client: TestClient, store: Store
) -> None:
    report_id = next(iter(store.ids.values()))
    with store.db.session() as session:
        from kirok.store import queries

        before = [r.id for r in queries.get_report(session, report_id).records]
    started = time.monotonic()
    response = client.post(f"/reports/{report_id}/reextract")
    assert time.monotonic() - started < STALL_S / 2
    assert f"took longer than {BUDGET_S:g} s" in response.text
    with store.db.session() as session:
        assert [r.id for r in queries.get_report(session, report_id).records] == before
