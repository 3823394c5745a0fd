"""The date grammar behind kirok.extract.dates: word lists, patterns and how each pattern resolves.

Every rule turns a regex match into zero or more (start, end, value, relative) parts. A rule
returns nothing rather than guess a year that neither the text nor the publication date gives.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

WORDS_CSV = Path(__file__).resolve().parents[1] / "knowledge" / "date_words.csv"


class Pub(NamedTuple):
    """A publication date at whatever precision it is known."""

    year: int
    month: int | None = None
    day: int | None = None


Part = tuple[int, int, str, bool]  # start, end, partial ISO value, resolved against publication
Rule = Callable[["re.Match[str]", str, "Pub | None"], list[Part]]


def _load_words() -> dict[str, dict[str, str]]:
    words: dict[str, dict[str, str]] = {}
    with WORDS_CSV.open(encoding="utf-8") as fh:
        rows = csv.reader(line for line in fh if line.strip() and not line.startswith("#"))
        for kind, word, value in rows:
            words.setdefault(kind, {})[word] = value
    return words


_WORDS = _load_words()
MONTHS = {w: int(v) for w, v in _WORDS["month"].items()}
WEEKDAYS = {w: int(v) for w, v in _WORDS["weekday"].items()}
NUMBERS = {w: int(v) for w, v in _WORDS["number"].items()}
COUNT_UNITS = frozenset(_WORDS["count_unit"])
YEAR_BLOCKERS = frozenset(_WORDS["year_blocker"])
AFTER_DAY = frozenset(_WORDS["after_day"])
# Year-only numbers outside this range are counts, codes or history too remote for the genre.
YEAR_MIN, YEAR_MAX = 1945, 2035


def _alt(words: list[str]) -> str:
    # Longest first, so that "Sept" is tried before "Sep" and "March" before "Mar".
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


FULL_MONTHS = frozenset(w for w in MONTHS if len(w) > 4 or w in ("May", "June", "July"))
_FUTURE = re.compile(rf"(?i)\b(?:{_alt(list(_WORDS['future_cue']))})\b")
_PREV_WORD = re.compile(r"([A-Za-z.]+)\W*$")
_NEXT_WORD = re.compile(r"\W*([A-Za-z]+)")
_ANY_YEAR = re.compile(r"(?:19|20)[0-9]{2}")


# ---------------------------------------------------------------- resolution


def fmt(year: int, month: int | None = None, day: int | None = None) -> str | None:
    """Partial ISO string, or None when the pieces do not make a real date."""
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _pub_date(pub: Pub) -> dt.date | None:
    if pub.month is None or pub.day is None:
        return None
    return dt.date(pub.year, pub.month, pub.day)


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def month_year(month: int, pub: Pub, ahead: bool) -> int:
    """Year of a month named without a year: the latest one not after publication, unless ahead."""
    if pub.month is None or ahead or month <= pub.month:
        return pub.year
    return pub.year - 1


def resolve_month_day(month: int, day: int, pub: Pub | None, ahead: bool) -> str | None:
    if pub is None:
        return None
    year = month_year(month, pub, ahead)
    if not ahead and pub.day is not None and month == pub.month and day > pub.day:
        year -= 1
    return fmt(year, month, day)


def resolve_day(day: int, pub: Pub | None) -> str | None:
    """'On the 7th': the publication month, or the month before if the 7th is still to come."""
    if pub is None or pub.month is None:
        return None
    year, month = pub.year, pub.month
    if pub.day is not None and day > pub.day:
        year, month = _shift_month(year, month, -1)
    return fmt(year, month, day)


def resolve_day_in_month(day: int, pub: Pub | None, last_month: bool) -> str | None:
    """'The 3rd of this month' / 'the 28th of last month'."""
    if pub is None or pub.month is None:
        return None
    return fmt(*_shift_month(pub.year, pub.month, -1 if last_month else 0), day)


def resolve_days_back(days: int, pub: Pub | None) -> str | None:
    if pub is None:
        return None
    date = _pub_date(pub)
    if date is not None:
        back = date - dt.timedelta(days=days)
        return fmt(back.year, back.month, back.day)
    return fmt(pub.year, pub.month)


def resolve_weeks_back(weeks: int, pub: Pub | None) -> str | None:
    if pub is None:
        return None
    date = _pub_date(pub)
    if date is not None:
        back = date - dt.timedelta(days=7 * weeks)
        return fmt(back.year, back.month)
    return fmt(pub.year, pub.month) if weeks <= 1 else None


def resolve_weekday(weekday: int, pub: Pub | None) -> str | None:
    """Most recent such weekday strictly before publication; coarser when publication is coarser."""
    if pub is None:
        return None
    date = _pub_date(pub)
    if date is None:
        return fmt(pub.year, pub.month)
    back = (date.weekday() - weekday - 1) % 7 + 1
    day = date - dt.timedelta(days=back)
    return fmt(day.year, day.month, day.day)


def resolve_months_back(months: int, pub: Pub | None) -> str | None:
    if pub is None:
        return None
    if pub.month is None:
        # "This month" of a 2018 report is still 2018; "last month" might be December 2017.
        return fmt(pub.year) if months == 0 else None
    return fmt(*_shift_month(pub.year, pub.month, -months))


def resolve_years_back(years: int, pub: Pub | None) -> str | None:
    return None if pub is None else fmt(pub.year - years)


def looks_ahead(text: str, start: int) -> bool:
    """Whether words shortly before, in the same sentence, put a date after publication."""
    window = text[max(0, start - 80) : start]
    cut = max(window.rfind(". "), window.rfind("\n"))
    return _FUTURE.search(window[cut + 1 :]) is not None


def prev_word(text: str, start: int) -> str:
    found = _PREV_WORD.search(text, max(0, start - 20), start)
    return found.group(1).lower() if found else ""


def next_word(text: str, end: int) -> str:
    found = _NEXT_WORD.match(text, end, min(len(text), end + 20))
    return found.group(1).lower() if found else ""


def standalone(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is a whole number, not part of "12000", "2000s" or "2,019"."""
    before = text[start - 1] if start else " "
    after = text[end : end + 2]
    if before.isalnum() or after[:1].isalnum() or after[:1] in ("'", "’", "%"):
        return False
    return not (after[:1] in ",." and after[1:].isdigit())


