"""Review: confirm, correct and reject from the form; the audit trail shows who, when,
before and after; re-extraction never overwrites what a reviewer decided."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from web_store import Store

from kirok.model import Extraction, Place, Record
from kirok.store import queries
from kirok.store.schema import Record as Row


def _form(client: TestClient, rid: int) -> dict[str, object]:
    """The review form as the browser would send it unchanged."""
    body = client.get(f"/api/records/{rid}").json()
    form: dict[str, object] = {
        "type": body["type"],
        "date": body["date"] or "",
        "province": body["province"] or "",
        "locality": body["locality"] or "",
        "organs": body["organs"],
        "offenses": body["offenses"],
        "victim_groups": body["victim_groups"],
        "victims_count": "" if body["victims_count"] is None else str(body["victims_count"]),
    }
    if body["public"]:
        form["public"] = "on"
    return form


def test_review_form_offers_codebook_choices(
    client: TestClient, record_of: Callable[..., int]
) -> None:
    page = client.get(f"/records/{record_of('detention')}/review").text
    assert '<option value="forced_relocation"' in page and '<option value="Kaesong"' in page
    assert 'value="guilt_by_association"' in page and 'value="border_residents"' in page
    assert 'value="prohibition"' not in page  # a measure type is not offered for an incident


def test_confirm_records_the_reviewer_and_remembers_the_name(
    client: TestClient, record_of: Callable[..., int]
) -> None:
    rid = record_of("execution")
    response = client.post(
        f"/records/{rid}/review", data={"reviewer": "Min-ji Analyst", "action": "confirm"},
        follow_redirects=False,
    )
    assert response.status_code == 303
    page = client.get(f"/records/{rid}").text
    assert "Min-ji Analyst" in page and "confirmed" in page
    assert 'value="Min-ji Analyst"' in client.get(f"/records/{rid}/review").text


def test_correction_shows_before_and_after_in_the_audit_trail(
    client: TestClient, record_of: Callable[..., int]
) -> None:
    rid = record_of("detention")
    form = {**_form(client, rid), "reviewer": "kim", "action": "correct",
            "victims_count": "4", "offenses": ["foreign_media", "religion"]}
    assert client.post(f"/records/{rid}/review", data=form).status_code == 200
    body = client.get(f"/api/records/{rid}").json()
    assert body["status"] == "corrected" and body["victims_count"] == 4
    assert body["audit"][0]["before"]["victims_count"] == 3
    audit = client.get(f"/records/{rid}").text.split('id="audit"')[1]
    assert "corrected" in audit and "victims count" in audit and "religion" in audit


def test_correction_with_a_value_outside_the_codebook_is_refused(
    client: TestClient, record_of: Callable[..., int]
) -> None:
    rid = record_of("detention")
    form = {**_form(client, rid), "reviewer": "kim", "action": "correct", "type": "kidnapping"}
    response = client.post(f"/records/{rid}/review", data=form)
    assert response.status_code == 422 and "codebook" in response.text
    assert client.get(f"/api/records/{rid}").json()["status"] == "unreviewed"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"action": "confirm"}, "enter your name"),
        ({"reviewer": "kim", "action": "correct"}, "nothing was changed"),
        ({"reviewer": "kim", "action": "correct", "date": "March"}, "YYYY"),
    ],
)
def test_incomplete_reviews_explain_what_is_missing(
    client: TestClient, record_of: Callable[..., int], data: dict[str, str], message: str
) -> None:
    rid = record_of("execution")
    form = {**_form(client, rid), **data}
    if "reviewer" not in data:
        form.pop("reviewer", None)
    response = client.post(f"/records/{rid}/review", data=form)
    assert response.status_code == 422 and message in response.text


def test_reject_marks_the_record_rejected(
    client: TestClient, record_of: Callable[..., int]
) -> None:
    rid = record_of("detention", "measure")
    client.post(f"/records/{rid}/review", data={"reviewer": "lee", "action": "reject"})
    assert client.get(f"/api/records/{rid}").json()["status"] == "rejected"
    assert ">1</strong> record" in client.get("/measures?status=rejected").text


def test_cross_site_posts_are_refused(client: TestClient, record_of: Callable[..., int]) -> None:
    rid = record_of("execution")
    response = client.post(
        f"/records/{rid}/review", data={"reviewer": "x", "action": "reject"},
        headers={"origin": "https://elsewhere.example"},
    )
    assert response.status_code == 403
    assert client.get(f"/api/records/{rid}").json()["status"] == "unreviewed"


def test_reextraction_keeps_reviewed_records(
    client: TestClient, store: Store, record_of: Callable[..., int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rid = record_of("detention")
    form = {**_form(client, rid), "reviewer": "kim", "action": "correct", "locality": "Hoeryong"}
    client.post(f"/records/{rid}/review", data=form)
    fresh = Record(kind="incident", type="fine", evidence=[], place=Place("Ryanggang"))
    monkeypatch.setattr("kirok.extract.extract", lambda *a, **k: Extraction([fresh]))
    response = client.post(f"/reports/{store.ids['detention']}/reextract")
    assert response.status_code == 200
    assert "Re-extracted: 1 added, 0 kept (same ids), 1 removed" in response.text
    with store.db.session() as session:
        kept = session.get(Row, rid)
        assert kept is not None and kept.locality == "Hoeryong" and kept.status == "corrected"
        types = sorted(r.type for r in queries.get_report(session, store.ids["detention"]).records)
    assert types == ["detention", "fine"]  # the unreviewed measure was replaced
