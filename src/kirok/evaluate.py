"""Scoring the extractor against gold annotations, exactly as the codebook says.

An extracted record matches a gold record of the same kind and type when one of its
evidence spans overlaps the gold quote's span (the quote's first occurrence in the
text); each gold record is matched at most once, greedily by the largest overlap.
Precision, recall and F1 are counted per kind and combined; on matched pairs each
field is scored: province and locality (equal after spelling normalisation), date
(equal at the gold's precision), count (equal) and the lists (set F1).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kirok.errors import EvalError, KirokError
from kirok.model import Extraction, Record

KINDS = ("incident", "measure")
LIST_FIELDS = {
    "incident": ("organs", "offenses", "victim_groups"),
    "measure": ("organs", "offenses", "penalties"),
}
FIELDS = ("province", "locality", "date", "count", "organs", "offenses", "victim_groups",
          "penalties")

Extractor = Callable[[str, str | None, str | None], Extraction]


@dataclass(frozen=True)
class GoldCase:
    name: str
    text: str
    gold: dict[str, Any]


@dataclass(frozen=True)
class GoldRecord:
    kind: str
    type: str
    quote: str
    start: int
    end: int
    data: dict[str, Any]


@dataclass
class CaseResult:
    name: str
    gold: list[GoldRecord]
    extracted: list[Record]
    pairs: list[tuple[GoldRecord, Record]] = field(default_factory=list)

    def misses(self) -> list[GoldRecord]:
        matched = {id(g) for g, _ in self.pairs}
        return [g for g in self.gold if id(g) not in matched]

    def false_positives(self) -> list[Record]:
        matched = {id(r) for _, r in self.pairs}
        return [r for r in self.extracted if id(r) not in matched]


# ---------------------------------------------------------------- loading gold


def load_cases(folder: Path) -> list[GoldCase]:
    """Every NAME.json with its text: NAME.txt beside it, or for `"text_format": "html"`
    the page's extracted text; the samples layout (gold/NAME.json, ../NAME.ext) also works."""
    if not folder.is_dir():
        raise EvalError(f"{folder} is not a folder of gold annotations (NAME.json + NAME.txt)")
    # NAME.meta.json beside a gold file holds the page's metadata, not annotations
    paths = [p for p in sorted(folder.glob("*.json")) if not p.name.endswith(".meta.json")]
    cases = [load_case(path) for path in paths]
    if not cases:
        raise EvalError(f"no gold annotations (*.json) in {folder}")
    return cases


def load_case(path: Path) -> GoldCase:
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise EvalError(f"{path.name}: not readable JSON ({exc})") from exc
    if not isinstance(gold, dict):
        raise EvalError(f"{path.name}: a gold file must hold one JSON object")
    gold = {**_metadata(path), **gold}
    return GoldCase(path.stem, _text_for(path, gold), gold)


def _metadata(path: Path) -> dict[str, Any]:
    """The page's metadata from NAME.meta.json, where there is one (the gold's own wins)."""
    meta = path.with_name(path.stem + ".meta.json")
    try:
        found = json.loads(meta.read_text(encoding="utf-8")) if meta.is_file() else {}
    except (OSError, ValueError) as exc:
        raise EvalError(f"{meta.name}: not readable JSON ({exc})") from exc
    return found if isinstance(found, dict) else {}


def _text_for(path: Path, gold: dict[str, Any]) -> str:
    html = gold.get("text_format") == "html"
    suffixes = (".html", ".htm") if html else (".txt", ".md")
    for folder in (path.parent, path.parent.parent):
        for suffix in suffixes:
            candidate = folder / (path.stem + suffix)
            if candidate.is_file():
                return _read_text(candidate, html)
    raise EvalError(f"{path.name}: no text file {path.stem}{suffixes[0]} beside it")


def _read_text(path: Path, html: bool) -> str:
    if html:
        from kirok.ingest.files import read_file
        from kirok.ingest.html import parse_html

        try:
            return parse_html(read_file(path).text).text
        except KirokError as exc:
            raise EvalError(f"{path.name}: {exc}") from exc
    # Plain text exactly as the codebook defines it: UTF-8 decoded, nothing stripped.
    return path.read_bytes().decode("utf-8")


def gold_records(case: GoldCase) -> list[GoldRecord]:
    out: list[GoldRecord] = []
    for kind in KINDS:
        for item in case.gold.get(kind + "s", []):
            quote = item.get("quote") or ""
            start = case.text.find(quote) if quote else -1
            if start < 0:
                raise EvalError(f"{case.name}: gold quote not found in the text: {quote[:60]!r}")
            out.append(GoldRecord(kind, item["type"], quote, start, start + len(quote), item))
    return out


# ---------------------------------------------------------------- matching


def overlap(record: Record, gold: GoldRecord) -> int:
    best = 0
    for span in record.evidence:
        best = max(best, min(span.end, gold.end) - max(span.start, gold.start))
    return best


