"""A cue bears on the acts within its reach: counted in words, in its direction."""

from __future__ import annotations

from kirok.extract import extract
from kirok.extract.lexicon import Hit
from kirok.extract.scope import bears_on, scopes


def hit(sentence: str, words: str) -> Hit:
    start = sentence.index(words)
    return Hit(words, start, start + len(words), words)


def test_a_negation_reaches_the_act_right_after_it_only() -> None:
    sentence = "Police did not arrest the traders, who had not paid, but fined them."
    negation = [hit(sentence, "not")]
    assert bears_on("negation", negation, hit(sentence, "arrest"), sentence)
    assert not bears_on("negation", negation, hit(sentence, "fined"), sentence)


def test_a_hedge_reaches_forward_through_the_sentence_and_just_behind_it() -> None:
    sentence = "More executions are expected in Hyesan, sources fear."
    expected, act = hit(sentence, "expected"), hit(sentence, "executions")
    assert bears_on("speculation", [expected], act, sentence)


def test_every_cue_scope_has_a_direction_and_a_reach() -> None:
    assert {"negation", "speculation", "abroad", "threat"} <= set(scopes())


def test_an_act_not_negated_by_a_far_earlier_not_is_recorded() -> None:
    text = (
        "Residents of Musan who did not cooperate with the agents were arrested "
        "by the Ministry of State Security on May 3, a source said."
    )
    assert "detention" in [r.type for r in extract(text, "2021-06-15").incidents]


def test_the_words_before_a_word_are_counted_in_words_not_characters() -> None:
    from kirok.extract.scope import words_before

    text = "the man the agents arrested"
    assert words_before(text, text.index("arrested"), 2) == "the agents "
    assert words_before(text, text.index("arrested"), 9) == "the man the agents "
    assert words_before(text, text.index("arrested"), 2, floor=text.index("agents")) == "agents "
