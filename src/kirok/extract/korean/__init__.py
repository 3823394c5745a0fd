"""The Korean front-end: Korean report text in, the structures the shared extractor reads out.

The pipeline (kirok.extract.pipeline) reads a report into sentences with offsets and lists
of `Hit`s (triggers, cues, organs, offences, victim groups), places and dates; everything
after that (events.propose, context, victims, merge) is the same for every language. This
package builds those same structures from Korean text, so that Korean reports yield the
same codebook records with Korean evidence. Its words are data in knowledge/ko/*.csv.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kirok.extract.dates import DateMention
from kirok.extract.korean.counts import count_victims
from kirok.extract.korean.dates import find_dates, publication_date
from kirok.extract.korean.places import find_korean_places
from kirok.extract.korean.words import analyse, korean_triggers
from kirok.extract.lexicon import Hit, Trigger
from kirok.extract.places import PlaceMention
from kirok.extract.text import Sentence

# a report is Korean when most of its letters are Hangul: English reports quote a Korean
# word now and then, Korean ones an English name now and then
HANGUL_SHARE = 0.3


@dataclass
class Reading:
    """What a language front-end finds in one report, offsets into its original text."""

    sentences: list[Sentence]
    found: dict[str, list[Hit]]  # "trigger" (value: row index), "cue", "organ", "offense", "group"
    places: list[PlaceMention]
    dates: list[DateMention]
    published: str | None
    triggers: tuple[Trigger, ...]
    count: Callable[[str], int | None]


def is_korean(text: str) -> bool:
    letters = [c for c in text[:5000] if c.isalpha()]
    if not letters:
        return False
    hangul = sum(1 for c in letters if "\uac00" <= c <= "\ud7a3")
    return hangul / len(letters) >= HANGUL_SHARE


def read(text: str, published: str | None) -> Reading:
    """The report read as the shared extractor needs it."""
    published = published or publication_date(text)
    sentences, found = analyse(text)
    return Reading(
        sentences=sentences,
        found=found,
        places=find_korean_places(text),
        dates=find_dates(text, published),
        published=published,
        triggers=korean_triggers(),
        count=count_victims,
    )


__all__ = ["Reading", "is_korean", "read"]
