"""Exports: codebook field names, flat CSV columns, located points, no names, no rejects."""

from __future__ import annotations

import csv
import io
import json

import pytest

from kirok import export
from kirok.ingest import ReadOptions
from kirok.privacy import WITHHELD
from kirok.service import ingest_batch
from kirok.store import queries
from kirok.store.db import Database
from kirok.store.queries import RecordQuery

REPORT = (
    "Five women were publicly executed in Hoeryong on October 7, 2020, among them a woman "
    "surnamed Kim who had carried phones across the river. "
    "Nationwide, the party banned foreign films in 2020.\n"
)


@pytest.fixture
def db(db_url, write_report, stub_extractor):
    database = Database(db_url)
    path = write_report("hoeryong.txt", REPORT)
    options = ReadOptions(outlet="Example Daily", published="2020-10-21",
                          url="https://example.org/hoeryong")
    assert ingest_batch(database, [str(path)], options).ok
    yield database
    database.dispose()


def exported(db: Database, fmt: str, query: RecordQuery | None = None) -> str:
    out = io.StringIO()
    export.write(db, query or RecordQuery(), fmt, out)
    return out.getvalue()


def test_csv_has_exactly_the_codebook_columns_one_row_per_record(db):
    rows = list(csv.DictReader(io.StringIO(exported(db, "csv"))))
    assert tuple(rows[0]) == export.CSV_COLUMNS
    assert len(rows) == 2
    incident = next(r for r in rows if r["kind"] == "incident")
    assert incident["type"] == "execution"
    assert (incident["province"], incident["locality"]) == ("North Hamgyong", "Hoeryong")
    assert incident["geo_precision"] == "locality"
    assert incident["victims_count"] == "5" and incident["public"] == "true"
    assert incident["perpetrators"] == "social_security"
    assert incident["report_url"] == "https://example.org/hoeryong"
    assert (incident["outlet"], incident["published"]) == ("Example Daily", "2020-10-21")
    measure = next(r for r in rows if r["kind"] == "measure")
    assert measure["perpetrators"] == "party"  # a measure's issuers fill the "who" column
    assert measure["penalties"] == "sentencing" and measure["public"] == ""


def test_lists_are_joined_with_semicolons(db):
    with db.session() as session:
        record = queries.select_records(session, RecordQuery(kind="incident"))[0]
        queries.review_record(session, record.id, "tester", "correct",
                              {"offenses": ["smuggling", "border_crossing"]})
    rows = list(csv.DictReader(io.StringIO(exported(db, "csv"))))
    incident = next(r for r in rows if r["kind"] == "incident")
    assert incident["offenses"] == "smuggling;border_crossing"


def test_json_uses_the_codebook_names(db):
    items = json.loads(exported(db, "json"))
    incident = next(i for i in items if i["kind"] == "incident")
    measure = next(i for i in items if i["kind"] == "measure")
    assert incident["perpetrators"] == ["social_security"] and "issuers" not in incident
    assert incident["victims"] == {"count": 5, "groups": ["women"]}
    assert measure["issuers"] == ["party"] and "victims" not in measure
    assert incident["report"]["url"] == "https://example.org/hoeryong"
    assert incident["status"] == "unreviewed" and isinstance(incident["id"], int)
    assert incident["evidence"][0]["text"].startswith("Five women were publicly executed")


def test_geojson_carries_located_records_as_points(db):
    doc = json.loads(exported(db, "geojson"))
    assert doc["type"] == "FeatureCollection"
    (feature,) = doc["features"]  # the measure has no coordinates
    assert feature["geometry"] == {"type": "Point", "coordinates": [129.75, 42.44]}
    assert feature["properties"]["type"] == "execution"


def test_victims_names_are_withheld_in_every_format(db):
    for fmt in export.FORMATS:
        text = exported(db, fmt)
        assert "surnamed Kim" not in text
    assert WITHHELD in exported(db, "csv")


def test_rejected_records_are_not_exported(db):
    with db.session() as session:
        record = queries.select_records(session, RecordQuery(kind="measure"))[0]
        queries.review_record(session, record.id, "tester", "reject")
    items = json.loads(exported(db, "json"))
    assert [i["kind"] for i in items] == ["incident"]


def test_filters_apply_to_exports(db):
    items = json.loads(exported(db, "json", RecordQuery(kind="measure")))
    assert [i["type"] for i in items] == ["prohibition"]


def test_large_exports_stream_page_by_page(db, monkeypatch):
    monkeypatch.setattr(export, "PAGE", 1)
    ticks: list[int] = []
    export.write(db, RecordQuery(), "csv", io.StringIO(), ticks.append)
    assert ticks == [1, 1]


def test_an_export_holds_the_newest_version_of_a_changed_page_unless_history(
    cli, http_server, stub_extractor
):
    address = http_server.put("page.txt", "Five smugglers were executed in Hoeryong in 2019.\n")
    assert cli("ingest", address).exit_code == 0
    http_server.put("page.txt", "Five smugglers were executed in Hoeryong in 2019. Updated.\n")
    assert cli("ingest", address).exit_code == 0
    newest = cli("export", "--format", "json")
    assert len(json.loads(newest.stdout)) == 1
    assert len(json.loads(cli("export", "--format", "json", "--history").stdout)) == 2
    assert "of 1;" in cli("incidents").output and "of 2;" in cli("incidents", "--history").output


NAMED = (
    "Kim Chol-su, 34, a trader, was publicly executed in Hoeryong in 2021. "
    "주민 김철수 씨가 처형됐다는 소식도 전해졌다.\n"
)


def test_names_in_titles_urls_and_hangul_are_withheld_in_every_format(
    db_url, write_report, stub_extractor
):
    database = Database(db_url)
    path = write_report("named.txt", NAMED)
    options = ReadOptions(published="2021-05-01", title="Trader Kim Chol-su executed",
                          url="https://example.org/2021/kim-chol-su-executed")
    assert ingest_batch(database, [str(path)], options).ok
    for fmt in export.FORMATS:
        out = exported(database, fmt)
        assert "Chol-su" not in out and "chol-su" not in out and "김철수" not in out, fmt
        assert WITHHELD in out
    database.dispose()
