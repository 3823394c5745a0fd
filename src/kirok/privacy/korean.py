"""Korean personal names by their shape: a one-syllable surname and a given name of one or
two syllables, romanised ("Kim Chol-su", "Pak Yong Nam", "RI MYONG HUI", "kim-chol-su" in
a URL) or in Hangul with an honorific or a word for a person beside it ("김철수 씨",
"주민 김철수"); and a surname alone where the words around it make it a person's ("Mr.
KIM", "the smuggler Choe", "Kim, 34,").

The surnames are data (knowledge/korean_surnames.csv); a given-name syllable is checked
against the grammar of romanised Korean syllables, so that "Han River", "In June" or
"Song lyrics" are not names.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from kirok.knowledge import read_table

Span = tuple[int, int]

# A romanised Korean syllable: an initial, a vowel, a final; McCune-Reischauer without its
# marks (Chol, Myong, Thaek), the North's official forms (Ryong, Ri) and Revised
# Romanization and press forms (Jeong, Eun, Soo, Hee, Young).
_SYLLABLE = (
    r"(?:kk|tt|pp|ss|jj|ch|kh|th|ph|sh|[gkndtrlmbpsjh])?"
    r"(?:yae|yeo|wae|ae|ya|eo|yo|yu|eu|oe|wa|wo|we|wi|ui|ye|oo|ee|ou|a|e|i|o|u)"
    r"(?:ng|[knlmpt])?"
)
_ONE = re.compile(_SYLLABLE)
_TWO = re.compile(_SYLLABLE + _SYLLABLE)
_THREE = re.compile(_SYLLABLE * 3)
_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
# words after a name that make it a place's or an organ's ("Kim Il Sung Square")
_INSTITUTION = (
    r"Square|University|Stadium|County|City|Street|Station|Bridge|Park|Palace|Academy|"
    r"Institute|College|School|Hospital|Mill|Complex|Works|Mine|Farm|Factory|Prize|Order|"
    r"Medal|Youth|League|Statue|Mausoleum|Monument|Theatre|Theater|Hall|Avenue|Studio|"
    r"Hotel|Times|Ensemble|Troupe|Company|Museum|Library|Market|Tower|Corporation"
)
_NAMED_AFTER = re.compile(
    r"\s*[-\s]?(?:" + _INSTITUTION + r"|county|city|square|university|district|ri|dong|gun|si)\b"
)
INSTITUTION_WORD = re.compile(r"(?:" + _INSTITUTION + r")")
# words for a person that may stand before a surname ("the smuggler Choe", "Teacher Ri")
_PERSON = (
    r"(?:smuggler|trader|merchant|teacher|defector|farmer|driver|student|cadre|miner|worker|"
    r"guard|prisoner|detainee|inmate|soldier|nurse|doctor|broker|housewife|resident|woman|man|"
    r"widow|youth|teenager|mother|father|son|daughter|wife|husband|official|agent|inspector|"
    r"officer|labourer|laborer|seamstress|vendor|peddler|source|victim|defendant|accused|"
    r"neighbour|neighbor|cousin|brother|sister|uncle|aunt|friend)s?"
)
_TITLE = r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Comrade|comrade)\.?"
# after a surname alone: an age or an apposition makes it a person's ("Kim, 41,")
_APPOSITION = re.compile(
    r"(?:,\s*(?:\d{1,3}\b|aged\b|an?\s)|\s*\(\s*\d{1,3}\s*\)"
    # "Pak's brother": a surname's kin are a family's, not the state's
    r"|['’]s\s+(?:wife|husband|son|daughter|mother|father|brother|sister|family|children|"
    r"parents|cousin|uncle|aunt|neighbou?r|house|home)\b)"
)
# not 님: 장군님 is "the General", the leader
_HANGUL_HONORIFIC = r"(?:씨|동무|동지|선생|여사)"
# three syllables after a word for a person that are a noun with its particle, not a name
_NOT_GIVEN = re.compile(
    r".(?:.[로를을이가은는의에도들해회와과고서]|민반|마당|위부|안원|전원|속원|부들)"
)
_HANGUL_PERSON = (
    r"(?:주민|학생|대학생|밀수꾼|상인|여성|남성|노동자|근로자|농민|군인|교원|교사|간부|탈북민|"
    r"주부|청년|운전수|노인|할머니|할아버지|어머니|아버지|아들|딸|소식통)"
)


@cache
def surnames() -> dict[str, bool]:
    """Each romanised spelling, lower-cased → whether it is also an everyday English word."""
    out: dict[str, bool] = {}
    for row in read_table("korean_surnames.csv"):
        key = row["spelling"].lower()
        out[key] = out.get(key, False) or row["common_word"] == "1"
    return out


@cache
def hangul_surnames() -> str:
    return "".join(sorted({row["hangul"] for row in read_table("korean_surnames.csv")}))


def _syllables(word: str) -> int:
    """1 or 2 when the word is one or two romanised syllables, else 0."""
    lower = word.lower()
    if _ONE.fullmatch(lower):
        return 1
    return 2 if _TWO.fullmatch(lower) else 0


def _given(word: str) -> int:
    """How many syllables a given-name word holds ("Chol-su" 2, "Hyok" 1), 0 if not one."""
    parts = word.split("-")
    if len(parts) == 2 and all(_syllables(p) == 1 for p in parts):
        return 2
    return _syllables(word) if len(parts) == 1 else 0


def syllables_of(word: str) -> int:
    """How many romanised Korean syllables a word is made of (hyphenated or joined, up to
    three), 0 when it is not made of them."""
    parts = re.sub(r"['’]s$", "", word.strip(",.")).lower().split("-")
    counts = [_syllables(p) or (3 if _THREE.fullmatch(p) else 0) for p in parts]
    return 0 if 0 in counts else sum(counts)


def _is_name_word(word: str) -> bool:
    return word[:1].isupper() and (word[1:].islower() or word.isupper() or "-" in word)


def romanised(text: str) -> Iterator[Span]:
    """Surname + given name, in running text: "Kim Chol-su", "Pak Yong Nam", "KIM Hyok"."""
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
    known = surnames()
    for i, (start, _end, word) in enumerate(words):
        if not _is_name_word(word) or word.lower() not in known:
            continue
        if start and (text[start - 1] == "-" or text[start - 1].isalnum()):
            continue
        common = known[word.lower()]
        span = _given_after(text, words, i, common)
        if span is not None:
            yield start, span


def _given_after(
    text: str, words: list[tuple[int, int, str]], i: int, common: bool
) -> int | None:
    """Where the given name after words[i] ends, if one follows it."""
    following = [w for w in words[i + 1 : i + 3]]
    if not following or not _is_name_word(following[0][2]):
        return None
    end = words[i][1]
    first = following[0]
    if not re.fullmatch(r" ", text[end : first[0]]):
        return None
    size = _given(first[2])
    if size == 0:
        return None
    if "-" in first[2]:
        return first[1]
    if size == 1 and len(following) > 1:
        second = following[1]
        if (text[first[1] : second[0]] == " " and _is_name_word(second[2])
                and _given(second[2]) == 1 and "-" not in second[2]):
            return second[1]
    # a lone syllable or a joined name ("Kim Hyok", "Kim Cholsu") needs a surname that is
    # no English word: "In Musan", "So Far" are not names
    return None if common else first[1]


def titled(text: str) -> Iterator[Span]:
    """A name after a title ("Mr. KIM", "Dr. Kim", "Comrade Pak Jin-su"), any name."""
    pattern = re.compile(r"\b" + _TITLE + r"\s+(?P<name>[A-Z][A-Za-z]*(?:-[A-Za-z]+)?)")
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
    starts = {w[0]: i for i, w in enumerate(words)}
    for match in pattern.finditer(text):
        yield _with_given(text, words, starts, match.start("name"), match.end("name"))


def after_person_word(text: str) -> Iterator[Span]:
    """A surname after a word for a person: "the smuggler Choe", "Teacher Ri", "the
    security agent, Pak,"."""
    pattern = re.compile(r"\b" + _PERSON + r",?\s+(?P<name>[A-Z][A-Za-z]*)\b", re.IGNORECASE)
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
    starts = {w[0]: i for i, w in enumerate(words)}
    known = surnames()
    for match in pattern.finditer(text):
        name = match.group("name")
        if _is_name_word(name) and name.lower() in known:
            yield _with_given(text, words, starts, match.start("name"), match.end("name"))


