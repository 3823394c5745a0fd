"""Dates in Korean reports, resolved against the publication date with their precision.

Korean reporting dates an act relative to the day it is filed: "20일" (the 20th of this
month, or of last month when the 20th is still to come), "지난달 말", "이달 초", "지난 3월",
"올해 초", "작년"; explicit dates are "2021년 5월 20일" or, in datelines, "2021.05.20".
"""

from __future__ import annotations

import re

from kirok.extract.dates import DateMention

_Y = r"(?P<y>(?:19|20)\d\d)"
# explicit: 2021년 5월 20일, 2021.05.20, 2021-05-20, 2021년 5월, 2021년
_FULL = re.compile(
    rf"{_Y}\s*(?:년\s*(?P<m>\d{{1,2}})\s*월\s*(?:(?P<d>\d{{1,2}})\s*일)?|"
    r"[.\-/]\s*(?P<m2>\d{1,2})\s*[.\-/]\s*(?P<d2>\d{1,2})(?!\d)|\s*년(?!\s*(?:간|동안|대)))"
)
# month and day without a year: 5월 20일, 지난 3월 (초|중순|말)
_MONTH = re.compile(
    r"(?<![\d.])(?:지난\s*)?(?P<m>\d{1,2})\s*월(?:\s*(?P<d>\d{1,2})\s*일)?(?!\s*(?:간|동안))"
)
# a day of this month: 20일, 지난 9일 — not a span ("3일간", "10일 동안", "30일 노동단련대")
_DAY = re.compile(
    r"(?<![\d.월])(?:지난\s*)?(?P<d>\d{1,2})\s*일(?!\s*(?:간|동안|만에|째|이상|정도|노동|씩|이내|여))"
)
_DATELINE = re.compile(
    r"(?P<y>(?:19|20)\d\d)\s*[.\-/년]\s*(?P<m>\d{1,2})\s*[.\-/월]\s*(?P<d>\d{1,2})"
)
# a month of a year named by a word: "지난해 12월", "올해 3월 5일"
_YEAR_MONTH = re.compile(
    r"(?P<w>재작년|작년|지난해|올해|금년|올)\s*(?P<m>\d{1,2})\s*월(?:\s*(?P<d>\d{1,2})\s*일)?"
)
_YEARS_BACK = {"재작년": 2, "작년": 1, "지난해": 1, "올해": 0, "금년": 0, "올": 0}
_UNTIL = re.compile(r"\s*(?:말|초|중순|하순|상순)?\s*까지")
_PREDICATE = re.compile(r"다[.\"”’']*(?:\s|$)")
_WORDS = re.compile(
    r"재작년|작년|지난해|올해|금년|지난달|지난 달|이달|이번 달|이번달|어제|그저께|그제"
    r"|최근(?! 들어|\s?몇)"
)


def _fmt(y: int, m: int | None = None, d: int | None = None) -> str:
    if m is None:
        return f"{y:04d}"
    return f"{y:04d}-{m:02d}" if d is None else f"{y:04d}-{m:02d}-{d:02d}"


def _pub(published: str | None) -> tuple[int, int | None, int | None] | None:
    if not published:
        return None
    parts = [int(p) for p in published.split("-")]
    return parts[0], (parts[1] if len(parts) > 1 else None), (parts[2] if len(parts) > 2 else None)


def _back_month(y: int, m: int, n: int = 1) -> tuple[int, int]:
    m -= n
    while m < 1:
        m, y = m + 12, y - 1
    return y, m


def publication_date(text: str) -> str | None:
    """A dateline or byline near the top ("[데일리NK 2021-05-20]", "2021.05.20")."""
    head = text[:400]
    match = _DATELINE.search(head)
    if match is None:
        return None
    y, m, d = int(match["y"]), int(match["m"]), int(match["d"])
    return _fmt(y, m, d) if 1 <= m <= 12 and 1 <= d <= 31 else None


def _resolve_word(word: str, pub: tuple[int, int | None, int | None]) -> str | None:
    y, m, d = pub
    if word in ("재작년",):
        return _fmt(y - 2)
    if word in ("작년", "지난해"):
        return _fmt(y - 1)
    if word in ("올해", "금년"):
        return _fmt(y)
    if m is None:
        return None
    if word in ("지난달", "지난 달", "전달"):
        return _fmt(*_back_month(y, m))
    if word in ("이달", "이번 달", "이번달"):
        return _fmt(y, m)
    if word == "최근":
        # "recently", of an act: the news of the month it is filed in ("최근 공개총살됐다");
        # "최근 들어" (of late) and "최근 몇 년" are spans, no date
        return _fmt(y, m)
    if d is None:
        return _fmt(y, m)
    back = 2 if word in ("그저께", "그제") else 1
    if d > back:
        return _fmt(y, m, d - back)
    return _fmt(*_back_month(y, m))


