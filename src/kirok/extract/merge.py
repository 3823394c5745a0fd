"""Restatements folded into the record they restate.

Reports tell their main event more than once: the lede, then a source's words, then a
recap. A later sentence that states the same act or order, saying nothing that sets it
apart, adds its words as evidence to the first record instead of making a new one.
"""

from __future__ import annotations

import re
from itertools import islice
from typing import Any

from kirok.extract.offenses import specific
from kirok.extract.victims import groups_of
from kirok.model import Record

INCIDENT_MERGE_WINDOW = 3  # sentences within which a restated act is one incident
_DEFINITE = re.compile(
    r"\b(?:the|these|this|those|such|that)\s+(?!as\s)(?:[\w-]+\s+)?$"
    # Korean: 이번 검열, 이 단속, 해당 처형, 이러한 조치, 이같은 단속
    r"|(?<![가-힣])(?:이번|이|그|해당|이러한|이런|이같은|이와 같은)\s?$",
    re.I,
)
# a trigger that is a verb phrase ("will be confiscated") restates nothing, whatever precedes it
_VERBAL = re.compile(
    r"(?:will|would|shall|could|can|may|must|has|have|had|was|were|is|are|be)\b", re.I
)
_BACK_REFERENCE = re.compile(
    r"(?:\b(?:the|these|this|those|such|that|its|their)\s+(?:[\w-]+\s+)?"
    r"|(?:'s|’s)\s+(?:[\w-]+\s+){0,3})$",
    re.I,
)
# the nouns by which a report points back to an order it already told of ("these orders")
_ORDER_NOUN = re.compile(
    r"^(?:orders?|instructions?|directives?|decrees?|ordinances?|mandates?|guidelines?)$", re.I
)
MEASURE_MERGE_WINDOW = 0  # sentences within which a restated order is one measure
# records looked back over for the one restated: a report holds far fewer, and the bound
# keeps text dense with triggers linear (every record against every other was quadratic)
MERGE_LOOKBACK = 100


def _same_occasion(earlier: Record, later: Record, gap: int) -> bool:
    """A later sentence restating an act or order already recorded: same type, saying
    nothing that sets it apart (its own date, another place, another count). Reports
    come back to their main event anywhere; a measure is restated close by."""
    if gap == 0 and "clause" in earlier.origins and "clause" in later.origins:
        return False  # two clauses of one sentence, each stating its own
    if later.kind == earlier.kind == "measure" and _points_back(later):
        return True
    if (earlier.kind, earlier.type) == (later.kind, later.type) and _said_again(earlier, later):
        return True  # a pull quote, a paragraph printed twice: the page tells its acts once
    if earlier.kind != later.kind or earlier.type != later.type:
        return False
    if gap == 0 and earlier.date != later.date:
        return False  # one sentence dating two acts: "four were shot on the 29th, five on the 7th"
    if later.kind == "measure":
        restated = _restates(later) and not _VERBAL.match(later.origins["type"].words)
        return (gap <= MEASURE_MERGE_WINDOW or restated) and later.place == earlier.place
    close = gap <= INCIDENT_MERGE_WINDOW or _restates(later) or _restates(earlier)
    same_date = _dates_agree(later.date, earlier.date) or not (
        _own_date(later) and _own_date(earlier)
    )
    same_place = None in (later.place.locality, earlier.place.locality) or (
        later.place.locality == earlier.place.locality
    )
    same_count = None in (later.victims_count, earlier.victims_count) or (
        later.victims_count == earlier.victims_count
    )
    return close and same_date and same_place and same_count


def _said_again(earlier: Record, later: Record) -> bool:
    """The same words at another place of the page (one sentence may state two acts)."""
    said = {span.text: span.start for span in earlier.evidence}
    return any(said.get(span.text, span.start) != span.start for span in later.evidence)


def _dates_agree(a: str | None, b: str | None) -> bool:
    """Equal as far as the less precise of the two goes ("2020-11" and "2020-11-28")."""
    if a is None or b is None:
        return a == b
    return a.startswith(b) or b.startswith(a)


def _own_date(record: Record) -> bool:
    return record.rule("date") == "own"


def _restates(record: Record) -> bool:
    return bool(_DEFINITE.search(record.origins["type"].before))


def _points_back(record: Record) -> bool:
    """An order named by a definite reference ("the orders", "Kim's September 29 orders")."""
    trigger = record.origins["type"]
    return bool(_ORDER_NOUN.match(trigger.words)) and bool(_BACK_REFERENCE.search(trigger.before))


def merge(found: list[tuple[int, Record]]) -> list[Record]:
    """Fold restatements into the record they restate. A record's distance is counted
    from the last sentence that stated it, so a report can keep coming back to it."""
    kept: list[list[Any]] = []  # [index of the latest sentence stating it, record]
    for index, record in found:
        entry = next(
            (e for e in islice(reversed(kept), MERGE_LOOKBACK)
             if _same_occasion(e[1], record, index - e[0])),
            None,
        )
        if entry is None:
            kept.append([index, record])
            continue
        entry[0] = index
        match: Record = entry[1]
        if record.evidence[0] not in match.evidence:
            match.evidence.append(record.evidence[0])
        more_precise = _dates_agree(record.date, match.date) and len(record.date or "") > len(
            match.date or ""
        )
        if _own_date(record) and (not _own_date(match) or more_precise):
            match.date, match.origins["date"] = record.date, record.origins["date"]
        if record.place.locality and not match.place.locality:
            match.place, match.origins["place"] = record.place, record.origins["place"]
        if match.victims_count is None:
            match.victims_count = record.victims_count
        match.offenses = specific(list(dict.fromkeys(match.offenses + record.offenses)))
        if match.kind == "incident":
            match.victim_groups = groups_of(match.victim_groups + record.victim_groups)
        if match.organs == ["authorities"]:
            match.organs = list(record.organs)
        match.public = match.public or record.public
        match.confidence = min(0.95, max(match.confidence, record.confidence) + 0.05)
    return [e[1] for e in kept]