def with_apposition(text: str) -> Iterator[Span]:
    """A surname alone with an age or an apposition: "Kim, 41,", "Ri, a student", "Pak (52)"."""
    known = surnames()
    for match in _WORD.finditer(text):
        word = match.group()
        if (_is_name_word(word) and known.get(word.lower()) is False
                and (not match.start() or not text[match.start() - 1].isalnum())
                and _APPOSITION.match(text, match.end())):
            yield match.start(), match.end()


def _with_given(
    text: str, words: list[tuple[int, int, str]], starts: dict[int, int], start: int, end: int
) -> Span:
    i = starts.get(start)
    if i is None:
        return start, end
    given = _given_after(text, words, i, common=True)
    return start, given if given is not None else end


def slugs(text: str) -> Iterator[Span]:
    """A name in a URL slug: "…/kim-chol-su-executed" (three syllables after a surname)."""
    known = surnames()
    for match in re.finditer(r"(?<![a-z0-9])([a-z]+)-([a-z]+)-([a-z]+)(?![a-z0-9])", text):
        surname, first, second = match.groups()
        if surname in known and _syllables(first) == 1 and _syllables(second) == 1:
            yield match.start(), match.end()


def hangul(text: str) -> Iterator[Span]:
    """Hangul names with an honorific, an age or a word for a person beside them."""
    sur = f"[{hangul_surnames()}]"
    patterns = [
        # 김철수 씨, 김모 씨, 리명희 동무
        rf"(?<![가-힣])(?P<name>{sur}[가-힣]{{1,2}})\s?{_HANGUL_HONORIFIC}",
        # 주민 김철수, 학생 한성일이
        rf"{_HANGUL_PERSON}\s+(?P<name>{sur}[가-힣]{{2}})",
        # 박영남 주민은
        rf"(?<![가-힣])(?P<name>{sur}[가-힣]{{2}})\s+{_HANGUL_PERSON}",
        # 장미란(32), 김철수(가명)
        rf"(?<![가-힣])(?P<name>{sur}[가-힣]{{1,2}})\s?\(\s*(?:\d{{1,3}}세?|가명)\s*\)",
    ]
    for number, pattern in enumerate(patterns):
        for match in re.finditer(pattern, text):
            # beside a word for a person, a surname's syllable may open any noun (주민들)
            if number in (1, 2) and _NOT_GIVEN.fullmatch(match.group("name")):
                continue
            yield match.start("name"), match.end("name")


def named_after(text: str, end: int) -> bool:
    """Whether the words after a name make it the name of a place or an organ."""
    return bool(_NAMED_AFTER.match(text, end))
