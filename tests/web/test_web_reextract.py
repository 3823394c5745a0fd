"""Re-extraction keeps what links cite: a record the extractor states again keeps its id,
ids are never given out twice, a statement a reviewer decided on is not proposed again,
and the notice says what was added, kept and removed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from alembic import command
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text
from test_web_review import _form
from web_store import Store, _detention_report, _xss_report

from kirok.model import Extraction, Place, Record, Span
from kirok.store import queries
from kirok.store.db import Database, _alembic_config


def _reextract(
    client: TestClient, store: Store, name: str, extraction: Extraction,
    monkeypatch: pytest.MonkeyPatch,
) -> str:
    monkeypatch.setattr("kirok.extract.extract", lambda *a, **k: extraction)
    response = client.post(f"/reports/{store.ids[name]}/reextract")
    assert response.status_code == 200
    return response.text


def _ids(store: Store, name: str) -> dict[str, int]:
    with store.db.session() as session:
        report = queries.get_report(session, store.ids[name])
        return {f"{r.kind}:{r.type}": r.id for r in report.records}


def test_the_same_statements_keep_their_ids(
    client: TestClient, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _ids(store, "detention")
    _, extraction = _detention_report()
    extraction.records[0].victims_count = 4  # a newer extractor reads the count differently
    page = _reextract(client, store, "detention", extraction, monkeypatch)
    assert "Re-extracted: 0 added, 2 kept (same ids), 0 removed" in page
    assert _ids(store, "detention") == before
    body = client.get(f"/api/records/{before['incident:detention']}").json()
    assert body["victims_count"] == 4 and body["status"] == "unreviewed"


def test_a_statement_corrected_into_another_type_is_not_proposed_again(
    client: TestClient, store: Store, record_of: Callable[..., int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rid = record_of("detention")
    form = {**_form(client, rid), "reviewer": "kim", "action": "correct", "type": "sentencing"}
    assert client.post(f"/records/{rid}/review", data=form).status_code == 200
    _, extraction = _detention_report()
    page = _reextract(client, store, "detention", extraction, monkeypatch)
    assert "0 added, 1 kept" in page
    types = sorted(_ids(store, "detention"))
    assert types == ["incident:sentencing", "measure:campaign"]


def test_a_rejected_statement_is_not_proposed_again(
    client: TestClient, store: Store, record_of: Callable[..., int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rid = record_of("execution")
    client.post(f"/records/{rid}/review", data={"reviewer": "lee", "action": "reject"})
    from web_store import _execution_report

    _, extraction = _execution_report()
    page = _reextract(client, store, "execution", extraction, monkeypatch)
    assert "0 added, 0 kept (same ids), 0 removed" in page
    assert list(_ids(store, "execution").values()) == [rid]


def test_ids_of_removed_records_are_never_given_out_again(
    client: TestClient, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    newest = _ids(store, "xss")["incident:detention"]  # the store's highest id
    page = _reextract(client, store, "xss", Extraction([]), monkeypatch)
    assert "0 added, 0 kept (same ids), 1 removed" in page
    read, _ = _xss_report()
    phrase = "at the market in Hyesan in April 2023"
    start = read.text.index(phrase)
    other = Record(kind="incident", type="fine", evidence=[Span(start, start + len(phrase),
                   phrase)], place=Place("Ryanggang", "Hyesan"))
    _reextract(client, store, "xss", Extraction([other]), monkeypatch)
    assert _ids(store, "xss")["incident:fine"] > newest
    assert client.get(f"/records/{newest}").status_code == 404


def test_the_migration_keeps_every_row_and_stops_reusing_ids(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_engine(url)
    config = _alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0002")
    engine.dispose()
    db = Database(url)  # 0002 → head
    with db.session() as session:
        _, extraction = _detention_report()
        read, _ = _detention_report()
        queries.add_report(session, read, extraction, "test-1")
    with db.session() as session:
        newest = max(r.id for r in queries.get_report(session, 1).records)
        queries.review_record(session, newest, "kim", "confirm")
    db.dispose()
    with create_engine(url).begin() as conn:
        sql = conn.execute(text("SELECT sql FROM sqlite_master WHERE name = 'records'")).scalar()
        assert "AUTOINCREMENT" in str(sql)
        assert conn.execute(text("SELECT count(*) FROM evidence")).scalar() == 2
        assert conn.execute(text("SELECT count(*) FROM audit")).scalar() == 1
        conn.execute(text("PRAGMA foreign_keys=ON"))
        conn.execute(text("DELETE FROM records WHERE id = :i"), {"i": newest})
        assert conn.execute(text("SELECT count(*) FROM audit")).scalar() == 0  # still cascades
        conn.execute(text(
            "INSERT INTO records (report_id, kind, type, organs, offenses, victim_groups, "
            "public, penalties, confidence, needs_review, status, extractor_version, "
            "created_at) VALUES (1, 'incident', 'fine', '', '', '', 0, '', 0.5, 0, "
            "'unreviewed', 't', '2024-01-01')"
        ))
        assert conn.execute(text("SELECT max(id) FROM records")).scalar() == newest + 1
