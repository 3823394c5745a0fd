"""How fast the extractor reads Korean reports, per character, against English ones.

Builds two corpora of N reports each by recombining Kirok's own reports — the Korean test
reports in tests/fixtures/ko and the English examples in src/kirok/samples — never
third-party text, then extracts each report once on one core and prints microseconds per
character for each language and their ratio. Korean pays for kiwipiepy's morpheme
analysis (its model loads once, before timing).

    .venv/bin/python bench/korean_speed.py [--reports 200] [--seed 7] [--repeat 3]
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

from kirok.extract import extract

ROOT = Path(__file__).resolve().parent.parent
KOREAN = ROOT / "tests" / "fixtures" / "ko"
ENGLISH = ROOT / "src" / "kirok" / "samples"


def paragraphs(folder: Path, pattern: str) -> list[str]:
    out: list[str] = []
    for path in sorted(folder.glob(pattern)):
        text = path.read_text(encoding="utf-8")
        out += [p.strip() for p in text.split("\n\n") if p.strip()]
    return out


def corpus(pool: list[str], n: int, rng: random.Random) -> list[str]:
    return ["\n\n".join(rng.sample(pool, min(len(pool), 6))) for _ in range(n)]


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
    """The same for kiwipiepy's morpheme analysis alone: the floor of the Korean figure."""
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
    rng = random.Random(args.seed)
    korean = corpus(paragraphs(KOREAN, "pos-*.txt"), args.reports, rng)
    english = corpus(paragraphs(ENGLISH, "*.txt"), args.reports, rng)
    extract(korean[0], "2022-03-15")  # load kiwipiepy's model and the knowledge once
    extract(english[0], "2022-03-15")
    ko, en = per_char(korean, args.repeat), per_char(english, args.repeat)
    kiwi = kiwi_per_char(korean, args.repeat)
    print(f"Korean : {ko:8.2f} µs/char over {args.reports} reports")
    print(f"English: {en:8.2f} µs/char over {args.reports} reports")
    print(f"Korean/English: {ko / en:.1f}x")
    print(f"of which kiwipiepy's analysis alone: {kiwi:.2f} µs/char ({kiwi / en:.1f}x English)")


if __name__ == "__main__":
    main()
