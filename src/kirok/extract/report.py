"""A report as the extractor reads it: the front-end's words, bucketed by sentence.

The language's front-end (kirok.extract.languages) reads the text once; this holds what
it found, indexed by sentence, with the report-wide readings later steps ask for: the
organ and the victims the report is about, which sentences are its body, each
sentence's cues.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import cached_property

from kirok.extract import events, setting
from kirok.extract.context import ReportContext
from kirok.extract.dates import parse_published
from kirok.extract.languages import frontend_for
from kirok.extract.lexicon import Hit, Index, Trigger, fold, lexicon
from kirok.extract.organs import find_organs
from kirok.extract.scope import words_before
from kirok.extract.text import Sentence

_TERMINAL = re.compile(r"[.!?\"”’:]\s*$")
_AFTER_NUMBER = re.compile(
    r"(?:\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|dozen|many|several|some|"
    r"the|these|those|against|of|from|including|on)\s+(?:\w+\s+)?)$",
    re.IGNORECASE,
)
COUNT_WORDS = 5  # words before a group word in which a number or "against" acts on it
TAIL_FROM = 0.5  # how far into the text page furniture ends the article


class Report:
    """Everything found in one report, bucketed by sentence."""

    def __init__(self, text: str, published: str | None, title: str | None) -> None:
        self.text = text
        self.published = parse_published(published)
        self.title = (title or "").strip()
        # the one language-specific step: the report's front-end reads the structures
        # every later step shares (kirok.extract.frontend)
        frontend = frontend_for(text)
        reading = frontend.read(text, self.published)
        self.published = reading.published
        self.rows = reading.triggers
        self.count = reading.count
        self.sentences = reading.sentences
        starts = [s.start for s in self.sentences]
        found: dict[str, list[Hit]] = defaultdict(list, reading.found)
        organs = find_organs(text, self.published, found["organ"])
        self.organs = Index(starts, organs)
        self.offenses = Index(starts, found["offense"])
        self.groups = Index(starts, found["group"])
        self.triggers = Index(starts, found["trigger"])
        self.cue_words = Index(starts, found["cue"])
        self._cues: dict[int, events.Cues] = {}
        self._paragraph_sizes: Counter[int] | None = None
        self.theme = _theme(found["offense"])
        self.main_organ = _theme(organs, exclude=("authorities", "leader"))
        places = reading.places
        self.context = ReportContext.build(
            text,
            self.sentences,
            places,
            reading.dates,
            self.published,
            frozenset(s.index for s in self.sentences if self._habitual(s)),
            dates_before_acts=frontend.dates_before_acts,
            statutes=reading.statutes,
        )
        self.cues = lexicon("cues.csv", "cue")
        self.abroad = reading.foreign is not None and setting.set_abroad(
            reading.foreign,
            len(places),
            [o.value for o in organs],
        )

    @cached_property
    def main_group(self) -> str | None:
        """The victims the report is about, where one group is named again and again."""
        named = [h for s in self.sentences for h in self.victim_hits(s)]
        return _theme(named, exclude=("residents",))

    def at_home(self, s: Sentence) -> bool:
        """Whether the sentence names a North Korean place or organ of its own."""
        return bool(self.context.place_mentions(s)) or any(
            o.value in setting.NORTH_KOREAN_ORGANS for o in self.organs.in_sentence(s.index)
        )

    def _habitual(self, s: Sentence) -> bool:
        return events.cues_from(self.cue_words.in_sentence(s.index)).habit

    def relative(self, hits: list[Hit], s: Sentence) -> list[Hit]:
        """The hits with offsets relative to the sentence."""
        return [Hit(h.value, h.start - s.start, h.end - s.start, h.text) for h in hits]

    def cues_in(self, s: Sentence) -> events.Cues:
        cues = self._cues.get(s.index)
        if cues is None:
            cues = self._cues[s.index] = self._read_cues(s)
        return cues

    def _read_cues(self, s: Sentence) -> events.Cues:
        hits = self.relative(self.cue_words.in_sentence(s.index), s)
        past = self.cues["past"].search(s.text, fold(s.text))
        if past:
            hits.append(Hit("past", past.start(), past.end(), past.group(0)))
        return events.cues_from(hits)

    def triggers_in(self, s: Sentence) -> list[tuple[Trigger, Hit]]:
        rows = self.rows
        return [
            (rows[int(h.value)], Hit(rows[int(h.value)].type, h.start, h.end, h.text))
            for h in self.relative(self.triggers.in_sentence(s.index), s)
        ]

    def body(self) -> list[Sentence]:
        """Sentences that can state records: not the headline, captions or page furniture."""
        out: list[Sentence] = []
        for s in self.sentences:
            if self.cues["tail"].search(s.text.lstrip()):
                if s.start > len(self.text) * TAIL_FROM:
                    break
                continue  # a box of links inside the article ("Related stories"), or a
                # language switch at its top: the article goes on after it
            # only a sentence with a trigger word can state a record; check the rest no further
            if self.triggers.in_sentence(s.index) and not self._is_furniture(s):
                out.append(s)
        return out

    def _is_furniture(self, s: Sentence) -> bool:
        if len(s.text) < 25 or events.is_boilerplate(s.text):
            return True
        if self.title and s.text.strip() == self.title:
            return True
        # a headline or subhead: a paragraph of one short line with no closing punctuation
        # sentences per paragraph counted once: counting for each sentence was quadratic
        if self._paragraph_sizes is None:
            self._paragraph_sizes = Counter(t.paragraph for t in self.sentences)
        alone = self._paragraph_sizes[s.paragraph] == 1
        return alone and len(s.text) < 120 and not _TERMINAL.search(s.text)

    def organs_in(self, s: Sentence, victims: list[Hit]) -> list[Hit]:
        """Organs named in the sentence, less those words read as the victims ("officials")."""
        return [o for o in self.organs.in_sentence(s.index) if not _covered(o, victims)]

    def victim_hits(self, s: Sentence) -> list[Hit]:
        """Victim-group words, keeping a word that also names an organ ("officials")
        only where it is counted or acted upon ("20 cadres", "against officials")."""
        organs = self.organs.in_sentence(s.index)
        kept = []
        for hit in self.groups.in_sentence(s.index):
            if any(
                _covered(hit, [o]) and (o.end - o.start) > (hit.end - hit.start) for o in organs
            ):
                continue  # "People" in "People's Safety Agency"
            if _overlaps_any(hit, organs):
                before = words_before(self.text, hit.start, COUNT_WORDS, floor=s.start)
                if not _AFTER_NUMBER.search(before):
                    continue
            kept.append(hit)
        return kept


def _overlaps_any(hit: Hit, others: list[Hit]) -> bool:
    return any(hit.start < o.end and o.start < hit.end for o in others)


def _covered(hit: Hit, others: list[Hit]) -> bool:
    return any(o.start <= hit.start and hit.end <= o.end for o in others)


def _theme(hits: list[Hit], exclude: tuple[str, ...] = ("anti_socialist",)) -> str | None:
    """The offence (or organ) a report is about: named at least three times and more than
    any other, leaving out the catch-alls."""
    counts = Counter(h.value for h in hits if h.value not in exclude).most_common(2)
    if not counts or counts[0][1] < 3 or (len(counts) > 1 and counts[1][1] == counts[0][1]):
        return None
    return counts[0][0]
