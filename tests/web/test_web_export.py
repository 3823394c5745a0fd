"""Export from the web: the current filtered view as CSV, JSON and GeoJSON, byte for byte
what `kirok export` writes for the same filters."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner
from web_store import Store

from kirok.cli import app as cli_app


def _cli_export(store: Store, tmp_path: Path, fmt: str, *filters: str) -> bytes:
    out = tmp_path / f"cli.{fmt}"
    result = CliRunner(env={"KIROK_DB": None}).invoke(
        cli_app, ["--db", store.url, "export", "--format", fmt, "-o", str(out), *filters],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    return out.read_bytes()


@pytest.mark.parametrize("fmt", ["csv", "json", "geojson"])
def test_the_web_export_is_the_commands(
    client: TestClient, store: Store, tmp_path: Path, fmt: str
) -> None:
    response = client.get(f"/export.{fmt}?kind=incident&province=Ryanggang&offense=foreign_media")
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    cli = _cli_export(store, tmp_path, fmt, "--kind", "incident", "--province", "Ryanggang",
                      "--offense", "foreign_media")
    assert response.content == cli and b"Hyesan" in cli


def test_rejected_records_leave_neither_way(
    client: TestClient, store: Store, tmp_path: Path
) -> None:
    rid = client.get("/api/records?q=copper").json()["items"][0]["id"]
    client.post(f"/records/{rid}/review", data={"reviewer": "lee", "action": "reject"})
    web = client.get("/export.json?kind=incident").content
    assert web == _cli_export(store, tmp_path, "json", "--kind", "incident")
    assert b"copper" not in web


def test_the_records_page_links_its_exports(client: TestClient) -> None:
    page = client.get("/incidents?province=Ryanggang&order=type").text
    assert 'href="/export.csv?province=Ryanggang&amp;kind=incident"' in page
    assert client.get("/export.xml").status_code == 404
