"""Opening the store: where it lives, connecting, and bringing its schema up to date."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from platformdirs import user_data_dir
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from kirok.errors import StoreError

MIGRATIONS = Path(__file__).parent / "migrations"


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


def _enable_sqlite_foreign_keys(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):  # type: ignore[no-untyped-def]
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.close()


def connect(url: str) -> Engine:
    """An engine on `url` whose schema is at the newest migration."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database:
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    try:
        engine = create_engine(url)
        if engine.dialect.name == "sqlite":
            _enable_sqlite_foreign_keys(engine)
        migrate(engine)
    except SQLAlchemyError as exc:
        raise StoreError(
            f"cannot open the store at {url}: {exc.__class__.__name__}: {exc}"
        ) from exc
    return engine


def migrate(engine: Engine) -> None:
    config = _alembic_config()
    head = ScriptDirectory.from_config(config).get_current_head()
    with engine.begin() as conn:
        if MigrationContext.configure(conn).get_current_revision() == head:
            return
        config.attributes["connection"] = conn
        command.upgrade(config, "head")


class Database:
    """An engine and its sessions; `with db.session() as s:` is one transaction."""

    def __init__(self, url: str | None = None) -> None:
        self.url = url or default_url()
        self.engine = connect(self.url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self._sessions.begin() as session:
            yield session

    def dispose(self) -> None:
        self.engine.dispose()
