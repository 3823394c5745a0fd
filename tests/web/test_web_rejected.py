"""A rejected record is not a record: the map, the timeline, the facets, the lists and the
API leave it out unless the analyst asks for it with the status filter."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient


def _reject(client: TestClient, rid: int) -> None:
    response = client.post(
        f"/records/{rid}/review", data={"reviewer": "lee", "action": "reject"},
        follow_redirects=False,
    )
    assert response.status_code == 303


def test_rejected_records_are_hidden_by_default_everywhere(
    client: TestClient, record_of: Callable[..., int]
) -> None:
    rid = record_of("execution")  # the only record in North Hamgyong, dated 2022-11
    _reject(client, rid)
    listed = client.get("/api/records?kind=incident&limit=50").json()
    assert rid not in [item["id"] for item in listed["items"]] and listed["total"] == 3
    facets = client.get("/api/facets?kind=incident").json()
    assert "North Hamgyong" not in dict(facets["province"])
    assert "smuggling" not in dict(facets["offense"])
    assert "Chongjin" not in [p["locality"] for p in client.get("/api/geo?kind=incident").json()
                              ["points"]]
    timeline = client.get("/api/timeline?kind=incident").json()
    assert "North Hamgyong" not in timeline["by_province"]
    assert timeline["months"][0] == "2023-03"
    page = client.get("/incidents").text
    assert f'href="/records/{rid}"' not in page and ">3</strong> records" in page
    map_facets = client.get("/map").text.split('<aside class="facets"')[1].split("</aside>")[0]
    assert "North Hamgyong" not in map_facets


def test_the_status_filter_shows_rejected_records(
    client: TestClient, record_of: Callable[..., int]
) -> None:
    rid = record_of("execution")
    _reject(client, rid)
    only = client.get("/api/records?status=rejected").json()
    assert [item["id"] for item in only["items"]] == [rid]
    every = client.get("/api/records?kind=incident&status=all").json()
    assert every["total"] == 4
    assert dict(client.get("/api/facets?status=rejected").json()["province"]) == {
        "North Hamgyong": 1
    }
    # The status facet still offers the hidden records, so they stay one click away.
    facets = client.get("/api/facets?kind=incident").json()
    assert dict(facets["status"])["rejected"] == 1
    page = client.get("/incidents").text
    assert 'href="/incidents?status=rejected"' in page
    assert f'href="/records/{rid}"' in client.get("/incidents?status=rejected").text
