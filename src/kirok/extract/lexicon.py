"""Knowledge CSVs compiled into patterns, once per process.

A lexicon maps a codebook value (an organ, an offence, a trigger type...) to one
regular expression; `scan` runs each over the whole report once and returns hits with
offsets, which the pipeline then hands out to sentences.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Generic, Protocol, TypeVar

from kirok.knowledge import read_table


@dataclass(frozen=True)
class Hit:
    value: str
    start: int
    end: int
    text: str


class Matcher:
    """A data file's patterns, compiled to match at word edges regardless of case.

    Two things keep the extractor fast: patterns that need no case of their own run on
    the lower-cased text (about twice as fast as re.IGNORECASE), and each pattern knows
    the word beginnings it can start with, so a sentence holding none of them is skipped
    without running the pattern at all."""

    def __init__(self, patterns: list[str]) -> None:
        plain = [p for p in patterns if "(?-i:" not in p and p == p.lower()]
        cased = [p for p in patterns if p not in plain]
        self.folded = _wrap(plain, 0) if plain else None
        self.anycase = _wrap(cased, re.IGNORECASE) if cased else None
        self.plain_anycase = _wrap(plain, re.IGNORECASE) if plain else None
        starts = [word_starts(p) for p in patterns]
        self.starts: frozenset[str] | None = (
            None if any(s is None for s in starts) else frozenset().union(*starts)  # type: ignore[arg-type]
        )

    def may_match(self, beginnings: set[str] | None) -> bool:
        return beginnings is None or self.starts is None or not self.starts.isdisjoint(beginnings)

    def finditer(self, text: str, lower: str | None = None) -> Iterator[re.Match[str]]:
        if self.folded is not None:
            if lower is not None:
                yield from self.folded.finditer(lower)
            elif self.plain_anycase is not None:
                yield from self.plain_anycase.finditer(text)
        if self.anycase is not None:
            yield from self.anycase.finditer(text)

    def search(self, text: str, lower: str | None = None) -> re.Match[str] | None:
        return next(self.finditer(text, lower), None)


def _wrap(patterns: list[str], flags: int) -> re.Pattern[str]:
    # Word edges are added here so that data files hold only the words themselves.
    joined = "|".join(f"(?:{p})" for p in patterns)
    return re.compile(rf"(?<![\w-])(?:{joined})(?!\w)", flags)


_SPECIAL = set("\\()[]{}|.*+?^$")
PREFIX = 3  # letters of a word's beginning that the quick check compares (see beginnings)


def _top_level(pattern: str) -> list[str]:
    """Split a pattern at its top-level | signs."""
    parts, depth, start, i = [], 0, 0, 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            i = pattern.index("]", i + 2 if pattern[i + 1 : i + 2] == "]" else i + 1)
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts.append(pattern[start:])
    return parts


def _closing(pattern: str, open_at: int) -> int:
    depth, i = 0, open_at
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            i = pattern.index("]", i + 2 if pattern[i + 1 : i + 2] == "]" else i + 1)
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    raise ValueError(f"unbalanced pattern: {pattern}")


def word_starts(pattern: str) -> frozenset[str] | None:
    """The lower-cased beginnings (up to PREFIX letters) of every word the pattern can
    start with, or None when that cannot be told (it starts with a class or an option)."""
    out: set[str] = set()
    for alternative in _top_level(pattern):
        found = _alternative_starts(alternative)
        if found is None:
            return None
        out |= found
    return frozenset(out)


def _alternative_starts(alternative: str) -> set[str] | None:
    if alternative.startswith("(?:") or alternative.startswith("(?-i:"):
        close = _closing(alternative, 0)
        if alternative[close + 1 : close + 2] in ("?", "*", "{"):
            return None
        inner = alternative[alternative.index(":") + 1 : close]
        rest = alternative[close + 1 :]
        heads = word_starts(inner)
        if heads is None:
            return None
        # a short head ("a", "an") runs into what follows; too weak to check, so give up
        return set(heads) if all(len(h) >= 2 for h in heads) or not rest else None
    literal = ""
    for char in alternative:
        if char in _SPECIAL or not (char.isalnum() or char == "_"):
            if char in "?*{" and literal:
                literal = literal[:-1]  # the last letter is optional
            break
        literal += char
    if not literal:
        return None
    return {literal[:PREFIX].lower()}


_WORD = re.compile(r"(?<![\w-])\w+")


def beginnings(text: str) -> set[str]:
    """Every word beginning of 1 to PREFIX letters in the text, for Matcher.may_match."""
    words = _WORD.findall(text.lower())
    return {w[:3] for w in words} | {w[:2] for w in words} | {w[:1] for w in words}


def fold(text: str) -> str | None:
    """The text lower-cased, when that keeps every offset (it does not for a few scripts)."""
    lower = text.lower()
    return lower if len(lower) == len(text) else None


def _compile(pattern: str) -> Matcher:
    return Matcher([pattern])


@cache
def lexicon(name: str, key: str, pattern: str = "pattern") -> dict[str, Matcher]:
    """Rows of knowledge/NAME grouped by column KEY, each group's patterns joined into one."""
    grouped: dict[str, list[str]] = defaultdict(list)
    for row in read_table(name):
        grouped[row[key]].append(row[pattern])
    return {value: Matcher(parts) for value, parts in grouped.items()}


@dataclass(frozen=True)
class Trigger:
    kind: str
    type: str
    weight: float
    pattern: Matcher
    needs: str = ""  # "", "support" or "condition": see knowledge/triggers.csv


@cache
def triggers() -> tuple[Trigger, ...]:
    """One compiled trigger per row of knowledge/triggers.csv, keeping each row's weight."""
    return tuple(
        Trigger(
            row["kind"], row["type"], float(row["weight"]), _compile(row["pattern"]), row["needs"]
        )
        for row in read_table("triggers.csv")
    )


def scan(text: str, patterns: dict[str, Matcher], lower: str | None = None) -> list[Hit]:
    lower = lower if lower is not None else fold(text)
    present = beginnings(text)
    hits = [
        Hit(value, m.start(), m.end(), text[m.start() : m.end()])
        for value, pattern in patterns.items()
        if pattern.may_match(present)
        for m in pattern.finditer(text, lower)
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
