"""Check the gazetteer against the gold annotations of a corpus (default ../shared/corpus/dev).

For every gold place: does its spelling normalise to itself, and does find_places() find it
in the report text? Also lists capitalised words before "County", "City", "Province",
"District", "-dong", "-ri" that the gazetteer does not know (candidates for new rows).
Usage: .venv/bin/python tools/check_gazetteer.py [CORPUS_DIR]
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

from kirok.extract.places import canonical_locality, canonical_province, find_places

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev"
UNKNOWN_NAME = re.compile(
    r"\b([A-Z][a-z'’ŏŭ]+(?:-[a-z]+)?)(?: (?:County|City|Province|District|county|city|province"
    r"|district)\b|-(?:dong|ri|gun|si)\b)")


def gold_places(record: dict) -> list[tuple[str | None, str | None]]:
    places = []
    for kind in ("incidents", "measures"):
        for item in record.get(kind, []):
            place = item.get("place") or {}
            places.append((place.get("province"), place.get("locality")))
    return places


def main() -> None:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    counts: Counter[str] = Counter()
    unknown: Counter[str] = Counter()
    for gold_file in sorted(corpus.glob("*.json")):
        record = json.loads(gold_file.read_text(encoding="utf-8"))
        text = gold_file.with_suffix(".txt").read_text(encoding="utf-8")
        mentions = find_places(text)
        found_localities = {m.locality for m in mentions} | {m.district for m in mentions}
        found_provinces = {m.province for m in mentions}
        for province, locality in gold_places(record):
            if province and province != "national":
                counts["province"] += 1
                counts["province normalised"] += canonical_province(province) == province
                counts["province found"] += province in found_provinces
                if province not in found_provinces:
                    print(f"  province not found: {province!r} in {gold_file.name}")
            if locality:
                counts["locality"] += 1
                counts["locality normalised"] += canonical_locality(locality) == locality
                counts["locality found"] += locality in found_localities
                if locality not in found_localities:
                    print(f"  locality not found: {locality!r} in {gold_file.name}")
        covered = {i for m in mentions for i in range(m.start, m.end)}
        for match in UNKNOWN_NAME.finditer(text):
            if match.start(1) not in covered and canonical_locality(match.group(1)) is None:
                unknown[match.group(0)] += 1
    for what in ("province", "locality"):
        total = counts[what]
        print(f"{what}: {total} gold; normalised {counts[what + ' normalised']}/{total}; "
              f"found in text {counts[what + ' found']}/{total}")
    if unknown:
        print("capitalised names the gazetteer does not know:",
              ", ".join(f"{name} ({n})" for name, n in unknown.most_common()))


if __name__ == "__main__":
    main()
