"""The review queue: the next unreviewed record, lowest confidence first, under the
current filters; a decision moves on to the next one; a skip passes one by; keys work."""

from __future__ import annotations

import os
from collections.abc import Callable

import pytest
from browser import CHROMIUM, visiting
from fastapi.testclient import TestClient


def _next(client: TestClient, query: str = "") -> str:
    response = client.get(f"/review/next{query}", follow_redirects=False)
    assert response.status_code == 303
    return str(response.headers["location"])


def test_the_queue_opens_the_lowest_confidence_unreviewed_record(
    client: TestClient, record_of: Callable[..., int]
) -> None:
    measure = record_of("detention", "measure")  # confidence 0.4, the lowest
    assert _next(client) == f"/records/{measure}/review?queue=1"
    xss = record_of("xss")  # 0.6, the lowest incident
    assert _next(client, "?kind=incident") == f"/records/{xss}/review?kind=incident&queue=1"


def test_a_decision_from_the_queue_moves_on_and_a_skip_passes_one_by(
    client: TestClient, record_of: Callable[..., int]
) -> None:
    first = _next(client, "?kind=incident")
    page = client.get(first).text
    assert 'name="queue" value="kind=incident"' in page and 'id="skip"' in page
    rid = record_of("xss")
    answer = client.post(
        f"/records/{rid}/review",
        data={"reviewer": "kim", "action": "confirm", "queue": "kind=incident"},
        follow_redirects=False,
    )
    assert answer.headers["location"] == "/review/next?kind=incident"
    second = record_of("second")  # 0.7
    assert _next(client, "?kind=incident") == f"/records/{second}/review?kind=incident&queue=1"
    execution = record_of("execution")  # 0.8, after a skip of the 0.7 one
    skipped = _next(client, f"?kind=incident&after={second}")
    assert skipped == f"/records/{execution}/review?kind=incident&queue=1"


def test_an_empty_queue_says_so(client: TestClient) -> None:
    assert _next(client, "?kind=incident&province=Kangwon") == "/?queue=done#awaiting"
    assert "The review queue is empty" in client.get("/?queue=done").text


def test_the_queue_carries_only_plain_filters(client: TestClient, record_of: Callable[..., int]
                                              ) -> None:
    rid = record_of("xss")
    answer = client.post(
        f"/records/{rid}/review",
        data={"reviewer": "kim", "action": "reject", "queue": "kind=incident\r\nX-Evil: 1"},
        follow_redirects=False,
    )
    assert "\n" not in answer.headers["location"] and "x-evil" not in answer.headers




@pytest.mark.browser
@pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"{CHROMIUM} is not installed")
def test_keys_confirm_and_skip_through_the_queue(
    live_server: str, record_of: Callable[..., int]
) -> None:
    pytest.importorskip("playwright.sync_api")
    with visiting(live_server) as visit:
        page = visit.page
        visit.go("/")
        page.click("#start-queue")
        page.wait_for_url(f"**/records/{record_of('detention', 'measure')}/review?queue=1")
        page.fill("#reviewer", "Analyst Park")
        page.locator("h1").click()  # out of the field: keys are for the page
        page.keyboard.press("c")
        page.wait_for_url(f"**/records/{record_of('xss')}/review?queue=1")
        page.locator("h1").click()
        page.keyboard.press("n")
        page.wait_for_url(f"**/records/{record_of('second')}/review?queue=1")
        page.fill("#reviewer", "Analyst Park")
        page.keyboard.press("c")  # typed into the field: no decision
        assert page.input_value("#reviewer") == "Analyst Parkc"
        measure = page.evaluate(f"fetch('/api/records/{record_of('detention', 'measure')}')"
                                ".then(r => r.json()).then(b => b.status)")
        assert measure == "confirmed"
        assert visit.foreign == [] and visit.errors == []