def plausible_year(text: str, start: int, end: int) -> bool:
    """A bare four-digit number is a year unless it is a count, a code or a name ("Group 1118")."""
    if not YEAR_MIN <= int(text[start:end]) <= YEAR_MAX or not standalone(text, start, end):
        return False
    if start and text[start - 1] in "$#,./:":
        return False
    if prev_word(text, start) in YEAR_BLOCKERS:
        return False
    return next_word(text, end) not in COUNT_UNITS or text[end : end + 1] in ",."


def last_year_before(text: str, start: int) -> int | None:
    """The last plausible year written before `start` ("in April of that year")."""
    found = None
    for match in _ANY_YEAR.finditer(text, 0, start):
        if plausible_year(text, match.start(), match.end()):
            found = int(match.group())
    return found


# ---------------------------------------------------------------- rules
# Each rule's regex starts with a literal core (a month name, "19"/"20", "the", a unit word),
# which the regex engine finds fast; what comes before the core is read by `_back`.

_D = r"[0-9]{1,2}(?:st|nd|rd|th)?\b(?!,[0-9]{3}|\.[0-9])"
_DAYS = rf"(?P<d>{_D})(?P<more>(?:\s*(?:-|–|&|and|to|through)\s*{_D})*)"
_Y = r"(?P<y>(?:19|20)[0-9]{2})\b(?![,.]?[0-9])"
_MODS = r"early|mid|late|the\s+(?:end|beginning|start|middle)\s+of"
_DAY_NUM = re.compile(r"[0-9]{1,2}")


def _back(pattern: re.Pattern[str], text: str, start: int, span: int = 40) -> re.Match[str] | None:
    """`pattern`, which ends in $, matched against the text just before `start`."""
    return pattern.search(text, max(0, start - span), start)


def _part(start: int, end: int, value: str | None, relative: bool) -> list[Part]:
    return [] if value is None else [(start, end, value, relative)]


