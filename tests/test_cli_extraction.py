"""EXTRACTION-DEPENDENT: the commands end to end with the real extractor.

Unlike tests/test_cli.py (which uses a stand-in extractor to test plumbing), these run
kirok.extract on tiny reports whose records are unmistakable, and so fail if the
extractor stops finding them. If one fails after an extractor change, check the
extractor first."""

from __future__ import annotations

import json

import pytest

EXECUTION = (
    "Five women publicly executed in Hoeryong\n\n"
    "Five women were publicly executed in Hoeryong, North Hamgyong Province on October 7, "
    "2020, a source in the province told us.\n"
)
BAN = (
    "Phones banned in Hyesan\n\n"
    "The Ministry of State Security issued an order in early March banning the use of Chinese "
    "mobile phones in Hyesan, Ryanggang Province, warning that violators will be sent to "
    "labor training camps, a source said.\n"
)


@pytest.fixture
def stored(cli, write_report):
    write_report("a-execution.txt", EXECUTION)
    path = write_report("b-ban.txt", BAN)
    first = cli("ingest", str(path.parent / "a-execution.txt"), "--published", "2020-10-21",
                "--outlet", "Example Daily")
    second = cli("ingest", str(path), "--published", "2021-03-15", "--outlet", "Example Radio")
    assert first.exit_code == second.exit_code == 0, first.output + second.output


def test_extract_finds_the_execution_with_its_fields(cli, write_report):
    path = write_report("r.txt", EXECUTION)
    doc = json.loads(cli("extract", str(path), "--published", "2020-10-21").stdout)
    execution = next(i for i in doc["incidents"] if i["type"] == "execution")
    assert execution["date"] == "2020-10-07"
    assert execution["place"]["province"] == "North Hamgyong"
    assert execution["place"]["locality"] == "Hoeryong"
    assert execution["victims"] == {"count": 5, "groups": ["women"]}
    assert execution["public"] is True
    assert any("publicly executed" in e["text"] for e in execution["evidence"])


def test_extract_finds_the_ban_as_a_prohibition(cli, write_report):
    path = write_report("b.txt", BAN)
    doc = json.loads(cli("extract", str(path), "--published", "2021-03-15").stdout)
    (ban,) = [m for m in doc["measures"] if m["type"] == "prohibition"]
    assert "state_security" in ban["issuers"] and "illegal_phone" in ban["offenses"]
    assert "sentencing" in ban["penalties"]


def test_ingested_records_can_be_listed_shown_and_exported(cli, stored):
    listing = cli("incidents", "--type", "execution", "--province", "North Hamgyong",
                  "--since", "2019").output
    assert "Hoeryong" in listing and "2020-10-07" in listing
    assert "illegal_phone" in cli("measures", "--type", "prohibition").output
    shown = cli("show", "incident", "1").output
    assert "publicly executed in Hoeryong" in shown and "Example Daily" in shown
    geo = json.loads(cli("export", "--format", "geojson", "--type", "execution").stdout)
    (point,) = geo["features"]
    lon, lat = point["geometry"]["coordinates"]
    assert 129 < lon < 131 and 41 < lat < 43  # Hoeryong, on the Tumen


def test_province_filters_accept_other_spellings(cli, stored):
    assert "Hoeryong" in cli("incidents", "--province", "North Hamkyung").output
