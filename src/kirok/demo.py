"""The bundled example reports: what `kirok demo` ingests so a new user sees the whole path."""

from __future__ import annotations

import csv
from pathlib import Path

from kirok.errors import KirokError
from kirok.ingest import ReadOptions
from kirok.service import BatchResult, Progress, ingest_each
from kirok.store.db import Database

SAMPLES_DIR = Path(__file__).parent / "samples"
MANIFEST = "manifest.csv"


def manifest(folder: Path | None = None) -> list[dict[str, str]]:
    """The manifest's rows (file, outlet, url, title, published, language); `#` lines are notes."""
    path = (folder or SAMPLES_DIR) / MANIFEST
    if not path.is_file():
        raise KirokError(f"the example reports are missing: no {path}")
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if line.strip() and not line.lstrip().startswith("#")]
    return [
        {key.strip(): (value or "").strip() for key, value in row.items() if key}
        for row in csv.DictReader(lines)
    ]


def options_for(row: dict[str, str]) -> ReadOptions:
    return ReadOptions(
        outlet=row.get("outlet") or None,
        published=row.get("published") or None,
        url=row.get("url") or None,
        title=row.get("title") or None,
        language=row.get("language") or None,
    )


def ingest_samples(
    db: Database, folder: Path | None = None, on_item: Progress | None = None
) -> BatchResult:
    """Ingest every example report; ones already stored are left as they are."""
    folder = folder or SAMPLES_DIR
    jobs = [(str(folder / row["file"]), options_for(row)) for row in manifest(folder)]
    return ingest_each(db, jobs, on_item)
