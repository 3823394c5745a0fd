"""How fast the extractor reads reports, and how much memory it needs.

Builds a corpus of N reports (default 2,000) by recombining the sentences of Kirok's
own example reports (src/kirok/samples, tests/fixtures/reports) — never third-party
text — then extracts every report once on one core and prints reports per second and
the process's peak resident memory.

    .venv/bin/python bench/extract_speed.py [--reports 2000] [--seed 7]

Reports are 3 to 6 kB, as full articles are. Targets (issue 8): at least 50 reports/s
on one core end to end, under 500 MB.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from pathlib import Path

from kirok.extract import extract
from kirok.extract.text import sentences
from kirok.ingest import html as html_reader

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [ROOT / "src" / "kirok" / "samples", ROOT / "tests" / "fixtures" / "reports"]


def own_sentences() -> list[str]:
    found: list[str] = []
    for folder in SOURCES:
        for path in sorted(folder.iterdir()):
            if path.suffix in (".txt", ".md"):
                text = path.read_text(encoding="utf-8")
            elif path.suffix == ".html":
                text = html_reader.parse_html(path.read_text(encoding="utf-8")).text
            else:
                continue
            found += [s.text for s in sentences(text) if len(s.text) > 30]
    return found


def build_corpus(
    pool: list[str], count: int, seed: int, size: tuple[int, int] = (3000, 6000)
) -> list[str]:
    """Reports of 3 to 6 kB (`size`), like full articles, in paragraphs of 1 to 3 sentences."""
    rng = random.Random(seed)
    corpus = []
    for _ in range(count):
        chars, picked = rng.randint(*size), []
        for sentence in rng.sample(pool, len(pool)):
            if sum(len(p) + 1 for p in picked) >= chars:
                break
            picked.append(sentence)
        paragraphs, i = [], 0
        while i < len(picked):
            n = rng.randint(1, 3)
            paragraphs.append(" ".join(picked[i : i + n]))
            i += n
        corpus.append("\n\n".join(paragraphs))
    return corpus


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    pool = own_sentences()
    corpus = build_corpus(pool, args.reports, args.seed)
    chars = sum(len(t) for t in corpus)
    extract(corpus[0], "2021-06-15")  # load the knowledge files before timing

    records = 0
    start = time.perf_counter()
    for text in corpus:
        records += len(extract(text, "2021-06-15").records)
    elapsed = time.perf_counter() - start

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"sentence pool: {len(pool)} of our own sentences")
    print(f"reports: {len(corpus)} ({chars / len(corpus):,.0f} characters on average)")
    print(f"records: {records}")
    print(f"time: {elapsed:.2f} s on one core")
    print(f"speed: {len(corpus) / elapsed:,.0f} reports/s (target ≥ 50)")
    print(f"peak memory: {peak_mb:,.0f} MB resident (target < 500)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
