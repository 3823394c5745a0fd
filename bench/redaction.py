"""Redaction measured on Kirok's own corpus (tests/fixtures/redaction): recall on private
persons' names, look-alikes kept, span precision, and the time per sentence.

    .venv/bin/python bench/redaction.py [--verbose]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from kirok.privacy import redact_names
from kirok.privacy.scoring import load, score

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "redaction"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="list misses and look-alikes hit")
    args = parser.parse_args()
    cases = load(sorted(CORPUS.glob("*.tsv")))
    redact_names("Mr. Kim met Zhang Wei in Hyesan.")  # load the recogniser first
    started = time.perf_counter()
    result = score(cases)
    seconds = time.perf_counter() - started
    print(f"{len(cases)} sentences: {result.names} name forms, {result.lookalikes} look-alikes")
    print(f"recall on private persons' names: {result.recall:.3f} "
          f"({result.caught}/{result.names})")
    print(f"look-alikes kept:                 {result.kept:.3f} "
          f"({result.untouched}/{result.lookalikes})")
    print(f"precision of redacted spans:      {result.precision:.3f} "
          f"({result.spans_on_names}/{result.spans})")
    print(f"{seconds / len(cases) * 1000:.1f} ms per sentence (uncached)")
    if args.verbose:
        for part, sentence in result.missed:
            print(f"missed  {part!r}: {sentence}")
        for part, sentence in result.touched:
            print(f"touched {part!r}: {sentence}")


if __name__ == "__main__":
    main()
