"""The extractor: a report's text in, its incidents and measures out, with evidence.

Components, in order, each reading the text once:
    text.sentences   → sentences and paragraphs with offsets
    places, dates    → gazetteer places and resolved dates        (places.py, dates.py)
    organs, lexicon  → organs, offences, victim groups            (organs.py, knowledge/*.csv)
    events.propose   → which sentence states which record type    (events.py)
    context          → place and date when the sentence lacks one (context.py)
    victims          → counts and groups                          (victims.py)
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Any

from kirok.extract import events
from kirok.extract.context import UNPLACED, ReportContext
from kirok.extract.dates import find_dates, parse_published
from kirok.extract.lexicon import Hit, Index, Trigger, all_words, fold, lexicon, triggers
from kirok.extract.organs import find_organs
from kirok.extract.places import find_places
from kirok.extract.text import Sentence, sentences
from kirok.extract.victims import count_victims
from kirok.model import Extraction, Record, Span

EXTRACTOR_VERSION = "0.2.0"
_TERMINAL = re.compile(r"[.!?\"”’:]\s*$")
_AFTER_NUMBER = re.compile(
    r"(?:\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|dozen|many|several|some|"
    r"the|these|those|against|of|from|including|on)\s+(?:\w+\s+)?)$",
    re.IGNORECASE,
)
OFFENSE_REACH = 4  # sentences either side an incident looks for its offence
ORGAN_REACH = 2  # earlier sentences an act looks back to for who did it
INCIDENT_MERGE_WINDOW = 3  # sentences within which a restated act is one incident
_DEFINITE = re.compile(r"\b(?:the|these|this|those|such|that)\s+(?:[\w-]+\s+)?$", re.I)
# a trigger that is a verb phrase ("will be confiscated") restates nothing, whatever precedes it
_VERBAL = re.compile(
    r"(?:will|would|shall|could|can|may|must|has|have|had|was|were|is|are|be)\b", re.I
)
_BACK_REFERENCE = re.compile(
    r"(?:\b(?:the|these|this|those|such|that|its|their)\s+(?:[\w-]+\s+)?"
    r"|(?:'s|’s)\s+(?:[\w-]+\s+){0,3})$",
    re.I,
)
# the nouns by which a report points back to an order it already told of ("these orders")
_ORDER_NOUN = re.compile(
    r"^(?:orders?|instructions?|directives?|decrees?|ordinances?|mandates?|guidelines?)$", re.I
)
MEASURE_MERGE_WINDOW = 0  # sentences within which a restated order is one measure


class _Report:
    """Everything found in one report, bucketed by sentence."""

    def __init__(self, text: str, published: str | None, title: str | None) -> None:
        self.text = text
        self.published = parse_published(published)
        self.title = (title or "").strip()
        self.sentences = sentences(text)
        starts = [s.start for s in self.sentences]
        found: dict[str, list[Hit]] = defaultdict(list)
        for (what, value), a, b in all_words().find(text):
            found[what].append(Hit(value, a, b, text[a:b]))
        self.organs = Index(starts, find_organs(text, self.published, found["organ"]))
        self.offenses = Index(starts, found["offense"])
        self.groups = Index(starts, found["group"])
        self.triggers = Index(starts, found["trigger"])
        self.cue_words = Index(starts, found["cue"])
        self._cues: dict[int, events.Cues] = {}
        self.theme = _theme(found["offense"])
        self.context = ReportContext.build(
            text,
            self.sentences,
            find_places(text),
            find_dates(text, self.published),
            self.published,
        )
        self.cues = lexicon("cues.csv", "cue")

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
        rows = triggers()
        return [
            (rows[int(h.value)], Hit(rows[int(h.value)].type, h.start, h.end, h.text))
            for h in self._relative(self.triggers.in_sentence(s.index), s)
        ]

    def body(self) -> list[Sentence]:
        """Sentences that can state records: not the headline, captions or page furniture."""
        out: list[Sentence] = []
        for s in self.sentences:
            if self.cues["tail"].search(s.text.lstrip()):
                break
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
                before = self.text[max(s.start, hit.start - 30) : hit.start]
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
    return _groups_of([h.value for h in hits])


def _groups_of(values: list[str]) -> list[str]:
    """Victim groups, with "residents" only when nothing more specific is known."""
    values = _unique(values)
    if len(values) > 1 and "residents" in values:
        values.remove("residents")
    return values or ["residents"]


def _theme(offenses: list[Hit]) -> str | None:
    """The offence a report is about: named at least three times and more than any other."""
    counts = Counter(h.value for h in offenses if h.value != "anti_socialist").most_common(2)
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


def _offenses(report: _Report, s: Sentence, widen: bool) -> list[str]:
    """Offences named in the sentence; for an incident that names none, those of the
    nearest sentence of its paragraph that does ("... five women were shot. They had
    been caught helping people cross the river.")."""
    found = [h.value for h in report.offenses.in_sentence(s.index)]
    if not found and widen:
        for near in _neighbours(report, s, OFFENSE_REACH):
            found = [h.value for h in report.offenses.in_sentence(near.index)]
            if found:
                break
    if not found and widen and report.theme:
        found = [report.theme]
    return _unique(found)


_AGENT = re.compile(r"\b(?:by|from|of)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}$", re.I)
_BY = re.compile(r"\bby\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}$", re.I)


def _acting(report: _Report, s: Sentence, organs: list[Hit], anchor: int, kind: str) -> list[Hit]:
    """The organs that act: those named before the trigger word (the subject), or after
    it as the agent ("... were executed by the People's Safety Agency"), not those the
    act or order is addressed to ("instructed trading companies to ..."). "The
    authorities" as the subject stay the actor even when an organ is named later."""
    at = s.start + anchor
    agent = _AGENT if kind == "incident" else _BY
    acting = [
        o
        for o in organs
        if o.start < at or agent.search(report.text[max(s.start, o.start - 30) : o.start])
    ]
    if kind == "measure" and acting and all(o.value == "authorities" for o in acting):
        return acting[:1]
    return acting or organs


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


def _record(report: _Report, s: Sentence, p: events.Proposal) -> Record:
    anchor = p.trigger.start
    victims = report.victim_hits(s)
    named = report.organs_in(s, victims if p.kind == "incident" else [])
    organ_hits = _acting(report, s, named, anchor, p.kind)
    organ_why = ", ".join(f"“{o.text}”→{o.value}" for o in organ_hits)
    if not [o for o in organ_hits if o.value != "authorities"]:
        inherited = _inherited_organs(report, s)
        if inherited:
            organ_hits = inherited
            organ_why = (
                ", ".join(f"“{o.text}”→{o.value}" for o in inherited) + " (earlier sentence)"
            )
    date, date_why = report.context.date_for(s, s.start + anchor)
    record = Record(
        kind=p.kind,
        type=p.type,
        evidence=[Span(s.start, s.end, s.text)],
        date=date,
        organs=_organ_values(organ_hits, p.kind),
        offenses=_offenses(report, s, widen=p.kind == "incident"),
        penalties=list(p.penalties),
    )
    if p.kind == "incident":
        tally = bool(report.cues["tally"].search(s.text))
        record.place, place_why = report.context.incident_place(s, anchor, tally)
        record.victims_count = count_victims(s.text)
        record.victim_groups = _groups(victims or _nearby_victims(report, s))
        record.public = report.cues_in(s).public or "public trial" in s.text.lower()
    else:
        national = "leader" in record.organs or bool(report.cues["national"].search(s.text))
        local = bool(report.cues["local"].search(s.text))
        record.place, place_why = report.context.measure_place(s, national, local)
    own_place = bool(report.context.place_mentions(s))
    record.confidence = min(
        0.95,
        p.weight
        + 0.05 * (record.organs != ["authorities"])
        + 0.05 * own_place
        + 0.05 * (date_why.startswith("“") and "earlier" not in date_why)
        + 0.05 * (record.victims_count is not None),
    )
    record.explain = {
        "type": f"{p.type} from {p.why}",
        "date": date_why,
        "place": place_why,
        "organs": organ_why or "none named: authorities",
        "victims": ", ".join(f"“{v.text}”→{v.value}" for v in victims) or "none named: residents",
        "_trigger_context": s.text[max(0, anchor - 25) : anchor],
        "_trigger": p.trigger.text,
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
        copy.explain["date"] = f"“{mention.text}”, one of the dates the sentence gives"
        copy.evidence = [_trimmed(report.text, clause_start, clause_end)]
        copy.victims_count = count_victims(copy.evidence[0].text)
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


def _same_occasion(earlier: Record, later: Record, gap: int) -> bool:
    """A later sentence restating an act or order already recorded: same type, saying
    nothing that sets it apart (its own date, another place, another count). Reports
    come back to their main event anywhere; a measure is restated close by."""
    if later.kind == earlier.kind == "measure" and _points_back(later):
        return True
    if earlier.kind != later.kind or earlier.type != later.type:
        return False
    if gap == 0 and earlier.date != later.date:
        return False  # one sentence dating two acts: "four were shot on the 29th, five on the 7th"
    if later.kind == "measure":
        restated = _restates(later) and not _VERBAL.match(later.explain.get("_trigger", ""))
        return (gap <= MEASURE_MERGE_WINDOW or restated) and later.place == earlier.place
    close = gap <= INCIDENT_MERGE_WINDOW or _restates(later) or _restates(earlier)
    same_date = _dates_agree(later.date, earlier.date) or not (
        _own_date(later) and _own_date(earlier)
    )
    same_place = None in (later.place.locality, earlier.place.locality) or (
        later.place.locality == earlier.place.locality
    )
    same_count = None in (later.victims_count, earlier.victims_count) or (
        later.victims_count == earlier.victims_count
    )
    return close and same_date and same_place and same_count


def _dates_agree(a: str | None, b: str | None) -> bool:
    """Equal as far as the less precise of the two goes ("2020-11" and "2020-11-28")."""
    if a is None or b is None:
        return a == b
    return a.startswith(b) or b.startswith(a)


def _own_date(record: Record) -> bool:
    return record.explain["date"].startswith("“") and "earlier" not in record.explain["date"]


def _restates(record: Record) -> bool:
    return bool(_DEFINITE.search(record.explain.get("_trigger_context", "")))


def _points_back(record: Record) -> bool:
    """An order named by a definite reference ("the orders", "Kim's September 29 orders")."""
    return bool(_ORDER_NOUN.match(record.explain.get("_trigger", ""))) and bool(
        _BACK_REFERENCE.search(record.explain.get("_trigger_context", ""))
    )


def _merge(found: list[tuple[int, Record]]) -> list[Record]:
    """Fold restatements into the record they restate. A record's distance is counted
    from the last sentence that stated it, so a report can keep coming back to it."""
    kept: list[list[Any]] = []  # [index of the latest sentence stating it, record]
    for index, record in found:
        entry = next(
            (e for e in reversed(kept) if _same_occasion(e[1], record, index - e[0])), None
        )
        if entry is None:
            kept.append([index, record])
            continue
        entry[0] = index
        match: Record = entry[1]
        if record.evidence[0] not in match.evidence:
            match.evidence.append(record.evidence[0])
        more_precise = _dates_agree(record.date, match.date) and len(record.date or "") > len(
            match.date or ""
        )
        if _own_date(record) and (not _own_date(match) or more_precise):
            match.date, match.explain["date"] = record.date, record.explain["date"]
        if record.place.locality and not match.place.locality:
            match.place, match.explain["place"] = record.place, record.explain["place"]
        if match.victims_count is None:
            match.victims_count = record.victims_count
        match.offenses = _unique(match.offenses + record.offenses)
        if match.kind == "incident":
            match.victim_groups = _groups_of(match.victim_groups + record.victim_groups)
        if match.organs == ["authorities"]:
            match.organs = list(record.organs)
        match.public = match.public or record.public
        match.confidence = min(0.95, max(match.confidence, record.confidence) + 0.05)
    return [e[1] for e in kept]


def _place_unplaced_measures(report: _Report, records: list[Record]) -> None:
    """A measure whose sentence says neither where nor by whom it applies: nationwide in a
    report that tells of orders from the centre, else where the report's sources are."""
    central = any(
        r.kind == "measure" and r.place.province == "national" and r.explain["place"] != UNPLACED
        for r in records
    )
    if central or not report.context.default_place.province:
        return
    for r in records:
        if r.kind == "measure" and r.explain["place"] == UNPLACED:
            r.place = report.context.local_place()
            r.explain["place"] = "no order from the centre in the report: the place it is about"


def extract(text: str, published: str | None = None, title: str | None = None) -> Extraction:
    """Every incident and measure the report states, with evidence offsets into `text`."""
    report = _Report(text, published, title)
    found: list[tuple[int, Record]] = []
    for s in report.body():
        hits = report.triggers_in(s)
        if not hits:
            continue
        organs = report.organs.in_sentence(s.index)
        names = [(o.start - s.start, o.end - s.start) for o in organs if o.value != "court"]
        for proposal in events.propose(
            s.text, hits, report.cues_in(s), bool(organs), count_victims(s.text) is not None, names
        ):
            found += [(s.index, r) for r in _records(report, s, proposal)]
    _place_unplaced_measures(report, [r for _, r in found])
    records = _merge(found)
    return Extraction(
        incidents=[r for r in records if r.kind == "incident"],
        measures=[r for r in records if r.kind == "measure"],
    )
