"""The API's documentation is served by the app itself (Swagger UI installed at set-up),
linked from the menu, and draws without a request to any other host."""

from __future__ import annotations

import os

import pytest
from browser import CHROMIUM, visiting
from fastapi.testclient import TestClient


def test_the_menu_links_the_api_documentation(client: TestClient, assets: None) -> None:
    page = client.get("/api-docs").text
    assert 'href="/api-docs"' in client.get("/incidents").text
    assert '<script src="/static/vendor/swagger-ui/swagger-ui-bundle.js" defer>' in page
    assert client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200


@pytest.mark.browser
@pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"{CHROMIUM} is not installed")
def test_the_api_documentation_draws_offline(live_server: str) -> None:
    pytest.importorskip("playwright.sync_api")
    with visiting(live_server) as visit:
        page = visit.page
        visit.go("/api-docs")
        page.wait_for_selector(".opblock-summary-path")
        paths = page.locator(".opblock-summary-path").all_inner_texts()
        assert "/api/records" in [p.replace("\u200b", "") for p in paths]
        assert visit.foreign == [] and visit.errors == []
