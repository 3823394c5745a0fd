"""Knowledge CSVs compiled into patterns, once per process.

A lexicon maps a codebook value (an organ, an offence, a trigger type...) to one
regular expression; `scan` runs each over the whole report once and returns hits with
offsets, which the pipeline then hands out to sentences.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, Protocol, TypeVar

from kirok.knowledge import read_table


@dataclass(frozen=True)
class Hit:
    value: str
    start: int
    end: int
    text: str


def _compile(pattern: str) -> re.Pattern[str]:
    # Word edges are added here so that data files hold only the words themselves.
    return re.compile(rf"(?<![\w-])(?:{pattern})(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=None)
def lexicon(name: str, key: str, pattern: str = "pattern") -> dict[str, re.Pattern[str]]:
    """Rows of knowledge/NAME grouped by column KEY, each group's patterns joined into one."""
    grouped: dict[str, list[str]] = defaultdict(list)
    for row in read_table(name):
        grouped[row[key]].append(row[pattern])
    return {value: _compile("|".join(f"(?:{p})" for p in parts)) for value, parts in grouped.items()}


@dataclass(frozen=True)
class Trigger:
    kind: str
    type: str
    weight: float
    pattern: re.Pattern[str]


@lru_cache(maxsize=None)
def triggers() -> tuple[Trigger, ...]:
    """One compiled trigger per row of knowledge/triggers.csv, keeping each row's weight."""
    return tuple(
        Trigger(row["kind"], row["type"], float(row["weight"]), _compile(row["pattern"]))
        for row in read_table("triggers.csv")
    )


def scan(text: str, patterns: dict[str, re.Pattern[str]]) -> list[Hit]:
    hits = [
        Hit(value, m.start(), m.end(), m.group(0))
        for value, pattern in patterns.items()
        for m in pattern.finditer(text)
    ]
    hits.sort(key=lambda h: (h.start, -h.end))
    return hits


class Located(Protocol):
    @property
    def start(self) -> int: ...


T = TypeVar("T", bound=Located)


class Index(Generic[T]):
    """Mentions bucketed by the sentence they fall in, for quick per-sentence look-ups."""

    def __init__(self, sentence_starts: list[int], mentions: list[T]) -> None:
        self._buckets: dict[int, list[T]] = defaultdict(list)
        for mention in mentions:
            self._buckets[bisect_right(sentence_starts, mention.start) - 1].append(mention)

    def in_sentence(self, index: int) -> list[T]:
        return self._buckets.get(index, [])
