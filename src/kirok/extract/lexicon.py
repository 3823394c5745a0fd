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

    Patterns that need no case of their own run on the lower-cased text (about twice as
    fast as re.IGNORECASE); `starts` are the word beginnings a match can start with,
    which lets a Vocabulary try the pattern only at those words."""

    def __init__(self, patterns: list[str]) -> None:
        plain = [p for p in patterns if "(?-i:" not in p and p == p.lower()]
        cased = [p for p in patterns if p not in plain]
        self.folded = _wrap(plain, 0) if plain else None
        self.anycase = _wrap(cased, re.IGNORECASE) if cased else None
        self.plain_anycase = _wrap(plain, re.IGNORECASE) if plain else None
        # the same, to be tried only at a word's first letter (so without the look-behind)
        self.folded_here = _wrap(plain, 0, anchored=True) if plain else None
        self.anycase_here = _wrap(cased, re.IGNORECASE, anchored=True) if cased else None
        starts = [word_starts(p) for p in patterns]
        self.starts: frozenset[str] | None = (
            None if any(s is None for s in starts) else frozenset().union(*starts)  # type: ignore[arg-type]
        )

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



def _wrap(patterns: list[str], flags: int, anchored: bool = False) -> re.Pattern[str]:
    # Word edges are added here so that data files hold only the words themselves.
    joined = "|".join(f"(?:{p})" for p in patterns)
    edge = "" if anchored else r"(?<![\w-])"
    return re.compile(rf"{edge}(?:{joined})(?!\w)", flags)


K = TypeVar("K")


class Vocabulary(Generic[K]):
    """Many matchers run together over one text. Each is tried only at the words that
    begin as it can begin, which is most of what makes the extractor fast: a report has
    a few hundred words and a matcher's first letters fit only a handful of them."""

    def __init__(self, matchers: dict[K, Matcher]) -> None:
        self.matchers = matchers
        self.by_beginning: dict[str, list[K]] = defaultdict(list)
        self.everywhere: list[K] = []
        self._keys: dict[str, tuple[K, ...]] = {}
        self._here = {key: (m.folded_here, m.anycase_here) for key, m in matchers.items()}
        for key, matcher in matchers.items():
            if matcher.starts is None:
                self.everywhere.append(key)
            else:
                for beginning in matcher.starts:
                    self.by_beginning[beginning].append(key)

    def _keys_for(self, head: str) -> tuple[K, ...]:
        """The matchers that may start at a word looked up as `head`: its first letters,
        or the whole word and a space when it is shorter than PREFIX (cached)."""
        word = head.rstrip(" ")
        keys = []
        for k in range(1, len(word) + 1):
            keys += self.by_beginning.get(word[:k], [])
        if head.endswith(" "):
            keys += self.by_beginning.get(head, [])
        found = tuple(dict.fromkeys(keys))
        self._keys[head] = found
        return found

    def find(self, text: str, lower: str | None = None) -> list[tuple[K, int, int]]:
        """(key, start, end) of every match, without overlaps between one key's matches."""
        lower = lower if lower is not None else fold(text)
        if lower is None:
            return [
                (key, m.start(), m.end())
                for key, matcher in self.matchers.items()
                for m in matcher.finditer(text)
            ]
        found: list[tuple[K, int, int]] = []
        reached: dict[K, int] = {}
        for word in _WORD.finditer(lower):
            pos, end = word.span()
            head = lower[pos : pos + PREFIX] if end - pos >= PREFIX else lower[pos:end] + " "
            keys = self._keys.get(head)
            if keys is None:
                keys = self._keys_for(head)
            for key in keys:
                if reached.get(key, -1) > pos:
                    continue
                folded, anycase = self._here[key]
                m = (folded and folded.match(lower, pos)) or (anycase and anycase.match(text, pos))
                if m:
                    found.append((key, pos, m.end()))
                    reached[key] = m.end()
        for key in self.everywhere:
            found += [(key, m.start(), m.end()) for m in self.matchers[key].finditer(text, lower)]
        found.sort(key=lambda f: (f[1], -f[2]))
        return found


_SPECIAL = set("\\()[]{}|.*+?^$")
PREFIX = 4  # letters of a word's beginning that the quick check compares (see beginnings)


def _structure(pattern: str) -> Iterator[tuple[int, str, int]]:
    """(position, character, group depth after it) for each character of a pattern that
    is not escaped and not inside a character class."""
    depth, i = 0, 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            i = pattern.index("]", i + 2 if pattern[i + 1 : i + 2] == "]" else i + 1) + 1
            continue
        depth += {"(": 1, ")": -1}.get(char, 0)
        yield i, char, depth
        i += 1


def _top_level(pattern: str) -> list[str]:
    """Split a pattern at its top-level | signs."""
    cuts = [i for i, char, depth in _structure(pattern) if char == "|" and depth == 0]
    bounds = [-1, *cuts, len(pattern)]
    return [pattern[a + 1 : b] for a, b in zip(bounds, bounds[1:], strict=False)]


