"""Correcting a record's place: picked from the gazetteer under any spelling, and the
coordinates (so the map and GeoJSON) follow the new place."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient
from test_web_review import _form

HOERYONG = (42.44113, 129.74601)  # knowledge/places.csv


def _correct(client: TestClient, rid: int, **changes: str) -> object:
    form = {**_form(client, rid), "reviewer": "kim", "action": "correct", **changes}
    return client.post(f"/records/{rid}/review", data=form, follow_redirects=False)


def test_a_corrected_place_moves_the_record_on_the_map(
    client: TestClient, record_of: Callable[..., int]
) -> None:
    rid = record_of("execution")  # Chongjin, North Hamgyong
    response = _correct(client, rid, locality="Hoiryong")  # a press spelling of Hoeryong
    assert getattr(response, "status_code", None) == 303
    body = client.get(f"/api/records/{rid}").json()
    assert (body["locality"], body["province"]) == ("Hoeryong", "North Hamgyong")
    assert (body["lat"], body["lon"]) == HOERYONG and body["geo_precision"] == "locality"
    points = client.get("/api/geo?kind=incident").json()["points"]
    hoeryong = next(p for p in points if p["locality"] == "Hoeryong")
    assert (hoeryong["lat"], hoeryong["lon"]) == HOERYONG
    assert "Chongjin" not in [p["locality"] for p in points]


def test_a_locality_elsewhere_brings_its_province(
    client: TestClient, record_of: Callable[..., int]
) -> None:
    rid = record_of("detention")  # Hyesan, Ryanggang; the province is left as it was
    _correct(client, rid, locality="회령시")
    body = client.get(f"/api/records/{rid}").json()
    assert (body["locality"], body["province"]) == ("Hoeryong", "North Hamgyong")
    assert (body["lat"], body["lon"]) == HOERYONG


def test_clearing_the_locality_leaves_province_precision(
    client: TestClient, record_of: Callable[..., int]
) -> None:
    rid = record_of("execution")
    _correct(client, rid, locality="")
    body = client.get(f"/api/records/{rid}").json()
    assert body["locality"] is None and body["geo_precision"] == "province"
    assert (body["lat"], body["lon"]) != (41.79, 129.78)  # not Chongjin any more


def test_a_place_outside_the_gazetteer_is_refused(
    client: TestClient, record_of: Callable[..., int]
) -> None:
    rid = record_of("execution")
    response = _correct(client, rid, locality="Atlantis")
    assert getattr(response, "status_code", None) == 422
    assert "gazetteer" in getattr(response, "text", "")
    assert client.get(f"/api/records/{rid}").json()["locality"] == "Chongjin"


def test_a_locality_contradicting_a_chosen_province_is_refused(
    client: TestClient, record_of: Callable[..., int]
) -> None:
    rid = record_of("execution")
    response = _correct(client, rid, locality="Hyesan", province="South Hwanghae")
    assert getattr(response, "status_code", None) == 422
    assert "Ryanggang" in getattr(response, "text", "")


def test_the_review_form_offers_every_spelling(
    client: TestClient, record_of: Callable[..., int]
) -> None:
    page = client.get(f"/records/{record_of('execution')}/review").text
    assert 'list="places"' in page and '<datalist id="places">' in page
    for spelling in ("Hoeryong", "Hoiryong", "회령시", "Onsung"):
        assert f'<option value="{spelling}">' in page
