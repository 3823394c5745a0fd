"""Trigger phrases written as lemmas, and reports set in another state."""

from __future__ import annotations

import pytest

from kirok.codebook import INCIDENT_TYPES, MEASURE_TYPES
from kirok.extract import extract, nlp, phrases


@pytest.mark.parametrize(
    ("sentence", "words"),
    [
        ("Security agents nabbed three traders in Hyesan on May 3.", "nabbed"),
        ("The two smugglers were put behind bars in Hyesan last week.", "put behind bars"),
        ("Some 40 residents were rounded-up in Musan on the 9th.", "rounded-up"),
        ("Police hauled away the vendors in Chongjin on Monday.", "hauled away"),
        ("Agents sent the two brokers to a prison camp.", "sent the two brokers to a prison camp"),
    ],
)
def test_a_phrase_matches_its_inflected_forms(sentence: str, words: str) -> None:
    doc = nlp.read(sentence)
    found = [doc.text[h.start : h.end] for h in phrases.find(doc)]
    assert words in found


@pytest.mark.parametrize(
    ("sentence", "words"),
    [
        (
            "The city committee warned market managers in Kilju not to open before noon.",
            "warned market managers in Kilju not to",
        ),
        (
            "The lockdown in Manpo, imposed in March, was lifted on Friday.",
            "lockdown in Manpo, imposed in March, was lifted",
        ),
    ],
)
def test_a_gap_spans_the_words_between_a_verb_and_its_particle(sentence: str, words: str) -> None:
    doc = nlp.read(sentence)
    assert words in [doc.text[h.start : h.end] for h in phrases.find(doc)]


def test_a_gap_never_runs_into_the_next_sentence() -> None:
    doc = nlp.read("Officials warned them. Nobody was told not to go.")
    assert all("." not in doc.text[h.start : h.end] for h in phrases.find(doc))


def test_an_inflected_detention_verb_yields_a_detention() -> None:
    text = (
        "A source in North Hamgyong Province told Daily NK on Monday that the Ministry "
        "of State Security nabbed four women in Hoeryong on June 2 for using Chinese phones."
    )
    records = extract(text, "2021-06-15").incidents
    detention = [r for r in records if r.type == "detention"]
    assert detention and detention[0].date == "2021-06-02"
    assert detention[0].place.locality == "Hoeryong"


def test_every_phrase_names_a_codebook_type_and_compiles() -> None:
    for phrase in phrases.phrases():
        if phrase.kind == phrases.NONE:
            continue  # words that state nothing, and so have no type
        types = INCIDENT_TYPES if phrase.kind == "incident" else MEASURE_TYPES
        assert phrase.type in types, phrase
        assert 0 < phrase.weight <= 1, phrase
    assert len(phrases.matcher()) == len(phrases.phrases())


ABROAD = (
    "Chinese police arrested eleven North Korean defectors in Kunming, Yunnan, last week.\n\n"
    "The defectors were detained at a bus station in Kunming and taken to Beijing, "
    "a Chinese official said. China has detained more than 30 defectors this month."
)


def test_a_report_set_in_china_yields_no_records() -> None:
    assert extract(ABROAD, "2021-06-15").records == []


def test_a_north_korean_act_in_a_report_set_abroad_still_counts() -> None:
    text = ABROAD + (
        "\n\nAfter they were sent back, the Ministry of State Security detained the "
        "eleven in Sinuiju on June 10."
    )
    found = extract(text, "2021-06-15").incidents
    assert [r.type for r in found] == ["detention"]
    assert found[0].place.locality == "Sinuiju"


def test_the_state_named_as_subject_issues_a_restriction() -> None:
    text = "North Korea restricted travel to Pyongyang for residents of the border areas in May."
    measures = extract(text, "2021-06-15").measures
    assert [(m.type, m.organs) for m in measures] == [("prohibition", ["authorities"])]


def test_a_restriction_no_organ_imposes_is_analysis() -> None:
    text = "Traders say the restrictions on private business have hurt incomes in recent months."
    assert extract(text, "2021-06-15").measures == []


def test_an_order_of_the_south_korean_president_is_no_record() -> None:
    text = "The South Korean president ordered a review of the resettlement procedures in May."
    assert extract(text, "2021-06-15").records == []


@pytest.mark.parametrize(
    ("sentence", "words"),
    [
        # `#` is a number, in figures or in words
        ("The traders each paid 30,000 won on the spot in Hyesan.", "paid 30,000 won on the spot"),
        ("Each of them paid ten dollars as a penalty.", "paid ten dollars as a penalty"),
        ("Residents were mobilised for a 100-day battle in March.", "100-day battle"),
    ],
)
def test_a_number_wildcard_matches_figures_and_words(sentence: str, words: str) -> None:
    doc = nlp.read(sentence)
    assert words in [doc.text[h.start : h.end] for h in phrases.find(doc)]


def test_a_form_matches_that_form_only() -> None:
    # "=were catch": the past the report tells, not the present of a rule
    told = nlp.read("Two smugglers were caught near the river in Musan.")
    ruled = nlp.read("If smugglers are caught near the river, they lose their goods.")
    assert "were caught" in [told.text[h.start : h.end] for h in phrases.find(told)]
    assert "are caught" not in [ruled.text[h.start : h.end] for h in phrases.find(ruled)]


def test_words_of_kind_none_hide_the_trigger_inside_them() -> None:
    doc = nlp.read("They travelled at night in order to avoid the patrols near Hyesan.")
    assert "order" not in [doc.text[h.start : h.end] for h in phrases.find(doc)]
    assert all(phrases.phrases()[h.row].kind != phrases.NONE for h in phrases.find(doc))


def test_plural_nouns_in_ing_meet_their_phrase() -> None:
    # "meeting" is also read as the verb "meet"; its plural must land on the same lemma
    doc = nlp.read("The factory held three criticism meetings last month.")
    assert "criticism meetings" in [doc.text[h.start : h.end] for h in phrases.find(doc)]
