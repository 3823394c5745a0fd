"""Map points tell the truth: a place the gazetteer has no point for is marked at province
precision, stacked markers are spread so each can be clicked, a popup lists its records
and counts exactly the list it links to, and provinces are named as the app names them."""

from __future__ import annotations

import hashlib
import os
from typing import Any

import pytest
from browser import CHROMIUM, visiting
from fastapi.testclient import TestClient
from web_store import Store

from kirok.extract.places import coordinates
from kirok.model import Extraction, Place, Record, ReportText
from kirok.store import queries

TEXT = (
    "Notes from North Pyongan\nIn Unsan county two farmers were detained in May 2023. "
    "Elsewhere in the province a teacher was detained in June 2023. In Sinuiju a trader was "
    "detained in July 2023."
)


def _incident(phrase: str, date: str, province: str, locality: str | None) -> Record:
    start = TEXT.index(phrase)
    lat, lon = coordinates(province, locality) or (None, None)
    from kirok.model import Span

    return Record(
        kind="incident", type="detention", date=date,
        evidence=[Span(start, start + len(phrase), phrase)],
        place=Place(province, locality, lat, lon), confidence=0.8,
    )


@pytest.fixture
def north_pyongan(store: Store) -> None:
    records = [
        _incident("two farmers were detained", "2023-05", "North Pyongan", "Unsan"),
        _incident("a teacher was detained", "2023-06", "North Pyongan", None),
        _incident("a trader was detained", "2023-07", "North Pyongan", "Sinuiju"),
    ]
    read = ReportText(
        text=TEXT, sha256=hashlib.sha256(TEXT.encode()).hexdigest(), format="txt",
        title="North Pyongan notes", outlet="Border Letters", source="np.txt",
        published="2023-08-01", published_from="option",
    )
    with store.db.session() as session:
        queries.add_report(session, read, Extraction(records), "test-1")


def _points(client: TestClient, query: str = "") -> list[dict[str, Any]]:
    points: list[dict[str, Any]] = client.get(f"/api/geo?kind=incident{query}").json()["points"]
    return points


def test_a_place_without_its_own_point_is_province_precision(
    client: TestClient, north_pyongan: None
) -> None:
    points = {p["locality"]: p for p in _points(client, "&province=North+Pyongan")}
    assert points["Unsan"]["precision"] == "province"  # at Sinuiju, the province seat
    assert points["Sinuiju"]["precision"] == "locality"
    assert points[None]["precision"] == "province"
    unsan = client.get("/api/records?locality=Unsan").json()["items"][0]
    assert unsan["geo_precision"] == "province"


def test_every_point_counts_exactly_the_list_it_links_to(
    client: TestClient, north_pyongan: None
) -> None:
    for point in _points(client):
        locality = point["locality"] or "(none)"
        listed = client.get(
            "/api/records", params={"kind": "incident", "province": point["province"],
                                    "locality": locality},
        ).json()
        assert listed["total"] == point["records"], point
    assert sum(p["records"] for p in _points(client)) == client.get(
        "/api/records?kind=incident"
    ).json()["total"]


def test_the_map_names_provinces_as_the_app_does(
    client: TestClient, assets: None
) -> None:
    page = client.get("/map").text
    assert "&#34;P&#39;yŏngan-bukto&#34;: &#34;North Pyongan&#34;" in page




@pytest.mark.browser
@pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"{CHROMIUM} is not installed")
def test_stacked_markers_are_spread_and_popups_list_records(
    live_server: str, north_pyongan: None
) -> None:
    pytest.importorskip("playwright.sync_api")
    with visiting(live_server) as visit:
        page = visit.page
        visit.go("/map?province=North+Pyongan")
        page.wait_for_selector("#map[data-ready=true]")
        markers = page.locator("path.leaflet-interactive[stroke='#7d1f1f']")
        assert markers.count() == 3
        boxes = [markers.nth(i).bounding_box() for i in range(3)]
        centres = {(round(b["x"] + b["width"] / 2), round(b["y"] + b["height"] / 2))
                   for b in boxes if b}
        assert len(centres) == 3  # three places on one point, drawn apart
        opened = []
        for i in range(3):
            box = markers.nth(i).bounding_box()
            assert box is not None
            page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
            popup = page.locator(".leaflet-popup-content .map-popup")
            popup.locator("li a").first.wait_for()
            opened.append(popup.inner_text())
            page.locator(".leaflet-popup-close-button").click()
            page.wait_for_selector(".leaflet-popup", state="detached")
        assert any("Unsan" in t and "province seat" in t for t in opened)
        assert all("#" in t and "List all 1" in t for t in opened)
        tooltip_names = page.evaluate("document.getElementById('map').dataset.provinces")
        assert "North Pyongan" in tooltip_names
        assert visit.foreign == [] and visit.errors == []
