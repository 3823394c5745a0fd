"""The Korean front-end: Korean report text in, the structures the shared extractor reads out.

The pipeline (kirok.extract.pipeline) reads a report, through its language's front-end
(kirok.extract.frontend), into sentences with offsets and lists of `Hit`s (triggers, cues,
organs, offences, victim groups), places and dates; everything after that (events.propose,
context, victims, merge) is the same for every language. This package builds those same
structures from Korean text, so that Korean reports yield the same codebook records with
Korean evidence. Its words are data in knowledge/ko/*.csv.
"""

from __future__ import annotations

from kirok.extract.frontend import Reading
from kirok.extract.korean.counts import count_victims
from kirok.extract.korean.dates import find_dates, publication_date
from kirok.extract.korean.places import find_korean_places
from kirok.extract.korean.words import analyse, korean_triggers


class KoreanFrontend:
    language = "ko"
    # Korean is head-final: "지난해 2월 체포, 4월에 재판" dates each act before its verb
    dates_before_acts = True

    def read(self, text: str, published: str | None) -> Reading:
        # Korean pages carry their date in a byline ("[데일리NK 2021-05-20]") when no
        # metadata gives it
        published = published or publication_date(text)
        sentences, found = analyse(text)
        quoted = [h for h in found["cue"] if h.value == "statute"]
        statutes = frozenset(
            s.index for s in sentences if any(s.start <= h.start < s.end for h in quoted)
        )
        return Reading(
            sentences=sentences,
            found=found,
            places=find_korean_places(text),
            dates=find_dates(text, published),
            published=published,
            triggers=korean_triggers(),
            count=count_victims,
            # states abroad are cue words here ("중국 공안"), read sentence by sentence
            foreign=None,
            statutes=statutes,
        )


def is_korean(text: str) -> bool:
    from kirok.extract.languages import language_of  # the one detector, which imports us

    return language_of(text) == "ko"


def read(text: str, published: str | None) -> Reading:
    """The report read as the shared extractor needs it."""
    return KoreanFrontend().read(text, published)


__all__ = ["KoreanFrontend", "Reading", "is_korean", "read"]
