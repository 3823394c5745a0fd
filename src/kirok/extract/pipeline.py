"""The extractor: a report's text in, its incidents and measures out, with evidence.

Components, in order, each reading the text once:
    frontend         → the report's language's front-end (frontend.py; english.py, korean/,
                       chosen by languages.py) reads sentences and paragraphs with offsets,
                       trigger, cue, organ, offence and victim-group words, gazetteer
                       places and resolved dates, its words in knowledge/*.csv (ko/*.csv)
    organs           → organs resolved by the report's date     (organs.py)
    events.propose   → which sentence states which record type    (events.py)
    context          → place and date when the sentence lacks one (context.py)
    victims          → counts and groups                          (victims.py)
    merge            → restatements folded into the first record  (merge.py)
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import cached_property
from typing import Literal

from kirok.extract import clauses, events, learned, offenses, setting
from kirok.extract.acting import acting
from kirok.extract.context import UNPLACED, ReportContext
from kirok.extract.dates import parse_published
from kirok.extract.features import candidate_features
from kirok.extract.languages import frontend_for
from kirok.extract.lexicon import Hit, Index, Trigger, fold, lexicon
from kirok.extract.merge import merge
from kirok.extract.organs import find_organs
from kirok.extract.scope import words_before
from kirok.extract.text import Sentence
from kirok.extract.version import extractor_version
from kirok.extract.victims import groups_of
from kirok.model import Extraction, Origin, Record, Span

EXTRACTOR_VERSION = extractor_version()
_TERMINAL = re.compile(r"[.!?\"”’:]\s*$")
_AFTER_NUMBER = re.compile(
    r"(?:\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|dozen|many|several|some|"
    r"the|these|those|against|of|from|including|on)\s+(?:\w+\s+)?)$",
    re.IGNORECASE,
)
OFFENSE_REACH = 4  # sentences either side an incident looks for its offence
ORGAN_REACH = 2  # earlier sentences an act looks back to for who did it
COUNT_WORDS = 5  # words before a group word in which a number or "against" acts on it
TAIL_FROM = 0.5  # how far into the text page furniture ends the article


class _Report:
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

    def _relative(self, hits: list[Hit], s: Sentence) -> list[Hit]:
        return [Hit(h.value, h.start - s.start, h.end - s.start, h.text) for h in hits]

    def cues_in(self, s: Sentence) -> events.Cues:
        cues = self._cues.get(s.index)
        if cues is None:
            cues = self._cues[s.index] = self._read_cues(s)
        return cues

    def _read_cues(self, s: Sentence) -> events.Cues:
        hits = self._relative(self.cue_words.in_sentence(s.index), s)
        past = self.cues["past"].search(s.text, fold(s.text))
        if past:
            hits.append(Hit("past", past.start(), past.end(), past.group(0)))
        return events.cues_from(hits)

    def triggers_in(self, s: Sentence) -> list[tuple[Trigger, Hit]]:
        rows = self.rows
        return [
            (rows[int(h.value)], Hit(rows[int(h.value)].type, h.start, h.end, h.text))
            for h in self._relative(self.triggers.in_sentence(s.index), s)
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
        paragraph = [t for t in self.sentences if t.paragraph == s.paragraph]
        return len(paragraph) == 1 and len(s.text) < 120 and not _TERMINAL.search(s.text)

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


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))


def _organ_values(organs: list[Hit], kind: str) -> list[str]:
    values = _unique([o.value for o in organs])
    if len(values) > 1 and "authorities" in values:
        values.remove("authorities")
    if kind == "measure" and "leader" in values:
        return ["leader"]  # an order the leader gave is his, whoever passed it down
    return values or ["authorities"]


def _groups(hits: list[Hit]) -> list[str]:
    return groups_of([h.value for h in hits])


def _theme(hits: list[Hit], exclude: tuple[str, ...] = ("anti_socialist",)) -> str | None:
    """The offence (or organ) a report is about: named at least three times and more than
    any other, leaving out the catch-alls."""
    counts = Counter(h.value for h in hits if h.value not in exclude).most_common(2)
    if not counts or counts[0][1] < 3 or (len(counts) > 1 and counts[1][1] == counts[0][1]):
        return None
    return counts[0][0]


def _neighbours(report: _Report, s: Sentence, reach: int) -> list[Sentence]:
    """Sentences of the same paragraph, nearest first: earlier before later at each step."""
    out = []
    for step in range(1, reach + 1):
        for index in (s.index - step, s.index + step):
            if (
                0 <= index < len(report.sentences)
                and report.sentences[index].paragraph == s.paragraph
            ):
                out.append(report.sentences[index])
    return out


def _offenses(report: _Report, s: Sentence, p: events.Proposal, on_officials: bool) -> list[str]:
    return offenses.offenses_for(
        _accused(report, s),
        lambda: [_accused(report, near) for near in _neighbours(report, s, OFFENSE_REACH)],
        report.theme,
        widen=p.kind == "incident",
        on_officials=on_officials,
    )


def _accused(report: _Report, s: Sentence) -> list[str]:
    return offenses.accused(s.text, report._relative(report.offenses.in_sentence(s.index), s))


def _nearby_victims(report: _Report, s: Sentence) -> list[Hit]:
    """Victim words of the nearest sentence of the paragraph that names some, for an act
    whose own sentence does not say on whom it fell."""
    for near in _neighbours(report, s, OFFENSE_REACH):
        found = [v for v in report.victim_hits(near) if v.value != "residents"]
        if found:
            return found
    return []


def _inherited_organs(report: _Report, s: Sentence) -> list[Hit]:
    """The organs of the nearest earlier sentence of the paragraph that names one, for a
    sentence that goes on about the same act without naming who did it ("They beat him")."""
    for near in _neighbours(report, s, ORGAN_REACH):
        if near.index < s.index:
            found = [o for o in report.organs.in_sentence(near.index) if o.value != "authorities"]
            if found:
                return found
    return []


def _acting_organs(report: _Report, s: Sentence, p: events.Proposal) -> tuple[list[Hit], Origin]:
    """Who did it or decreed it: the sentence's organs, else the organs of an earlier
    sentence going on about the same act, else (for an act) the organ the report is about."""
    victims = report.victim_hits(s)
    named = report.organs_in(s, victims if p.kind == "incident" else [])
    hits = acting(report.text, s, named, p.trigger.start, p.kind)
    if hits:
        return hits, Origin("organs", "sentence", note=_organ_note(hits))
    inherited = _inherited_organs(report, s)
    if inherited:
        return inherited, Origin(
            "organs", "earlier", note=_organ_note(inherited) + " (earlier sentence)"
        )
    if p.kind == "incident" and report.main_organ:
        note = f"{report.main_organ}: the organ the report is about"
        return [Hit(report.main_organ, 0, 0, "")], Origin("organs", "report", note=note)
    return [], Origin("organs", "none", note="none named: authorities")


def _organ_note(hits: list[Hit]) -> str:
    return ", ".join(f"“{o.text}”→{o.value}" for o in hits)


def _record(report: _Report, s: Sentence, p: events.Proposal) -> Record:
    anchor = p.trigger.start
    victims = report.victim_hits(s)
    organ_hits, organ_origin = _acting_organs(report, s, p)
    date, date_origin = report.context.date_for(s, s.start + anchor)
    record = Record(
        kind=p.kind,
        type=p.type,
        evidence=[Span(s.start, s.end, s.text)],
        date=date,
        organs=_organ_values(organ_hits, p.kind),
        offenses=_offenses(report, s, p, _groups(victims) == ["officials"]),
        penalties=list(p.penalties),
    )
    cues = report.cues_in(s)
    if p.kind == "incident":
        record.place, place_origin = report.context.incident_place(s, anchor, cues.tally)
        record.victims_count = report.count(s.text)
        nearby = victims or _nearby_victims(report, s)
        theme = [Hit(report.main_group, 0, 0, "")] if report.main_group else []
        record.victim_groups = _groups(nearby or theme)
        record.public = cues.public or "public trial" in s.text.lower()
    else:
        by_leader = any(o.value == "leader" and o.start >= s.start for o in organ_hits)
        record.place, place_origin = report.context.measure_place(s, cues, by_leader)
    own_place = bool(report.context.place_mentions(s))
    own_date = date_origin.rule == "own"
    record.confidence = min(
        0.95,
        p.weight
        + 0.05 * (record.organs != ["authorities"])
        + 0.05 * own_place
        + 0.05 * own_date
        + 0.05 * (record.victims_count is not None),
    )
    record.features = candidate_features(
        p,
        cues,
        record,
        own_place,
        own_date,
        offense_named=bool(report.offenses.in_sentence(s.index)),
        lead=s.index < 3,
        triggers=len(report.triggers.in_sentence(s.index)),
        long=len(s.text) > 250,
    )
    before = s.text[max(0, anchor - 25) : anchor]
    record.origins = {
        "type": Origin("events", p.rule, p.trigger.text, before, f"{p.type} from {p.why}"),
        "date": date_origin,
        "place": place_origin,
        "organs": organ_origin,
        "victims": Origin(
            "victims",
            "sentence" if victims else "none",
            note=_organ_note(victims) or "none named: residents",
        ),
    }
    return record


def _records(report: _Report, s: Sentence, p: events.Proposal) -> list[Record]:
    """One record, or one per date where a sentence dates several acts of one type
    ("four were shot on the 29th, five more on the 7th"), each with its own clause as
    evidence and counted there."""
    record = _record(report, s, p)
    dated = [d for d in report.context.event_dates(s) if len(d.value) == 10]
    if p.kind == "measure" or len({d.value for d in dated}) < 2:
        return [record]
    out: list[Record] = []
    clause_start = s.start
    for n, mention in enumerate(dated):
        if any(r.date == mention.value for r in out):
            continue
        clause_end = s.end if n == len(dated) - 1 else mention.end
        copy = _record(report, s, p)
        copy.date = mention.value
        copy.origins["date"] = Origin(
            "dates",
            "own",
            mention.text,
            note=f"“{mention.text}”, one of the dates the sentence gives",
        )
        copy.evidence = [_trimmed(report.text, clause_start, clause_end)]
        copy.victims_count = report.count(copy.evidence[0].text)
        out.append(copy)
        clause_start = mention.end
    return out


def _trimmed(text: str, start: int, end: int) -> Span:
    """The span without the spaces and punctuation at its edges."""
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return Span(start, end, text[start:end])


def _place_unplaced_measures(report: _Report, records: list[Record]) -> None:
    """A measure whose sentence says neither where nor by whom it applies: nationwide in a
    report that tells of orders from the centre, else where the report's sources are."""
    central = any(
        r.kind == "measure" and r.place.province == "national" and r.origins["place"] != UNPLACED
        for r in records
    )
    if central or not report.context.default_place.province:
        return
    for r in records:
        if r.kind == "measure" and r.origins["place"] == UNPLACED:
            r.place = report.context.local_place()
            r.origins["place"] = Origin(
                "places",
                "report",
                note="no order from the centre in the report: the place it is about",
            )