def _day_parts(
    text: str,
    pub: Pub | None,
    month: int,
    days: re.Match[str],
    year: str | None,
    span: tuple[int, int],
) -> list[Part]:
    """One part per day of "March 1st and 2nd in 2005"; first and last parts reach the span ends."""
    more = days.start("more")
    spans = [days.span("d")] + [
        (more + f.start(), more + f.end()) for f in _DAY_NUM.finditer(days.group("more"))
    ]
    if year is not None and not YEAR_MIN <= int(year) <= YEAR_MAX:
        return []
    ahead = looks_ahead(text, span[0])
    parts: list[Part] = []
    for index, (start, end) in enumerate(spans):
        day = int(_DAY_NUM.match(text, start).group())  # type: ignore[union-attr]
        value = fmt(int(year), month, day) if year else resolve_month_day(month, day, pub, ahead)
        if value is None:
            return []
        first, last = index == 0, index == len(spans) - 1
        parts.append((span[0] if first else start, span[1] if last else end, value, year is None))
    return parts


MONTH_WORD = re.compile(rf"(?:{_alt(list(MONTHS))})\b\.?")
_AFTER_DAYS = re.compile(rf"\s*{_DAYS}(?:,?\s*(?:in\s+|of\s+)?{_Y})?")
_AFTER_YEAR = re.compile(rf",?\s+(?:of\s+)?{_Y}")
_AFTER_THAT_YEAR = re.compile(r"\s+(?:of\s+)?(?:that|the\s+same)\s+year\b")
_AFTER_REL_YEAR = re.compile(r"(?i:,?\s+(?:of\s+)?(?P<which>last|this)\s+year\b)")
_NEXT_DIGIT = re.compile(r"\.?\s*[0-9]")
_BEFORE_WEEKDAY = re.compile(rf"\b(?:{'|'.join(w.capitalize() for w in WEEKDAYS)}),?\s+$")
_BEFORE_DAYS = re.compile(rf"(?:\bthe\s+)?(?<![0-9,.])\b{_DAYS}\s+(?:of\s+)?$")
_BEFORE_LEAD = re.compile(rf"(?i:\b(?P<lead>{_MODS}|last|this|past))[\s-]+$")
_BARE_PREV = frozenset(
    "in since until till by during from through throughout of between and to around before after"
    " the".split()
)
_VERB_MONTHS = frozenset({"March", "May"})  # also verbs; "the Arduous March" is a famine


def month_rule(match: re.Match[str], text: str, pub: Pub | None) -> list[Part]:
    """'October 12, 2020', 'the 29th of September', 'March 1st and 2nd in 2005', 'in June'."""
    start, end = match.span()
    if start and text[start - 1].isalpha():
        return []
    name = text[start:end].rstrip(".")
    month = MONTHS[name]
    parts: list[Part] = []
    after = _AFTER_DAYS.match(text, end)
    if after:
        weekday = _back(_BEFORE_WEEKDAY, text, start, 12)
        span = (weekday.start() if weekday else start, after.end())
        parts += _day_parts(text, pub, month, after, after.group("y"), span)
    before = _back(_BEFORE_DAYS, text, start)
    # "No. 12 June 2009" is an issue number and a month, not the 12th of June.
    if before and prev_word(text, before.start()) not in YEAR_BLOCKERS:
        tail = _AFTER_YEAR.match(text, end)
        span = (before.start(), tail.end() if tail else end)
        parts += _day_parts(text, pub, month, before, tail.group("y") if tail else None, span)
    lead = _back(_BEFORE_LEAD, text, start, 30)
    tail = _AFTER_YEAR.match(text, end)
    if tail and YEAR_MIN <= int(tail.group("y")) <= YEAR_MAX:
        lead_start = lead.start() if lead and lead.group("lead")[0] in "emlt" else start
        parts += _part(lead_start, tail.end(), fmt(int(tail.group("y")), month), False)
    elif name in FULL_MONTHS and not after and not _NEXT_DIGIT.match(text, end):
        parts += _bare_month(text, pub, month, name, (start, end), lead)
    return parts


