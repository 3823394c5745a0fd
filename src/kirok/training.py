"""Training the learned filter, and measuring it honestly by cross-validation.

Examples come from gold folders (a candidate that matches a gold record is a record,
any other is not) and from the analyst's decisions in a store (a confirmed or corrected
record's candidate is a record of its final type, a rejected one's is not).
Cross-validation splits by report: no report is scored by a model that saw it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select

from kirok.errors import ModelError
from kirok.evaluate import CaseResult, GoldCase, match
from kirok.extract import extract, pipeline
from kirok.extract.learned import Model, fit
from kirok.model import Extraction, Record
from kirok.store.db import Database
from kirok.store.schema import Record as StoredRecord
from kirok.store.schema import Report


@dataclass(frozen=True)
class Examples:
    labelled: list[tuple[Record, bool]]
    missed: int  # gold records no candidate found

    def __add__(self, other: Examples) -> Examples:
        return Examples(self.labelled + other.labelled, self.missed + other.missed)


def candidates(case: GoldCase) -> CaseResult:
    """The rules' candidates for a gold report, matched against its gold."""
    gold = case.gold
    found = pipeline.candidates(case.text, gold.get("published"), gold.get("title"))
    return match(case, Extraction(
        incidents=[r for r in found if r.kind == "incident"],
        measures=[r for r in found if r.kind == "measure"],
    ))


def from_gold(cases: Sequence[GoldCase]) -> Examples:
    labelled: list[tuple[Record, bool]] = []
    missed = 0
    for case in cases:
        result = candidates(case)
        matched = {id(r) for _, r in result.pairs}
        labelled += [(r, id(r) in matched) for r in result.extracted]
        missed += len(result.misses())
    return Examples(labelled, missed)


def train(examples: Examples) -> Model:
    return fit(examples.labelled, examples.missed)


def folds(cases: Sequence[GoldCase], k: int) -> list[list[GoldCase]]:
    """K folds of whole reports, dealt in name order so that a run can be repeated."""
    ordered = sorted(cases, key=lambda c: c.name)
    return [ordered[n::k] for n in range(k)]


def cross_validate(
    cases: Sequence[GoldCase], k: int, extra: Examples | None = None
) -> list[CaseResult]:
    """Each report scored by a model trained on the other folds (plus `extra`)."""
    if not 2 <= k <= len(cases):
        raise ModelError(f"--cv needs between 2 and {len(cases)} folds for {len(cases)} reports")
    results: list[CaseResult] = []
    split = folds(cases, k)
    for n, held_out in enumerate(split):
        training = from_gold([c for m, fold in enumerate(split) if m != n for c in fold])
        model = train(training + extra if extra else training)
        for case in held_out:
            gold = case.gold
            found = extract(case.text, gold.get("published"), gold.get("title"), model)
            results.append(match(case, found))
    return results


def from_store(db: Database) -> Examples:
    """The analyst's decisions as examples: for each report with reviewed records, the
    rules' candidates that share a reviewed record's evidence. A confirmed or corrected
    record makes its candidate of the final type a record, and a candidate of another
    type not; a rejected record makes every candidate of its type not a record."""
    labelled: list[tuple[Record, bool]] = []
    with db.session() as session:
        for report in session.scalars(select(Report).where(Report.records.any(
            StoredRecord.status != "unreviewed"
        ))):
            reviewed = [r for r in report.records if r.status != "unreviewed"]
            for candidate in pipeline.candidates(report.text, report.published, report.title):
                label = _decision(candidate, reviewed)
                if label is not None:
                    labelled.append((candidate, label))
    return Examples(labelled, 0)


def _decision(candidate: Record, reviewed: list[StoredRecord]) -> bool | None:
    for stored in reviewed:
        shared = any(
            e.start < span.end and span.start < e.end
            for e in stored.evidence
            for span in candidate.evidence
        )
        if not shared or stored.kind != candidate.kind:
            continue
        if stored.status == "rejected":
            if stored.type == candidate.type:
                return False
        else:
            return stored.type == candidate.type
    return None
