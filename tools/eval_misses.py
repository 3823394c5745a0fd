"""What the extractor gets wrong on a gold corpus: misses, spurious records, wrong fields.

Usage: .venv/bin/python tools/eval_misses.py [CORPUS_DIR] [--fields] [--only NAME]

For each report: every gold record no extracted record matched (kind, type, quote), every
extracted record that matched none (kind, type, evidence, and the gold records of other
types its evidence overlaps, which tells a wrong type from a spurious sentence), and with
--fields every matched pair whose province or date differ. Not part of the test suite:
the corpus is not shipped with the repository.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from kirok.evaluate import field_scores, load_cases, overlap, run, summarise

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "ko"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--fields", action="store_true", help="show wrong province/date too")
    parser.add_argument("--only", help="one report, by name")
    args = parser.parse_args()
    cases = [c for c in load_cases(args.corpus) if not args.only or c.name == args.only]
    results = run(cases)
    for case, result in zip(cases, results, strict=True):
        published = case.gold.get("published")
        print(f"=== {result.name}  (published {published})")
        for g in result.misses():
            print(f"  MISS {g.kind}/{g.type} date={g.data.get('date')}: {g.quote[:150]}")
        for r in result.false_positives():
            near = [f"{g.type}" for g in result.gold if overlap(r, g) > 0]
            text = " | ".join(s.text[:150] for s in r.evidence)
            why = r.reasons().get('type', '')
            print(f"  SPUR {r.kind}/{r.type} [{','.join(near)}] {why}: {text}")
        if args.fields:
            for g, r in result.pairs:
                scores = field_scores(g, r)
                for name in ("province", "date", "count"):
                    if name in scores and scores[name] < 1:
                        want = {
                            "province": (g.data.get("place") or {}).get("province"),
                            "date": g.data.get("date"),
                            "count": (g.data.get("victims") or {}).get("count"),
                        }[name]
                        got = {
                            "province": r.place.province,
                            "date": r.date,
                            "count": r.victims_count,
                        }[name]
                        why = r.reasons().get("place" if name == "province" else name, "")
                        print(f"  FIELD {g.type} {name}: gold={want} got={got} ({why})"
                              f" :: {g.quote[:80]}")
    summary = summarise(results)["kinds"]["all"]
    fields = summary["fields"]
    print(
        f"P {summary['precision']:.2f} R {summary['recall']:.2f} F {summary['f1']:.2f}  "
        f"gold {summary['gold']} extracted {summary['extracted']} matched {summary['matched']}  "
        f"province {fields['province']:.2f} date {fields['date']:.2f} count {fields['count']:.2f}"
    )


if __name__ == "__main__":
    main()