def match(case: GoldCase, extraction: Extraction) -> CaseResult:
    result = CaseResult(case.name, gold_records(case), extraction.records)
    candidates = [
        (overlap(r, g), gi, ri)
        for gi, g in enumerate(result.gold)
        for ri, r in enumerate(result.extracted)
        if r.kind == g.kind and r.type == g.type
    ]
    used_gold: set[int] = set()
    used_extracted: set[int] = set()
    for size, gi, ri in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if size <= 0 or gi in used_gold or ri in used_extracted:
            continue
        used_gold.add(gi)
        used_extracted.add(ri)
        result.pairs.append((result.gold[gi], result.extracted[ri]))
    return result


def run(cases: Sequence[GoldCase], extractor: Extractor | None = None) -> list[CaseResult]:
    if extractor is None:
        from kirok.extract import extract

        extractor = extract
    return [
        match(case, extractor(case.text, case.gold.get("published"), case.gold.get("title")))
        for case in cases
    ]


# ---------------------------------------------------------------- field scores


def field_scores(gold: GoldRecord, record: Record) -> dict[str, float]:
    data = gold.data
    place = data.get("place") or {}
    scores = {
        "province": _same_place(place.get("province"), record.place.province, "province"),
        "locality": _same_place(place.get("locality"), record.place.locality, "locality"),
        "date": float(same_date(data.get("date"), record.date)),
        "organs": set_f1(data.get("perpetrators" if gold.kind == "incident" else "issuers"),
                         record.organs),
        "offenses": set_f1(data.get("offenses"), record.offenses),
    }
    if gold.kind == "incident":
        victims = data.get("victims") or {}
        scores["count"] = float(victims.get("count") == record.victims_count)
        scores["victim_groups"] = set_f1(victims.get("groups"), record.victim_groups)
    else:
        scores["penalties"] = set_f1(data.get("penalties"), record.penalties)
    return scores


def same_date(gold: str | None, extracted: str | None) -> bool:
    if not gold:
        return not extracted
    return bool(extracted) and extracted[: len(gold)] == gold  # type: ignore[index]


def set_f1(gold: Sequence[str] | None, extracted: Sequence[str] | None) -> float:
    g, e = set(gold or []), set(extracted or [])
    if not g and not e:
        return 1.0
    hits = len(g & e)
    return 2 * hits / (len(g) + len(e))


def _same_place(gold: str | None, extracted: str | None, level: str) -> float:
    return float(normalise_place(gold, level) == normalise_place(extracted, level))


def normalise_place(name: str | None, level: str) -> str | None:
    if not name:
        return None
    canonical = _canonicaliser(level)
    found = canonical(name) if canonical is not None else None
    return (found or name).casefold()


def _canonicaliser(level: str) -> Callable[[str], str | None] | None:
    # The gazetteer is written alongside the scorer; until it lands, compare casefolded.
    try:
        from kirok.extract import places
    except ImportError:
        return None
    found: Callable[[str], str | None] | None = getattr(places, f"canonical_{level}", None)
    return found


# ---------------------------------------------------------------- totals


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    precision = tp / (tp + fp) if tp + fp else (1.0 if fn == 0 else 0.0)
    recall = tp / (tp + fn) if tp + fn else (1.0 if fp == 0 else 0.0)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def summarise(results: Sequence[CaseResult]) -> dict[str, Any]:
    """Counts, P/R/F1 and mean field scores per kind and for both kinds together."""
    groups: dict[str, dict[str, Any]] = {}
    for label in (*KINDS, "all"):
        kinds = KINDS if label == "all" else (label,)
        gold = sum(1 for r in results for g in r.gold if g.kind in kinds)
        extracted = sum(1 for r in results for e in r.extracted if e.kind in kinds)
        pairs = [(g, e) for r in results for g, e in r.pairs if g.kind in kinds]
        tp = len(pairs)
        groups[label] = {
            "gold": gold,
            "extracted": extracted,
            "matched": tp,
            **prf(tp, extracted - tp, gold - tp),
            "fields": _mean_fields(pairs),
        }
    return {"reports": len(results), "kinds": groups}


def _mean_fields(pairs: Sequence[tuple[GoldRecord, Record]]) -> dict[str, float | None]:
    totals: dict[str, list[float]] = {name: [] for name in FIELDS}
    for gold, record in pairs:
        for name, value in field_scores(gold, record).items():
            totals[name].append(value)
    return {name: (sum(v) / len(v) if v else None) for name, v in totals.items()}


def details(results: Sequence[CaseResult]) -> list[dict[str, Any]]:
    """Per report: what was missed (gold quotes) and what was extra (evidence)."""
    return [
        {
            "report": r.name,
            "misses": [{"kind": g.kind, "type": g.type, "quote": g.quote} for g in r.misses()],
            "false_positives": [
                {"kind": e.kind, "type": e.type, "evidence": [s.text for s in e.evidence]}
                for e in r.false_positives()
            ],
        }
        for r in results
    ]
