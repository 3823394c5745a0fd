"""The extractor: a report's text in, its incidents and measures out, with evidence.

Steps, in order; each reads what the steps before it added:
    frontend   (languages.py → english.py, korean/)  sentences and paragraphs with
               offsets; trigger, cue, organ, offence and victim words; gazetteer places
               and resolved dates — the words in knowledge/*.csv (knowledge/ko/*.csv)
    report     (report.py)   the words bucketed by sentence; organs resolved by the
               report's date; the report's body, and what it is about
    clauses    (clauses.py)  a sentence cut into clauses where each states its own record
    events     (events.py)   which clause or sentence states which record type, read
               through its cues within their scopes (scope.py, knowledge/cue_scopes.csv)
    fields     (fields.py)   place and date (context.py), organs (acting.py), offences
               (offenses.py), victims (victims.py), each with its Origin
    merge      (merge.py)    restatements folded into the record they restate
    learned    (learned.py)  an optional trained filter over the rules' candidates
"""

from __future__ import annotations

from typing import Literal

from kirok.extract import clauses, events, learned
from kirok.extract.fields import place_unplaced_measures, records_for
from kirok.extract.lexicon import Hit, Trigger
from kirok.extract.merge import merge
from kirok.extract.report import Report
from kirok.extract.text import Sentence
from kirok.extract.version import extractor_version
from kirok.model import Extraction, Record

EXTRACTOR_VERSION = extractor_version()


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
    report: Report, s: Sentence, hits: list[tuple[Trigger, Hit]], generous: bool
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
        return [r for p in propose(hits) for r in records_for(report, s, p)]
    return [
        clauses.confine(r, report.text, s.start, span, report.count)
        for span, proposals in per_clause
        for p in proposals
        for r in records_for(report, s, p)
    ]


def candidates(
    text: str, published: str | None = None, title: str | None = None, generous: bool = True
) -> list[Record]:
    """The rules' records; `generous` keeps those that fail a gate, flagged, for the
    learned filter to judge."""
    report = Report(text, published, title)
    found: list[tuple[int, Record]] = []
    for s in report.body():
        hits = report.triggers_in(s)
        if not hits or (report.abroad and not report.at_home(s)):
            continue
        found += [(s.index, r) for r in _sentence_records(report, s, hits, generous)]
    place_unplaced_measures(report, [r for _, r in found])
    return merge(found)
