"""Moving a store: `kirok migrate` copies reports, records, evidence, reviews and accounts,
verifies them, and adds nothing when run again."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kirok import accounts
from kirok.cli import app
from kirok.errors import StoreError
from kirok.model import Extraction, Place, Record, ReportText, Span
from kirok.store import fts, queries
from kirok.store.db import Database
from kirok.store.restrict import set_restricted
from kirok.store.schema import Audit
from kirok.store.schema import Record as Row
from kirok.store.transfer import copy_store

PAGE_V1 = (
    "Market closed in Hoeryong. Agents of the security department detained four traders at "
    "the Hoeryong market in May 2024 for selling rice above the set price."
)
PAGE_V2 = PAGE_V1 + " A later update said two of them were released after a week."
OTHER = "Residents of Sinuiju said a lecture in June 2024 banned the use of southern words."


def _read(text: str, url: str | None) -> ReportText:
    return ReportText(
        text=text, sha256=hashlib.sha256(text.encode()).hexdigest(), format="txt",
        title=text.split(".")[0], outlet="Border Letters", url=url, source="note.txt",
        published="2024-06-01", published_from="option",
    )


def _extraction(text: str, phrase: str, kind: str, type_: str) -> Extraction:
    start = text.index(phrase)
    record = Record(
        kind=kind, type=type_, evidence=[Span(start, start + len(phrase), phrase)],
        date="2024-05", place=Place("North Hamgyong", "Hoeryong", 42.44, 129.75),
        organs=["state_security"], offenses=["smuggling"], victims_count=4, confidence=0.7,
    )
    return Extraction([record]) if kind == "incident" else Extraction([], [record])


def _source(path: Path) -> str:
    """A laptop store: a page stored in two versions, another report, two reviews, a
    restricted record and an account with a token."""
    url = f"sqlite:///{path}"
    db = Database(url)
    phrase = "detained four traders"
    with db.session() as session:
        for text in (PAGE_V1, PAGE_V2):
            extraction = _extraction(text, phrase, "incident", "detention")
            queries.add_report(session, _read(text, "https://example.org/market"), extraction, "t")
        other = _extraction(OTHER, "banned the use of southern words", "measure", "prohibition")
        queries.add_report(session, _read(OTHER, None), other, "t")
    with db.session() as session:
        first, second, third = session.query(Row).order_by(Row.id).all()
        queries.review_record(session, first.id, "amira", "confirm")
        queries.review_record(session, second.id, "amira", "correct", {"victims_count": 2})
        set_restricted(session, "record", third.id, True, "amira")
    accounts.add_user(db, "amira", "editor", "a long enough secret")
    accounts.create_token(db, "amira", "nightly")
    db.dispose()
    return url


def _snapshot(url: str) -> dict[str, object]:
    db = Database(url)
    with db.session() as session:
        records = session.query(Row).order_by(Row.created_at, Row.id).all()
        out = {
            "records": [(r.report.sha256, r.type, r.status, r.victims_count, r.restricted,
                         [(e.start, e.end, e.text) for e in r.evidence]) for r in records],
            "audit": sorted((a.who, a.action, a.after) for a in session.query(Audit)),
            "versions": sorted(
                (r.sha256, r.previous.sha256 if r.previous else None)
                for r in queries.list_reports(session, 100)
            ),
            "search": [h.title for h in fts.search(session, "traders")],
        }
    db.dispose()
    return out


def test_migrate_copies_everything_and_verifies(tmp_path: Path, store_url: str) -> None:
    src = _source(tmp_path / "laptop.db")
    result = copy_store(src, store_url)
    assert result.ok, result.mismatches
    assert result.verified == 3
    assert result.added == {"reports": 3, "records": 3, "evidence": 3, "audit": 3,
                            "users": 1, "tokens": 1}
    assert _snapshot(store_url) == _snapshot(src)
    copied = Database(store_url)
    assert accounts.authenticate(copied, "amira", "a long enough secret") is not None
    copied.dispose()


def test_running_migrate_twice_adds_nothing(tmp_path: Path, store_url: str) -> None:
    src = _source(tmp_path / "laptop.db")
    copy_store(src, store_url)
    again = copy_store(src, store_url)
    assert again.ok and again.verified == 3
    assert set(again.added.values()) == {0}


def test_a_review_made_after_a_copy_follows_on_the_next_run(tmp_path: Path) -> None:
    src = _source(tmp_path / "laptop.db")
    dst = f"sqlite:///{tmp_path / 'team.db'}"
    copy_store(src, dst)
    db = Database(src)
    with db.session() as session:
        third = session.query(Row).order_by(Row.id).all()[2]
        queries.review_record(session, third.id, "amira", "reject")
    db.dispose()
    later = copy_store(src, dst)
    assert later.ok and later.added["audit"] == 1 and later.added["records"] == 0
    assert _snapshot(dst) == _snapshot(src)


def test_migrate_reports_a_record_changed_in_the_destination(tmp_path: Path) -> None:
    src = _source(tmp_path / "laptop.db")
    dst = f"sqlite:///{tmp_path / 'team.db'}"
    copy_store(src, dst)
    db = Database(dst)
    with db.session() as session:
        first = session.query(Row).order_by(Row.id).first()
        assert first is not None
        first.victims_count = 40
    db.dispose()
    result = copy_store(src, dst)
    assert not result.ok and "differs in the destination" in result.mismatches[0]


def test_migrate_refuses_to_copy_a_store_onto_itself(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'one.db'}"
    with pytest.raises(StoreError, match="same store"):
        copy_store(url, url)


def test_the_migrate_command_prints_what_it_copied(tmp_path: Path) -> None:
    src = _source(tmp_path / "laptop.db")
    dst = tmp_path / "team.db"
    runner = CliRunner(env={"COLUMNS": "200", "NO_COLOR": "1", "KIROK_DB": None})
    first = runner.invoke(app, ["migrate", src, str(dst)], catch_exceptions=False)
    assert first.exit_code == 0, first.output
    assert "verified: 3 reports agree" in first.output
    second = runner.invoke(app, ["migrate", src, str(dst)], catch_exceptions=False)
    assert second.exit_code == 0 and "verified: 3 reports agree" in second.output
