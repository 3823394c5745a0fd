"""Decisions mean what the reviewer saw: edits made before "Confirm" are a correction,
impossible dates are refused, and a decision on a record someone else changed since the
form was opened is a conflict the reviewer sees, never a silent override."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient
from test_web_review import _form


def _version(client: TestClient, rid: int) -> str:
    page = client.get(f"/records/{rid}/review").text
    return page.split('name="version" value="', 1)[1].split('"', 1)[0]


def test_confirm_with_edits_is_a_correction(
    client: TestClient, record_of: Callable[..., int]
) -> None:
    rid = record_of("detention")
    form = {**_form(client, rid), "reviewer": "kim", "action": "confirm", "victims_count": "5"}
    assert client.post(f"/records/{rid}/review", data=form).status_code == 200
    body = client.get(f"/api/records/{rid}").json()
    assert body["status"] == "corrected" and body["victims_count"] == 5
    assert body["audit"][0]["action"] == "correct"


def test_confirm_of_the_unchanged_form_is_a_confirmation(
    client: TestClient, record_of: Callable[..., int]
) -> None:
    rid = record_of("detention")
    form = {**_form(client, rid), "reviewer": "kim", "action": "confirm"}
    client.post(f"/records/{rid}/review", data=form)
    assert client.get(f"/api/records/{rid}").json()["status"] == "confirmed"


def test_the_same_values_in_another_order_are_no_edit(
    client: TestClient, record_of: Callable[..., int]
) -> None:
    rid = record_of("detention", "measure")  # organs: authorities, inminban
    form = {**_form(client, rid), "reviewer": "kim", "action": "confirm",
            "organs": ["inminban", "authorities"], "penalties": ["detention"]}
    client.post(f"/records/{rid}/review", data=form)
    assert client.get(f"/api/records/{rid}").json()["status"] == "confirmed"


def test_impossible_dates_are_refused(client: TestClient, record_of: Callable[..., int]) -> None:
    rid = record_of("detention")
    for date in ("2023-02-30", "2023-04-31", "2999-01"):
        form = {**_form(client, rid), "reviewer": "kim", "action": "correct", "date": date}
        response = client.post(f"/records/{rid}/review", data=form)
        assert response.status_code == 422, date
        assert "date" in response.text
    assert client.get(f"/api/records/{rid}").json()["date"] == "2023-03"
    leap = {**_form(client, rid), "reviewer": "kim", "action": "correct", "date": "2024-02-29"}
    assert client.post(f"/records/{rid}/review", data=leap).status_code == 200


def test_a_decision_on_a_record_changed_meanwhile_is_a_conflict(
    client: TestClient, record_of: Callable[..., int]
) -> None:
    rid = record_of("detention")
    opened = _version(client, rid)  # the second reviewer opens the form ...
    first = {**_form(client, rid), "reviewer": "kim", "action": "correct",
             "victims_count": "4", "version": opened}
    assert client.post(f"/records/{rid}/review", data=first).status_code == 200
    # ... and, not knowing kim corrected it, rejects it from the form as it was.
    second = {**_form(client, rid), "reviewer": "lee", "action": "reject", "version": opened}
    response = client.post(f"/records/{rid}/review", data=second)
    assert response.status_code == 409
    assert "kim" in response.text and "changed" in response.text
    body = client.get(f"/api/records/{rid}").json()
    assert body["status"] == "corrected" and len(body["audit"]) == 1
    # The page now carries the new version: deciding again, knowingly, works.
    again = {**second, "version": _version(client, rid)}
    assert client.post(f"/records/{rid}/review", data=again).status_code == 200
    assert client.get(f"/api/records/{rid}").json()["status"] == "rejected"
