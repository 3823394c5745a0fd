"""Who an act fell upon: how many people, and which of the codebook's groups."""

from __future__ import annotations

import re
from functools import lru_cache

from kirok.knowledge import read_table

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a dozen": 12, "dozen": 12,
}  # fmt: skip
_NUM = r"(?:\d{1,3}(?:,\d{3})*|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + ")"


@lru_cache(maxsize=1)
def _people() -> str:
    return "|".join(row["noun"] for row in read_table("people_nouns.csv"))


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    people = _people()
    modifier = r"(?:[\w’'-]+\s+){0,3}?"
    counted = re.compile(
        rf"(?<![\w,.])(?P<hedge>(?:about|around|approximately|some|nearly|almost|roughly|"
        rf"at least|more than|over|up to|fewer than|less than|as many as)\s+)?"
        rf"(?P<n>{_NUM})(?P<range>\s*(?:to|or|-|~|–)\s*{_NUM})?\s+{modifier}"
        rf"(?P<noun>{people})\b(?P<plus>\s+and\s+(?P<n2>{_NUM})\s+{modifier}(?:{people})\b)?",
        re.IGNORECASE,
    )
    single = re.compile(
        r"\b(?:a|an|one|some|another)\s+(?:[\w-]+\s+){0,2}?(?:man|woman|person|student|"
        r"soldier|teenager|girl|boy|official|trader|merchant|worker|farmer|resident|defector|"
        r"mother|father|housewife|youth|smuggler|broker|cadre|officer|secretary|manager|"
        r"peddler|uncle|aunt|wife|husband|son|daughter|brother|sister|minister|teacher|"
        r"driver|doctor|member)\b(?!\s+of\s+(?:the\s+)?(?:\w+\s+)?(?:families|groups?|"
        r"units?|people|residents|students|crowd))"
        r"|\b(?:he|she)\s+(?:was|had been|has been|is being|got)\b"
        # the one the act fell on, named by pronoun after the verb: "beating her."
        r"|\b(?:arrested|detained|beat|beating|beaten|executed|shot|took|taking|questioned|"
        r"interrogated|tortured|sentenced|sent|dragged|seized)\s+(?:him|her)\b"
        r"(?!\s+(?:\w+\s+)?(?:family|families|parents|children|husband|wife|son|daughter))",
        re.IGNORECASE,
    )
    vague = re.compile(r"\b(?:dozens|hundreds|thousands|scores|many|several|numerous)\b", re.I)
    money = re.compile(r"^(?:yuan|won|dollars|usd|percent|years?|months?|days?|hours?|kg)\b", re.I)
    return counted, single, vague, money


# a number of onlookers, not of victims: "shot in front of 1,000 residents"
_AUDIENCE = re.compile(
    r"(?:in front of|before|crowd of|audience of|attended by|watched by|gathered|mobili[sz]ed|"
    r"assembled|spectators?)\s+(?:some |about |around |nearly |more than |over )?$",
    re.IGNORECASE,
)


# the person is the source, not a victim: "a resident of Hyesan told RFA", "he was quoted"
_SPEAKS = re.compile(
    r"(?:\s+[\w,'’-]+){0,6}?\s+(?:told|tells|said|says|explained|recalled|added|"
    r"spoke|speaking|quoted)\b"
    r"|\s+quoted\b",
    re.IGNORECASE,
)
# a number that is part of a name, not a count: "Unified Command 82", "Group 109"
_DESIGNATED = re.compile(r"\b[A-Z][\w-]*\s+$")
_AND_OTHERS = re.compile(r"\band\s+$", re.IGNORECASE)
_OTHER = re.compile(r"\s+other\b", re.IGNORECASE)
_BOTH = re.compile(
    r"\b(?:them|they|were|are|seized|arrested|detained)\s+both\b|\bboth\s+of\s+them\b"
    r"|\b(?:the|a)\s+pair\b",
    re.IGNORECASE,
)
_FAMILY = re.compile(rf"\bfamily of (?P<n>{_NUM})\b", re.IGNORECASE)


def _number(word: str) -> int:
    word = word.lower().replace(",", "")
    return int(word) if word.isdigit() else _NUMBER_WORDS[word]


def _first_count(counted: re.Pattern[str], sentence: str) -> re.Match[str] | None:
    """The first number of people, passing over onlookers and numbers in names (searched
    again just past a passed-over number, which may hide the true count in its words)."""
    position = 0
    while (m := counted.search(sentence, position)) is not None:
        before = sentence[: m.start()]
        designated = m.group("n")[0].isdigit() and _DESIGNATED.search(before)
        if not (_AUDIENCE.search(before) or designated):
            return m
        position = m.end("n")
    return None


@lru_cache(maxsize=1024)
def count_victims(sentence: str) -> int | None:
    """A number of people when the sentence gives one; ranges and vague amounts give None."""
    counted, single, vague, _ = _patterns()
    match = _first_count(counted, sentence)
    if match:
        if match.group("range"):
            return None
        hedge = (match.group("hedge") or "").strip().lower()
        if hedge in {"more than", "over", "up to", "fewer than", "less than", "as many as"}:
            return None
        total = _number(match.group("n"))
        if match.group("n2"):
            total += _number(match.group("n2"))
        if _AND_OTHERS.search(sentence[: match.start()]) and _OTHER.match(
            sentence, match.end("n")
        ):
            total += 1  # "the vice minister and five other officials": six
        return total
    if _BOTH.search(sentence):
        return 2
    if vague.search(sentence):
        return None
    family = _FAMILY.search(sentence)
    if family:
        return _number(family.group("n"))
    one = next((m for m in single.finditer(sentence) if not _SPEAKS.match(sentence, m.end())), None)
    return 1 if one else None


def groups_of(values: list[str]) -> list[str]:
    """Victim groups, with "residents" only when nothing more specific is known."""
    values = list(dict.fromkeys(values))
    if len(values) > 1 and "residents" in values:
        values.remove("residents")
    return values or ["residents"]
