"""On a phone (390 and 360 px wide) no page scrolls sideways: a report with one very long
line wraps, tables scroll inside their own box, and the menu wraps."""

from __future__ import annotations

import hashlib
import os

import pytest
from browser import CHROMIUM, visiting
from web_store import Store

from kirok.model import Extraction, Place, Record, ReportText, Span
from kirok.store import queries

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"{CHROMIUM} is not installed"),
]
sync_api = pytest.importorskip("playwright.sync_api")

LONG = "x" * 6000  # one line without a space, as a pasted table or a mangled page gives
TEXT = (
    f"Longline notice {'https://example.org/' + 'a' * 400}\n{LONG}\n"
    "Officers detained a trader in Hyesan in May 2023 for selling phones."
)


@pytest.fixture
def long_report(store: Store) -> int:
    phrase = "detained a trader in Hyesan in May 2023"
    start = TEXT.index(phrase)
    record = Record(
        kind="incident", type="detention", date="2023-05",
        evidence=[Span(start, start + len(phrase), phrase)],
        place=Place("Ryanggang", "Hyesan", 41.40, 128.18), organs=["state_security"],
        offenses=["illegal_phone", "smuggling", "foreign_media"],
        victim_groups=["traders", "border_residents"], confidence=0.7,
    )
    read = ReportText(
        text=TEXT, sha256=hashlib.sha256(TEXT.encode()).hexdigest(), format="txt",
        title="Longline " + "y" * 300, outlet="Border Letters",
        url="https://example.org/" + "b" * 300,
        source="z" * 300 + ".txt", published="2023-06-01", published_from="option",
    )
    with store.db.session() as session:
        return queries.add_report(session, read, Extraction([record]), "test-1").id


@pytest.mark.parametrize("width", [390, 360])
def test_no_page_is_wider_than_a_phone(live_server: str, long_report: int, width: int) -> None:
    with visiting(live_server, width, 800) as visit:
        page = visit.page
        visit.go(f"/reports/{long_report}")
        rid = page.locator(".record-list a").first.get_attribute("href")
        paths = ["/incidents", "/measures", "/map", "/timeline", "/reports",
                 f"/reports/{long_report}", str(rid), f"{rid}/review", "/records/abc"]
        widths = {}
        for path in paths:
            visit.go(path)
            widths[path] = page.evaluate("document.documentElement.scrollWidth")
        assert widths == {path: width for path in paths}
        # The error page's own 404 is the one console message expected.
        assert visit.errors == ["Failed to load resource: the server responded with a status "
                                "of 404 (Not Found)"]
        visit.errors.clear()
        # The long line is all there, wrapped rather than cut.
        visit.go(f"/reports/{long_report}")
        shown = page.locator(".report-text").inner_text()
        assert LONG in shown.replace("\n", "")
        assert visit.foreign == [] and visit.errors == []