def _closing(pattern: str) -> int:
    """Where the group that opens the pattern closes."""
    for i, char, depth in _structure(pattern):
        if char == ")" and depth == 0:
            return i
    raise ValueError(f"unbalanced pattern: {pattern}")


def word_starts(pattern: str) -> frozenset[str] | None:
    """How every match of the pattern can begin, or None when that cannot be told (it
    starts with a class or an option): the first PREFIX letters of its first word,
    lower-cased, or a whole short word followed by a space ("in ") when the pattern's
    first word is one; the text's words are looked up the same way."""
    heads = _starts(pattern)
    return None if heads is None else frozenset(_closed(h, " ") for h in heads)


def _closed(head: str, follower: str) -> str:
    """A short whole word ("in$") is exact when a space follows it, else a beginning."""
    if not head.endswith("$"):
        return head
    return head[:-1] + " " if follower[:1] == " " or follower.startswith("\\s") else head[:-1]


def _starts(pattern: str) -> set[str] | None:
    out: set[str] = set()
    for alternative in _top_level(pattern):
        found = _alternative_starts(alternative)
        if found is None:
            return None
        out |= found
    return out


def _alternative_starts(alternative: str) -> set[str] | None:
    for edge in ("\\b", "^"):
        if alternative.startswith(edge):
            alternative = alternative[len(edge) :]
    while alternative.startswith(("(?<!", "(?<=")):  # a look-behind takes no letters
        alternative = alternative[_closing(alternative) + 1 :]
    if alternative.startswith("\\d"):
        rest = alternative[2:]
        return set("0123456789") if rest[:1] in ("+", "*", "{", "") or rest else None
    if alternative.startswith("(?:") or alternative.startswith("(?-i:"):
        close = _closing(alternative)
        inner = alternative[alternative.index(":") + 1 : close]
        rest = alternative[close + 1 :]
        heads = _starts(inner)
        if heads is None:
            return None
        if rest[:1] == "?":  # an optional first group: the word may begin after it
            after = _alternative_starts(rest[1:].lstrip("\\s*").lstrip())
            return None if after is None else {_closed(h, "") for h in heads} | after
        if rest[:1] in ("*", "{"):
            return None
        return {_closed(h, rest) if rest else h for h in heads}
    literal = ""
    for char in alternative:
        if char in _SPECIAL or not (char.isalnum() or char == "_"):
            if char in "?*{" and literal:
                literal = literal[:-1]  # the last letter is optional
                return {literal[:PREFIX].lower()} if literal else None
            break
        literal += char
    if not literal:
        return None
    follower = alternative[len(literal) :]
    if len(literal) < PREFIX and (not follower or follower[:1] == " " or follower[:2] == "\\s"):
        return {literal.lower() + ("$" if not follower else " ")}
    return {literal[:PREFIX].lower()}


_WORD = re.compile(r"(?<![\w-])\w+")



def fold(text: str) -> str | None:
    """The text lower-cased, when that keeps every offset (it does not for a few scripts)."""
    lower = text.lower()
    return lower if len(lower) == len(text) else None


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
    needs: str = ""  # "", "support", "organ" or "condition": see knowledge/trigger_phrases.csv


@cache
def triggers() -> tuple[Trigger, ...]:
    """One trigger per row of knowledge/trigger_phrases.csv (lemma phrases, matched by
    kirok.extract.phrases), keeping each row's weight: a phrase hit's row is its index."""
    from kirok.extract.phrases import phrases

    return tuple(Trigger(p.kind, p.type, p.weight, p.needs) for p in phrases())


@cache
def vocabulary(name: str, key: str) -> Vocabulary[str]:
    return Vocabulary(lexicon(name, key))


# Cues looked for in one sentence at a time, when needed, rather than over the whole text:
# two are anchored at the sentence's start, and "past" (any word in -ed) is costly to run
# everywhere while only sentences with a trigger word need it.
SENTENCE_CUES = ("boilerplate", "tail", "past")


@cache
def all_words() -> Vocabulary[tuple[str, str]]:
    """Every lexicon the extractor reads, run together in one pass over a report:
    keys are (what, value), what being organ, offense, group or cue (trigger phrases
    are matched on lemmas, by kirok.extract.phrases)."""
    matchers: dict[tuple[str, str], Matcher] = {}
    for name, column, what in (
        ("organs.csv", "organ", "organ"),
        ("offenses.csv", "offense", "offense"),
        ("victims.csv", "group", "group"),
        ("cues.csv", "cue", "cue"),
    ):
        for value, matcher in lexicon(name, column).items():
            if not (what == "cue" and value in SENTENCE_CUES):
                matchers[(what, value)] = matcher
    return Vocabulary(matchers)



def scan(text: str, words: Vocabulary[str], lower: str | None = None) -> list[Hit]:
    return [Hit(value, a, b, text[a:b]) for value, a, b in words.find(text, lower)]


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
