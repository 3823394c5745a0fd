"""The shipped gazetteer data: complete first-level units, consistent rows, readable CSVs."""

from __future__ import annotations

from kirok.extract.places import canonical_locality, canonical_province, find_places
from kirok.knowledge import data_path, read_table

CODEBOOK_PROVINCES = {
    "Pyongyang", "Rason", "Nampo", "Kaesong", "South Pyongan", "North Pyongan", "Chagang",
    "South Hwanghae", "North Hwanghae", "Kangwon", "South Hamgyong", "North Hamgyong",
    "Ryanggang",
}
KINDS = {"city", "county", "district"}


def test_exactly_the_thirteen_codebook_units() -> None:
    assert {row["name"] for row in read_table("provinces.csv")} == CODEBOOK_PROVINCES


def test_every_province_has_seat_coordinates() -> None:
    for row in read_table("provinces.csv"):
        assert 37.5 < float(row["lat"]) < 43.1, row["name"]
        assert 124.0 < float(row["lon"]) < 131.0, row["name"]


def test_data_files_start_with_comments_explaining_columns() -> None:
    for name in ("provinces.csv", "places.csv"):
        first = data_path(name).read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("#")


def test_place_rows_are_consistent() -> None:
    rows = read_table("places.csv")
    names = {row["name"] for row in rows}
    for row in rows:
        assert row["kind"] in KINDS, row
        assert row["hangul"], row
        assert row["source"] in {"geonames", "hand"}, row
        assert row["preferred"] in {"0", "1"} and row["bare"] in {"0", "1"}, row
        if row["kind"] == "district":
            assert row["parent"] in names | CODEBOOK_PROVINCES, row
        else:
            assert row["parent"] in CODEBOOK_PROVINCES, row
        if row["lat"]:
            assert 37.5 < float(row["lat"]) < 43.1 and 124.0 < float(row["lon"]) < 131.0, row


def test_every_province_has_cities_or_counties() -> None:
    rows = read_table("places.csv")
    covered = {row["parent"] for row in rows if row["kind"] != "district"}
    assert covered >= CODEBOOK_PROVINCES - {"Rason", "Kaesong"}
    assert sum(1 for row in rows if row["kind"] in {"city", "county"}) >= 160


def test_shared_names_have_exactly_one_preferred_place() -> None:
    rows = read_table("places.csv")
    by_name: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        by_name.setdefault(row["name"], []).append(row)
    for name, group in by_name.items():
        if len(group) > 1:
            assert sum(row["preferred"] == "1" for row in group) == 1, name


def test_every_row_is_found_by_its_canonical_name() -> None:
    for row in read_table("places.csv"):
        assert canonical_locality(row["name"]) == row["name"], row["name"]
        if row["bare"] == "1":
            mentions = find_places(f"It happened in {row['name']} last year.")
            assert [m.text for m in mentions] == [row["name"]], row["name"]


def test_every_province_spelling_in_the_data_resolves() -> None:
    for row in read_table("provinces.csv"):
        for spelling in [row["name"], *row["variants"].split("|")]:
            assert canonical_province(spelling) == row["name"], spelling


def test_read_table_skips_comments_and_keeps_columns() -> None:
    rows = read_table("provinces.csv")
    assert len(rows) == 13
    assert {"name", "hangul", "seat", "lat", "lon"} <= set(rows[0])
