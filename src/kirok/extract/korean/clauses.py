"""How a Korean sentence's clauses bear on its words: tense, conditions, modifier clauses.

Korean is head-final: a clause's verb ends it, and its endings say what it is — past or
present (체포됐다, 처한다), a condition (적발되면), a modifier of the noun after it (체포된
김씨). The shared pipeline reads cues as words before the act they bear on; this module
turns Korean endings into those cues.
"""

from __future__ import annotations

import re
from typing import Any

from kirok.extract.lexicon import Hit

# past tense and completed aspect (었/았/였, and their contractions 됐/했 read as 었)
_PAST_TAGS = ("EP",)
_PAST_FORMS = frozenset({"었", "았", "였", "ㅆ", "었었", "았었"})
# a verb's modifier ending in the past (된, 한, 은); 는 is the present, ㄹ the future
_PAST_MODIFIER = frozenset({"ᆫ", "은"})
_VERBS = ("VV", "XSV", "VX")
# cues that end the word they bear on, rather than precede it
_FOLLOWING = frozenset({"negation", "threat", "condition"})
# a predicate that ends a clause, its tense in the syllable before 다 (or before the polite
# 습니다): 처한다, 처한다는, 당했다, 처해졌다고, 당했습니다
_PREDICATE_END = re.compile(r"([가-힣])(?:습니)?다(?:는|며|고|면서)?(?![가-힣])")
_JONG_SSANG_SIOT = 20  # the final consonant ㅆ of a Hangul syllable: the past (했, 졌, 됐)
CONSEQUENCE_REACH = 80  # characters after a condition within which its consequence stands
_CONDITION = re.compile(r"[가-힣](?:면|경우에는|경우엔|경우)\s")


def _past_syllable(char: str) -> bool:
    return "가" <= char <= "힣" and (ord(char) - 0xAC00) % 28 == _JONG_SSANG_SIOT


def _past_modifier(tokens: list[Any], i: int) -> bool:
    t = tokens[i]
    return t.tag == "ETM" and t.form in _PAST_MODIFIER and i > 0 and tokens[i - 1].tag in _VERBS


def past_hits(text: str, tokens: list[Any]) -> list[Hit]:
    """Past tense (체포됐다), and a verb's past modifier (체포된 지 4개월, 보내진 가족)."""
    return [
        Hit("past", t.start, t.start + max(t.len, 1), text[t.start : t.start + max(t.len, 1)])
        for i, t in enumerate(tokens)
        if (t.tag in _PAST_TAGS and t.form in _PAST_FORMS) or _past_modifier(tokens, i)
    ]


def told_as_past(text: str, end: int) -> bool:
    """A condition or threat whose consequence is told in the past ("들키면 구타를
    당했다", "엄벌에 처해졌다") tells what happened, not a rule of what will happen."""
    stop = min(len(text), end + CONSEQUENCE_REACH)
    for cut in ".\n":
        found = text.find(cut, end, stop)
        stop = found if found != -1 else stop
    m = _PREDICATE_END.search(text, end, stop)
    return m is not None and _past_syllable(m.group(1))


def after_condition(text: str, pos: int) -> bool:
    """A condition ("~하면", "~할 경우") earlier in the same sentence."""
    start = max(text.rfind(".", 0, pos), text.rfind("\n", 0, pos), pos - CONSEQUENCE_REACH)
    return _CONDITION.search(text, max(start, 0), pos) is not None


def _word_start(text: str, pos: int) -> int:
    while pos > 0 and not text[pos - 1].isspace() and text[pos - 1] not in "\"'“”‘’,(":
        pos -= 1
    return pos


def read_cues(
    text: str, tokens: list[Any], patterns: tuple[tuple[str, re.Pattern[str]], ...]
) -> list[Hit]:
    """The report's cue hits: its tenses, and the cue words of knowledge/ko/cues.csv."""
    cues = past_hits(text, tokens)
    for cue, pattern in patterns:
        for m in pattern.finditer(text):
            if cue in ("threat", "condition") and told_as_past(text, m.end()):
                continue
            if cue == "obligation":
                if after_condition(text, m.start()):
                    continue  # a rule's penalty: "내지 못하면 ... 형을 살아야 한다"
                cue = "speculation"
            if cue in _FOLLOWING:
                # Korean puts negation and condition after the verb ("체포하지 않았다",
                # "적발되면"); the shared logic reads them before it, so they stand at the
                # start of the word they end
                start = _word_start(text, m.start())
                cues.append(Hit(cue, start, start, ""))
            else:
                cues.append(Hit(cue, m.start(), m.end(), m.group(0)))
    return sorted(cues, key=lambda h: h.start)
