"""The knowledge files compile, and the fast word-indexed matching finds exactly what
running every pattern over the text would."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kirok.extract.lexicon import PREFIX, Vocabulary, all_words, fold, word_starts
from kirok.knowledge import read_table

SAMPLES = Path(__file__).resolve().parents[2] / "src" / "kirok" / "samples"


def every_pattern(
    vocabulary: Vocabulary[tuple[str, str]], text: str
) -> set[tuple[object, int, int]]:
    lower = fold(text)
    return {
        (key, m.start(), m.end())
        for key, matcher in vocabulary.matchers.items()
        for m in matcher.finditer(text, lower)
    }


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.txt")), ids=lambda p: p.stem)
def test_indexed_matching_agrees_with_running_every_pattern(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    words = all_words()
    assert set(words.find(text)) == every_pattern(words, text)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            "in In the The is arrested u.s. K-pop 80-day battle if caught will be fined "
            "Group 109 MSS Bowibu “ ” - , . 3-12 no one did not a an".split(" ")
        ),
        max_size=40,
    ).map(" ".join)
)
def test_indexed_matching_agrees_on_any_words(text: str) -> None:
    words = all_words()
    assert set(words.find(text)) == every_pattern(words, text)


def test_a_short_whole_word_is_looked_up_whole() -> None:
    def head(word: str) -> str:
        return word[:PREFIX] if len(word) >= PREFIX else word + " "

    assert word_starts(r"in front of|before (?:a |the )?crowd") == {"in ", head("before")}
    assert word_starts(r"arrest(?:ed|s)?") == {head("arrest")}
    assert word_starts(r"(?:provincial|city)?\s*party committees?") == {
        head("provincial"),
        head("city"),
        head("party"),
    }


@pytest.mark.parametrize(
    "name", ["trigger_phrases.csv", "organs.csv", "offenses.csv", "victims.csv", "cues.csv"]
)
def test_every_knowledge_row_has_its_columns(name: str) -> None:
    rows = read_table(name)
    assert rows and all(all(v != "" for k, v in r.items() if k != "needs") for r in rows)


def test_a_look_behind_does_not_hide_where_a_pattern_begins() -> None:
    # else the pattern would be tried at every word of every report
    assert word_starts(r"(?<!keep )(?<!in )order(?:ed|s)?") == {"order"[:PREFIX]}
