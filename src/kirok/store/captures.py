"""A page's captures: every fetch of a URL, new bytes or not, and which stored version of
the page is current — the one whose bytes were fetched last (so A → B → A shows A again).

`reports.superseded` is kept true for every version but the current one at its URL, in the
transaction that records the capture, so that listings and exports filter on one column.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, text, update
from sqlalchemy.orm import Session

from kirok.store.schema import Capture, Report, utcnow

_PG_PAGE_LOCK = 0x6B69  # the advisory lock class of a page's captures ("ki")


def lock_page(session: Session, url: str) -> None:
    """Serialise captures of one URL across processes. SQLite's writer holds the whole
    store's write lock already (BEGIN IMMEDIATE); PostgreSQL needs a lock of its own, or
    two new versions stored at once could both end up current."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(
            text("SELECT pg_advisory_xact_lock(:k, hashtext(:url))"),
            {"k": _PG_PAGE_LOCK, "url": url},
        )


def record_capture(
    session: Session, report: Report, url: str, fetched_at: datetime | None = None
) -> bool:
    """Note that `url` was fetched and its bytes were `report`'s; True when that made the
    report its page's current version again (a return to earlier bytes)."""
    fetched_at = fetched_at or utcnow()
    latest = session.scalar(select(func.max(Capture.fetched_at)).where(Capture.url == url))
    session.add(Capture(report_id=report.id, url=url, fetched_at=fetched_at, sha256=report.sha256))
    # A fetch older than the page's latest capture (two workers fetching one page) is
    # history, not the current page; bytes stored under another URL are not this page's.
    if report.url != url or (latest is not None and fetched_at < latest):
        session.flush()
        return False
    returned = bool(report.superseded)
    session.execute(
        update(Report)
        .where(Report.url == url, Report.id != report.id, Report.superseded.is_(False))
        .values(superseded=True)
    )
    report.superseded = False
    session.flush()
    return returned


def current_at_url(session: Session, url: str) -> Report | None:
    stmt = (
        select(Report)
        .where(Report.url == url, Report.superseded.is_(False))
        .order_by(Report.id.desc())
        .limit(1)
    )
    return session.scalar(stmt)


def versions_at_url(session: Session, url: str) -> list[Report]:
    return list(session.scalars(select(Report).where(Report.url == url).order_by(Report.id)))


@dataclass(frozen=True)
class History:
    """A page's captures, oldest first: how often it was fetched and which version each
    fetch found."""

    url: str
    captures: list[Capture]
    current_id: int | None

    @property
    def versions(self) -> list[int]:
        """The version each capture found, repeats of one version in a row merged."""
        out: list[int] = []
        for capture in self.captures:
            if not out or out[-1] != capture.report_id:
                out.append(capture.report_id)
        return out

    def describe(self) -> str:
        times = len(self.captures)
        said = f"captured {times} time{'s' if times != 1 else ''}"
        versions = ", ".join(str(v) for v in self.versions)
        current = f"; current version {self.current_id}" if self.current_id else ""
        return f"{said}; versions {versions}{current}"


def page_history(session: Session, report: Report) -> History | None:
    """The captures of the report's page, or None for a report without a URL."""
    if not report.url:
        return None
    stmt = (
        select(Capture)
        .where(Capture.url == report.url)
        .order_by(Capture.fetched_at, Capture.id)
    )
    current = current_at_url(session, report.url)
    return History(report.url, list(session.scalars(stmt)), current.id if current else None)
