"""A team's server in headless Chromium: the login page guards every page, a login lands on
the page asked for, a review is signed with the account, an editor restricts a record, and
logging out closes the store again."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from browser import CHROMIUM, Visit, serving, visiting
from web_store import Store

from kirok import accounts
from kirok.web.app import create_app

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"{CHROMIUM} is not installed"),
]

sync_api = pytest.importorskip("playwright.sync_api")
PASSWORD = "a browser's long password"


@pytest.fixture
def team_server(store: Store, assets: None) -> Iterator[str]:
    accounts.add_user(store.db, "amira", "editor", PASSWORD)
    app = create_app(store.url)
    with serving(app) as base:
        yield base
    app.state.db.dispose()


@pytest.fixture
def visit(team_server: str) -> Iterator[Visit]:
    with visiting(team_server, 1400, 1000) as visit:
        yield visit


def test_login_review_restrict_and_log_out(visit: Visit) -> None:
    page = visit.page
    refused: list[str] = []
    page.on("response", lambda r: refused.append(f"{r.status} {r.url}") if r.status >= 400
            else None)
    visit.go("/records/1")
    page.wait_for_url("**/login?next=*")
    assert "Hyesan" not in page.content()
    page.fill("#name", "amira")
    page.fill("#password", "not the password")
    page.click("#login-form button[type=submit]")
    assert "wrong account name or password" in page.locator(".error").inner_text()
    assert refused == [f"401 {visit.base}/login"]  # the refusal, and the console's note of it
    refused.clear()
    visit.errors.clear()
    page.fill("#name", "amira")
    page.fill("#password", PASSWORD)
    page.click("#login-form button[type=submit]")
    page.wait_for_url("**/records/1")
    assert page.locator("#account-name").inner_text() == "amira · editor"
    page.click("#review-link")
    assert page.locator("#reviewing-as").inner_text() == "Reviewing as amira"
    page.click("button[value=confirm]")
    page.wait_for_url("**/records/1#audit")
    assert "amira" in page.locator("#audit").inner_text()
    page.click("#restrict")
    page.wait_for_selector("#restricted-badge")
    page.click("form.account button[type=submit]")
    page.wait_for_url("**/login")
    visit.go("/incidents")
    page.wait_for_url("**/login?next=*")
    assert refused == [] and visit.foreign == [] and visit.errors == []
