"""A page's captures on its report pages: how often it was fetched, which version each
fetch found, which is current; and the API says whether a version is superseded."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import datetime

import pytest
from fastapi.testclient import TestClient
from web_store import Store

from kirok.model import ReportText
from kirok.service import Duplicate, Stored, store_report

URL = "https://example.org/hoeryong-notice"
EARLIER = "Foreign films were banned in Hoeryong in 2020."
LATER = "Foreign films and songs were banned in Hoeryong in 2020."


def _fetched(text: str, hour: int) -> ReportText:
    return ReportText(
        text=text, sha256=hashlib.sha256(text.encode()).hexdigest(), format="txt",
        title="Hoeryong notice", url=URL, source=URL, published="2020-05-01",
        published_from="option", captured_at=datetime(2024, 1, 1, hour),
    )


@pytest.fixture
def back_and_forth(store: Store, stub_extractor: Callable[..., object]) -> tuple[int, int]:
    """The page fetched as EARLIER, LATER, then EARLIER again."""
    first = store_report(store.db, _fetched(EARLIER, 1), URL)
    second = store_report(store.db, _fetched(LATER, 2), URL)
    back = store_report(store.db, _fetched(EARLIER, 3), URL)
    assert isinstance(first, Stored) and isinstance(second, Stored)
    assert isinstance(back, Duplicate) and back.report_id == first.report_id
    return first.report_id, second.report_id


def test_the_report_page_shows_the_page_history(
    client: TestClient, back_and_forth: tuple[int, int]
) -> None:
    earlier, later = back_and_forth
    page = client.get(f"/reports/{earlier}").text
    assert "captured 3 times" in page
    assert f"#{earlier}</a>, <a href=\"/reports/{later}\">#{later}</a>, " in page
    assert f'current <a href="/reports/{earlier}">' in page
    assert "no longer what the page shows" in client.get(f"/reports/{later}").text


def test_the_api_says_which_version_is_superseded(
    client: TestClient, back_and_forth: tuple[int, int]
) -> None:
    earlier, later = back_and_forth
    assert client.get(f"/api/reports/{earlier}").json()["superseded"] is False
    assert client.get(f"/api/reports/{later}").json()["superseded"] is True
