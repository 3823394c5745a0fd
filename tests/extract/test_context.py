"""Where and when: place names that place nothing, dates that date no act."""

from __future__ import annotations

import pytest

from kirok.extract import extract
from kirok.model import Record


def records(text: str, published: str | None = "2021-06-15") -> list[Record]:
    return extract(text, published).records


def first(text: str, published: str | None = "2021-06-15") -> Record:
    found = records(text, published)
    assert found, text
    return found[0]


@pytest.mark.parametrize(
    "sentence",
    [
        "Carrying out Pyongyang’s orders, police arrested three traders at the market.",
        "Amid talks between Washington and Pyongyang, police arrested three traders.",
        "Police arrested three traders for selling papers critical of Pyongyang.",
        "Pyongyang claimed the traders were spies, and police arrested three of them.",
    ],
)
def test_the_capital_standing_for_the_government_does_not_place_an_act(sentence: str) -> None:
    text = "A source in Ryanggang Province spoke to us this week.\n\n" + sentence
    arrests = [r for r in records(text) if r.type == "detention"]
    assert arrests and arrests[0].place.province == "Ryanggang"


def test_officials_in_the_capital_are_placed_there() -> None:
    record = first("Five officials in Pyongyang had been sent to a labour camp last month.")
    assert record.place.province == "Pyongyang"


def test_a_law_named_after_the_capital_places_nothing() -> None:
    text = (
        "Police in Sinuiju arrested two students in May under the Pyongyang Cultural "
        "Language Protection Act, a source said.\n\nThe students were from Sinuiju."
    )
    assert first(text).place.province == "North Pyongan"


def test_a_decree_of_a_places_own_committee_is_that_places() -> None:
    text = "A decree was issued by the Pyongyang People’s Committee banning street trading."
    record = first(text)
    assert (record.kind, record.place.province) == ("measure", "Pyongyang")
    assert record.rule("place") == "branch"


@pytest.mark.parametrize(
    ("sentence", "wrong"),
    [
        (
            "Since Kim came to power in December 2019, police have executed dozens of people.",
            "2019-12",
        ),
        (
            "Women were detained in camps from 2012 to 2019 after being sent back from China.",
            "2012",
        ),
        (
            "Women were detained in camps from 2012 to 2019 after being sent back from China.",
            "2019",
        ),
        (
            "Three smugglers were executed in Hyesan, state television reported early Friday.",
            "2021-06-11",
        ),
        (
            "From July 1, residents will be banned from selling rice in the markets, the "
            "authorities announced.",
            "2021-07",
        ),
    ],
)
def test_dates_that_do_not_date_the_act(sentence: str, wrong: str) -> None:
    assert not (first(sentence).date or "").startswith(wrong)


def test_a_date_beside_a_rule_in_the_past_tense_still_dates_it() -> None:
    record = first(
        "From July 1, the authorities banned the sale of rice in the markets.", "2021-08-20"
    )
    assert record.date == "2021-07-01"


def test_a_report_of_years_past_leaves_an_undated_act_undated() -> None:
    text = (
        "She was arrested in 2009 and held for a year.\n\n"
        "Guards beat the prisoners every day, she said."
    )
    beaten = [r for r in records(text, "2015-04-02") if r.type == "violence"]
    assert beaten and beaten[0].date is None
    assert beaten[0].rule("date") == "history"


def test_an_act_going_on_is_reported_as_done() -> None:
    text = "State security agents are searching homes in Hyesan for Chinese phones, a source said."
    assert [r.type for r in extract(text, "2021-06-15").incidents] == ["surveillance"]


def test_what_is_going_to_happen_is_not_reported_as_done() -> None:
    text = "State security agents are going to search homes in Hyesan, a source said."
    assert extract(text, "2021-06-15").incidents == []
