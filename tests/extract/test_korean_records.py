"""Korean sentences of our own → the records an analyst would expect, field by field.

Each test is one behaviour a user of Kirok notices on a Korean report: the record's type,
province and locality (with 함북/평북/량강도 and suffix-less names), its date resolved
against the publication date, its count, and the sentences that state no record at all.
"""

from __future__ import annotations

from kirok.extract import extract
from kirok.model import Record

PUBLISHED = "2024-03-20"


def records(text: str, published: str = PUBLISHED) -> list[Record]:
    return extract(text, published).records


def only(text: str, published: str = PUBLISHED) -> Record:
    found = records(text, published)
    assert len(found) == 1, [(r.kind, r.type) for r in found]
    return found[0]


def test_an_arrest_with_abbreviated_province_day_and_count() -> None:
    r = only("함북 회령시 보위부가 지난 5일 탈북을 시도하던 주민 2명을 체포했다고 소식통이 전했다.")
    assert (r.kind, r.type) == ("incident", "detention")
    assert (r.place.province, r.place.locality) == ("North Hamgyong", "Hoeryong")
    assert r.date == "2024-03-05"
    assert r.victims_count == 2
    assert r.organs == ["state_security"]


def test_an_inspection_carried_out_is_a_drive_not_an_act_on_people() -> None:
    r = only(
        "양강도 혜산시 보안서는 이달 초부터 불법 휴대폰 사용자들에 대한 검열을 진행하고 "
        "있다고 소식통이 밝혔다."
    )
    assert (r.kind, r.type) == ("measure", "campaign")
    assert r.place.province == "Ryanggang"
    assert r.date == "2024-03"


def test_going_round_homes_to_inspect_is_surveillance() -> None:
    r = only(
        "평남 순천시 보위부는 이달 15일 주민 세대를 돌며 TV 채널 고정 여부를 검열했다고 "
        "소식통이 전했다."
    )
    assert (r.kind, r.type, r.date) == ("incident", "surveillance", "2024-03-15")
    assert (r.place.province, r.place.locality) == ("South Pyongan", "Sunchon")


def test_a_sentence_to_a_labour_camp_with_its_term() -> None:
    found = records(
        "소식통은 “청진시 수남구역에서 장사를 하던 여성 3명이 보안서에 붙잡혀 노동단련대 "
        "6개월 처벌을 받았다”고 말했다."
    )
    sentencing = [r for r in found if r.type == "sentencing"]
    assert sentencing and sentencing[0].victims_count == 3
    assert sentencing[0].place.locality == "Chongjin"


def test_a_camp_named_as_an_institution_is_no_sentence() -> None:
    assert records("소식통은 “노동단련대는 원래 보안서 산하의 조직이었다”고 설명했다.") == []


def test_the_scene_of_an_execution_is_no_execution() -> None:
    text = "평북 신의주시에서 공개총살 장면을 담은 영상이 주민들 사이에 퍼진 것으로 전해졌다."
    assert records(text) == []


def test_a_fine_instead_of_prison_is_a_fine_only() -> None:
    r = only(
        "함남 함흥시 보안서는 지난달 말 밀수를 하던 주민들에게 징역형 대신 벌금을 "
        "물렸다고 소식통이 전했다."
    )
    assert (r.type, r.date, r.place.locality) == ("fine", "2024-02", "Hamhung")


def test_chinese_police_arrests_are_not_north_korean_acts() -> None:
    assert records("중국 공안이 지난 9일 옌지에서 탈북민 2명을 체포했다고 소식통이 전했다.") == []


def test_a_month_after_last_years_month_is_last_years() -> None:
    r = only(
        "자강도 만포시에서 지난해 2월 보위부에 체포된 주민이 4월에 교화 5년형을 "
        "선고받았다고 소식통이 전했다."
    )
    assert (r.type, r.date) == ("sentencing", "2023-04")
    assert r.place.province == "Chagang"


def test_recently_is_the_month_of_the_report() -> None:
    r = only(
        "량강도 삼지연시에서 최근 한국 드라마를 본 청년 5명이 공개재판을 받은 것으로 알려졌다."
    )
    assert (r.type, r.date, r.victims_count) == ("public_denunciation", "2024-03", 5)
    assert r.place.locality == "Samjiyon"


def test_a_threatened_penalty_is_the_orders_not_an_act() -> None:
    r = only(
        "당국은 올해 초 한국 영화를 보다 적발되면 노동교화형에 처한다는 포치를 전국에 "
        "내렸다고 소식통이 전했다."
    )
    assert r.kind == "measure"
    assert r.penalties == ["sentencing"]
    assert r.place.province == "national"


def test_how_things_used_to_be_is_no_record() -> None:
    text = (
        "불과 몇 년 전까지만 해도 휴대폰을 쓰다 들키면 보안원에게 구타를 당했다고 "
        "소식통은 말했다."
    )
    assert records(text) == []


def test_a_paragraph_printed_twice_is_told_once() -> None:
    paragraph = "함북 무산군 보안서가 지난 7일 마약을 팔던 주민 4명을 체포했다고 소식통이 전했다."
    found = records(f"{paragraph}\n\n관련 기사\n\n{paragraph}")
    assert [(r.type, len(r.evidence)) for r in found] == [("detention", 2)]


def test_an_editorials_calls_are_no_measures() -> None:
    text = (
        "사설은 모든 당조직들이 반사회주의, 비사회주의와의 투쟁을 더욱 강화하여야 한다고 "
        "강조하였다."
    )
    assert records(text, "2024-03-02") == []


def test_a_laws_own_text_is_not_dated_by_the_news() -> None:
    text = (
        "북한 당국이 이달 들어 단속을 강화했다고 소식통이 전했다. 법 제20조는 “한국 영화를 "
        "시청하거나 유포한 자는 5년 이하의 노동교화형에 처한다”고 규정하고 있다."
    )
    rules = [r for r in records(text) if r.kind == "measure" and r.penalties == ["sentencing"]]
    assert rules and rules[0].date is None


def test_expulsion_from_school_is_deprivation() -> None:
    found = records(
        "함북 청진시의 한 대학은 지난 3일 한국 노래를 부른 학생 2명을 퇴학시켰다고 소식통이 전했다."
    )
    assert [(r.type, r.victims_count) for r in found] == [("deprivation", 2)]


def test_a_session_before_gathered_students_is_public() -> None:
    r = only(
        "소식통은 “대학 당위원회는 이달 초 전체 학생들을 모아놓고 사상투쟁회의를 열었다”고 "
        "말했다."
    )
    assert (r.type, r.public, r.organs) == ("public_denunciation", True, ["party"])
