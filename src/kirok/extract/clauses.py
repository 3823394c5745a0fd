"""Clauses: a sentence that states two acts or two orders yields a record for each.

Reports pack several rules into one sentence ("markets will open only three hours a day;
travel is to be strictly limited"). The sentence is cut where a new clause begins — a
semicolon, a dash before "and", "while" or "but", a comma before "while", "whereas" or
"but" (a plain ", and" joins too many lists and one-act accounts to cut there) — and each
clause that states a record of its own gives it, with that clause as its evidence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TypeVar

from kirok.extract.lexicon import Hit
from kirok.model import Origin, Record, Span

# Where a new clause begins: the boundary itself, not the words of either clause.
_BOUNDARY = re.compile(
    r";\s+|\s*[–—]\s*(?=and\b|while\b|but\b)|,\s+(?=(?:while|whereas|but)\s+\w+\s+\w+)",
)
MIN_CLAUSE_WORDS = 4  # shorter pieces are lists or asides, not clauses

T = TypeVar("T")


def clause_spans(sentence: str) -> list[tuple[int, int]]:
    """The sentence's clauses as [start, end) offsets into it, in order."""
    spans: list[tuple[int, int]] = []
    start = 0
    for boundary in _BOUNDARY.finditer(sentence):
        if len(sentence[start : boundary.start()].split()) >= MIN_CLAUSE_WORDS:
            spans.append((start, boundary.start()))
            start = boundary.end()
    if spans and len(sentence[start:].split()) < MIN_CLAUSE_WORDS:
        last_start, _ = spans.pop()
        start = last_start
    spans.append((start, len(sentence)))
    return spans


def by_clause(
    sentence: str, hits: Sequence[tuple[T, Hit]]
) -> list[tuple[tuple[int, int], list[tuple[T, Hit]]]]:
    """The trigger hits grouped by the clause they fall in (clauses without any are left
    out). Offsets are relative to the sentence."""
    groups: list[tuple[tuple[int, int], list[tuple[T, Hit]]]] = []
    for span in clause_spans(sentence):
        inside = [(t, h) for t, h in hits if span[0] <= h.start < span[1]]
        if inside:
            groups.append((span, inside))
    return groups


def confine(
    record: Record,
    text: str,
    sentence_start: int,
    span: tuple[int, int],
    count: Callable[[str], int | None],
) -> Record:
    """The record as its clause states it: the clause as evidence, counted there when the
    clause counts its victims (else the sentence's count stands)."""
    start, end = sentence_start + span[0], sentence_start + span[1]
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not (text[end - 1].isalnum() or text[end - 1] in '”"’)]'):
        end -= 1
    record.evidence = [Span(start, end, text[start:end])]
    if record.kind == "incident":
        own = count(text[start:end])
        record.victims_count = own if own is not None else record.victims_count
    record.origins["clause"] = Origin("clauses", "clause", record.evidence[0].text)
    return record
