"""What a cue word bears on: the acts within its reach, in words, in its direction.

The reach of each cue is data (knowledge/cue_scopes.csv), so that "did not arrest" is
negated while "did not say why, but arrested" is not, without a rule per sentence.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from kirok.extract.lexicon import Hit
from kirok.knowledge import read_table

FILE = "cue_scopes.csv"
DIRECTIONS = ("forward", "backward", "both")


@dataclass(frozen=True)
class Scope:
    direction: str
    reach: int | None  # words; None: the whole sentence


@cache
def scopes() -> dict[str, tuple[Scope, ...]]:
    found: dict[str, list[Scope]] = defaultdict(list)
    for row in read_table(FILE):
        if row["direction"] not in DIRECTIONS:
            raise ValueError(f"{FILE}: direction {row['direction']!r} is not one of {DIRECTIONS}")
        reach = None if row["reach"] == "sentence" else int(row["reach"])
        found[row["cue"]].append(Scope(row["direction"], reach))
    return {cue: tuple(rows) for cue, rows in found.items()}


def words_between(sentence: str, start: int, end: int) -> int:
    return len(sentence[start:end].split())


def bears_on(cue: str, hits: Iterable[Hit], act: Hit, sentence: str) -> bool:
    """Whether any of the cue's words reach the act (offsets relative to the sentence)."""
    rules = scopes().get(cue, ())
    return any(_reaches(rule, hit, act, sentence) for hit in hits for rule in rules)


def _reaches(rule: Scope, cue: Hit, act: Hit, sentence: str) -> bool:
    if cue.end <= act.start:
        if rule.direction == "backward":
            return False
        gap = words_between(sentence, cue.end, act.start)
    elif act.end <= cue.start:
        if rule.direction == "forward":
            return False
        gap = words_between(sentence, act.end, cue.start)
    else:
        return rule.direction == "both"  # overlapping: "caught in Yanji"
    return rule.reach is None or gap <= rule.reach


def words_before(text: str, start: int, count: int, floor: int = 0) -> str:
    """The `count` words that end where `start` is (never reaching back before `floor`),
    with the spaces after them: the context a rule reads before a word."""
    begin = start
    for _ in range(count):
        end = begin
        while end > floor and text[end - 1].isspace():
            end -= 1
        if end == floor:
            break
        while end > floor and not text[end - 1].isspace():
            end -= 1
        begin = end
    return text[begin:start]
