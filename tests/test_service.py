"""Two ingests of the same files at once: the one that stores second says "duplicate"."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kirok.service import Duplicate, ingest_batch
from kirok.store import queries
from kirok.store.db import Database

REPORT = "Five smugglers were executed publicly in Hoeryong in {n}, a source said.\n"

# The CLI with a stand-in extractor, so the race is about storing, not extracting.
INGEST = """
import sys
import kirok.extract
from kirok.cli import app
from kirok.model import Extraction
kirok.extract.extract = lambda text, published=None, title=None: Extraction()
app(["--db", sys.argv[1], "ingest", sys.argv[2]])
"""


def test_a_report_stored_by_another_process_in_between_is_a_duplicate(
    write_report, db_url, stub_extractor, monkeypatch: pytest.MonkeyPatch
):
    path = str(write_report("a.txt", REPORT.format(n=2019)))
    db = Database(db_url)
    try:
        first = ingest_batch(db, [path])
        # As if the other process committed after this one last looked: only the unique
        # SHA-256 in the store notices.
        monkeypatch.setattr(queries, "report_by_sha", lambda session, sha: None)
        second = ingest_batch(db, [path])
    finally:
        db.dispose()
    assert second.ok and not second.stored
    assert second.duplicates == [Duplicate(path, first.stored[0].report_id)]


def test_two_concurrent_ingests_of_one_folder_both_exit_0(write_report, db_url, tmp_path: Path):
    for n in range(12):
        write_report(f"r{n:02}.txt", REPORT.format(n=2000 + n))
    Database(db_url).dispose()
    folder = str(tmp_path / "reports")
    runs = [subprocess.Popen([sys.executable, "-c", INGEST, db_url, folder], text=True,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             env={"COLUMNS": "200", "NO_COLOR": "1", "PATH": "/usr/bin"})
            for _ in range(2)]
    outputs = [run.communicate(timeout=300) for run in runs]
    for run, (out, err) in zip(runs, outputs, strict=True):
        assert run.returncode == 0, out + err
        assert "0 failed" in out
    stored = sum(out.count("stored report") for out, _ in outputs)
    duplicates = sum(out.count("already stored as report") for out, _ in outputs)
    assert (stored, duplicates) == (12, 12)
