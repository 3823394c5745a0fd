"""The JSON API returns what the pages show, under the same filters, and describes itself."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient
from web_store import Store


def test_records_endpoint_filters_and_pages(client: TestClient) -> None:
    body = client.get("/api/records?kind=incident&province=Ryanggang&limit=2").json()
    assert body["total"] == 3 and len(body["items"]) == 2
    assert all(item["province"] == "Ryanggang" for item in body["items"])
    assert body["items"][0]["evidence"][0]["text"]


def test_records_endpoint_searches_report_text(client: TestClient) -> None:
    body = client.get("/api/records?q=copper").json()
    assert [item["type"] for item in body["items"]] == ["execution"]


def test_records_endpoint_rejects_an_unknown_kind(client: TestClient) -> None:
    assert client.get("/api/records?kind=rumour").status_code == 422


def test_record_endpoint_has_audit_and_neighbours(
    client: TestClient, record_of: Callable[..., int]
) -> None:
    rid = record_of("detention")
    body = client.get(f"/api/records/{rid}").json()
    assert body["id"] == rid and body["audit"] == []
    assert record_of("detention", "measure") in body["same_report"]
    assert record_of("second") in body["similar"]


def test_missing_record_is_a_json_404(client: TestClient) -> None:
    response = client.get("/api/records/4242")
    assert response.status_code == 404
    assert "no record 4242" in response.json()["detail"]


def test_reports_endpoints(client: TestClient, store: Store) -> None:
    listing = client.get("/api/reports").json()
    assert listing["total"] == 4
    assert {r["title"] for r in listing["items"]} >= {"Chongjin execution", "Dormitory raid"}
    one = client.get(f"/api/reports/{store.ids['execution']}").json()
    assert "copper" in one["text"] and len(one["sha256"]) == 64 and one["record_ids"]


def test_facets_endpoint_counts_under_filters(client: TestClient) -> None:
    facets = client.get("/api/facets?kind=incident").json()
    assert dict(facets["province"]) == {"Ryanggang": 3, "North Hamgyong": 1}
    assert dict(facets["offense"])["foreign_media"] == 2
    assert set(facets) == {
        "type", "province", "locality", "year", "organ", "offense", "victim_group", "outlet",
        "status",
    }


def test_geo_endpoint_groups_by_place_with_victims(client: TestClient) -> None:
    points = client.get("/api/geo?kind=incident").json()["points"]
    chongjin = next(p for p in points if p["locality"] == "Chongjin")
    assert chongjin == {
        "lat": 41.79, "lon": 129.78, "province": "North Hamgyong", "locality": "Chongjin",
        "precision": "locality", "records": 1, "victims": 2,
    }
    only = client.get("/api/geo?kind=incident&offense=smuggling").json()["points"]
    assert [p["locality"] for p in only] == ["Chongjin"]


def test_timeline_endpoint_counts_months_by_type_and_province(client: TestClient) -> None:
    body = client.get("/api/timeline?kind=incident").json()
    assert body["months"][0] == "2022-11" and body["months"][-1] == "2023-04"
    assert len(body["months"]) == 6  # empty months are kept so gaps show
    march = body["months"].index("2023-03")
    assert body["by_type"]["detention"][march] == 2
    assert body["by_province"]["North Hamgyong"][0] == 1


def test_openapi_is_served_but_cdn_docs_pages_are_not(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert {"/api/records", "/api/records/{record_id}", "/api/reports", "/api/facets",
            "/api/geo", "/api/timeline"} <= set(spec["paths"])
    assert client.get("/docs").status_code == 404
    assert client.get("/redoc").status_code == 404


def test_records_endpoint_withholds_victims_names_as_exports_do(
    client: TestClient, store: Store, record_of: Callable[..., int]
) -> None:
    from kirok.store.schema import Evidence

    rid = record_of("detention")
    with store.db.session() as session:
        evidence = session.query(Evidence).filter_by(record_id=rid).first()
        assert evidence is not None
        evidence.text = "detained a student surnamed Pak in March 2023"
    body = client.get(f"/api/records/{rid}").json()
    withheld = "detained a student surnamed [name withheld] in March 2023"
    assert body["evidence"][0]["text"] == withheld
    listed = client.get("/api/records?kind=incident&province=Ryanggang&limit=50").json()
    assert all("Pak" not in e["text"] for item in listed["items"] for e in item["evidence"])


def test_the_year_facet_lists_years_in_order(client: TestClient, store: Store) -> None:
    from kirok.store.schema import Record

    with store.db.session() as session:  # more records in 2022 than in 2023 now
        for row in session.query(Record).filter(Record.year == 2023).limit(3):
            row.year, row.date = 2022, "2022-05"
    years = [value for value, _ in client.get("/api/facets").json()["year"]]
    assert years == ["2023", "2022"]


def test_a_reports_text_url_and_title_leave_the_api_with_names_withheld(
    client: TestClient, store: Store
) -> None:
    from kirok.store.schema import Report

    rid = store.ids["execution"]
    with store.db.session() as session:
        report = session.get(Report, rid)
        assert report is not None
        report.title = "Trader Kim Chol-su executed"
        report.url = "https://example.org/kim-chol-su-executed"
        report.text = report.text + "\nThe smuggler Choe Myong-nam, 29, was also held."
    one = client.get(f"/api/reports/{rid}").json()
    for value in (one["title"], one["url"], one["text"]):
        assert "Chol-su" not in value and "chol-su" not in value and "Myong-nam" not in value
    assert "copper" in one["text"]
    assert one["title"] == "Trader [name withheld] executed"
    assert one["url"] == "https://example.org/name-withheld-executed"
