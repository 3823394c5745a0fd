"""Ingesting a batch of reports: read, deduplicate, extract, store — one transaction each.

Bad input never loses good input: a file that cannot be read is recorded as a failure
with its one-line reason and the batch goes on. Each report is written in a single
transaction, so a crash or a kill mid-batch leaves no half-written report behind.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kirok import extract as extractor
from kirok.errors import IngestError, KirokError
from kirok.ingest import ReadOptions, is_url, read_path, read_url, shown_source
from kirok.ingest.files import Skipped, expand_all
from kirok.ingest.url import DEADLINE_SECONDS as FETCH_DEADLINE
from kirok.model import Extraction, ReportText
from kirok.pool import DEFAULT_BUDGET_S, Done, Pool, Task, cores
from kirok.store import captures, queries, reextraction
from kirok.store.db import Database
from kirok.store.schema import Report


@dataclass(frozen=True)
class Stored:
    source: str
    report_id: int
    records: int
    previous_id: int | None
    flags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Duplicate:
    source: str
    report_id: int
    why: str = ""  # when the bytes differ but the page does not ("only its line endings")


@dataclass(frozen=True)
class Failure:
    source: str
    reason: str


@dataclass
class BatchResult:
    stored: list[Stored] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures

    def add(self, outcome: Outcome) -> None:
        if isinstance(outcome, Stored):
            self.stored.append(outcome)
        elif isinstance(outcome, Duplicate):
            self.duplicates.append(outcome)
        else:
            self.failures.append(outcome)


Outcome = Stored | Duplicate | Failure
Progress = Callable[[Outcome], None]
DEFAULT_TIMEOUT = DEFAULT_BUDGET_S


def expand_inputs(
    inputs: Sequence[str], follow_links: bool = False
) -> tuple[list[str], list[Skipped]]:
    """URLs as given; paths, folders and globs expanded to report files; and what the
    folder walks skipped, with the reason."""
    out: list[str] = []
    skipped: list[Skipped] = []
    for item in inputs:
        if is_url(item):
            out.append(item)
            continue
        for path in expand_all([item], follow_links):
            if isinstance(path, Skipped):
                skipped.append(path)
            else:
                out.append(str(path))
    return out, skipped


def ingest_batch(
    db: Database,
    inputs: Sequence[str],
    options: ReadOptions | None = None,
    on_item: Progress | None = None,
    workers: int | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> BatchResult:
    """Ingest every input (already expanded); `on_item` is told each outcome as it comes."""
    shared = options or ReadOptions()
    return ingest_each(db, [(source, shared) for source in inputs], on_item, workers, timeout)


def ingest_each(
    db: Database,
    jobs: Sequence[tuple[str, ReadOptions]],
    on_item: Progress | None = None,
    workers: int | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> BatchResult:
    """Ingest each (source, options); a failure is recorded and the rest go on.

    Reading and extracting run in `workers` processes (default: one per core), each file
    within `timeout` seconds (plus the fetch's own deadline for a URL); storing stays here,
    in one writer, in the order files finish."""
    result = BatchResult()
    if not jobs:
        return result
    todo = deque(enumerate(jobs))
    # read and not known to the store: extracted before new files are read, so that
    # finished reads do not pile up in memory
    ready: deque[tuple[int, ReportText, float]] = deque()
    budgets: dict[int, float] = {}

    def finish(outcome: Outcome) -> None:
        result.add(outcome)
        if on_item:
            on_item(outcome)

    with Pool(min(workers or cores(), len(jobs))) as pool:
        while todo or ready or pool.busy:
            while pool.idle and (ready or todo):
                if ready:
                    i, read, left = ready.popleft()
                    args = (read.text, read.published, read.title)
                    pool.submit((i, read), _extract, args, left)
                    continue
                i, (source, options) = todo.popleft()
                budgets[i] = timeout + (FETCH_DEADLINE if is_url(source) else 0.0)
                pool.submit((i, None), _read, (source, options), budgets[i])
            for done in pool.finished():
                i, read = done.tag
                source = jobs[i][0]
                if not done.ok:
                    finish(Failure(shown_source(source), _reason(done, budgets[i])))
                elif read is None:
                    duplicate = _known(db, done.value, source)
                    if duplicate is not None:
                        finish(duplicate)
                    else:
                        # what is left of the file's budget, and a moment to hand it over
                        left = max(0.5, budgets[i] - (time.monotonic() - done.started))
                        ready.append((i, done.value, left))
                else:
                    finish(_store_safely(db, read, done.value, source))
    return result


def _reason(done: Done, budget: float) -> str:
    if done.overran:
        return (f"took longer than {budget:g} s to read and extract (stopped; give more "
                "with --timeout)")
    return done.reason


def _read(source: str, options: ReadOptions) -> ReportText:
    """In a worker: the file or URL read, decoded and parsed."""
    return read_url(source, options) if is_url(source) else read_path(Path(source), options)


def _extract(text: str, published: str | None, title: str | None) -> Extraction:
    """In a worker: the extractor, looked up at call time (tests stand one in)."""
    return extractor.extract(text, published=published, title=title)


def _store_safely(db: Database, read: ReportText, extraction: Extraction, source: str) -> Outcome:
    try:
        return write_report(db, read, extraction, source)
    except KirokError as exc:
        return Failure(shown_source(source), str(exc))
    except Exception as exc:  # a store bug on one report must not cost the rest
        return Failure(shown_source(source), f"{exc.__class__.__name__}: {exc}")


def ingest_within(
    db: Database, read: Task, args: tuple[Any, ...], source: str, timeout: float, hint: str
) -> Stored | Duplicate:
    """One report read by `read(*args)` and extracted in a worker, both within `timeout`
    seconds as in a batch, then deduplicated and stored here. For a server: whatever the
    file, the caller has an answer in bounded time. `hint` says where more time is given."""
    started = time.monotonic()
    with Pool(1) as pool:
        report: ReportText = _within(pool, read, args, timeout, timeout, hint)
        duplicate = _known(db, report, source)
        if duplicate is not None:
            return duplicate
        left = max(0.5, timeout - (time.monotonic() - started))
        args = (report.text, report.published, report.title)
        extraction: Extraction = _within(pool, _extract, args, left, timeout, hint)
    return write_report(db, report, extraction, source)


def _within(
    pool: Pool, task: Task, args: tuple[Any, ...], budget: float, total: float, hint: str
) -> Any:
    """task(*args) in the pool's one worker, stopped after `budget` s."""
    pool.submit(None, task, args, budget)
    while True:
        for done in pool.finished():
            if done.ok:
                return done.value
            if done.overran:
                raise IngestError(f"took longer than {total:g} s to read and extract "
                                  f"(stopped; {hint})")
            raise IngestError(done.reason)


def ingest_one(db: Database, source: str, options: ReadOptions) -> Stored | Duplicate:
    """One file or URL, read and extracted in this process (no budget)."""
    return store_report(db, _read(source, options), source)


def _known(db: Database, read: ReportText, source: str) -> Duplicate | None:
    """The stored report these bytes are, its capture recorded: the same bytes, or a version
    of the same page with the same text in other line endings (a server's CRLF is no new
    version). A page back to an earlier version's bytes makes that version current again."""
    with db.session() as session:
        existing = queries.report_by_sha(session, read.sha256)
        found: Duplicate | None
        if existing is not None:
            found = Duplicate(shown_source(source), existing.id)
        else:
            found = _same_lines(session, read, source)
    if found is None or not read.url:
        return found
    with db.write_session() as session:
        return _captured(session, read, found)


def _same_lines(session: Session, read: ReportText, source: str) -> Duplicate | None:
    if not read.url:
        return None
    lines = _lines(read.text)
    # the current version first: a CRLF copy of what the page shows is no return
    for version in sorted(
        captures.versions_at_url(session, read.url), key=lambda v: (v.superseded, -v.id)
    ):
        if _lines(version.text) == lines:
            return Duplicate(shown_source(source), version.id, "only its line endings changed")
    return None


def _captured(session: Session, read: ReportText, found: Duplicate) -> Duplicate:
    """`found` with the page's capture recorded, saying so when the page went back to it."""
    assert read.url is not None
    captures.lock_page(session, read.url)
    report = queries.get_report(session, found.report_id)
    if not captures.record_capture(session, report, read.url, read.captured_at):
        return found
    return Duplicate(
        found.source, found.report_id,
        f"the page is back to report {found.report_id}'s text, its current version again",
    )


def _lines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def store_report(db: Database, read: ReportText, source: str) -> Stored | Duplicate:
    """Extract and store one report in this process, unless its bytes are stored already."""
    duplicate = _known(db, read, source)
    if duplicate is not None:
        return duplicate
    # Extraction runs outside the transaction: it is the slow part and needs no lock.
    extraction = extractor.extract(read.text, published=read.published, title=read.title)
    return write_report(db, read, extraction, source)


def write_report(
    db: Database, read: ReportText, extraction: Extraction, source: str
) -> Stored | Duplicate:
    """Store a report and its records in one transaction; bytes stored meanwhile by another
    process make it a duplicate."""
    source = shown_source(source)
    try:
        with db.write_session() as session:
            existing = queries.report_by_sha(session, read.sha256)
            if existing is not None:  # another process stored it meanwhile
                found = Duplicate(source, existing.id)
                return _captured(session, read, found) if read.url else found
            report = queries.add_report(session, read, extraction, extractor.EXTRACTOR_VERSION)
            stored = Stored(
                source, report.id, len(report.records), report.previous_id, tuple(report.flags)
            )
    except IntegrityError:
        # Another process committed the same bytes between our check and our insert.
        with db.session() as session:
            holder = session.scalar(select(Report.id).where(Report.sha256 == read.sha256))
        if holder is None:
            raise
        return Duplicate(source, holder)
    return stored


def reextract(
    db: Database,
    report_ids: Sequence[int],
    on_item: Callable[[str], None] | None = None,
    timeout: float | None = None,
    hint: str = "",
) -> list[tuple[int, reextraction.Reextracted]]:
    """Run the current extractor again over stored reports, each in its own transaction.
    Returns (report id, what changed) pairs; reviewed records are never touched. With a
    `timeout`, each extraction runs in a worker stopped after that many seconds."""
    done: list[tuple[int, reextraction.Reextracted]] = []
    for report_id in report_ids:
        with db.session() as session:
            report = queries.get_report(session, report_id)
            args = (report.text, report.published, report.title)
            if timeout is None:
                extraction = _extract(*args)
            else:
                with Pool(1) as pool:
                    extraction = _within(pool, _extract, args, timeout, timeout, hint)
            outcome = reextraction.replace_extraction(
                session, report, extraction, extractor.EXTRACTOR_VERSION
            )
            done.append((report_id, outcome))
        if on_item:
            on_item(str(report_id))
    return done


def all_report_ids(db: Database) -> list[int]:
    with db.session() as session:
        return list(session.scalars(select(Report.id).order_by(Report.id)))


def check_single(inputs: Sequence[str], options: ReadOptions) -> None:
    """--url and --title describe one report: refuse them for a batch."""
    if len(inputs) > 1 and (options.url or options.title):
        raise IngestError("--url and --title name one report; give a single file with them")