def extract(
    text: str,
    published: str | None = None,
    title: str | None = None,
    model: learned.Model | None | Literal[False] = None,
) -> Extraction:
    """Every incident and measure the report states, with evidence offsets into `text`.
    With a learned filter (`model`; None: the shipped one, if any; False: none) the rules
    propose generously and the filter keeps what it judges records."""
    chosen = learned.shipped() if model is None else model
    records = candidates(text, published, title, generous=bool(chosen))
    if chosen:
        records = chosen.keep(records)
    return Extraction(
        incidents=[r for r in records if r.kind == "incident"],
        measures=[r for r in records if r.kind == "measure"],
    )


def _sentence_records(
    report: _Report, s: Sentence, hits: list[tuple[Trigger, Hit]], generous: bool
) -> list[Record]:
    """The records a sentence states: one per clause where two of its clauses state
    their own, else those of the sentence as a whole."""
    organs = report.organs.in_sentence(s.index)
    names = [(o.start - s.start, o.end - s.start) for o in organs if o.value != "court"]
    counted = report.count(s.text) is not None
    cues = report.cues_in(s)

    def propose(some: list[tuple[Trigger, Hit]]) -> list[events.Proposal]:
        return events.propose(s.text, some, cues, bool(organs), counted, names, generous)

    per_clause = [(span, propose(some)) for span, some in clauses.by_clause(s.text, hits)]
    if sum(bool(proposals) for _, proposals in per_clause) < 2:
        return [r for p in propose(hits) for r in _records(report, s, p)]
    return [
        clauses.confine(r, report.text, s.start, span, report.count)
        for span, proposals in per_clause
        for p in proposals
        for r in _records(report, s, p)
    ]


def candidates(
    text: str, published: str | None = None, title: str | None = None, generous: bool = True
) -> list[Record]:
    """The rules' records; `generous` keeps those that fail a gate, flagged, for the
    learned filter to judge."""
    report = _Report(text, published, title)
    found: list[tuple[int, Record]] = []
    for s in report.body():
        hits = report.triggers_in(s)
        if not hits or (report.abroad and not report.at_home(s)):
            continue
        found += [(s.index, r) for r in _sentence_records(report, s, hits, generous)]
    _place_unplaced_measures(report, [r for _, r in found])
    return merge(found)
