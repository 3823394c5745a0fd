"""Which stretches of a Korean report kiwipiepy needs to analyse: those that can hold a trigger.

kiwipiepy's morpheme analysis is most of what reading Korean costs, and its morphemes serve
trigger words alone (and the tense of the clauses around them); organs, offences, victim
groups, cue words, places and dates are found in the text as written. A report is cut
cheaply into stretches at sentence ends outside quotes ("…했다. 그러나", not inside
"“…했다. …했다”고"); only a stretch in which some trigger stem of knowledge/ko/triggers.csv
can stand is analysed, and kiwipiepy cuts it further into its sentences. A stem is looked
for as written, and with its last syllable in every form a verb's endings give it (붙잡히 in
붙잡혀, 들키 in 들켰, 체포되 in 체포됐다), since kiwipiepy's lemma of a verb may be the stem.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any, NamedTuple

from kirok.knowledge import read_table

_FIRST, _LAST = 0xAC00, 0xD7A3  # Hangul syllables: (initial × 21 + vowel) × 28 + final
# a sentence's end: a Hangul syllable's stop, then a space and a word (kiwipiepy keeps
# "…전해왔다. '…'라는 내용으로" and "…있다. (▶관련기사" one sentence)
_END = re.compile(r"(?<=[가-힣])[.?!]+\s+(?=[가-힣\w])")
_OPEN, _CLOSE = "“‘「『(", "”’」』)"


class Morph(NamedTuple):
    """A kiwipiepy token with its offset into the whole report."""

    form: str
    tag: str
    start: int
    len: int


class Stretch(NamedTuple):
    """A kiwipiepy sentence, or a stretch it did not need to see (no morphemes)."""

    start: int
    end: int
    tokens: list[Morph]


# a verb stem's last vowel as its endings contract it: 히+어 혀, 되+어 돼, 하+여 해, 보+아 봐
_CONTRACTED = {0: (0, 1), 8: (8, 9), 11: (11, 10), 13: (13, 14), 18: (18, 4, 0), 20: (20, 6)}
# the final an ending adds to a vowel-final stem: ㄴ (된), ㄹ (될), ㅁ (됨), ㅂ (됩니다), ㅆ (됐)
_ADDED_FINALS = (0, 4, 8, 16, 17, 20)
_IRREGULAR_FINALS = (7, 17, 19, 27)  # ㄷ ㅂ ㅅ ㅎ, which endings change (듣 들어, 돕 도와)


def _syllable(initial: int, vowel: int, final: int) -> str:
    return chr(_FIRST + (initial * 21 + vowel) * 28 + final)


def _written_as(syllable: str) -> str:
    """A verb stem's last syllable in every form its endings give it."""
    code = ord(syllable) - _FIRST
    if not 0 <= code <= _LAST - _FIRST:
        return re.escape(syllable)
    initial, vowel, final = code // 588, code // 28 % 21, code % 28
    if final == 0:
        vowels = _CONTRACTED.get(vowel, (vowel,))
        forms = [_syllable(initial, v, f) for v in vowels for f in _ADDED_FINALS]
    elif final in _IRREGULAR_FINALS:
        vowels = tuple(range(21)) if final == 27 else (vowel,)  # ㅎ: 그렇 그래
        forms = [_syllable(initial, v, f) for v in vowels for f in range(28)]
    else:
        return syllable  # a regular final stays: 붙잡아, 받았다
    return f"[{''.join(forms)}]"


def stem_pattern(stem: str) -> str:
    """A stem in every written form: as written, or, as a verb's whole stem, with its last
    syllable as the verb's endings change it (and a 르 stem's last two: 부르 in 불러)."""
    if len(stem) >= 2 and stem.endswith("르"):
        code = ord(stem[-2]) - _FIRST
        before = f"[{chr(_FIRST + code - code % 28)}-{chr(_FIRST + code - code % 28 + 27)}]"
        return re.escape(stem[:-2]) + before + "[러라르]"
    return re.escape(stem[:-1]) + _written_as(stem[-1])


@cache
def _may_hold() -> re.Pattern[str]:
    stems = sorted({row["stem"] for row in read_table("ko/triggers.csv")})
    return re.compile("|".join(stem_pattern(s) for s in stems))


def may_hold_trigger(text: str) -> bool:
    """Whether some trigger stem can stand in the text (a cheap test before kiwipiepy)."""
    return _may_hold().search(text) is not None


def _balanced(text: str) -> bool:
    depth = sum(text.count(c) for c in _OPEN) - sum(text.count(c) for c in _CLOSE)
    return depth <= 0 and text.count('"') % 2 == 0


def stretches_of(text: str) -> list[tuple[int, int]]:
    """The report cut at line breaks and at sentence ends outside quotes and brackets."""
    out: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text):
        start = line.start()
        for end in _END.finditer(text, line.start(), line.end()):
            if _balanced(text[start : end.start()]):
                out.append((start, end.end()))
                start = end.end()
        if start < line.end():
            out.append((start, line.end()))
    return out


def analyse_stretches(kiwi: Any, text: str) -> list[Stretch]:
    """kiwipiepy's sentences and morphemes where a trigger can stand; elsewhere the
    stretch alone, unanalysed."""
    out: list[Stretch] = []
    for a, b in stretches_of(text):
        chunk = text[a:b]
        if not may_hold_trigger(chunk):
            out.append(Stretch(a, b, []))
            continue
        # no URL, e-mail, hashtag, mention, serial-number or emoji matching (match_options
        # 0): reports name none that a trigger could be, and the matching costs time
        sents = kiwi.split_into_sents(
            chunk, match_options=0, return_tokens=True, return_sub_sents=False
        )
        for s in sents:
            tokens = [Morph(t.form, t.tag, a + t.start, t.len) for t in s.tokens or []]
            out.append(Stretch(a + s.start, a + s.end, tokens))
    return out
