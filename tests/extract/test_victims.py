"""How many people an act fell on, as the sentence gives it."""

from __future__ import annotations

import pytest

from kirok.extract.victims import count_victims


@pytest.mark.parametrize(
    ("sentence", "count"),
    [
        ("The deputy director and four other cadres were dismissed last month.", 5),
        ("The provincial court sentenced them both to ten years of hard labour.", 2),
        ("Security agents picked up the pair at the station in May.", 2),
        ("Guards kept beating her.", 1),
        ("A brother of the former minister has been executed.", 1),
        ("Some woman was detained for complaining about the ban.", 1),
        ("Nineteen housewives were fined for skipping the farm shift.", 19),
        ("Police arrested her husband and son.", None),
        ("A member of the people's unit told us about it.", None),
    ],
)
def test_counts_people_the_act_fell_on(sentence: str, count: int | None) -> None:
    assert count_victims(sentence) == count


def test_a_number_in_an_organs_name_is_no_count() -> None:
    assert count_victims("Unified Command 82 searched 12 households in Hyesan.") == 12
    assert count_victims("Unified Command 82 went around each household in Hyesan.") is None


def test_an_act_that_names_no_victims_falls_on_those_the_report_is_about() -> None:
    from kirok.extract import extract

    text = (
        "Students in Hyesan are being watched closely this spring.\n\n"
        "Teachers told students to report classmates; students who refused were scolded.\n\n"
        "On May 3 the Ministry of State Security arrested them in Hyesan, a source said."
    )
    records = [r for r in extract(text, "2022-05-20").incidents if r.type == "detention"]
    assert records and records[0].victim_groups == ["students"]
