"""Every page renders from the store, and the URL's query drives what it shows."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from web_store import Store

import kirok.web.common as common


def test_home_shows_counts_newest_reports_and_what_awaits_review(client: TestClient) -> None:
    page = client.get("/").text
    assert '<strong id="count-reports">4</strong>' in page
    assert '<strong id="count-incidents">4</strong>' in page
    assert '<strong id="count-measures">1</strong>' in page
    assert '<strong id="count-awaiting">5</strong>' in page
    newest = page.split("Newest reports", 1)[1]
    assert newest.index("Crafted") < newest.index("Chongjin execution")  # newest first
    awaiting = page.split('id="awaiting"', 1)[1].split("</section>", 1)[0]
    assert awaiting.index("campaign") < awaiting.index("execution")  # lowest confidence first
    assert "&lt;b onmouseover" in page and "<b onmouseover" not in page


def test_incidents_table_lists_only_incidents_with_facets(client: TestClient) -> None:
    page = client.get("/incidents").text
    assert "Chongjin" in page and "execution" in page
    assert "campaign" not in page.split("<table")[1]  # the measure is on the other page
    assert "Review status" in page and "Victim group" in page and "Outlet" in page


def test_measures_table_lists_the_measure(client: TestClient) -> None:
    page = client.get("/measures").text
    assert "campaign" in page and "Penalties" in page
    assert ">1</strong> record" in page


def test_facet_in_the_query_string_filters_the_table(client: TestClient) -> None:
    page = client.get("/incidents?province=North+Hamgyong").text
    table = page.split("<table")[1]
    assert "Chongjin" in table and "Hyesan" not in table
    assert "Province: North Hamgyong" in page  # the active filter is shown and removable


def test_tag_facets_filter_by_offense_and_victim_group(client: TestClient) -> None:
    assert ">1</strong> record" in client.get("/incidents?offense=smuggling").text
    assert ">2</strong> records" in client.get("/incidents?victim_group=students").text


def test_full_text_search_finds_reports_by_their_words(client: TestClient) -> None:
    table = client.get("/incidents?q=copper").text.split("<table")[1]
    assert "Chongjin" in table and "Hyesan" not in table


def test_search_with_no_match_says_so(client: TestClient) -> None:
    page = client.get("/incidents?q=zeppelin").text
    assert "No incidents match this view" in page


def test_sorting_by_date_ascending_puts_oldest_first(client: TestClient) -> None:
    table = client.get("/incidents?order=-date").text.split("<tbody>")[1]
    assert table.index("2022-11") < table.index("2023-03")


def test_pagination_is_in_the_url(client: TestClient) -> None:
    page = client.get("/incidents?page=9").text  # past the end falls back to the last page
    assert "Chongjin" in page


def test_record_page_marks_evidence_inside_the_report_text(
    client: TestClient, record_of: Callable[..., int]
) -> None:
    page = client.get(f"/records/{record_of('detention')}").text
    assert '<mark class="evidence">detained three university students in March 2023</mark>' in page
    assert "Border Letters" in page and "Hyesan students held" in page
    assert "SHA-256" in page


def test_record_page_links_same_report_and_similar_records(
    client: TestClient, record_of: Callable[..., int]
) -> None:
    page = client.get(f"/records/{record_of('detention')}").text
    measure, similar = record_of("detention", "measure"), record_of("second")
    same_report = page.split("Same report")[1].split("Possibly the same event")[0]
    assert f"/records/{measure}" in same_report
    assert f"/records/{similar}" in page.split("Possibly the same event")[1]


def test_unknown_record_is_a_friendly_404(client: TestClient) -> None:
    response = client.get("/records/99999")
    assert response.status_code == 404
    assert "no record 99999" in response.text


def test_map_and_timeline_pages_point_their_scripts_at_the_filtered_api(
    client: TestClient,
) -> None:
    map_page = client.get("/map?province=Ryanggang").text
    assert 'data-geo="/api/geo?province=Ryanggang&amp;kind=incident"' in map_page
    timeline = client.get("/timeline?year=2023").text
    assert 'data-timeline="/api/timeline?year=2023&amp;kind=incident"' in timeline


def test_reports_page_lists_reports_with_record_counts(client: TestClient) -> None:
    page = client.get("/reports").text
    assert "Chongjin execution" in page and "Border Letters" in page
    assert 'href="/incidents?report_id=' in page


def test_report_page_shows_text_hash_and_records(
    client: TestClient, store: Store, record_of: Callable[..., int]
) -> None:
    page = client.get(f"/reports/{store.ids['detention']}").text
    assert "Re-extract" in page and "SHA-256" in page
    assert f"/records/{record_of('detention')}" in page


def test_pages_warn_when_vendor_assets_are_missing(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(common, "assets_missing", lambda: ["htmx.min.js"])
    page = client.get("/incidents").text
    assert "make assets" in page
    assert "/static/vendor/htmx.min.js" not in page
