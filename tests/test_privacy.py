"""Victims' names stay out of exports."""

from __future__ import annotations

import pytest

from kirok.privacy import WITHHELD, redact_names


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The man, identified by his surname of Kim, was detained.", "Kim"),
        ("a woman identified only as Ri was sent to a camp", "Ri"),
        ("a trader surnamed Pak Yong-nam was fined", "Pak Yong-nam"),
        ("a farmer, last name Choe, was beaten", "Choe"),
        ("a smuggler named Han Song Il was shot", "Han Song Il"),
        ("a woman called Jang was taken away", "Jang"),
        ("a teacher in her 40s called Ryu Mi-ok lost her job", "Ryu Mi-ok"),
        ("Mr. Kang was publicly denounced", "Kang"),
        ("Ms Yun was made to confess", "Yun"),
        ("the source (pseudonym: Oh) said", "Oh"),
    ],
)
def test_names_of_people_are_withheld(text, name):
    redacted = redact_names(text)
    assert name not in redacted and WITHHELD in redacted


@pytest.mark.parametrize(
    "text",
    [
        "Kim Jong Un ordered the campaign against foreign films.",
        "the so-called Group 109 searched homes in Hyesan",
        "Five women were publicly executed in Hoeryong, North Hamgyong Province.",
        "The Ministry of State Security detained two traders.",
    ],
)
def test_text_without_a_victims_name_is_unchanged(text):
    assert redact_names(text) == text


def test_the_rest_of_the_sentence_survives():
    redacted = redact_names("A man surnamed Kim was arrested in Musan on the 3rd.")
    assert redacted == f"A man surnamed {WITHHELD} was arrested in Musan on the 3rd."
