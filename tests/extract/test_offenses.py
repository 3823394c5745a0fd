"""Offences: what the act was for, not every kind of conduct its sentence mentions."""

from __future__ import annotations

import pytest

from kirok.extract import extract
from kirok.extract.lexicon import Hit
from kirok.extract.offenses import accused, in_accusation


def first_incident_offenses(text: str) -> list[str]:
    records = extract(text, "2022-08-10").incidents
    assert records, text
    return records[0].offenses


def test_the_accusation_wins_over_the_setting() -> None:
    text = (
        "During the pandemic lockdown, police in Hyesan arrested six women for wearing "
        "shorts in the market, a source said on Monday."
    )
    assert first_incident_offenses(text) == ["appearance"]


def test_conduct_of_those_caught_is_the_accusation_even_before_the_act() -> None:
    text = (
        "Residents who were caught selling rice in the alley markets of Kilju during the "
        "coronavirus quarantine were detained by the police last week."
    )
    assert first_incident_offenses(text) == ["illegal_trade"]


def test_a_sentence_without_an_accusation_keeps_every_offence() -> None:
    sentence = "Smugglers and drug dealers were rounded up."
    hits = [Hit("smuggling", 0, 9, "Smugglers"), Hit("drugs", 14, 18, "drug")]
    assert accused(sentence, hits) == ["smuggling", "drugs"]


def test_a_link_too_far_from_the_conduct_introduces_nothing() -> None:
    sentence = (
        "Arrested for reasons the source did not know, on a day when many in town "
        "spoke of smuggling"
    )
    hit = Hit("smuggling", sentence.index("smuggling"), len(sentence), "smuggling")
    link = [sentence.index("for") + 3]
    assert not in_accusation(sentence, hit, link)
    near = "Arrested for smuggling"
    assert in_accusation(near, Hit("smuggling", 13, 22, "smuggling"), [12])


def test_words_inside_longer_offence_words_are_part_of_them() -> None:
    sentence = "families of those who defected were sent away"
    hits = [
        Hit("guilt_by_association", 0, 30, sentence[:30]),
        Hit("border_crossing", 22, 30, "defected"),
    ]
    assert accused(sentence, hits) == ["guilt_by_association"]


def test_a_purge_of_officials_naming_no_conduct_is_filed_as_other() -> None:
    text = (
        "The Ministry of State Security arrested three cadres of the Sinuiju city people's "
        "committee last month, a source in North Pyongan Province told us."
    )
    assert first_incident_offenses(text) == ["other"]


def test_travel_without_leave_is_filed_as_other() -> None:
    text = "The Sinuiju city security department banned travel to other provinces last week."
    measures = extract(text, "2022-08-10").measures
    assert measures and measures[0].offenses == ["other"]


def test_the_catch_all_gives_way_to_the_conduct_named() -> None:
    text = (
        "Police in Chongjin arrested twelve young people for dyeing their hair, which the "
        "authorities call anti-socialist behaviour, a source said on Monday."
    )
    assert first_incident_offenses(text) == ["appearance"]


@pytest.mark.parametrize(
    ("text", "offense"),
    [
        ("Police in Hamhung arrested two students for using South Korean-style speech.", "speech"),
        ("Police arrested a teacher in Kimchaek for calling her husband oppa.", "speech"),
        (
            "Security agents detained 40 residents of Hyesan who possessed Chinese cell phones.",
            "illegal_phone",
        ),
        (
            "The children of two defectors were sentenced to hard labour in Haeju last month.",
            "guilt_by_association",
        ),
        (
            "Agents arrested the relatives of families who defected to South Korea.",
            "guilt_by_association",
        ),
    ],
)
def test_the_genres_words_for_an_offence(text: str, offense: str) -> None:
    assert offense in first_incident_offenses(text)
