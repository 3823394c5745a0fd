"""Opening the store: where it lives, connecting, and bringing its schema up to date.

Migrations are atomic and serialised. On SQLite the driver's own transaction handling is
switched off (it never opens a transaction before DDL, so a `CREATE TABLE` used to commit
on its own) and Kirok emits BEGIN itself: the whole upgrade, tables and version stamp,
commits together or not at all. The upgrade runs under BEGIN IMMEDIATE (on PostgreSQL an
advisory lock), so a second process opening a new store waits for the first and then
finds the schema already there. A store left half-made by an older Kirok (tables but no
version stamp) is rebuilt when it holds no reports, and reported otherwise.
"""

from __future__ import annotations

import os
import sqlite3
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from platformdirs import user_data_dir
from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from kirok.errors import StoreError

MIGRATIONS = Path(__file__).parent / "migrations"
# How long an opener waits for another process holding the store's write lock.
BUSY_TIMEOUT_S = 60.0
_BEGIN = "kirok_begin"
_PG_MIGRATION_LOCK = 0x6B69726F6B  # "kirok"
_KIROK_TABLES = ("audit", "evidence", "records", "reports")


def default_url() -> str:
    """KIROK_DB (a path or a SQLAlchemy URL), else a SQLite file in the user's data dir."""
    configured = os.environ.get("KIROK_DB")
    if configured:
        return as_url(configured)
    return as_url(str(Path(user_data_dir("kirok")) / "kirok.db"))


def as_url(db: str) -> str:
    """Accept a plain file path as well as a URL, because analysts type paths."""
    if "://" in db:
        return db
    path = Path(db).expanduser().resolve()
    return f"sqlite:///{path}"


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Kirok, not pysqlite, decides where transactions begin (see the module docstring).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        _wal(cur)
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        conn.exec_driver_sql(str(conn.get_execution_options().get(_BEGIN, "BEGIN")))


def _wal(cur: Any) -> None:
    """Switch to WAL, waiting for a lock held elsewhere: on a new store another process's
    first migration holds it, and SQLite answers this pragma "database is locked" at once
    instead of calling the busy handler."""
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            cur.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


# A worker forked from a process with open connections (kirok.pool) must leave them to the
# parent: its copy of each engine forgets them without closing them, as SQLAlchemy advises.
_ENGINES: weakref.WeakSet[Engine] = weakref.WeakSet()


def _forget_inherited_connections() -> None:
    for engine in list(_ENGINES):
        engine.dispose(close=False)


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_inherited_connections)


def connect(url: str) -> Engine:
    """An engine on `url` whose schema is at the newest migration."""
    parsed = make_url(url)
    sqlite = parsed.get_backend_name() == "sqlite"
    if sqlite and parsed.database:
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    try:
        if sqlite:
            engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_S})
            _configure_sqlite(engine)
        else:
            # as many connections as the web app runs requests at once (anyio's 40 threads),
            # so a busy server queues in PostgreSQL's locks rather than timing out in the pool
            engine = create_engine(url, pool_size=10, max_overflow=30, pool_pre_ping=True)
        migrate(engine, url)
        _ENGINES.add(engine)
    except SQLAlchemyError as exc:
        raise StoreError(
            f"cannot open the store at {url}: {exc.__class__.__name__}: {exc}"
        ) from exc
    return engine


def head_revision() -> str | None:
    return ScriptDirectory.from_config(_alembic_config()).get_current_head()


def migrate(engine: Engine, url: str = "") -> None:
    """Bring the schema to the newest migration in one locked transaction (a no-op, and no
    lock, when it is there already)."""
    head = head_revision()
    with engine.connect() as conn:
        if MigrationContext.configure(conn).get_current_revision() == head:
            return
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            conn.execution_options(**{_BEGIN: "BEGIN IMMEDIATE"})
        with conn.begin():
            if engine.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_MIGRATION_LOCK})
            # Checked again under the lock: another process may have just migrated.
            current = MigrationContext.configure(conn).get_current_revision()
            if current == head:
                return
            if current is None:
                _repair_half_made(conn, url or str(engine.url))
            config = _alembic_config()
            config.attributes["connection"] = conn
            command.upgrade(config, "head")


def _repair_half_made(conn: Connection, url: str) -> None:
    """Tables without a version stamp: what an interrupted first open left behind before
    migrations were atomic. Empty, it is rebuilt; holding reports, it is reported."""
    present = set(inspect(conn).get_table_names())
    leftovers = [t for t in _KIROK_TABLES if t in present]
    if not leftovers and "reports_fts" not in present:
        return
    if "reports" in present and conn.execute(text("SELECT count(*) FROM reports")).scalar():
        raise StoreError(
            f"the store at {url} holds reports but no schema version, so Kirok cannot tell "
            "how to upgrade it; keep the file, and open it with the Kirok version that made it"
        )
    from kirok.store import fts

    fts.drop(conn)
    for table in leftovers:
        conn.execute(text(f'DROP TABLE IF EXISTS "{table}"'))


class Database:
    """An engine and its sessions; `with db.session() as s:` is one transaction."""

    def __init__(self, url: str | None = None) -> None:
        self.url = url or default_url()
        self.engine = connect(self.url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        # A writer takes the write lock when it begins, so it waits its turn (busy timeout)
        # instead of failing when another process wrote since its transaction's snapshot.
        writer = self.engine
        if self.engine.dialect.name == "sqlite":
            writer = self.engine.execution_options(**{_BEGIN: "BEGIN IMMEDIATE"})
        self._writes = sessionmaker(writer, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self._sessions.begin() as session:
            yield session

    @contextmanager
    def write_session(self) -> Iterator[Session]:
        """A transaction that will write: on SQLite it holds the write lock from the start."""
        with self._writes.begin() as session:
            yield session

    def dispose(self) -> None:
        self.engine.dispose()
