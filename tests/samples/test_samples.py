"""The bundled example reports and the extractor's test fixtures are consistent with the codebook.

The samples are what a new user runs Kirok on first and what the extractor is scored on, so a
gold quote that is not in the text, an unknown vocabulary value or a missing sample would show
up as a wrong score or a broken demo rather than as an error.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import trafilatura

import kirok
from kirok.codebook import (
    INCIDENT_TYPES,
    MEASURE_TYPES,
    NATIONAL,
    OFFENSES,
    ORGANS,
    PENALTIES,
    PROVINCES,
    VICTIM_GROUPS,
)

SAMPLES = Path(kirok.__file__).parent / "samples"
GOLD = SAMPLES / "gold"
FIXTURES = Path(__file__).parents[1] / "fixtures" / "reports"
MANIFEST_COLUMNS = ["file", "outlet", "url", "title", "published", "language"]
PARTIAL_ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
GOLD_KEYS = {"id", "outlet", "url", "title", "published", "language", "incidents", "measures"}
# Site furniture that must never reach the extractor from an HTML page.
BOILERPLATE = ("Related articles", "Related Stories", "Read in Korean", "Post Comment", "Submit")


def manifest_rows() -> list[dict[str, str]]:
    lines = SAMPLES.joinpath("manifest.csv").read_text(encoding="utf-8").splitlines()
    body = [line for line in lines if not line.startswith("#")]
    reader = csv.DictReader(body)
    assert reader.fieldnames == MANIFEST_COLUMNS
    return list(reader)


def sample_files() -> list[Path]:
    return sorted(p for p in SAMPLES.iterdir() if p.suffix in {".txt", ".md", ".html"})


def load_gold(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def text_as_extracted(path: Path) -> str:
    """What the extractor sees: the decoded file, or trafilatura's main text for HTML."""
    raw = path.read_text(encoding="utf-8")
    if path.suffix != ".html":
        return raw
    extracted = trafilatura.extract(raw)
    assert extracted, f"trafilatura found no main text in {path.name}"
    return extracted


