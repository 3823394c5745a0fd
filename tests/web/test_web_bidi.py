"""Characters that reorder text are shown for what they are, pages holding report text are
not cached, and audit times say their time zone."""

from __future__ import annotations

from collections.abc import Callable

from conftest import form_token
from fastapi.testclient import TestClient
from web_store import Store

from kirok.store.schema import Report

RLO = "\u202e"


def test_a_right_to_left_override_is_shown_not_obeyed(client: TestClient) -> None:
    text = f"Notice from Sinuiju\nThe attached file invoice{RLO}txt.exe was passed around.\n"
    response = client.post(
        "/reports/upload",
        files=[("files", (f"invoice{RLO}txt.exe.txt", text.encode(), "text/plain"))],
        data={"csrf_token": form_token(client)},
    )
    assert "stored as report" in response.text
    assert "invoice⟨U+202E⟩txt.exe.txt" in response.text and RLO not in response.text
    rid = client.get("/api/reports").json()["items"][0]["id"]
    page = client.get(f"/reports/{rid}").text
    assert "invoice⟨U+202E⟩txt.exe was passed" in page and RLO not in page


def test_bidi_controls_in_titles_and_evidence_are_visible(
    client: TestClient, store: Store, record_of: Callable[..., int]
) -> None:
    with store.db.session() as session:
        report = session.get(Report, store.ids["execution"])
        assert report is not None
        report.title = f"Chongjin \u2067execution\u2069 {RLO}note"
    for path in ("/reports", f"/reports/{store.ids['execution']}",
                 f"/records/{record_of('execution')}"):
        page = client.get(path).text
        assert "⟨U+2067⟩execution⟨U+2069⟩ ⟨U+202E⟩note" in page, path
        assert not any(c in page for c in "\u2067\u2069\u202e"), path


def test_pages_with_report_text_are_not_stored_by_the_browser(
    client: TestClient, store: Store, record_of: Callable[..., int]
) -> None:
    rid = record_of("detention")
    for path in ("/incidents", f"/records/{rid}", f"/records/{rid}/review",
                 f"/reports/{store.ids['detention']}", "/reports", f"/api/records/{rid}",
                 "/records/abc"):
        assert client.get(path).headers.get("cache-control") == "no-store", path


def test_audit_times_carry_their_time_zone(
    client: TestClient, record_of: Callable[..., int]
) -> None:
    rid = record_of("execution")
    client.post(f"/records/{rid}/review", data={"reviewer": "kim", "action": "confirm"})
    at = client.get(f"/api/records/{rid}").json()["audit"][0]["at"]
    assert at.endswith("+00:00")
    assert f'<time class="muted" datetime="{at}">' in client.get(f"/records/{rid}").text
    report = client.get("/api/reports").json()["items"][0]
    assert report["captured_at"].endswith("+00:00")
