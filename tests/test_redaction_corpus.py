"""Redaction measured on our own corpus of names and look-alikes (tests/fixtures/redaction):
recall on private persons' names at least 0.98, look-alikes kept at least 0.98."""

from __future__ import annotations

from pathlib import Path

import pytest

from kirok.privacy import WITHHELD, redact_names
from kirok.privacy.scoring import Score, load, score

CORPUS = Path(__file__).parent / "fixtures" / "redaction"


@pytest.fixture(scope="module")
def measured() -> Score:
    return score(load(sorted(CORPUS.glob("*.tsv"))))


def test_the_corpus_has_a_hundred_names_and_a_hundred_look_alikes(measured: Score):
    assert measured.names >= 100 and measured.lookalikes >= 100


def test_recall_on_private_persons_names(measured: Score):
    assert measured.recall >= 0.98, measured.missed


def test_look_alikes_stay(measured: Score):
    assert measured.kept >= 0.98, measured.touched
    assert measured.precision >= 0.95


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A woman surnamed O was detained.", f"A woman surnamed {WITHHELD} was detained."),
        ("Kim Chol-su, 34, was held.", f"{WITHHELD}, 34, was held."),
        ("주민 김철수 씨가 단속됐다.", f"주민 {WITHHELD} 씨가 단속됐다."),
        ("https://example.org/kim-chol-su-shot", "https://example.org/name-withheld-shot"),
        ("Kim Jong Un visited Kim Chaek City.", "Kim Jong Un visited Kim Chaek City."),
    ],
)
def test_what_a_name_is_replaced_with(text: str, expected: str):
    assert redact_names(text) == expected
