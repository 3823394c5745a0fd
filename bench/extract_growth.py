"""Is the extractor linear in the text? Times `extract` on text dense with trigger words.

Generates 0.1, 0.2, 0.4 and 0.8 MB of sentences of our own making, nearly every one
holding a trigger (arrested, executed, fined, banned …), an organ, a place and a count,
and prints the seconds for each size and the growth ratio from one size to the next:
about 2 when linear, about 4 when quadratic.

    .venv/bin/python bench/extract_growth.py [--sizes 0.1,0.2,0.4,0.8] [--paragraphs]
"""

from __future__ import annotations

import argparse
import random
import time

from kirok.extract import extract

SUBJECTS = ["Police", "The Ministry of State Security", "Security agents", "Inspectors",
            "The prosecutors", "Border guards", "A Group 109 patrol", "Party officials"]
ACTS = ["arrested {n} traders", "executed {n} smugglers publicly", "fined {n} women",
        "detained {n} students", "banished {n} families", "confiscated phones from {n} people",
        "sentenced {n} residents to labour camps", "beat {n} farmers",
        "held a struggle session against {n} workers", "searched {n} homes"]
PLACES = ["in Hyesan", "in Hoeryong", "near Musan", "in Chongjin", "in Sinuiju",
          "in Ryanggang Province", "in South Pyongan", "on the Tumen river"]
WHEN = ["last week", "in March", "on 12 May 2021", "earlier this year", "in 2019",
        "two days ago", ""]
EXTRA = ["for watching foreign films", "for smuggling", "for using Chinese phones",
         "for selling rice in the market", "", ""]
MEASURES = ["The party banned {what} {place} {when}.",
            "Authorities ordered a crackdown on {what} {place}.",
            "A directive prohibits {what} nationwide, a source said."]
WHAT = ["private trading", "foreign songs", "long hair", "unlicensed phones", "smuggling"]


def dense_text(size: int, seed: int = 3, paragraphs: bool = False) -> str:
    rng = random.Random(seed)
    parts: list[str] = []
    total = 0
    while total < size:
        if rng.random() < 0.25:
            sentence = rng.choice(MEASURES).format(
                what=rng.choice(WHAT), place=rng.choice(PLACES), when=rng.choice(WHEN))
        else:
            act = rng.choice(ACTS).format(n=rng.randint(2, 40))
            words = [rng.choice(SUBJECTS), act, rng.choice(PLACES), rng.choice(EXTRA),
                     rng.choice(WHEN)]
            sentence = " ".join(w for w in words if w) + "."
        parts.append(sentence)
        total += len(sentence) + 1
    separator = "\n\n" if paragraphs else " "
    return separator.join(parts)[:size]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="0.1,0.2,0.4,0.8", help="MB, comma-separated")
    parser.add_argument("--paragraphs", action="store_true",
                        help="one sentence per paragraph instead of one long paragraph")
    args = parser.parse_args()
    extract("Police arrested two traders in Hyesan.")  # load the models first
    previous: float | None = None
    for mb in (float(s) for s in args.sizes.split(",")):
        text = dense_text(int(mb * 1_000_000), paragraphs=args.paragraphs)
        start = time.perf_counter()
        found = extract(text)
        seconds = time.perf_counter() - start
        growth = f"  ×{seconds / previous:.2f}" if previous else ""
        records = len(found.incidents) + len(found.measures)
        print(f"{mb:.2f} MB: {seconds:7.2f} s, {records} records, "
              f"{len(text) / seconds / 1000:6.0f} kB/s{growth}", flush=True)
        previous = seconds


if __name__ == "__main__":
    main()
