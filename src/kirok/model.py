"""What the extractor produces: records in the codebook's shape, with their evidence."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class Span:
    """Characters [start, end) of the report text, so that text[start:end] == self.text."""

    start: int
    end: int
    text: str


@dataclass
class Place:
    province: str | None = None
    locality: str | None = None
    lat: float | None = None
    lon: float | None = None

    @property
    def precision(self) -> str | None:
        """How finely the record is located: locality, province, national or nothing."""
        if self.locality:
            return "locality"
        if self.province == "national":
            return "national"
        if self.province:
            return "province"
        return None


@dataclass(frozen=True)
class Origin:
    """Where a field's value came from, as data: the component that set it, the rule it
    applied, the report's words it read (and those just before them). Code decides on
    these; `note` only says it for a person (--explain)."""

    component: str  # events, clauses, dates, places, organs, victims, merge
    rule: str  # the component's rule: "trigger", "own", "earlier", "report", ...
    words: str = ""
    before: str = ""
    note: str = ""


@dataclass
class Record:
    """One incident or measure. Incident-only and measure-only fields stay empty on the other."""

    kind: str  # "incident" | "measure"
    type: str
    evidence: list[Span]
    date: str | None = None
    place: Place = field(default_factory=Place)
    organs: list[str] = field(default_factory=list)  # perpetrators or issuers
    offenses: list[str] = field(default_factory=list)
    victims_count: int | None = None
    victim_groups: list[str] = field(default_factory=list)
    public: bool = False
    penalties: list[str] = field(default_factory=list)
    confidence: float = 0.5
    # where each field came from ("type", "date", "place", "organs", "victims"; "clause"
    # when the record is one clause of its sentence)
    origins: dict[str, Origin] = field(default_factory=dict, compare=False, repr=False)
    # what the rules saw when they proposed it (rule, cues, fields found), for the learned
    # filter: data, not prose
    features: dict[str, float] = field(default_factory=dict, compare=False, repr=False)

    def reasons(self) -> dict[str, str]:
        """Which rule or cue set each field, in words, for --explain."""
        return {k: o.note for k, o in self.origins.items() if o.note}

    def rule(self, field_name: str) -> str | None:
        """The rule that set a field, if any did."""
        origin = self.origins.get(field_name)
        return origin.rule if origin else None

    @property
    def date_precision(self) -> str | None:
        if not self.date:
            return None
        return {4: "year", 7: "month", 10: "day"}.get(len(self.date))

    def to_codebook(self, explain: bool = False) -> dict[str, Any]:
        """The record as the codebook's extractor output names it."""
        out: dict[str, Any] = {
            "type": self.type,
            "evidence": [asdict(s) for s in self.evidence],
            "date": self.date,
            "place": asdict(self.place),
        }
        if self.kind == "incident":
            out["perpetrators"] = list(self.organs)
            out["victims"] = {"count": self.victims_count, "groups": list(self.victim_groups)}
            out["offenses"] = list(self.offenses)
            out["public"] = self.public
        else:
            out["issuers"] = list(self.organs)
            out["offenses"] = list(self.offenses)
            out["penalties"] = list(self.penalties)
        out["confidence"] = round(self.confidence, 3)
        if explain:
            out["explain"] = self.reasons()
        return out


@dataclass
class Extraction:
    """Everything the extractor found in one report."""

    incidents: list[Record] = field(default_factory=list)
    measures: list[Record] = field(default_factory=list)

    @property
    def records(self) -> list[Record]:
        return [*self.incidents, *self.measures]


@dataclass
class ReportText:
    """A report as ingest read it: the text kept whole, plus what is known about it."""

    text: str
    sha256: str  # of the original bytes
    format: str  # txt, md, html
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None
    published_from: str = "none"  # option, metadata, dateline, none
    language: str = "en"
    flags: list[str] = field(default_factory=list)
    captured_at: datetime | None = None  # when a URL was fetched (UTC); None = at storing
