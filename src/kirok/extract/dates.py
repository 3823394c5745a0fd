"""Dates in report text, resolved to partial ISO strings ("2020-10-12", "2020-10", "2020").

Relative expressions ("on the 7th", "last Thursday", "late last month", "in June") are
resolved against the report's publication date, at no finer precision than that date allows.
A year is never invented: with no publication date, "June 27" is not a mention at all.
The patterns and their resolution live in `date_grammar`; this module is the public API.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from kirok.extract.date_grammar import (
    AFTER_DAY,
    KOREAN_MONTH,
    MONTH_WORD,
    NUMBERS,
    WEEKDAYS,
    YEAR_MAX,
    YEAR_WORD,
    Part,
    Pub,
    Rule,
    fmt,
    korean_month,
    month_rule,
    next_word,
    resolve_day,
    resolve_day_in_month,
    resolve_days_back,
    resolve_months_back,
    resolve_weekday,
    resolve_weeks_back,
    resolve_years_back,
    year_rule,
)

__all__ = ["DateMention", "dateline", "find_dates", "parse_published"]


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str  # text[start:end]
    value: str  # partial ISO: "YYYY-MM-DD" | "YYYY-MM" | "YYYY"
    relative: bool  # True when resolved against the publication date (not explicit in text)


# ---------------------------------------------------------------- relative-word rules
# Like the rules in date_grammar, each regex starts with a literal core; the words before
# the core ("late last", "two", "on") are read with `_back`.


def _back(pattern: re.Pattern[str], text: str, start: int, span: int = 40) -> re.Match[str] | None:
    return pattern.search(text, max(0, start - span), start)


def _part(start: int, end: int, value: str | None) -> list[Part]:
    return [] if value is None else [(start, end, value, True)]


ORDINAL = re.compile(r"the\s+(?P<d>[0-9]{1,2})(?:st|nd|rd|th)\b")
_AFTER_OF_MONTH = re.compile(r"(?i:\s+of\s+(?P<rel>this|last)\s+month)\b")
_BEFORE_PREP = re.compile(
    r"(?i:\b(?:on|since|by|until|till|from|through|before|after|around|as\s+of|and|to|of))\s+$"
)


def ordinal_rule(match: re.Match[str], text: str, pub: Pub | None) -> list[Part]:
    """'on the 7th' — but not 'on the 7th floor' nor 'the 63rd anniversary'."""
    if _back(_BEFORE_PREP, text, match.start(), 12) is None:
        return []
    day = int(match.group("d"))
    of_month = _AFTER_OF_MONTH.match(text, match.end())
    if of_month:  # "the 3rd of this month", "the 28th of last month"
        last = of_month.group("rel").lower() == "last"
        return _part(match.start(), of_month.end(), resolve_day_in_month(day, pub, last))
    word = next_word(text, match.end())
    if word and word not in AFTER_DAY and re.match(r"\s*[A-Za-z]", text[match.end() :]):
        return []
    return _part(*match.span(), resolve_day(day, pub))


WEEKDAY_WORD = re.compile(rf"(?:{'|'.join(w.capitalize() for w in WEEKDAYS)})(?P<plural>s)?\b")
_BEFORE_WEEKDAY = re.compile(r"(?i:\b(?P<lead>last|this\s+past|past|this|next|a|every|each))\s+$")


def weekday_rule(match: re.Match[str], text: str, pub: Pub | None) -> list[Part]:
    """'last Thursday', 'on Wednesday', 'said Tuesday'; not 'a Sunday' nor 'every Friday'."""
    start = match.start()
    if (start and text[start - 1].isalpha()) or match.group("plural"):
        return []
    lead = _back(_BEFORE_WEEKDAY, text, start, 15)
    word = " ".join(lead.group("lead").lower().split()) if lead else ""
    if word in ("this", "next", "a", "every", "each"):
        return []
    weekday = WEEKDAYS[match.group().lower()]
    return _part(lead.start() if lead else start, match.end(), resolve_weekday(weekday, pub))


UNIT_WORD = re.compile(r"(?P<unit>year|month|week|day)(?P<plural>s)?\b")
_AFTER_AGO = re.compile(r"\s+ago\b")
_NUM_WORDS = "|".join(sorted(NUMBERS, key=len, reverse=True))
_BEFORE_COUNT = re.compile(
    rf"(?i:\b(?P<n>[0-9]{{1,2}}|a\s+few|a\s+couple\s+of|several|{_NUM_WORDS}))\s+$"
)
_BEFORE_PERIOD = re.compile(
    r"(?i:\b(?:(?P<mod>early|earlier|late|later|mid|the\s+(?:end|beginning|start|middle)\s+of)"
    r"[\s-]+)?(?P<rel>this|last|the\s+past|the\s+last|the\s+new|the))\s+$"
)
_BEFORE_FIRST_DAY = re.compile(r"(?i:\bthe\s+first\s+day\s+of)\s+$")
_BACK_BY = {
    "day": resolve_days_back,
    "week": resolve_weeks_back,
    "month": resolve_months_back,
    "year": resolve_years_back,
}


def _count(words: str, unit: str) -> int | None:
    """'two' → 2, '3' → 3; a vague count ("a few", "several") is close enough only for days."""
    word = words.lower()
    if word.isdigit():
        return int(word)
    if word in NUMBERS:
        return NUMBERS[word]
    return 3 if unit == "day" else None


def unit_rule(match: re.Match[str], text: str, pub: Pub | None) -> list[Part]:
    """'two years ago', 'late last month', 'early this year', 'the past year', 'this week'."""
    start, end = match.span()
    if start and text[start - 1].isalpha():
        return []
    unit = match.group("unit")
    ago = _AFTER_AGO.match(text, end)
    if ago:
        count = _back(_BEFORE_COUNT, text, start, 20)
        if count is None:
            return []
        number = _count(count.group("n"), unit)
        if number is None:
            return []
        return _part(count.start(), ago.end(), _BACK_BY[unit](number, pub))
    if unit == "day" or match.group("plural"):
        return []
    period = _back(_BEFORE_PERIOD, text, start, 40)
    if period is None:
        return []
    rel = " ".join(period.group("rel").lower().split())
    if rel == "the new":
        first_day = _back(_BEFORE_FIRST_DAY, text, period.start(), 25)
        if unit != "year" or first_day is None or pub is None:
            return []
        return _part(first_day.start(), end, fmt(pub.year, 1, 1))
    if rel == "the" and not period.group("mod"):
        return []
    back = 0 if rel in ("this", "the") else 1
    return _part(period.start(), end, _BACK_BY[unit](back, pub))


YESTERDAY = re.compile(r"[Yy]esterday\b")
_BEFORE_YESTERDAY = re.compile(r"(?i:\bthe\s+day\s+before)\s+$")
NEW_YEARS_DAY = re.compile(r"New\s+Year['’]s\s+Day")


def yesterday_rule(match: re.Match[str], text: str, pub: Pub | None) -> list[Part]:
    before = _back(_BEFORE_YESTERDAY, text, match.start(), 20)
    start = before.start() if before else match.start()
    return _part(start, match.end(), resolve_days_back(2 if before else 1, pub))


def new_years_day_rule(match: re.Match[str], text: str, pub: Pub | None) -> list[Part]:
    return [] if pub is None else _part(*match.span(), fmt(pub.year, 1, 1))


# (pattern, rule, a string the text must contain for the rule to be worth running)
RULES: tuple[tuple[re.Pattern[str], Rule, str], ...] = (
    (MONTH_WORD, month_rule, ""),
    (YEAR_WORD, year_rule, ""),
    (KOREAN_MONTH, korean_month, "월"),
    (ORDINAL, ordinal_rule, "the"),
    (WEEKDAY_WORD, weekday_rule, "day"),
    (UNIT_WORD, unit_rule, ""),
    (YESTERDAY, yesterday_rule, "esterday"),
    (NEW_YEARS_DAY, new_years_day_rule, "New"),
)

_ISO_ISH = re.compile(
    r"\s*(?P<y>\d{4})(?:[-/.](?P<m>\d{1,2})(?:[-/.](?P<d>\d{1,2}))?)?\.?(?:[T\s].*)?", re.S
)
_PARTIAL_ISO = re.compile(r"(?P<y>\d{4})(?:-(?P<m>\d\d)(?:-(?P<d>\d\d))?)?")


def parse_published(value: str | None) -> str | None:
    """A publication date from a user or page metadata, as partial ISO, or None if unreadable."""
    if not value or not value.strip():
        return None
    found = _ISO_ISH.fullmatch(value)
    if found:
        month, day = found.group("m"), found.group("d")
        year = int(found.group("y"))
        if not 1900 <= year <= 2100:
            return None
        return fmt(year, int(month) if month else None, int(day) if day else None)
    for mention in find_dates(value, None):
        if not mention.relative:
            return mention.value
    return None


def _pub(published: str | None) -> Pub | None:
    found = _PARTIAL_ISO.fullmatch(published or "")
    if found is None:
        normalised = parse_published(published)
        found = _PARTIAL_ISO.fullmatch(normalised or "")
        if found is None:
            return None
    month, day = found.group("m"), found.group("d")
    return Pub(int(found.group("y")), int(month) if month else None, int(day) if day else None)


def _candidates(text: str, pub: Pub | None) -> list[Part]:
    # Each part of "March 1st and 2nd" competes on its own, so that a day list misread
    # across two dates ("Jan. 19 and 12 October") loses its first part to the better reading.
    return [
        part
        for pattern, rule, needs in RULES
        if needs in text
        for match in pattern.finditer(text)
        for part in rule(match, text, pub)
    ]


def find_dates(text: str, published: str | None) -> list[DateMention]:
    """Every date expression in `text`, sorted by start and never overlapping."""
    pub = _pub(published)
    chosen: list[tuple[int, int]] = []
    mentions: list[DateMention] = []
    # The longest reading wins: "October 12, 2020" over "2020", "the 29th of May" over "the 29th".
    for start, end, value, relative in sorted(
        _candidates(text, pub), key=lambda c: (c[0] - c[1], c[0])
    ):
        # the chosen spans are disjoint, kept sorted: only the neighbours can overlap
        # (testing every chosen span was quadratic in a long text)
        at = bisect.bisect_left(chosen, (start, end))
        if (at and chosen[at - 1][1] > start) or (at < len(chosen) and chosen[at][0] < end):
            continue
        chosen.insert(at, (start, end))
        mentions.append(DateMention(start, end, text[start:end], value, relative))
    return sorted(mentions, key=lambda m: m.start)


# ---------------------------------------------------------------- dateline

_HEAD_CHARS = 1500
_HEAD_LINES = 15
_LABEL = re.compile(
    r"(?i)^\W*(?:date|dated|published|posted|first\s+published)(?:\s+on)?\s*[:：]?\s*"
)
_DASH = re.compile(r"\s*(?:--|—|–|\|)")
_AGENCY = re.compile(r"^[A-Z][A-Za-z .'-]{1,30},\s+(?P<date>.{3,40}?)\s*\((?:[A-Z][\w ]{1,20})\)")
_CAPTION = re.compile(
    r"(?i)\b(?:photo|photographed|image|picture|file|caption|shows|pictured|kcna|released|copyright)\b|©"
)
_WEEKDAY_LEAD = re.compile(
    r"(?i)^(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+|^(?:updated|last\s+updated)\b"
)


def _explicit_dates(line: str) -> list[DateMention]:
    return [m for m in find_dates(line, None) if not m.relative and int(m.value[:4]) <= YEAR_MAX]


def _whole_line_date(line: str) -> str | None:
    """The date when a line is nothing but a date ("October 25, 2020", "2022.07.20")."""
    bare = _WEEKDAY_LEAD.sub("", line.strip()).strip(" .,|-")
    mentions = _explicit_dates(bare)
    if len(mentions) == 1 and mentions[0].text.strip(" .,") == bare and len(mentions[0].value) > 4:
        return mentions[0].value
    return None


def _short_line_date(line: str) -> str | None:
    """A date on a short masthead line ("No. 206 September 2008"), not on a photo caption."""
    if len(line) > 60 or _CAPTION.search(line):
        return None
    mentions = [m for m in _explicit_dates(line) if len(m.value) > 4]
    return mentions[0].value if len(mentions) == 1 else None


def _labelled_date(line: str) -> str | None:
    """'Published: 2020-10-21', 'date 2024-09-04 ...', or a line opening 'October 21, 2020 —'."""
    label = _LABEL.match(line)
    rest = line[label.end() :] if label else line
    mentions = _explicit_dates(rest)
    if not mentions or mentions[0].start != 0:
        return None
    if label or _DASH.match(rest, mentions[0].end):
        return mentions[0].value
    return None


def _agency_date(line: str) -> str | None:
    found = _AGENCY.match(line)
    if found is None:
        return None
    mentions = _explicit_dates(found.group("date"))
    return mentions[0].value if mentions else None


def dateline(text: str) -> str | None:
    """A publication date stated near the top of the text itself, as partial ISO, or None.

    Recognises labelled dates ("Published: 2020-10-21"), lines that are only a date,
    short masthead lines and agency datelines ("SEOUL, Oct. 21, 2020 (Yonhap) --").
    A dateline without a year ("SEOUL, Oct. 21 (Yonhap)") gives None: no year is invented.
    """
    lines = [line for line in text[:_HEAD_CHARS].splitlines() if line.strip()][:_HEAD_LINES]
    for finder in (_labelled_date, _agency_date, _whole_line_date, _short_line_date):
        for line in lines:
            value = finder(line.strip())
            if value is not None:
                return value
    return None
