"""Time every web page on a generated store of 50,000 records.

    .venv/bin/python bench/web_pages.py [--records 50000] [--repeat 15] [--keep PATH]

Records are random but codebook-valid; report texts are made of our own filler words so
full-text search has something to find. Prints each page's first (cold) time and median time, and
exits 1 if any page's first or median time is over the 200 ms budget.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

from sqlalchemy import insert, text

from kirok import codebook
from kirok.store.db import Database
from kirok.store.schema import Evidence, Record, Report

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette's httpx2 notice
    from fastapi.testclient import TestClient

BUDGET_MS = 200.0
WORDS = (
    "agents market border river factory dormitory inspection village county station "
    "meeting lecture notice order crackdown rumour phone drama film song cash rice fuel "
    "copper bicycle school hospital cadres guards truck night morning winter spring"
).split()
PLACES = {
    "Ryanggang": [("Hyesan", 41.40, 128.18), ("Samjiyon", 41.81, 128.32)],
    "North Hamgyong": [("Chongjin", 41.79, 129.78), ("Hoeryong", 42.44, 129.75)],
    "South Hamgyong": [("Hamhung", 39.92, 127.54)],
    "North Pyongan": [("Sinuiju", 40.10, 124.40)],
    "Pyongyang": [("Pyongyang", 39.03, 125.75)],
    "Kangwon": [("Wonsan", 39.15, 127.44)],
    "Chagang": [("Kanggye", 40.97, 126.59)],
    "South Hwanghae": [("Haeju", 38.04, 125.71)],
}


def _sample(rng: random.Random, values: tuple[str, ...], most: int) -> list[str]:
    return rng.sample(values, rng.randint(0, most))


def _report_row(rng: random.Random, i: int) -> dict[str, Any]:
    body = " ".join(rng.choice(WORDS) for _ in range(rng.randint(80, 200)))
    body += " " + " ".join(f"site{rng.randint(1, 500)}" for _ in range(3))
    return {
        "id": i,
        "sha256": hashlib.sha256(f"{i}:{body}".encode()).hexdigest(),
        "text": body,
        "title": f"Report {i}: {' '.join(rng.sample(WORDS, 3))}",
        "outlet": rng.choice(["Border Letters", "Northern Wire", "River Post", "Coast Desk"]),
        "url": f"https://example.org/r/{i}",
        "source": f"r{i}.txt",
        "format": "txt",
        "published": f"{rng.randint(2015, 2025)}-{rng.randint(1, 12):02d}-01",
        "published_from": "option",
        "language": "en",
        "flags": [],
    }


def _record_row(rng: random.Random, rid: int, report_id: int) -> dict[str, Any]:
    kind = "incident" if rng.random() < 0.8 else "measure"
    province = rng.choice(list(PLACES))
    locality, lat, lon = rng.choice(PLACES[province])
    has_place = rng.random() < 0.85
    year = rng.randint(2015, 2025)
    precision = rng.random()
    date = str(year) if precision < 0.2 else f"{year}-{rng.randint(1, 12):02d}"
    if precision > 0.6:
        date += f"-{rng.randint(1, 28):02d}"
    incident = kind == "incident"
    return {
        "id": rid,
        "report_id": report_id,
        "kind": kind,
        "type": rng.choice(codebook.types_of(kind)),
        "date": date,
        "year": year,
        "province": province if has_place else None,
        "locality": locality if has_place and rng.random() < 0.7 else None,
        "lat": lat if has_place else None,
        "lon": lon if has_place else None,
        "organs": _sample(rng, codebook.ORGANS, 2),
        "offenses": _sample(rng, codebook.OFFENSES, 2),
        "victims_count": rng.randint(1, 30) if incident and rng.random() < 0.6 else None,
        "victim_groups": _sample(rng, codebook.VICTIM_GROUPS, 2) if incident else [],
        "public": incident and rng.random() < 0.2,
        "penalties": [] if incident else _sample(rng, codebook.PENALTIES, 2),
        "confidence": round(rng.random(), 2),
        "needs_review": False,
        "status": rng.choice(codebook.REVIEW_STATUSES),
        "extractor_version": "bench",
    }


def generate(db: Database, records: int, per_report: int = 5, seed: int = 7) -> None:
    rng = random.Random(seed)
    reports = [_report_row(rng, i) for i in range(1, records // per_report + 1)]
    rows = [_record_row(rng, n + 1, n // per_report + 1) for n in range(records)]
    evidence = [{"record_id": r["id"], "start": 0, "end": 20, "text": "x" * 20} for r in rows]
    with db.session() as session:
        session.execute(insert(Report), reports)
        session.execute(insert(Record), rows)
        session.execute(insert(Evidence), evidence)
        session.execute(
            text("INSERT INTO reports_fts(rowid, title, text) VALUES (:id, :title, :text)"),
            [{"id": r["id"], "title": r["title"], "text": r["text"]} for r in reports],
        )


PAGES = [
    "/incidents",
    "/incidents?province=Ryanggang&year=2021",
    "/incidents?offense=foreign_media&victim_group=students",
    "/incidents?q=site42",
    "/incidents?q=copper+bicycle",  # worst case: every report has both words
    "/incidents?order=confidence&page=200",
    "/measures",
    "/records/{rid}",
    "/records/{rid}/review",
    "/map",
    "/timeline",
    "/reports",
    "/reports/{report}",
    "/api/records?kind=incident&province=Kangwon",
    "/api/facets?kind=incident",
    "/api/geo?kind=incident",
    "/api/timeline?kind=incident",
]


def _timed(client: TestClient, path: str) -> float:
    start = time.perf_counter()
    response = client.get(path)
    elapsed = (time.perf_counter() - start) * 1000
    assert response.status_code == 200, (path, response.status_code)
    return elapsed


def time_pages(client: TestClient, repeat: int) -> list[tuple[str, float, float]]:
    """(page, first request, median of the next `repeat`): the first is the view's cold
    cost before the app's aggregate cache holds it; the median is what a revisit costs."""
    out = []
    for page in PAGES:
        path = page.format(rid=25_000, report=5_000)
        first = _timed(client, path)
        times = [_timed(client, path) for _ in range(repeat)]
        out.append((path, first, statistics.median(times)))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--keep", type=Path, help="write the store here instead of a temp dir")
    args = parser.parse_args()
    from kirok.web.app import create_app

    with tempfile.TemporaryDirectory() as tmp:
        path = args.keep or Path(tmp) / "bench.db"
        url = f"sqlite:///{path}"
        db = Database(url)
        start = time.perf_counter()
        generate(db, args.records)
        db.dispose()
        print(f"generated {args.records:,} records in {time.perf_counter() - start:.1f} s")
        app = create_app(url)
        with TestClient(app, base_url="http://localhost") as client:  # a host it answers
            results = time_pages(client, args.repeat)
    width = max(len(p) for p, _, _ in results)
    print(f"{'page':<{width}}  first ms  median ms")
    for page, first, median in results:
        flag = "" if max(first, median) < BUDGET_MS else "  OVER BUDGET"
        print(f"{page:<{width}}  {first:8.1f}  {median:9.1f}{flag}")
    return 0 if all(max(f, m) < BUDGET_MS for _, f, m in results) else 1


if __name__ == "__main__":
    sys.exit(main())
