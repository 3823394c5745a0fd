"""The Typer app, its global --db option, and how errors reach the user."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar

import typer

from kirok.errors import KirokError
from kirok.store.db import Database, as_url, default_url

app = typer.Typer(
    name="kirok",
    help="Turn reports on state repression in North Korea into a sourced, searchable record.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

F = TypeVar("F", bound=Callable[..., Any])


@dataclass
class Settings:
    db_url: str
    _db: Database | None = None

    def database(self) -> Database:
        # Opened on first use so that `extract`, `eval` and `version` need no store.
        if self._db is None:
            self._db = Database(self.db_url)
        return self._db


@app.callback()
def main(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            envvar="KIROK_DB",
            help="The store: a SQLite file path or a SQLAlchemy URL (PostgreSQL for teams).",
            show_default=False,
        ),
    ] = None,
) -> None:
    ctx.obj = Settings(as_url(db) if db else default_url())
    ctx.call_on_close(lambda: _close(ctx.obj))


def _close(settings: Settings) -> None:
    if settings._db is not None:
        settings._db.dispose()


def settings(ctx: typer.Context) -> Settings:
    found = ctx.find_object(Settings)
    if found is None:  # a command invoked without the app's callback (not via `kirok`)
        found = Settings(default_url())
        ctx.obj = found
    return found


def database(ctx: typer.Context) -> Database:
    return settings(ctx).database()


def handled(func: F) -> F:
    """A KirokError is the user's to fix: one red line on stderr and exit code 1."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except KirokError as exc:
            from kirok.cli.ui import error

            error(str(exc))
            raise typer.Exit(1) from exc

    return wrapper  # type: ignore[return-value]
