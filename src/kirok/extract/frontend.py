"""A language front-end: what the shared pipeline needs from a report, read in its language.

The pipeline (kirok.extract.pipeline) is one for every language: it takes sentences with
offsets, `Hit`s of trigger, cue, organ, offence and victim-group words, places and dates,
and from there on (events.propose, context, victims, merge) knows no language. A front-end
is the component that reads those structures out of text in its language, with its words
in data files (knowledge/*.csv for English, knowledge/ko/*.csv for Korean). It reads a
report in one pass, because its analysis (spaCy's tokens, kiwipiepy's morphemes) serves
sentences, triggers and cues alike; `frontend_for` (kirok.extract.languages) picks one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from kirok.extract.dates import DateMention
from kirok.extract.lexicon import Hit, Trigger
from kirok.extract.places import PlaceMention
from kirok.extract.text import Sentence


@dataclass
class Reading:
    """What a language front-end finds in one report, offsets into its original text."""

    sentences: list[Sentence]
    found: dict[str, list[Hit]]  # "trigger" (value: row index), "cue", "organ", "offense", "group"
    places: list[PlaceMention]
    dates: list[DateMention]
    published: str | None  # as given, or as the report's dateline gives it
    triggers: tuple[Trigger, ...]  # the rows that "trigger" hits' values index
    count: Callable[[str], int | None]  # how many people a sentence says an act fell on
    # names of other states and their places, for telling a report set abroad; None where
    # the front-end reads that from its cue words ("foreign") sentence by sentence instead
    foreign: int | None = None
    # sentences that quote a law's own text ("…어긴 자는 노동단련형에 처한다"), whose rule
    # the report's news does not date
    statutes: frozenset[int] = frozenset()


class Frontend(Protocol):
    """The language-specific component of the extractor."""

    @property
    def language(self) -> str:
        """The report's language code, as `Report.language` stores it ("en", "ko")."""
        ...

    @property
    def dates_before_acts(self) -> bool:
        """Whether an act's date stands before its verb (head-final languages)."""
        ...

    def read(self, text: str, published: str | None) -> Reading:
        """The report read as the shared pipeline needs it."""
        ...
