"""Moving a store: every report, record, evidence span, review and account from one store
to another (a laptop's SQLite file to the team's PostgreSQL, or back), verified after.

Ids differ between stores, so nothing is matched by id. A report is the same report when
its SHA-256 is; a record is the same record when it comes from the same report with the
same kind, type, evidence offsets and creation time; a review is the same review when its
account, time, action and fields are. What the destination already holds is left alone,
so a second run adds nothing, and a run after more reviews on the laptop adds only those.
Reports travel BATCH at a time, each batch one transaction: an interrupted run loses at
most the batch it was copying, and the next run resumes there.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from kirok.errors import StoreError
from kirok.store import fts
from kirok.store.db import Database
from kirok.store.schema import Audit, Capture, Evidence, Record, Report, Setting, Token, User

REPORT_COLUMNS = (
    "sha256", "text", "title", "outlet", "url", "source", "format", "published",
    "published_from", "language", "captured_at", "flags", "restricted",
)
RECORD_COLUMNS = (
    "kind", "type", "date", "year", "province", "locality", "lat", "lon", "organs",
    "offenses", "victims_count", "victim_groups", "public", "penalties", "confidence",
    "needs_review", "status", "extractor_version", "created_at", "restricted",
)
TABLES = ("reports", "records", "evidence", "audit", "users", "tokens")
BATCH = 200  # reports per transaction: one commit (and on SQLite one fsync) each

Progress = Callable[[int], None]


@dataclass
class Transfer:
    """What one run found in the source, added to the destination, and verified."""

    source: dict[str, int] = field(default_factory=dict)
    added: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TABLES, 0))
    verified: int = 0  # reports whose content digest agrees on both sides
    mismatches: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.mismatches


def _record_key(record: Record) -> tuple[Any, ...]:
    spans = tuple((e.start, e.end) for e in record.evidence)
    return (record.kind, record.type, spans, record.created_at.isoformat())


def _audit_key(entry: Audit) -> tuple[str, ...]:
    return (entry.who, entry.at.isoformat(), entry.action, entry.before, entry.after)


def report_digest(report: Report) -> str:
    """SHA-256 over a report's text, metadata, records, evidence and reviews, in an order
    and form that do not depend on the store's ids: equal on both sides when nothing was lost."""
    previous = report.previous.sha256 if report.previous is not None else None
    doc: dict[str, Any] = {c: _plain(getattr(report, c)) for c in REPORT_COLUMNS}
    doc["previous"] = previous
    records = []
    for record in report.records:
        item = {c: _plain(getattr(record, c)) for c in RECORD_COLUMNS}
        item["evidence"] = sorted((e.start, e.end, e.text) for e in record.evidence)
        item["audit"] = sorted(_audit_key(a) for a in record.audit)
        records.append(item)
    doc["records"] = sorted(records, key=lambda r: json.dumps(r, sort_keys=True, default=str))
    canonical = json.dumps(doc, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _plain(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, float):
        return round(value, 9)  # a float survives PostgreSQL and SQLite alike to here
    return value


def _loaded(session: Session, shas: list[str]) -> dict[str, Report]:
    """The reports with these SHA-256s, with records, evidence and reviews, in one go."""
    stmt = (
        select(Report)
        .where(Report.sha256.in_(shas))
        .options(
            selectinload(Report.previous),
            selectinload(Report.records).selectinload(Record.evidence),
            selectinload(Report.records).selectinload(Record.audit),
        )
    )
    return {r.sha256: r for r in session.scalars(stmt)}


def copy_store(src_url: str, dst_url: str, on_report: Progress | None = None) -> Transfer:
    """Copy what `dst_url` lacks from `src_url`, then verify counts and digests."""
    if src_url == dst_url:
        raise StoreError("the source and destination are the same store: give two different ones")
    src, dst = Database(src_url), Database(dst_url)
    try:
        result = Transfer(source=_counts(src))
        _copy_accounts(src, dst, result)
        with src.session() as session:
            # oldest first, so that a page's earlier version is there before its successor
            shas = list(session.scalars(select(Report.sha256).order_by(Report.id)))
        for start in range(0, len(shas), BATCH):
            _copy_batch(src, dst, shas[start : start + BATCH], result)
            if on_report:
                on_report(min(start + BATCH, len(shas)))
        _verify(src, dst, shas, result)
        return result
    finally:
        src.dispose()
        dst.dispose()


def _counts(db: Database) -> dict[str, int]:
    models = (Report, Record, Evidence, Audit, User, Token)
    with db.session() as session:
        return {
            table: int(session.scalar(select(func.count()).select_from(model)) or 0)
            for table, model in zip(TABLES, models, strict=True)
        }


def _copy_accounts(src: Database, dst: Database, result: Transfer) -> None:
    """Accounts by name, tokens by hash; the destination's own accounts win a clash."""
    with src.session() as s_session, dst.write_session() as d_session:
        for user in s_session.scalars(select(User).options(selectinload(User.tokens))):
            target = d_session.scalar(select(User).where(User.name == user.name))
            if target is None:
                target = User(
                    name=user.name, role=user.role, password_hash=user.password_hash,
                    created_at=user.created_at,
                )
                d_session.add(target)
                result.added["users"] += 1
            for token in user.tokens:
                if d_session.scalar(select(Token.id).where(Token.token_hash == token.token_hash)):
                    continue
                target.tokens.append(Token(
                    label=token.label, role=token.role, token_hash=token.token_hash,
                    created_at=token.created_at,
                ))
                result.added["tokens"] += 1
        for setting in s_session.scalars(select(Setting)):
            if d_session.get(Setting, setting.key) is None:
                d_session.add(Setting(key=setting.key, value=setting.value))


def _copy_batch(src: Database, dst: Database, shas: list[str], result: Transfer) -> None:
    with src.session() as s_session, dst.write_session() as d_session:
        mine, theirs = _loaded(s_session, shas), _loaded(d_session, shas)
        for sha in shas:
            report = mine[sha]
            target = theirs.get(sha)
            if target is None:
                target = _new_report(d_session, report)
                result.added["reports"] += 1
            existing = {_record_key(r): r for r in target.records}
            for record in report.records:
                match = existing.get(_record_key(record))
                if match is None:
                    match = Record(**{c: getattr(record, c) for c in RECORD_COLUMNS})
                    match.evidence = [
                        Evidence(start=e.start, end=e.end, text=e.text) for e in record.evidence
                    ]
                    target.records.append(match)
                    result.added["records"] += 1
                    result.added["evidence"] += len(record.evidence)
                _copy_reviews(record, match, result)
        d_session.flush()


def _new_report(session: Session, report: Report) -> Report:
    target = Report(**{c: getattr(report, c) for c in REPORT_COLUMNS})
    if report.previous is not None:
        # copied before it: reports go oldest first
        target.previous_id = session.scalar(
            select(Report.id).where(Report.sha256 == report.previous.sha256)
        )
    target.superseded = report.superseded
    target.captures = [
        Capture(url=c.url, fetched_at=c.fetched_at, sha256=c.sha256) for c in report.captures
    ]
    target.records = []
    session.add(target)
    session.flush()
    fts.index_report(session, target.id, target.title, target.text)
    return target


def _copy_reviews(record: Record, target: Record, result: Transfer) -> None:
    """Reviews the destination lacks; when any arrive, the record's reviewed state follows
    the source's, since the newest review there is the newest review anywhere."""
    have = {_audit_key(a) for a in target.audit}
    missing = [a for a in record.audit if _audit_key(a) not in have]
    for entry in missing:
        target.audit.append(Audit(
            who=entry.who, at=entry.at, action=entry.action, before=entry.before,
            after=entry.after,
        ))
    result.added["audit"] += len(missing)
    if missing:
        for column in RECORD_COLUMNS:
            setattr(target, column, getattr(record, column))


def _verify(src: Database, dst: Database, shas: list[str], result: Transfer) -> None:
    for start in range(0, len(shas), BATCH):
        batch = shas[start : start + BATCH]
        with src.session() as s_session, dst.session() as d_session:
            mine, theirs = _loaded(s_session, batch), _loaded(d_session, batch)
            for sha in batch:
                if sha not in theirs:
                    result.mismatches.append(
                        f"report {sha[:12]} is missing from the destination"
                    )
                elif report_digest(mine[sha]) != report_digest(theirs[sha]):
                    result.mismatches.append(
                        f"report {sha[:12]} differs in the destination (its records or "
                        "reviews were changed there since an earlier copy)"
                    )
                else:
                    result.verified += 1
    after = _counts(dst)
    for table, count in result.source.items():
        if after[table] < count:
            result.mismatches.append(
                f"the destination holds {after[table]} {table} but the source {count}"
            )
