"""Ingest while someone reviews: the ingest loses no report and the reviewer's writes all
land, with no "database is locked" on SQLite and no deadlock on PostgreSQL."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import select
from web_store import Store

from kirok.model import Extraction
from kirok.service import BatchResult, ingest_batch
from kirok.store.schema import Record

REPORT = (
    "Report {n} from our Hoeryong contact\n"
    "Guards in Hoeryong executed a man accused of smuggling in {year}, the contact said.\n"
)


def _unreviewed(store: Store) -> list[int]:
    with store.db.session() as session:
        return list(session.scalars(select(Record.id).where(Record.status == "unreviewed")))


def test_ingesting_while_records_are_confirmed_loses_nothing(
    client: TestClient, store: Store, tmp_path: Path, stub_extractor: Callable[..., Extraction]
) -> None:
    paths = []
    for n in range(20):
        path = tmp_path / "incoming" / f"r{n:02}.txt"
        path.parent.mkdir(exist_ok=True)
        path.write_text(REPORT.format(n=n, year=2000 + n), encoding="utf-8")
        paths.append(str(path))
    results: list[BatchResult] = []
    errors: list[BaseException] = []

    def ingest() -> None:
        try:
            results.append(ingest_batch(store.db, paths))
        except BaseException as exc:  # noqa: B036 - reported by the test below
            errors.append(exc)

    worker = threading.Thread(target=ingest)
    worker.start()
    answers: list[int] = []
    confirmed: set[int] = set()
    while True:
        alive = worker.is_alive()
        for rid in _unreviewed(store):
            response = client.post(f"/records/{rid}/review", follow_redirects=False,
                                   data={"reviewer": "Reviewer Ko", "action": "confirm"})
            answers.append(response.status_code)
            confirmed.add(rid)
        if not alive:
            break
    worker.join(timeout=120)
    assert not errors and len(results) == 1
    assert results[0].ok and len(results[0].stored) == 20 and not results[0].duplicates
    assert set(answers) == {303}
    with store.db.session() as session:
        every_record = set(session.scalars(select(Record.id)))
    assert confirmed == every_record and not _unreviewed(store)
