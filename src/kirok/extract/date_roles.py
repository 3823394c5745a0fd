"""Which dates in a sentence say when its act happened.

Most dates a report gives are not its acts': how long a state lasted ("secretary since
2019"), until when a rule holds, when a source spoke or a paper reported ("the agency
said on Wednesday", "reported early Friday"), when a rule takes effect ("from January 1,
residents will not be allowed…"), a span of years ("from 2009 to 2019"), the
page's own date, or an example ("on holidays such as Feb 16th").
"""

from __future__ import annotations

import re

from kirok.extract.dates import DateMention

_NOT_EVENT = re.compile(
    r"\b(?:until|till|ahead of|falls on|by the end of|run-up to|anniversary|before)\b[^.]*$"
    # "secretary since 2019": how long a state lasted; "Since January, ..." starts an act
    r"|\w[ \t]+since\s+$"
    r"|^\s*(?:date|published|updated|posted)\s*:?\s*$",
    re.IGNORECASE,
)
# "since Kim came to power in December 2011": the date of the since-clause's own event
_SINCE_CLAUSE = re.compile(r"\bsince\s+(?:[\w'’-]+\s+){1,5}(?:in|on|at)\s+$", re.IGNORECASE)
# the day a source spoke or the news was told, not the day of the act:
# "told Daily NK on the 9th", "the reports on Wednesday said", "reported early Friday"
_SPOKE = re.compile(
    r"\b(?:told|tells|said|says|speaking|spoke|conversation|interview|contacted|"
    r"(?:phone|telephone) call|call with|calls with|reported|reports|broadcast|aired)\b"
    # a few words on, before "that" or a new clause: "told Daily NK on", "said on"
    r"(?:\s+(?!that\b)[\w'’.-]+){0,5}\s+$",
    re.IGNORECASE,
)
_SPOKE_AFTER = re.compile(r"\s*,?\s+(?:said|says|reported|to report|told)\b", re.IGNORECASE)
# a date given as an example of when things happen, not when this did
_EXAMPLE = re.compile(
    r"\b(?:like|such as|e\.g\.|for example|for instance)\s+(?:\w+\s+){0,2}$", re.I
)
# a wire dateline: "SEOUL, Jan. 19 (Yonhap) --" dates the story, not the act
_DATELINE = re.compile(r"\s*\([A-Z][\w .-]{1,30}\)\s*(?:--|—|–|-)")
# "from 2009 to 2019", "between 2009 and 2019": a span has no one date
_SPAN_OPEN = re.compile(r"\b(?:from|between)\s+(?:early\s+|late\s+|mid-?)?$", re.IGNORECASE)
_SPAN_CLOSE = re.compile(
    r"\s*(?:to|until|till|through|and|[-–—])\s*(?:early\s+|late\s+)?(?:[A-Z][a-z]+\.?\s+)?\d{4}\b"
)
_SPAN_CLOSING = re.compile(
    r"\b(?:from|between)\s+(?:[A-Z][a-z]+\.?\s+)?\d{4}\s*(?:to|until|till|through|and|[-–—])\s*$"
)
# "from January 1, residents will …": when a rule takes effect, not when it was issued
_TAKES_EFFECT = re.compile(
    r"\b(?:from|starting(?:\s+(?:from|on))?|beginning(?:\s+on)?|as\s+of|effective)\s+$",
    re.IGNORECASE,
)
_FUTURE = re.compile(r"\b(?:will|shall|are to|is to|would have to)\b", re.IGNORECASE)


def dates_an_act(text: str, mention: DateMention, sentence_end: int) -> bool:
    """Whether the date says when the sentence's act happened."""
    before = text[max(0, mention.start - 60) : mention.start]
    return not (
        _NOT_EVENT.search(before[-25:])
        or _SINCE_CLAUSE.search(before)
        or _SPOKE.search(before)
        or _SPOKE_AFTER.match(text, mention.end)
        or _DATELINE.match(text, mention.end)
        or alone_on_its_line(text, mention)
        or _is_span(text, mention, before)
        or _takes_effect(text, mention, before, sentence_end)
    )


def given_as_example(text: str, mention: DateMention) -> bool:
    return bool(_EXAMPLE.search(text[max(0, mention.start - 40) : mention.start]))


def _is_span(text: str, mention: DateMention, before: str) -> bool:
    opens = _SPAN_OPEN.search(before) and _SPAN_CLOSE.match(text, mention.end)
    return bool(opens or _SPAN_CLOSING.search(before))


def _takes_effect(text: str, mention: DateMention, before: str, sentence_end: int) -> bool:
    return bool(_TAKES_EFFECT.search(before) and _FUTURE.search(text, mention.end, sentence_end))


def alone_on_its_line(text: str, mention: DateMention) -> bool:
    """A date standing alone on its line ("1/25/2007") is the page's date, not an event's."""
    # walk out over blanks only: reading the whole line was quadratic in a text of one line
    before = mention.start - 1
    while before >= 0 and text[before] != "\n" and text[before].isspace():
        before -= 1
    after = mention.end
    while after < len(text) and text[after] != "\n" and text[after].isspace():
        after += 1
    return (before < 0 or text[before] == "\n") and (after == len(text) or text[after] == "\n")
