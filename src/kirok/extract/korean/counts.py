"""How many people a Korean sentence says an act fell on."""

from __future__ import annotations

import re

# native Korean numbers as they stand before a counter (세 명, 두 명)
_NATIVE = {
    "한": 1,
    "두": 2,
    "세": 3,
    "네": 4,
    "다섯": 5,
    "여섯": 6,
    "일곱": 7,
    "여덟": 8,
    "아홉": 9,
    "열": 10,
    "스무": 20,
}
_NATIVE_WORDS = "|".join(sorted(_NATIVE, key=len, reverse=True))
# a number of people: "3명", "세 명", "일가족 4명"; "10여 명" (about ten) is no count
_COUNT = re.compile(
    rf"(?<![\d,.])(?:(?P<n>\d{{1,4}})|(?<![가-힣])(?P<w>{_NATIVE_WORDS}))\s*(?P<about>여|여\s)?\s*"
    r"(?:명|사람|가족|세대|가구)"
)
# amounts that are no number: tens of people, several, many
_VAGUE = re.compile(r"(?:수십|수백|수천|여러|몇|많은|다수의)\s*(?:명|사람|가족|세대)")
# "50가구 정도", "30명가량": about so many, no count
_ABOUT_AFTER = re.compile(r"\s*(?:정도|가량|안팎|남짓|내외)")
# two people as one word: brothers, sisters, a couple, mother and daughter
_PAIR = re.compile(
    r"(?<![가-힣])(?:형제|자매|부부|모녀)(?:가|는|를|이|와|의|\s)"
    # one named person and a relative: "김모씨와 남동생이"
    r"|[가-힣A-Z]모?\s?씨(?:와|과)\s?(?:남동생|여동생|동생|형|언니|누나|오빠|아내|남편"
    r"|어머니|아버지|아들|딸)(?:이|가|은|는|을|를|\s)"
)
# one person described by age and sex ("20대 초반 여성이", "10대 남학생이") or in a
# name's bracket ("리성철(남, 43세")
_DESCRIBED = re.compile(
    r"(?<![\d가-힣])\d0대(?:\s?(?:초반|중반|후반))?\s?(?:여성|남성|여자|남자|남학생|여학생|청년|주민|노동자)"
    r"(?:이|가|은|는|을|를|의|\s)"
    r"|\((?:남|여)\s?,\s?\d{1,2}세"
)
# an audience is not a victim: "주민 500명이 지켜보는", "500명을 모아"
_AUDIENCE = re.compile(
    r"^\s*(?:이상의?\s*)?(?:주민|군중|사람)?[이을가]?\s*(?:지켜보|모아|모인|동원|참가)"
)


# one person: "한 여성이", "김모씨", "A씨" — not 날씨 (weather) or 솜씨 (skill), nor the
# source who tells of it ("한 주민소식통은")
_ONE = re.compile(
    r"(?<![가-힣])(?:한\s(?:여성|남성|여자|남자|주민|노동자|간부|학생|농장원|사람|노인)(?!\s?소식통)"
    r"|(?!날씨|솜씨|말씨|불씨|맵씨)[가-힣A-Z]모?\s?씨(?:는|가|의|를|와|에게|도|\s))"
)


def count_victims(sentence: str) -> int | None:
    """The first number of people the sentence gives; none for "about ten" or "tens of"."""
    for match in _COUNT.finditer(sentence):
        if _AUDIENCE.match(sentence, match.end()):
            continue
        if match.group("about") or sentence[match.end() : match.end() + 2].startswith("이상"):
            return None
        if _ABOUT_AFTER.match(sentence, match.end()):
            return None
        if match.group("n"):
            return int(match.group("n"))
        return _NATIVE[match.group("w")]
    if _VAGUE.search(sentence):
        return None
    if _PAIR.search(sentence):
        return 2
    return 1 if _ONE.search(sentence) or _DESCRIBED.search(sentence) else None
