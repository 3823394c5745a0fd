"""Ingesting a batch of reports: read, deduplicate, extract, store — one transaction each.

Bad input never loses good input: a file that cannot be read is recorded as a failure
with its one-line reason and the batch goes on. Each report is written in a single
transaction, so a crash or a kill mid-batch leaves no half-written report behind.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from kirok import extract as extractor
from kirok.errors import IngestError, KirokError
from kirok.ingest import ReadOptions, is_url, read_path, read_url, shown_source
from kirok.ingest.files import Skipped, expand_all
from kirok.model import ReportText
from kirok.store import queries, reextraction
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


Progress = Callable[[str], None]


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
) -> BatchResult:
    """Ingest every input (already expanded); `on_item` is called after each one."""
    shared = options or ReadOptions()
    return ingest_each(db, [(source, shared) for source in inputs], on_item)


def ingest_each(
    db: Database, jobs: Sequence[tuple[str, ReadOptions]], on_item: Progress | None = None
) -> BatchResult:
    """Ingest each (source, options) in turn; a failure is recorded and the rest go on."""
    result = BatchResult()
    for source, options in jobs:
        try:
            outcome = ingest_one(db, source, options)
        except KirokError as exc:
            result.failures.append(Failure(shown_source(source), str(exc)))
        except Exception as exc:  # an extractor bug must not cost the rest of the batch
            failure = Failure(shown_source(source), f"{exc.__class__.__name__}: {exc}")
            result.failures.append(failure)
        else:
            if isinstance(outcome, Duplicate):
                result.duplicates.append(outcome)
            else:
                result.stored.append(outcome)
        if on_item:
            on_item(source)
    return result


def ingest_one(db: Database, source: str, options: ReadOptions) -> Stored | Duplicate:
    read = read_url(source, options) if is_url(source) else read_path(Path(source), options)
    return store_report(db, read, source)


def store_report(db: Database, read: ReportText, source: str) -> Stored | Duplicate:
    source = shown_source(source)
    with db.session() as session:
        existing = queries.report_by_sha(session, read.sha256)
        if existing is not None:
            return Duplicate(source, existing.id)
    # Extraction runs outside the transaction: it is the slow part and needs no lock.
    extraction = extractor.extract(read.text, published=read.published, title=read.title)
    try:
        with db.write_session() as session:
            existing = queries.report_by_sha(session, read.sha256)
            if existing is not None:  # another process stored it meanwhile
                return Duplicate(source, existing.id)
            report = queries.add_report(session, read, extraction, extractor.EXTRACTOR_VERSION)
            if read.captured_at is not None:
                report.captured_at = read.captured_at
            session.flush()
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
    db: Database, report_ids: Sequence[int], on_item: Progress | None = None
) -> list[tuple[int, reextraction.Reextracted]]:
    """Run the current extractor again over stored reports, each in its own transaction.
    Returns (report id, what changed) pairs; reviewed records are never touched."""
    done: list[tuple[int, reextraction.Reextracted]] = []
    for report_id in report_ids:
        with db.session() as session:
            report = queries.get_report(session, report_id)
            extraction = extractor.extract(
                report.text, published=report.published, title=report.title
            )
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
