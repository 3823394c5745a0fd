"""How well redaction does on a corpus of sentences with their names and look-alikes.

A corpus file is tab-separated: sentence, withheld, kept (several strings joined by |),
with `#` comment lines. Recall is the share of withheld strings whose every occurrence is
covered by a redacted span; the look-alikes kept are the share of kept strings no span
touches; precision is the share of redacted spans that fall on a withheld string.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kirok.privacy import name_spans


@dataclass(frozen=True)
class Case:
    sentence: str
    withheld: tuple[str, ...]
    kept: tuple[str, ...]


@dataclass
class Score:
    names: int = 0
    caught: int = 0
    lookalikes: int = 0
    untouched: int = 0
    spans: int = 0
    spans_on_names: int = 0
    missed: list[tuple[str, str]] = field(default_factory=list)
    touched: list[tuple[str, str]] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.caught / self.names if self.names else 1.0

    @property
    def kept(self) -> float:
        return self.untouched / self.lookalikes if self.lookalikes else 1.0

    @property
    def precision(self) -> float:
        return self.spans_on_names / self.spans if self.spans else 1.0


def load(paths: Iterable[Path]) -> list[Case]:
    cases = []
    for path in paths:
        lines = [line for line in path.read_text(encoding="utf-8").splitlines()
                 if line.strip() and not line.startswith("#")]
        for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
            cases.append(Case(row["sentence"], _split(row["withheld"]), _split(row["kept"])))
    return cases


def _split(cell: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (cell or "").split("|") if part.strip())


def _occurrences(text: str, part: str) -> list[tuple[int, int]]:
    out, at = [], text.find(part)
    while at >= 0:
        out.append((at, at + len(part)))
        at = text.find(part, at + 1)
    return out


def score(cases: Iterable[Case]) -> Score:
    result = Score()
    for case in cases:
        spans = name_spans(case.sentence)
        names = [o for part in case.withheld for o in _occurrences(case.sentence, part)]
        for part in case.withheld:
            result.names += 1
            places = _occurrences(case.sentence, part)
            if places and all(any(s <= a and b <= e for s, e in spans) for a, b in places):
                result.caught += 1
            else:
                result.missed.append((part, case.sentence))
        for part in case.kept:
            result.lookalikes += 1
            places = _occurrences(case.sentence, part)
            if places and not any(s < b and a < e for s, e in spans for a, b in places):
                result.untouched += 1
            else:
                result.touched.append((part, case.sentence))
        result.spans += len(spans)
        result.spans_on_names += sum(any(s < b and a < e for a, b in names) for s, e in spans)
    return result
