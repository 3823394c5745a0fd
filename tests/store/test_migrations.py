"""A new store's first open: atomic under SIGKILL, serialised between processes."""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kirok.errors import StoreError
from kirok.store.db import Database, head_revision

# Imports first, then "ready", then the first open: the parent kills it during the open.
OPENER = """
import sys
from kirok.store.db import Database
print("ready", flush=True)
Database(sys.argv[1]).dispose()
print("opened", flush=True)
"""


def _opener(url: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", OPENER, url], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def _revision(path: Path) -> str | None:
    with sqlite3.connect(path) as conn:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    return str(row[0]) if row else None


def test_a_store_killed_during_its_first_open_opens_afterwards(tmp_path: Path) -> None:
    rng = random.Random(10)
    for attempt in range(10):
        path = tmp_path / f"store-{attempt}.db"
        child = _opener(f"sqlite:///{path}")
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0, 0.08))
        child.send_signal(signal.SIGKILL)
        child.communicate()
        db = Database(f"sqlite:///{path}")  # must not fail with "table reports already exists"
        db.dispose()
        assert _revision(path) == head_revision()


def test_two_processes_opening_a_new_store_at_once_both_succeed(tmp_path: Path) -> None:
    for attempt in range(3):
        path = tmp_path / f"shared-{attempt}.db"
        children = [_opener(f"sqlite:///{path}") for _ in range(2)]
        outputs = [child.communicate(timeout=120) for child in children]
        for child, (out, err) in zip(children, outputs, strict=True):
            assert child.returncode == 0, err
            assert "opened" in out
        assert _revision(path) == head_revision()


def test_a_half_made_empty_store_is_rebuilt(tmp_path: Path) -> None:
    path = tmp_path / "half.db"
    with sqlite3.connect(path) as conn:  # what an interrupted older Kirok left behind
        conn.execute("CREATE TABLE reports (id INTEGER PRIMARY KEY, sha256 TEXT)")
    Database(f"sqlite:///{path}").dispose()
    assert _revision(path) == head_revision()


def test_a_half_made_store_holding_reports_is_reported_not_wiped(tmp_path: Path) -> None:
    path = tmp_path / "half.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE reports (id INTEGER PRIMARY KEY, sha256 TEXT)")
        conn.execute("INSERT INTO reports (sha256) VALUES ('abc')")
    with pytest.raises(StoreError, match="holds reports but no schema version"):
        Database(f"sqlite:///{path}")
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM reports").fetchone()[0] == 1
