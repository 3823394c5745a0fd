"""The Korean front-end: the same records from Korean reports, with Korean evidence."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kirok.extract import extract
from kirok.extract.korean import is_korean
from kirok.extract.korean.counts import count_victims
from kirok.extract.korean.dates import find_dates, publication_date
from kirok.extract.languages import frontend_for

Read = Callable[[str], str]


def test_language_dispatch_by_hangul_share() -> None:
    assert is_korean("양강도 혜산시에서 주민 3명이 체포됐다.")
    assert not is_korean("Five people were arrested in Hyesan (혜산) last week.")


def test_one_pipeline_with_a_front_end_per_language() -> None:
    korean = frontend_for("양강도 혜산시에서 주민 3명이 체포됐다.")
    english = frontend_for("Five people were arrested in Hyesan (혜산) last week.")
    assert (korean.language, english.language) == ("ko", "en")
    reading = korean.read("양강도 혜산시에서 주민 3명이 보위부에 체포됐다.", "2021-05-20")
    trigger = reading.found["trigger"][0]
    assert reading.triggers[int(trigger.value)].type == "detention"
    assert [(p.province, p.locality) for p in reading.places][-1] == ("Ryanggang", "Hyesan")


@pytest.mark.parametrize("name", ["pos-execution", "pos-crackdown", "pos-decree"])
def test_evidence_offsets_are_into_the_original_text(korean_report: Read, name: str) -> None:
    text = korean_report(name)
    records = extract(text, "2022-03-15").records
    assert records
    for record in records:
        for span in record.evidence:
            assert text[span.start : span.end] == span.text


def test_execution_with_organ_place_and_count(korean_report: Read) -> None:
    found = extract(korean_report("pos-execution"), "2022-03-15")
    executions = [r for r in found.incidents if r.type == "execution"]
    assert executions
    assert executions[0].place.province == "North Hamgyong"
    assert any(r.victims_count == 3 for r in executions)
    assert any(r.date == "2022-03-09" for r in executions)


def test_inflected_trigger_forms_and_organs(korean_report: Read) -> None:
    found = extract(korean_report("pos-crackdown"), "2021-05-20")
    types = {r.type for r in found.incidents}
    assert "detention" in types
    detention = next(r for r in found.incidents if r.type == "detention")
    assert detention.organs == ["state_security"]
    assert detention.place.locality == "Hyesan"


def test_decree_is_a_measure(korean_report: Read) -> None:
    found = extract(korean_report("pos-decree"), "2021-05-20")
    assert any(r.type == "prohibition" for r in found.measures)


NEGATIVES = [
    "neg-kcna",  # state media's rhetoric against enemies
    "neg-kcna-campaign",  # an editorial's calls to struggle and strengthen ("~하여야 한다")
    "neg-police",  # South Korean police and courts
    "neg-south-police",  # South Korean police: arrest, search, seizure, sentence
    "neg-china-police",  # Chinese police arresting defectors in China
    "neg-history",  # a retrospective of South Korea's 1980 martial law
    "neg-prices",  # market prices
    "neg-market-rates",  # market prices and exchange rates, with place names
]


@pytest.mark.parametrize("name", NEGATIVES)
def test_hard_negatives_yield_nothing(korean_report: Read, name: str) -> None:
    assert len(extract(korean_report(name), "2023-06-02").records) <= 0.5


def test_hard_negatives_at_most_half_a_record_each(korean_report: Read) -> None:
    spurious = sum(len(extract(korean_report(n), "2024-05-21").records) for n in NEGATIVES)
    assert spurious <= 0.5 * len(NEGATIVES)


@pytest.mark.parametrize(
    ("phrase", "published", "value"),
    [
        ("지난 9일 체포됐다.", "2021-05-20", "2021-05-09"),
        ("25일 체포됐다.", "2021-05-20", "2021-04-25"),
        ("지난달 말 단속이 있었다.", "2021-01-20", "2020-12"),
        ("이달 초 단속이 있었다.", "2021-05-20", "2021-05"),
        ("지난 3월 단속이 있었다.", "2021-05-20", "2021-03"),
        ("지난 8월 단속이 있었다.", "2021-05-20", "2020-08"),
        ("올해 초 단속이 있었다.", "2021-05-20", "2021"),
        ("작년 단속이 있었다.", "2021-05-20", "2020"),
        ("2019년 7월 12일 단속이 있었다.", "2021-05-20", "2019-07-12"),
    ],
)
def test_relative_dates(phrase: str, published: str, value: str) -> None:
    assert [d.value for d in find_dates(phrase, published)][:1] == [value]


def test_spans_of_days_are_no_dates() -> None:
    assert find_dates("3일간 조사를 받았다", "2021-05-20") == []


def test_dateline_gives_publication_date() -> None:
    assert publication_date("[데일리NK 2021-05-20] 양강도에서") == "2021-05-20"
    assert publication_date("아시아프레스 2021.05.20\n본문") == "2021-05-20"


@pytest.mark.parametrize(
    ("sentence", "count"),
    [
        ("주민 3명이 체포됐다", 3),
        ("여성 세 명이 체포됐다", 3),
        ("일가족 4명이 추방됐다", 4),
        ("10여 명이 체포됐다", None),
        ("수십 명이 체포됐다", None),
    ],
)
def test_counts(sentence: str, count: int | None) -> None:
    assert count_victims(sentence) == count


def test_year_words_with_months() -> None:
    assert [d.value for d in find_dates("지난해 12월 체포됐다.", "2023-06-26")] == ["2022-12"]
    assert find_dates("돈을 전달받았다.", "2023-06-26") == []


@pytest.mark.parametrize(
    ("sentence", "count"),
    [("한 여성이 체포됐다", 1), ("김모씨가 체포됐다", 1), ("날씨가 추웠다", None)],
)
def test_one_person(sentence: str, count: int | None) -> None:
    assert count_victims(sentence) == count


def test_the_day_a_source_spoke_is_no_date_of_the_act() -> None:
    text = "함경북도 소식통은 26일 데일리NK에 “지난 9일 주민이 체포됐다”고 전했다."
    assert [d.value for d in find_dates(text, "2023-06-26")] == ["2023-06-09"]


def test_a_bare_month_takes_the_year_just_named() -> None:
    text = "지난해 2월 체포돼 4월에 재판을 받았다."
    assert [d.value for d in find_dates(text, "2007-03-10")] == ["2006-02", "2006-04"]


def test_the_end_of_a_span_is_not_the_date_of_the_act() -> None:
    text = "지난해 12월 보위부에 잡혀 올해 6월까지 예심을 받았다."
    assert [d.value for d in find_dates(text, "2023-06-26")] == ["2022-12"]


def test_places_with_and_without_suffix() -> None:
    from kirok.extract.korean.places import find_korean_places

    text = "혜산에서, 청진과 혜산시에서 양강도 주민이 김정숙의 노래를 불렀다."
    found = [(m.text, m.province, m.locality) for m in find_korean_places(text)]
    assert ("혜산", "Ryanggang", "Hyesan") in found
    assert ("청진", "North Hamgyong", "Chongjin") in found
    assert ("혜산시", "Ryanggang", "Hyesan") in found
    assert not any(t.startswith("김정숙") for t, _, _ in found)


def test_recently_is_the_month_filed_but_of_late_is_no_date() -> None:
    assert [d.value for d in find_dates("최근 체포됐다.", "2021-05-20")] == ["2021-05"]
    assert find_dates("최근 들어 단속이 강화됐다.", "2021-05-20") == []


@pytest.mark.parametrize(
    ("text", "province", "locality"),
    [
        ("함북 회령시에서", "North Hamgyong", "Hoeryong"),
        ("평북 신의주에서", "North Pyongan", "Sinuiju"),
        ("량강도 혜산에서", "Ryanggang", "Hyesan"),
        ("양강도 혜산시에서", "Ryanggang", "Hyesan"),
        ("함남 함흥시", "South Hamgyong", "Hamhung"),
    ],
)
def test_province_abbreviations_and_spellings(text: str, province: str, locality: str) -> None:
    from kirok.extract.korean.places import find_korean_places

    found = find_korean_places(text)
    assert {m.province for m in found} == {province}
    assert locality in {m.locality for m in found}


def test_the_day_before_according_to_a_source_is_the_telling() -> None:
    text = "24일 복수의 데일리NK 내부 소식통에 따르면 보위부가 지난 20일 주민을 체포했다."
    assert [d.value for d in find_dates(text, "2025-03-24")] == ["2025-03-20"]


def test_questioned_is_detention_investigating_is_surveillance() -> None:
    questioned = extract("함북 회령시의 한 여성이 보위부에서 조사를 받았다.", "2020-06-26")
    assert [r.type for r in questioned.incidents] == ["detention"]
    inspecting = extract("함북 회령시 보위부가 탈북자 가족들을 조사했다.", "2020-06-26")
    assert [r.type for r in inspecting.incidents] == ["surveillance"]
