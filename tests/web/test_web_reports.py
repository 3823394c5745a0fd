"""Upload from the Reports page goes through the CLI's ingest path, with the same checks."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


def _upload(client: TestClient, *files: tuple[str, bytes], **fields: str):  # type: ignore[no-untyped-def]
    return client.post(
        "/reports/upload",
        files=[("files", (name, data, "text/plain")) for name, data in files],
        data=fields,
    )


def test_uploaded_report_is_stored_and_listed(client: TestClient) -> None:
    text = b"Wonsan river bank notice\nResidents were told to stop washing clothes in the river.\n"
    response = _upload(client, ("notice.txt", text), outlet="Test Outlet", published="2024-02-03")
    assert response.status_code == 200
    assert "stored as report" in response.text
    listing = client.get("/api/reports").json()["items"]
    newest = listing[0]
    assert newest["outlet"] == "Test Outlet" and newest["published"] == "2024-02-03"
    assert newest["title"] == "Wonsan river bank notice"


def test_uploading_the_same_file_twice_is_recognised(client: TestClient) -> None:
    text = b"Same words twice\nA short note about a market inspection in Sinuiju.\n"
    _upload(client, ("a.txt", text))
    response = _upload(client, ("copy.txt", text))
    assert "already stored as report" in response.text
    assert client.get("/api/reports").json()["total"] == 5


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"  \n", "empty file"),
        ("photo.png", b"\x89PNG", "unsupported file type"),
        ("latin.txt", "caf\xe9".encode("latin-1"), "not valid UTF-8"),
        ("nul.txt", b"abc\x00def", "binary file"),
    ],
)
def test_bad_files_are_refused_with_the_cli_reason(
    client: TestClient, name: str, data: bytes, reason: str
) -> None:
    response = _upload(client, (name, data))
    assert response.status_code == 422
    assert reason in response.text and name in response.text


def test_upload_without_a_file_asks_for_one(client: TestClient) -> None:
    response = client.post("/reports/upload", data={"outlet": "x"})
    assert response.status_code == 422 and "choose at least one file" in response.text


def test_one_bad_file_does_not_lose_the_good_one(client: TestClient) -> None:
    good = b"Kimchaek port\nGuards searched fishing boats for radios last week.\n"
    response = _upload(client, ("bad.txt", b""), ("good.txt", good))
    assert response.status_code == 200
    assert "empty file" in response.text and "stored as report" in response.text
