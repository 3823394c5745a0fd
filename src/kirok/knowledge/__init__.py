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
    rows = []
    for number, row in enumerate(csv.DictReader(lines), start=2):
        if None in row or None in row.values():
            raise ValueError(
                f"{name}: data row {number} has the wrong number of columns; quote a value "
                'that holds a comma with double quotes ("a,b") and double any quote inside it'
            )
        rows.append({key.strip(): value.strip() for key, value in row.items()})
    return rows
