"""How fast the extractor reads Korean reports, per character, against English ones.

Builds two corpora of N reports each from Kirok's own text — never third-party text — as
bench/extract_speed.py does: sentences drawn at random into reports the size of full
articles, in paragraphs of 1 to 3 sentences. Korean sentences come from every Korean test
report in tests/fixtures/ko, so that, as in real articles, sentences that state a record
(총살됐다, 단속을 강화) stand among plain ones (prices, exchange rates, other states'
police); English ones from src/kirok/samples and tests/fixtures/reports. Each report is
extracted once on one core; the script prints microseconds per character for each language
and their ratio (issue 11: Korean within 3x of English). Korean pays for kiwipiepy's
morpheme analysis (its model loads once, before timing).

    .venv/bin/python bench/korean_speed.py [--reports 200] [--seed 7] [--repeat 3]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from extract_speed import build_corpus, own_sentences

from kirok.extract import extract

ROOT = Path(__file__).resolve().parent.parent
KOREAN = ROOT / "tests" / "fixtures" / "ko"
# Hangul is denser than English: an article of 3 to 6 kB in English is 1 to 2 kB in Korean
KOREAN_SIZE = (1000, 2000)


def korean_sentences() -> list[str]:
    from kirok.extract.korean.words import analyse

    found: list[str] = []
    for path in sorted(KOREAN.glob("*.txt")):
        found += [s.text for s in analyse(path.read_text(encoding="utf-8"))[0]]
    return found


def per_char(reports: list[str], repeat: int = 1) -> float:
    """Microseconds per character, the best of `repeat` runs: on a shared machine the
    slowest runs measure the other load, the fastest the extractor."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for text in reports:
            extract(text, "2022-03-15")
        best = min(best, time.perf_counter() - start)
    return best * 1e6 / sum(len(t) for t in reports)


def kiwi_per_char(reports: list[str], repeat: int = 1) -> float:
    """kiwipiepy's morpheme analysis of the whole report alone, as the extractor ran it
    before it analysed only the sentences that can state a record."""
    from kirok.extract.korean.words import _kiwi

    kiwi = _kiwi()
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for text in reports:
            kiwi.split_into_sents(text, match_options=0, return_tokens=True)
        best = min(best, time.perf_counter() - start)
    return best * 1e6 / sum(len(t) for t in reports)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3, help="best of this many runs")
    args = parser.parse_args()
    ko_pool, en_pool = korean_sentences(), own_sentences()
    korean = build_corpus(ko_pool, args.reports, args.seed, KOREAN_SIZE)
    english = build_corpus(en_pool, args.reports, args.seed)
    extract(korean[0], "2022-03-15")  # load kiwipiepy's model and the knowledge once
    extract(english[0], "2022-03-15")
    ko, en = per_char(korean, args.repeat), per_char(english, args.repeat)
    kiwi = kiwi_per_char(korean, args.repeat)
    size = sum(len(t) for t in korean) / len(korean)
    print(f"pools: {len(ko_pool)} Korean sentences, {len(en_pool)} English")
    print(f"Korean : {ko:8.2f} µs/char over {args.reports} reports ({size:,.0f} chars each)")
    size = sum(len(t) for t in english) / len(english)
    print(f"English: {en:8.2f} µs/char over {args.reports} reports ({size:,.0f} chars each)")
    print(f"Korean/English: {ko / en:.1f}x (target ≤ 3)")
    print(f"kiwipiepy over whole reports alone: {kiwi:.2f} µs/char ({kiwi / en:.1f}x English)")


if __name__ == "__main__":
    main()