# the day a source spoke, not the day of the act: "소식통은 26일 데일리NK에",
# "한 소식통(익명 요청)은 2일 전했다" — but not "소식통에 따르면 보위부가 20일": there the
# subject is the act's
_SPEAKER_BEFORE = re.compile(
    r"(?:소식통|관계자|통신|매체|방송|기자|협력자)(?![^.“”\"]*따르면)[^.“”\"]{0,30}[은는이가]\s*$"
)
# "23일 데일리NK 함경북도 소식통에 따르면": a day right before the outlet's name is the day
# it was told, with or without a particle
_TOLD_AFTER = re.compile(
    r"\s*(?:데일리NK|데일리엔케이|RFA|자유아시아방송|본지|아시아프레스|연합뉴스|뉴스)(?:[에와과]|\s)|"
    r"\s*(?:전했|밝혔|말했|알려왔|보도했|전해왔)|"
    # "24일 복수의 데일리NK 북한 내부 소식통에 따르면": the day of the telling, before its source
    r"[^.“”\"\d]{0,40}?(?:소식통|매체|방송|통신|연대|단체)(?:들)?에 따르면"
)


def _speaking_day(text: str, start: int, end: int) -> bool:
    return bool(_SPEAKER_BEFORE.search(text[max(0, start - 50) : start])) or bool(
        _TOLD_AFTER.match(text, end)
    )


def _byline(text: str, start: int) -> bool:
    """A date in "[데일리NK 2021-05-20]" or on a short line of its own dates the report,
    not an act."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line = text[line_start : len(text) if line_end == -1 else line_end].strip()
    opened = text.rfind("[", max(0, start - 30), start)
    # a byline or caption line states nothing: no predicate ending in 다
    return (len(line) <= 40 and not _PREDICATE.search(line)) or (
        opened != -1 and "]" not in text[opened:start]
    )


def _year_before(text: str, start: int, found: list[DateMention]) -> int | None:
    """The year of a date named earlier in the same sentence, within a short reach."""
    for mention in reversed(found):
        if mention.end <= start and start - mention.end <= 60:
            between = text[mention.end : start]
            if "." not in between and "\n" not in between and len(mention.value) >= 7:
                return int(mention.value[:4])
    return None


def find_dates(text: str, published: str | None) -> list[DateMention]:
    """Every date the text gives, explicit or resolved, in text order."""
    pub = _pub(published)
    out: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, value: str | None, relative: bool) -> None:
        if value is None or any(a < end and start < b for a, b in taken) or _byline(text, start):
            return
        if _UNTIL.match(text, end):
            taken.append((start, end))  # the end of a span ("6월까지"): the act is its start
            return
        taken.append((start, end))
        out.append(DateMention(start, end, text[start:end], value, relative))

    for m in _FULL.finditer(text):
        y = int(m["y"])
        month, day = m["m"] or m["m2"], m["d"] or m["d2"]
        if month and not 1 <= int(month) <= 12:
            continue
        add(
            m.start(),
            m.end(),
            _fmt(y, int(month) if month else None, int(day) if day else None),
            False,
        )
    if pub is not None:
        py, pm, pd = pub
        for m in _YEAR_MONTH.finditer(text):
            month = int(m["m"])
            if 1 <= month <= 12:
                day = int(m["d"]) if m["d"] else None
                add(m.start(), m.end(), _fmt(py - _YEARS_BACK[m["w"]], month, day), True)
        for m in _MONTH.finditer(text):
            month = int(m["m"])
            if not 1 <= month <= 12:
                continue
            # a month still to come this year was last year's, unless the sentence has
            # just named a year ("지난해 2월 체포, 4월에 재판": April of that year)
            year = py - 1 if pm is not None and month > pm else py
            named = _year_before(text, m.start(), out)
            year = named if named is not None else year
            add(m.start(), m.end(), _fmt(year, month, int(m["d"]) if m["d"] else None), True)
        for m in _WORDS.finditer(text):
            add(m.start(), m.end(), _resolve_word(m.group(0), pub), True)
        if pm is not None:
            for m in _DAY.finditer(text):
                day = int(m["d"])
                if not 1 <= day <= 31:
                    continue
                if _speaking_day(text, m.start(), m.end()):
                    continue
                year, month = (py, pm) if pd is None or day <= pd else _back_month(py, pm)
                add(m.start(), m.end(), _fmt(year, month, day), True)
    return sorted(out, key=lambda d: d.start)
