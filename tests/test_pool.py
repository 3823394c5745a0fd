"""Each file has a time budget: a file that overruns, or kills its worker, is named with
the reason, and the batch goes on."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import stub_extract

from kirok.pool import Pool
from kirok.service import ingest_batch
from kirok.store.db import Database

# The pool forks workers from the test process: its subject is the workers, not the store,
# and a fork copies whatever PostgreSQL connections the process holds. One store is enough.
sqlite_only = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)

GOOD = "Five smugglers were executed publicly in Hoeryong in {n}, a source said.\n"


def _stalling(text: str, published: str | None = None, title: str | None = None):  # type: ignore[no-untyped-def]
    if "STALL" in text:
        time.sleep(3600)
    if "CRASH" in text:
        os.kill(os.getpid(), signal.SIGKILL)
    return stub_extract(text, published, title)


@pytest.fixture
def stalling(monkeypatch: pytest.MonkeyPatch) -> None:
    import kirok.extract

    monkeypatch.setattr(kirok.extract, "extract", _stalling)


def _square(n: int) -> int:
    return n * n


def _sleep(seconds: float) -> float:
    time.sleep(seconds)
    return seconds


def test_the_pool_returns_values_and_stops_a_job_past_its_budget():
    with Pool(2) as pool:
        pool.submit("slow", _sleep, (60,), 0.5)
        pool.submit("quick", _square, (7,), 10)
        done = {}
        started = time.monotonic()
        while pool.busy:
            done.update({d.tag: d for d in pool.finished()})
        assert time.monotonic() - started < 10
        assert done["quick"].ok and done["quick"].value == 49
        assert not done["slow"].ok and done["slow"].overran
        # the stopped worker was replaced: the pool still has two to give work to
        assert pool.idle == 2
        pool.submit("again", _square, (3,), 10)
        assert [d.value for d in pool.finished()] == [9]


@sqlite_only
@pytest.mark.parametrize("workers", [1, 2])
def test_a_file_over_its_budget_is_named_and_the_rest_are_stored(
    write_report, db_url, stalling, workers
):
    paths = [str(write_report(f"r{n}.txt", GOOD.format(n=2000 + n))) for n in range(4)]
    stall = str(write_report("stall.txt", "STALL " + GOOD.format(n=1999)))
    started = time.monotonic()
    result = ingest_batch(Database(db_url), [stall, *paths], workers=workers, timeout=1.5)
    assert time.monotonic() - started < 30
    assert sorted(s.source for s in result.stored) == sorted(paths)
    [failure] = result.failures
    assert failure.source == stall
    assert "took longer than 1.5 s" in failure.reason


@sqlite_only
def test_a_worker_that_dies_is_replaced_and_its_file_named(write_report, db_url, stalling):
    paths = [str(write_report(f"r{n}.txt", GOOD.format(n=2000 + n))) for n in range(3)]
    crash = str(write_report("crash.txt", "CRASH " + GOOD.format(n=1999)))
    result = ingest_batch(Database(db_url), [crash, *paths], workers=1, timeout=30)
    assert len(result.stored) == 3
    [failure] = result.failures
    assert failure.source == crash and "killed by signal 9" in failure.reason


@sqlite_only
def test_every_outcome_is_told_as_it_comes(write_report, db_url, stub_extractor):
    paths = [str(write_report(f"r{n}.txt", GOOD.format(n=2000 + n))) for n in range(3)]
    told: list[str] = []
    inputs = [*paths, paths[0]]
    result = ingest_batch(Database(db_url), inputs, on_item=lambda o: told.append(o.source))
    assert sorted(told) == sorted([*paths, paths[0]])
    assert len(result.stored) == 3 and len(result.duplicates) == 1


# The CLI with a stand-in extractor that stalls on one file, to kill it mid-batch.
INGEST = """
import sys, time
import kirok.extract
from kirok.cli import app
from kirok.model import Extraction
def extract(text, published=None, title=None):
    if "STALL" in text:
        time.sleep(3600)
    return Extraction()
kirok.extract.extract = extract
app(["--db", sys.argv[1], "ingest", "--workers", "1", *sys.argv[2:]])
"""


@sqlite_only
def test_a_batch_killed_midway_has_printed_what_it_stored(write_report, db_url, tmp_path: Path):
    good = [str(write_report(f"a{n}.txt", GOOD.format(n=2000 + n))) for n in range(2)]
    stall = str(write_report("b-stall.txt", "STALL " + GOOD.format(n=1999)))
    Database(db_url).dispose()
    run = subprocess.Popen([sys.executable, "-c", INGEST, db_url, *good, stall],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                           env={"COLUMNS": "200", "NO_COLOR": "1", "PATH": "/usr/bin"})
    assert run.stdout is not None
    lines = [run.stdout.readline() for _ in good]  # printed while the batch still runs
    assert run.poll() is None
    run.kill()
    run.wait()
    run.stdout.close()
    assert all(line.startswith("stored report") for line in lines), lines
    assert {line.rsplit(" ", 1)[-1].strip() for line in lines} == set(good)