def _bare_month(
    text: str,
    pub: Pub | None,
    month: int,
    name: str,
    span: tuple[int, int],
    lead: re.Match[str] | None,
) -> list[Part]:
    start, end = span
    that_year = _AFTER_THAT_YEAR.match(text, end)
    if that_year:  # "in April of that year": the last year the text named
        year = last_year_before(text, start)
        return [] if year is None else _part(start, that_year.end(), fmt(year, month), True)
    if lead is None:
        before = prev_word(text, start)
        if before not in _BARE_PREV or (before == "the" and name in _VERB_MONTHS):
            return []
    if pub is None:
        return []
    which = _AFTER_REL_YEAR.match(text, end)
    word = lead.group("lead").lower() if lead else ""
    if which:
        year = pub.year - (which.group("which").lower() == "last")
    elif word in ("last", "past"):
        year = pub.year if pub.month is not None and month < pub.month else pub.year - 1
    else:
        year = month_year(month, pub, looks_ahead(text, start))
    span = (lead.start() if lead else start, which.end() if which else end)
    return _part(*span, fmt(year, month), True)


YEAR_WORD = re.compile(r"(?:19|20)[0-9]{2}")
_AFTER_NUMERIC = re.compile(
    r"\s?(?P<sep>[-/.])\s?(?P<m>[0-9]{1,2})\s?(?P=sep)\s?(?P<d>[0-9]{1,2})\b(?![-/.]?[0-9])"
)
_BEFORE_MDY = re.compile(r"(?<![0-9/])\b(?P<m>[0-9]{1,2})/(?P<d>[0-9]{1,2})/$")
_AFTER_KOREAN = re.compile(r"\s*년(?:\s*(?P<m>[0-9]{1,2})\s*월(?:\s*(?P<d>[0-9]{1,2})\s*일)?)?")
_BEFORE_YEAR_LEAD = re.compile(
    rf"(?i:\b(?:{_MODS}|the\s+year|(?:spring|summer|autumn|fall|winter)(?:\s+of)?))[\s-]+$"
)


def _group_int(match: re.Match[str], name: str) -> int | None:
    value = match.group(name)
    return int(value) if value else None


def year_rule(match: re.Match[str], text: str, pub: Pub | None) -> list[Part]:
    """'2020-10-12', '2020.10.12', '1/25/2007', '2020년 10월 12일', 'in 2019', 'spring of 2019'."""
    start, end = match.span()
    if (start and text[start - 1].isdigit()) or text[end : end + 1].isdigit():
        return []
    year = int(match.group())
    numeric = _AFTER_NUMERIC.match(text, end)
    if numeric and not (start and text[start - 1] in "./-"):
        month, day = int(numeric.group("m")), int(numeric.group("d"))
        return _part(start, numeric.end(), fmt(year, month, day), False)
    mdy = _back(_BEFORE_MDY, text, start, 6)
    if mdy and not text[end : end + 1] == "/":
        month, day = int(mdy.group("m")), int(mdy.group("d"))
        if month > 12:  # 25/1/2007 can only be day first
            month, day = day, month
        return _part(mdy.start(), end, fmt(year, month, day), False)
    korean = _AFTER_KOREAN.match(text, end)
    if korean:
        value = fmt(year, _group_int(korean, "m"), _group_int(korean, "d"))
        return _part(start, korean.end(), value, False)
    if not plausible_year(text, start, end):
        return []
    lead = _back(_BEFORE_YEAR_LEAD, text, start, 30)
    return _part(lead.start() if lead else start, end, fmt(year), False)


KOREAN_MONTH = re.compile(r"(?<![0-9])(?P<m>[0-9]{1,2})\s*월(?:\s*(?P<d>[0-9]{1,2})\s*일)?")


def korean_month(match: re.Match[str], text: str, pub: Pub | None) -> list[Part]:
    """'10월 12일' or '10월' without a year: resolved like 'October 12' or 'in October'."""
    if pub is None:
        return []
    month, day = int(match.group("m")), _group_int(match, "d")
    ahead = looks_ahead(text, match.start())
    if day is None:
        return _part(*match.span(), fmt(month_year(month, pub, ahead), month), True)
    return _part(*match.span(), resolve_month_day(month, day, pub, ahead), True)
