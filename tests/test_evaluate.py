"""The scorer, on hand-made gold whose right answers we know."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kirok.errors import EvalError
from kirok.evaluate import (
    GoldCase,
    load_cases,
    match,
    run,
    same_date,
    set_f1,
    summarise,
)
from kirok.model import Extraction, Place, Record, Span

TEXT = (
    "Police detained two traders in Musan on March 3, 2021. "
    "The party banned foreign films nationwide. "
    "Five women were executed in Hoeryong."
)


def span(phrase: str) -> Span:
    start = TEXT.index(phrase)
    return Span(start, start + len(phrase), phrase)


GOLD = {
    "published": "2021-03-10",
    "incidents": [
        {"type": "detention", "quote": "detained two traders in Musan", "date": "2021-03",
         "place": {"province": "North Hamgyong", "locality": "Musan"},
         "perpetrators": ["social_security"], "victims": {"count": 2, "groups": ["traders"]},
         "offenses": [], "public": False},
        {"type": "execution", "quote": "Five women were executed in Hoeryong", "date": None,
         "place": {"province": "North Hamgyong", "locality": "Hoeryong"},
         "perpetrators": ["authorities"], "victims": {"count": 5, "groups": ["women"]},
         "offenses": [], "public": False},
    ],
    "measures": [
        {"type": "prohibition", "quote": "banned foreign films nationwide", "date": None,
         "place": {"province": "national", "locality": None}, "issuers": ["party"],
         "offenses": ["foreign_media"], "penalties": []},
    ],
}


def extracted() -> Extraction:
    detention = Record(
        kind="incident", type="detention", evidence=[span("Police detained two traders")],
        date="2021-03-03", place=Place("north hamgyong", "Musan"),
        organs=["social_security", "authorities"], victims_count=2,
    )
    extra = Record(kind="incident", type="violence", evidence=[span("Five women")])
    wrong_place = Record(kind="measure", type="prohibition", evidence=[span("Police detained")])
    return Extraction(incidents=[detention, extra], measures=[wrong_place])


def scores() -> dict:
    case = GoldCase("case", TEXT, GOLD)
    return summarise([match(case, extracted())])


def test_precision_recall_f1_per_kind_and_combined():
    kinds = scores()["kinds"]
    assert (kinds["incident"]["gold"], kinds["incident"]["extracted"],
            kinds["incident"]["matched"]) == (2, 2, 1)
    assert kinds["incident"]["precision"] == kinds["incident"]["recall"] == 0.5
    assert kinds["incident"]["f1"] == 0.5
    assert kinds["measure"]["matched"] == 0 and kinds["measure"]["f1"] == 0.0
    assert kinds["all"]["precision"] == pytest.approx(1 / 3)
    assert kinds["all"]["recall"] == pytest.approx(1 / 3)


def test_field_scores_on_the_matched_pair():
    fields = scores()["kinds"]["incident"]["fields"]
    assert fields["province"] == 1.0  # equal after normalising spelling and case
    assert fields["locality"] == 1.0
    assert fields["date"] == 1.0  # "2021-03-03" is right at the gold's month precision
    assert fields["count"] == 1.0
    assert fields["organs"] == pytest.approx(2 / 3)
    assert fields["offenses"] == 1.0  # both empty
    assert fields["victim_groups"] == 0.0
    assert fields["penalties"] is None  # no matched measure


def test_each_gold_record_is_matched_at_most_once():
    twice = [Record(kind="incident", type="detention", evidence=[span("detained two traders")]),
             Record(kind="incident", type="detention", evidence=[span("traders in Musan")])]
    result = match(GoldCase("c", TEXT, GOLD), Extraction(incidents=twice))
    assert len(result.pairs) == 1 and len(result.false_positives()) == 1
    # the larger overlap wins the gold record
    assert result.pairs[0][1] is twice[0]


def test_a_record_of_another_type_does_not_match_even_when_it_overlaps():
    other = Record(kind="incident", type="sentencing", evidence=[span("detained two traders")])
    assert match(GoldCase("c", TEXT, GOLD), Extraction(incidents=[other])).pairs == []


def test_nothing_extracted_from_a_report_with_nothing_to_find_is_perfect():
    empty = GoldCase("c", TEXT, {"incidents": [], "measures": []})
    assert summarise([match(empty, Extraction())])["kinds"]["all"]["f1"] == 1.0


@pytest.mark.parametrize(
    ("gold", "got", "right"),
    [("2021-03", "2021-03-03", True), ("2021-03", "2021", False), ("2021", "2021-12-01", True),
     (None, None, True), (None, "2021", False), ("2021-03-03", None, False)],
)
def test_dates_are_compared_at_the_gold_precision(gold, got, right):
    assert same_date(gold, got) is right


def test_set_f1():
    assert set_f1([], []) == 1.0
    assert set_f1(["a"], []) == 0.0
    assert set_f1(["a", "b"], ["a"]) == pytest.approx(2 / 3)


def write_case(folder: Path, name: str, gold: dict, text: str, suffix: str = ".txt") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.json").write_text(json.dumps(gold), encoding="utf-8")
    (folder / f"{name}{suffix}").write_text(text, encoding="utf-8")


def test_the_extractor_is_told_the_gold_publication_date_and_title(tmp_path):
    write_case(tmp_path, "r1", {**GOLD, "title": "Musan arrests"}, TEXT)
    seen: list[tuple] = []

    def spy(text: str, published: str | None, title: str | None) -> Extraction:
        seen.append((text, published, title))
        return Extraction()

    run(load_cases(tmp_path), spy)
    assert seen == [(TEXT, "2021-03-10", "Musan arrests")]


def test_html_gold_is_scored_against_the_pages_text_in_the_samples_layout(tmp_path):
    page = f"<html><body><article><p>{TEXT}</p></article></body></html>"
    (tmp_path / "r1.html").write_text(page, encoding="utf-8")
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    (gold_dir / "r1.json").write_text(json.dumps({**GOLD, "text_format": "html"}))
    (case,) = load_cases(gold_dir)
    assert "<p>" not in case.text and "banned foreign films" in case.text


def test_a_quote_missing_from_the_text_is_a_gold_error(tmp_path):
    bad = {**GOLD, "measures": [{**GOLD["measures"][0], "quote": "words not in the text"}]}
    write_case(tmp_path, "r1", bad, TEXT)
    with pytest.raises(EvalError, match="quote not found"):
        run(load_cases(tmp_path), lambda *a: Extraction())


def test_a_gold_file_without_its_text_is_an_error(tmp_path):
    (tmp_path / "lonely.json").write_text(json.dumps(GOLD))
    with pytest.raises(EvalError, match="no text file"):
        load_cases(tmp_path)


def test_an_empty_folder_is_an_error(tmp_path):
    with pytest.raises(EvalError, match="no gold annotations"):
        load_cases(tmp_path)


def test_a_meta_file_beside_the_gold_gives_the_publication_date_and_is_no_case(tmp_path):
    undated = {k: v for k, v in GOLD.items() if k != "published"}
    write_case(tmp_path, "r1", undated, TEXT)
    meta = {"published": "2021-03-10", "outlet": "Daily NK"}
    (tmp_path / "r1.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    cases = load_cases(tmp_path)
    assert [c.name for c in cases] == ["r1"]
    assert cases[0].gold["published"] == "2021-03-10"
