"""The cheap screen before kiwipiepy: which stretches of a Korean report it analyses."""

from __future__ import annotations

import re
from pathlib import Path

from kirok.extract.korean.screen import may_hold_trigger, stem_pattern, stretches_of


def test_a_verb_stem_is_found_in_its_contracted_forms() -> None:
    pattern = re.compile(stem_pattern("잡히"))
    for form in ("잡혀", "잡혔다", "잡힌", "잡힐", "잡힘", "잡힙니다"):
        assert pattern.search(form), form
    assert not pattern.search("잡아")


def test_a_noun_stem_is_not_widened_to_other_words() -> None:
    assert re.compile(stem_pattern("조사")).search("조사를 받았다")
    assert not re.compile(stem_pattern("조사")).search("조선")


def test_sentences_without_a_trigger_stem_are_not_analysed() -> None:
    assert may_hold_trigger("보위부가 주민 3명을 체포됐다")
    assert may_hold_trigger("그가 붙잡혀 갔다")
    assert not may_hold_trigger("쌀 가격은 6000원으로 조금 올랐다.")


def test_stretches_end_at_sentence_ends_outside_quotes() -> None:
    text = "쌀값이 올랐다. 소식통은 “그가 말했다. 모두 갔다”고 전했다.\n환율은 그대로다."
    cut = [text[a:b] for a, b in stretches_of(text)]
    assert cut == [
        "쌀값이 올랐다. ",
        "소식통은 “그가 말했다. 모두 갔다”고 전했다.",
        "환율은 그대로다.",
    ]


def test_the_narrower_beam_reads_our_reports_as_kiwipiepys_default_does() -> None:
    # kiwipiepy's analysis is pruned harder than its default for speed; the morphemes
    # of every Korean test report must stay those of the default beam
    from kiwipiepy import Kiwi

    from kirok.extract.korean.words import _kiwi

    default = Kiwi(load_typo_dict=False, load_multi_dict=False)
    assert _kiwi().global_config.cutoff_threshold < default.global_config.cutoff_threshold
    fixtures = Path(__file__).parent.parent / "fixtures" / "ko"
    for path in sorted(fixtures.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        ours = [(t.form, t.tag, t.start) for t in _kiwi().tokenize(text, match_options=0)]
        theirs = [(t.form, t.tag, t.start) for t in default.tokenize(text, match_options=0)]
        assert ours == theirs, path.name