def records(gold: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [("incident", r) for r in gold["incidents"]] + [("measure", r) for r in gold["measures"]]


def check_gold(gold: dict[str, Any], text: str) -> None:
    """Every record is well-formed, uses codebook values and quotes the text verbatim."""
    assert GOLD_KEYS <= gold.keys()
    assert gold["published"] is None or PARTIAL_ISO.match(gold["published"])
    for kind, rec in records(gold):
        label = f"{gold['id']}: {rec['type']} «{rec['quote'][:50]}»"
        assert rec["quote"] in text, f"quote not in text: {label}"
        assert rec["date"] is None or PARTIAL_ISO.match(rec["date"]), label
        province = rec["place"]["province"]
        if kind == "incident":
            assert rec["type"] in INCIDENT_TYPES, label
            assert province is None or province in PROVINCES, label
            assert set(rec["perpetrators"]) <= set(ORGANS), label
            assert set(rec["victims"]["groups"]) <= set(VICTIM_GROUPS), label
            count = rec["victims"]["count"]
            assert count is None or (isinstance(count, int) and count > 0), label
            assert isinstance(rec["public"], bool), label
        else:
            assert rec["type"] in MEASURE_TYPES, label
            assert province is None or province in (*PROVINCES, NATIONAL), label
            assert set(rec["issuers"]) <= set(ORGANS), label
            assert set(rec["penalties"]) <= set(PENALTIES), label
        assert set(rec["offenses"]) <= set(OFFENSES), label


# ------------------------------------------------------------------ bundled samples


def test_manifest_lists_every_sample_and_nothing_else() -> None:
    listed = [row["file"] for row in manifest_rows()]
    assert sorted(listed) == [p.name for p in sample_files()]
    assert len(listed) >= 14


@pytest.mark.parametrize("row", manifest_rows(), ids=lambda row: row["file"])
def test_manifest_row_is_consistent_with_gold(row: dict[str, str]) -> None:
    gold = load_gold(GOLD / f"{Path(row['file']).stem}.json")
    assert gold["id"] == Path(row["file"]).stem
    assert row["url"].startswith("https://example.org/")
    assert row["url"] == gold["url"] and row["outlet"] == gold["outlet"]
    assert row["language"] == gold["language"] == "en"
    if row["published"]:
        assert PARTIAL_ISO.match(row["published"])
        assert row["published"] == gold["published"]
    else:
        assert gold["published"], "an empty manifest date must be recoverable from the report"


@pytest.mark.parametrize("path", sample_files(), ids=lambda p: p.name)
def test_sample_gold_quotes_the_text_with_codebook_values(path: Path) -> None:
    gold = load_gold(GOLD / f"{path.stem}.json")
    assert (gold.get("text_format") == "html") == (path.suffix == ".html")
    check_gold(gold, text_as_extracted(path))
    assert gold["incidents"] or gold["measures"]


@pytest.mark.parametrize("path", sample_files(), ids=lambda p: p.name)
def test_sample_reads_like_a_report(path: Path) -> None:
    words = len(text_as_extracted(path).split())
    assert 150 <= words <= 600, f"{path.name} has {words} words"


@pytest.mark.parametrize(
    "path", [p for p in sample_files() if p.suffix == ".html"], ids=lambda p: p.name
)
def test_html_sample_yields_metadata_and_no_boilerplate(path: Path) -> None:
    gold = load_gold(GOLD / f"{path.stem}.json")
    meta = trafilatura.extract_metadata(path.read_text(encoding="utf-8"))
    assert meta.date == gold["published"]
    assert meta.title == gold["title"]
    text = text_as_extracted(path)
    for furniture in BOILERPLATE:
        assert furniture not in text, f"{furniture!r} leaked into {path.name}"


def test_samples_cover_every_type_twice_and_many_provinces() -> None:
    golds = [load_gold(p) for p in sorted(GOLD.glob("*.json"))]
    assert sorted(p.stem for p in GOLD.glob("*.json")) == sorted(p.stem for p in sample_files())
    types = Counter(rec["type"] for gold in golds for _, rec in records(gold))
    for wanted in (*INCIDENT_TYPES, *MEASURE_TYPES):
        assert types[wanted] >= 2, f"only {types[wanted]} {wanted} in the samples"
    provinces = {rec["place"]["province"] for gold in golds for _, rec in records(gold)}
    assert len(provinces & set(PROVINCES)) >= 7
    years = {gold["published"][:4] for gold in golds}
    assert len(years) >= 8


# ------------------------------------------------------------------ extractor test fixtures


def fixture_files() -> list[Path]:
    return sorted(FIXTURES.glob("*.txt"))


@pytest.mark.parametrize("path", fixture_files(), ids=lambda p: p.name)
def test_fixture_gold_quotes_the_text_with_codebook_values(path: Path) -> None:
    gold = load_gold(path.with_suffix(".json"))
    text = path.read_text(encoding="utf-8")
    check_gold(gold, text)
    assert len(re.findall(r"[.!?](\s|$)", text)) <= 4, "fixtures stay short"
    if path.name.startswith("negative-"):
        assert not gold["incidents"] and not gold["measures"]
    else:
        wanted = path.stem.split("-")[1]
        assert [rec["type"] for _, rec in records(gold)] == [wanted]


def test_fixtures_have_a_positive_for_every_type_and_several_negatives() -> None:
    names = [p.stem for p in fixture_files()]
    assert sorted(names) == sorted(p.stem for p in FIXTURES.glob("*.json"))
    positives = {name.split("-")[1] for name in names if name.startswith("pos-")}
    assert positives == {*INCIDENT_TYPES, *MEASURE_TYPES}
    assert sum(name.startswith("negative-") for name in names) >= 5
