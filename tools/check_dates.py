"""How often the date finder yields each gold record's date from the sentence of its quote.

Usage: .venv/bin/python tools/check_dates.py [CORPUS_DIR] [-v]

For every gold incident and measure in CORPUS_DIR (default ../shared/corpus/dev), the sentence
holding the gold quote is given to find_dates with the report's published date. A record counts
as found when one of the mentions has exactly the gold date (or, for a null gold date, when the
sentence yields no mention). Also prints how often dateline() agrees with the published date.
Not part of the test suite: the corpus is not shipped with the repository.
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

from kirok.extract.dates import dateline, find_dates

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev"


# A full stop after an abbreviation ("Dec. 23", "No. 5") does not end a sentence.
_SENTENCE_END = re.compile(r"(?<!\b[A-Z][a-z])(?<!\b[A-Z][a-z]{2})(?<!\bSept)(?<!\b[A-Z])\.\s|\n")


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence (or line) that holds text[start:end], stretched to whole sentences."""
    left = 0
    for found in _SENTENCE_END.finditer(text, 0, start):
        left = found.end()
    stop = _SENTENCE_END.search(text, end)
    return text[left : stop.start() + 1 if stop else len(text)]


def check(corpus: Path, verbose: bool) -> None:
    total = found = first_ok = dated = dated_found = 0
    datelines = dateline_ok = 0
    elapsed = 0.0
    calls = 0
    for gold_path in sorted(corpus.glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = gold_path.with_suffix(".txt").read_text(encoding="utf-8")
        published = gold.get("published")
        head = dateline(text)
        datelines += head is not None
        dateline_ok += head is not None and head == published
        if verbose:
            print(f"{gold_path.stem}: published={published} dateline={head}")
        began = time.perf_counter()
        for _ in range(20):
            find_dates(text, published)
        elapsed += time.perf_counter() - began
        calls += 20
        for record in gold.get("incidents", []) + gold.get("measures", []):
            start = text.find(record["quote"])
            if start < 0:
                continue
            sentence = sentence_around(text, start, start + len(record["quote"]))
            mentions = find_dates(sentence, published)
            values = [m.value for m in mentions]
            want = record["date"]
            hit = (want in values) if want else not values
            total += 1
            found += hit
            first_ok += (values[0] == want) if values else want is None
            dated += bool(values)
            dated_found += bool(values) and hit
            if verbose and not hit:
                print(f"  MISS gold={want} got={values} :: {sentence.strip()[:150]}")
    print(f"gold records: {total}")
    print(f"gold date among the sentence's mentions: {found}/{total} = {found / total:.0%}")
    print(
        f"first mention of the sentence == gold date: {first_ok}/{total} = {first_ok / total:.0%}"
    )
    print(f"sentences with a date expression: {dated}, gold date among them: {dated_found}")
    print(f"dateline found in {datelines} reports, equal to published in {dateline_ok}")
    print(f"find_dates on whole reports: {elapsed / calls * 1000:.3f} ms per report")


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "-v"]
    check(Path(args[0]) if args else DEFAULT_CORPUS, "-v" in sys.argv)
