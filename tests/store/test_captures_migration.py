"""A store made before captures were kept (0004) upgrades with the history it had: each
page's one capture per version, and the versions a newer one replaced superseded."""

from __future__ import annotations

from alembic import command
from sqlalchemy import create_engine, text

from kirok.store import captures, queries
from kirok.store.db import Database, _alembic_config

URL = "https://example.org/notice"


def _insert(conn: object, id_: int, url: str | None, previous: int | None) -> None:
    conn.execute(  # type: ignore[attr-defined]
        text(
            "INSERT INTO reports (id, sha256, text, url, format, published_from, language, "
            "captured_at, previous_id, flags, restricted) VALUES (:id, :sha, :text, :url, "
            "'txt', 'none', 'en', :at, :previous, '', false)"
        ),
        {"id": id_, "sha": f"{id_:064d}", "text": f"Version {id_}.", "url": url,
         "at": f"2024-01-0{id_} 10:00:00", "previous": previous},
    )


def test_an_older_store_keeps_its_versions_after_the_upgrade(db_url: str) -> None:
    engine = create_engine(db_url)
    config = _alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0004")
        _insert(conn, 1, URL, None)
        _insert(conn, 2, URL, 1)
        _insert(conn, 3, None, None)  # a file: no page, no capture
    engine.dispose()
    db = Database(db_url)  # 0004 → head
    try:
        with db.session() as session:
            first, second, file = (queries.get_report(session, i) for i in (1, 2, 3))
            assert (first.superseded, second.superseded, file.superseded) == (True, False, False)
            history = captures.page_history(session, second)
            assert history is not None and history.versions == [1, 2]
            assert history.current_id == 2
            assert captures.page_history(session, file) is None
    finally:
        db.dispose()
