"""A bar of the timeline opens the incidents it counts: its month, its type or province,
under the page's filters, and the list holds exactly the bar's number."""

from __future__ import annotations

import os

import pytest
from browser import CHROMIUM, visiting
from fastapi.testclient import TestClient


def test_a_month_filter_lists_what_the_timeline_counts(client: TestClient) -> None:
    timeline = client.get("/api/timeline?kind=incident").json()
    for type_, counts in timeline["by_type"].items():
        for month, n in zip(timeline["months"], counts, strict=True):
            listed = client.get(f"/api/records?kind=incident&type={type_}&month={month}")
            assert listed.json()["total"] == n, (type_, month)
    assert client.get("/incidents?month=2023-13").status_code == 400
    assert "Month: 2023-03" in client.get("/incidents?month=2023-03").text


@pytest.mark.browser
@pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"{CHROMIUM} is not installed")
def test_clicking_a_bar_opens_its_incidents(live_server: str) -> None:
    pytest.importorskip("playwright.sync_api")
    with visiting(live_server) as visit:
        page = visit.page
        visit.go("/timeline?province=Ryanggang")
        page.wait_for_selector("#by-type[data-ready=true]")
        # The March 2023 detention bar: its centre, from the chart's own layout.
        spot = page.evaluate("""() => {
            const chart = Chart.getChart(document.getElementById('by-type'));
            const type = chart.data.datasets.findIndex(d => d.label === 'detention');
            const month = chart.data.labels.indexOf('2023-03');
            const bar = chart.getDatasetMeta(type).data[month];
            return {x: bar.x, y: (bar.y + bar.base) / 2, n: chart.data.datasets[type].data[month]};
        }""")
        box = page.locator("#by-type").bounding_box()
        assert box is not None
        page.mouse.click(box["x"] + spot["x"], box["y"] + spot["y"])
        page.wait_for_url("**/incidents?*month=2023-03*")
        assert "type=detention" in page.url and "province=Ryanggang" in page.url
        assert page.locator("#total").inner_text() == str(spot["n"])
        assert visit.foreign == [] and visit.errors == []
