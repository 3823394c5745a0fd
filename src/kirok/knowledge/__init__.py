"""Kirok's knowledge as data files: gazetteer, organs, lexicons.

Every file is a CSV whose leading `#` lines say what each column means and where the
data came from, so that a domain expert can correct it without touching Python.
"""

from __future__ import annotations

import csv
from pathlib import Path

HERE = Path(__file__).parent


def data_path(name: str) -> Path:
    return HERE / name


def read_table(name: str) -> list[dict[str, str]]:
    """Rows of a knowledge CSV as dicts, skipping `#` comment lines and blank lines."""
    with data_path(name).open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if line.strip() and not line.lstrip().startswith("#")]
    return [
        {key.strip(): (value or "").strip() for key, value in row.items() if key}
        for row in csv.DictReader(lines)
    ]
