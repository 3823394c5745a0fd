"""Bulk review of a filtered list: the unreviewed records the page showed are confirmed or
rejected at once, each with its own audit row; one decided meanwhile is skipped."""

from __future__ import annotations

import re
from collections.abc import Callable

from fastapi.testclient import TestClient


def _shown(page: str) -> list[str]:
    form = page.split('<form class="bulk"', 1)[1].split("</form>", 1)[0]
    return re.findall(r'name="id" value="(\d+)"', form)


def test_confirm_all_on_a_filtered_page(
    client: TestClient, record_of: Callable[..., int]
) -> None:
    page = client.get("/incidents?province=Ryanggang").text
    ids = _shown(page)
    assert len(ids) == 3
    answer = client.post(
        "/review/bulk",
        data={"id": ids, "reviewer": "kim", "action": "confirm",
              "back": "/incidents?province=Ryanggang"},
        follow_redirects=False,
    )
    assert answer.status_code == 303
    assert answer.headers["location"] == (
        "/incidents?province=Ryanggang&bulk=confirm&done=3&skipped=0"
    )
    for rid in ids:
        body = client.get(f"/api/records/{rid}").json()
        assert body["status"] == "confirmed" and body["audit"][0]["who"] == "kim"
    assert client.get(f"/api/records/{record_of('execution')}").json()["status"] == "unreviewed"
    assert "Confirmed 3 records" in client.get(answer.headers["location"]).text


def test_a_record_decided_meanwhile_is_skipped(
    client: TestClient, record_of: Callable[..., int]
) -> None:
    ids = _shown(client.get("/incidents?province=Ryanggang").text)
    first = ids[0]
    client.post(f"/records/{first}/review", data={"reviewer": "lee", "action": "confirm"})
    answer = client.post(
        "/review/bulk", data={"id": ids, "reviewer": "kim", "action": "reject",
                              "back": "/incidents?province=Ryanggang"},
        follow_redirects=False,
    )
    assert answer.headers["location"].endswith("bulk=reject&done=2&skipped=1")
    assert client.get(f"/api/records/{first}").json()["status"] == "confirmed"


def test_bulk_review_needs_a_name_and_returns_only_to_our_lists(client: TestClient) -> None:
    ids = _shown(client.get("/incidents").text)
    assert client.post("/review/bulk", data={"id": ids, "action": "confirm"}).status_code == 422
    answer = client.post(
        "/review/bulk", data={"id": ids[:1], "reviewer": "kim", "action": "confirm",
                              "back": "https://elsewhere.example/incidents"},
        follow_redirects=False,
    )
    assert answer.headers["location"].startswith("/incidents?bulk=confirm")
