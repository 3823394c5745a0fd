"""Filling in a proposed record's fields from its sentence, its paragraph and its report.

Each field says where its value came from (an `Origin`): the sentence's own words, an
earlier sentence going on about the same act, or what the report is about.
"""

from __future__ import annotations

import re
from copy import deepcopy as copy_record

from kirok.extract import events, offenses
from kirok.extract.acting import acting
from kirok.extract.context import UNPLACED, with_coordinates
from kirok.extract.features import candidate_features
from kirok.extract.lexicon import Hit
from kirok.extract.places import PlaceMention
from kirok.extract.report import Report
from kirok.extract.text import Sentence
from kirok.extract.victims import groups_of
from kirok.model import Origin, Place, Record, Span

# what may stand between places of one run: commas, "and", Korean 과/와/및, spaces
_JOINED = re.compile(r"\s*(?:,|and|or|과|와|및)?\s*(?:and\s+)?", re.IGNORECASE)
OFFENSE_REACH = 4  # sentences either side an incident looks for its offence
ORGAN_REACH = 2  # earlier sentences an act looks back to for who did it


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


def _neighbours(report: Report, s: Sentence, reach: int) -> list[Sentence]:
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


def _offenses(report: Report, s: Sentence, p: events.Proposal, on_officials: bool) -> list[str]:
    return offenses.offenses_for(
        _accused(report, s),
        lambda: [_accused(report, near) for near in _neighbours(report, s, OFFENSE_REACH)],
        report.theme,
        widen=p.kind == "incident",
        on_officials=on_officials,
    )


def _accused(report: Report, s: Sentence) -> list[str]:
    links = [h.end for h in report.relative(report.cue_words.in_sentence(s.index), s)
             if h.value == "accusation"]
    return offenses.accused(s.text, report.relative(report.offenses.in_sentence(s.index), s), links)


def _nearby_victims(report: Report, s: Sentence) -> list[Hit]:
    """Victim words of the nearest sentence of the paragraph that names some, for an act
    whose own sentence does not say on whom it fell."""
    for near in _neighbours(report, s, OFFENSE_REACH):
        found = [v for v in report.victim_hits(near) if v.value != "residents"]
        if found:
            return found
    return []


def _inherited_organs(report: Report, s: Sentence) -> list[Hit]:
    """The organs of the nearest earlier sentence of the paragraph that names one, for a
    sentence that goes on about the same act without naming who did it ("They beat him")."""
    for near in _neighbours(report, s, ORGAN_REACH):
        if near.index < s.index:
            found = [o for o in report.organs.in_sentence(near.index) if o.value != "authorities"]
            if found:
                return found
    return []


def _acting_organs(report: Report, s: Sentence, p: events.Proposal) -> tuple[list[Hit], Origin]:
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


def record_for(report: Report, s: Sentence, p: events.Proposal) -> Record:
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


def records_for(report: Report, s: Sentence, p: events.Proposal) -> list[Record]:
    """One record, or one per date where a sentence dates several acts of one type
    ("four were shot on the 29th, five more on the 7th"), each with its own clause as
    evidence and counted there."""
    record = record_for(report, s, p)
    dated = [d for d in report.context.event_dates(s) if len(d.value) == 10]
    if p.kind == "measure":
        return [record]
    if len({d.value for d in dated}) < 2:
        return _one_per_province(report, s, record)
    out: list[Record] = []
    clause_start = s.start
    for n, mention in enumerate(dated):
        if any(r.date == mention.value for r in out):
            continue
        clause_end = s.end if n == len(dated) - 1 else mention.end
        copy = record_for(report, s, p)
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


def _one_per_province(report: Report, s: Sentence, record: Record) -> list[Record]:
    """One act per province where the sentence joins places of several ("struggle
    sessions against residents of Hamhung and Pyongsong"): each place keeps its own."""
    places = coordinated_places(report.text, report.context.place_mentions(s))
    if len(places) < 2:
        return [record]
    out = []
    for mention in places:
        copy = copy_record(record)
        copy.place = with_coordinates(Place(mention.province, mention.locality))
        copy.origins["place"] = Origin(
            "places", "sentence", mention.text, note=f"“{mention.text}”, one of the places joined"
        )
        out.append(copy)
    return out


def coordinated_places(text: str, mentions: list[PlaceMention]) -> list[PlaceMention]:
    """The most precise mention of each province in a run of places joined only by
    commas and conjunctions ("in Hamhung and Pyongsong", "옹진군과 양강도 혜산시"); empty
    unless the run spans two provinces or more."""
    ordered = sorted(mentions, key=lambda m: m.start)
    runs: list[list[PlaceMention]] = []
    for mention in ordered:
        if runs and _JOINED.fullmatch(text[runs[-1][-1].end : mention.start]):
            runs[-1].append(mention)
        else:
            runs.append([mention])
    best: dict[str | None, PlaceMention] = {}
    for run in runs:
        if len({m.province for m in run}) < 2:
            continue
        for mention in run:
            held = best.get(mention.province)
            if held is None or (mention.locality and not held.locality):
                best[mention.province] = mention
    return list(best.values()) if len(best) > 1 else []


def _trimmed(text: str, start: int, end: int) -> Span:
    """The span without the spaces and punctuation at its edges."""
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return Span(start, end, text[start:end])


def place_unplaced_measures(report: Report, records: list[Record]) -> None:
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
