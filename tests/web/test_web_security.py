"""Report text is untrusted: script, event handlers and crafted URLs render as text, and the
browser is told to run nothing inline and fetch nothing from another host."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from web_store import Store

from kirok.web.highlight import highlight, merge_spans, safe_url


def test_every_response_carries_a_strict_content_security_policy(client: TestClient) -> None:
    for path in ("/incidents", "/api/records", "/static/kirok.css"):
        csp = client.get(path).headers["content-security-policy"]
        assert "default-src 'self'" in csp and "unsafe-inline" not in csp


def test_record_page_escapes_script_handlers_and_crafted_urls(
    client: TestClient, record_of: Callable[..., int]
) -> None:
    page = client.get(f"/records/{record_of('xss')}").text
    assert "<script>window.__pwned" not in page
    assert "&lt;script&gt;window.__pwned = 1;" in page
    assert "<img src=x" not in page and "&lt;img src=x onerror=" in page
    assert '<mark class="evidence">detained two traders &lt;img' in page
    assert 'href="javascript:' not in page and "javascript:alert(6)" in page
    assert "<b onmouseover" not in page and "&lt;b onmouseover=alert(5)&gt;Crafted" in page
    assert "Hyesan&lt;script&gt;alert(4)" in page


@pytest.mark.parametrize("path", ["/incidents", "/reports", "/map", "/timeline"])
def test_listings_escape_crafted_fields(client: TestClient, path: str) -> None:
    page = client.get(path).text
    assert "<script>alert" not in page and "<i>Outlet</i>" not in page


def test_report_page_links_only_http_urls(client: TestClient, store: Store) -> None:
    safe = client.get(f"/reports/{store.ids['detention']}").text
    assert 'href="https://example.org/hyesan-students" rel="noopener noreferrer"' in safe
    crafted = client.get(f"/reports/{store.ids['xss']}").text
    assert 'href="javascript' not in crafted


def test_highlight_escapes_inside_and_outside_marks() -> None:
    html = str(highlight("a<b>c&d", [(1, 4)]))
    assert html == 'a<mark class="evidence">&lt;b&gt;</mark>c&amp;d'


def test_overlapping_and_out_of_range_spans_never_nest() -> None:
    assert merge_spans([(5, 9), (0, 3), (2, 6), (40, 50)], 20) == [(0, 9)]


@pytest.mark.parametrize(
    ("url", "linked"),
    [
        ("https://example.org/a", True),
        ("http://example.org", True),
        ("javascript:alert(1)", False),
        (" JaVaScRiPt:alert(1)", False),
        ("data:text/html,<b>x</b>", False),
        ("//example.org/x", False),
        (None, False),
    ],
)
def test_only_http_urls_become_links(url: str | None, linked: bool) -> None:
    assert (safe_url(url) is not None) is linked
