"""The app in headless Chromium: every page loads with no request leaving the machine, an
analyst can go search → record → review → audit trail, and crafted reports stay text."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser import CHROMIUM, Visit, visiting

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"{CHROMIUM} is not installed"),
]

sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture
def visit(live_server: str) -> Iterator[Visit]:
    with visiting(live_server, 1400, 1000) as visit:
        yield visit


PAGES = [
    "/incidents", "/measures", "/map", "/timeline", "/reports", "/reports/1", "/records/1",
    "/records/1/review", "/incidents?province=Ryanggang&q=dramas", "/openapi.json",
]


def test_every_page_loads_without_leaving_localhost(visit: Visit) -> None:
    for path in PAGES:
        response = visit.go(path)
        assert response is not None and response.status == 200, path
    assert visit.foreign == []
    assert visit.errors == []


def test_search_record_review_audit_trail(visit: Visit) -> None:
    page = visit.page
    visit.go("/incidents")
    page.fill("#q", "dramas")
    page.click("form.search button[type=submit]")
    page.wait_for_url("**/incidents?q=dramas*")
    assert page.locator("#total").inner_text() == "2"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "incidents.png"), full_page=True)
    page.locator("table.records tbody a.type").first.click()
    page.wait_for_url("**/records/*")
    assert page.locator("mark.evidence").count() == 1
    page.screenshot(path=str(ARTIFACTS / "record.png"), full_page=True)
    page.click("#review-link")
    page.fill("#reviewer", "Analyst Park")
    page.fill("#locality", "Hoiryong")  # a press spelling: the gazetteer gives Hoeryong
    page.click("button[value=correct]")
    page.wait_for_url("**/records/*#audit")
    audit = page.locator("#audit").inner_text()
    assert "Analyst Park" in audit and "corrected" in audit and "Hoeryong" in audit
    page.screenshot(path=str(ARTIFACTS / "audit.png"), full_page=True)
    assert visit.foreign == [] and visit.errors == []


def test_crafted_report_renders_as_text_in_the_browser(visit: Visit) -> None:
    page = visit.page
    visit.go("/reports")
    page.get_by_role("link", name="<b onmouseover=alert(5)>Crafted</b>").first.click()
    page.wait_for_url("**/reports/*")
    text = page.locator(".report-text").inner_text()
    assert "<script>window.__pwned = 1; alert('x')</script>" in text
    assert 'onerror="alert(2)"' in text
    assert page.evaluate("window.__pwned") is None
    assert page.locator(".report-text script, .report-text img").count() == 0
    visit.go(page.url.replace(visit.base, "").replace("/reports/", "/records/") + "")
    page.mouse.move(10, 10)
    assert visit.dialogs == []


def test_map_and_timeline_screenshots(visit: Visit) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page = visit.page
    visit.go("/map")
    page.wait_for_selector("#map[data-ready=true]")
    assert page.locator("path.leaflet-interactive").count() >= 12  # provinces + circles
    page.screenshot(path=str(ARTIFACTS / "map.png"), full_page=True)
    visit.go("/timeline")
    page.wait_for_selector("#by-type[data-ready=true]")
    assert page.locator("#provinces canvas").count() == 2
    page.screenshot(path=str(ARTIFACTS / "timeline.png"), full_page=True)
    assert visit.foreign == [] and visit.errors == []
