"""Kirok's command line: a thin Typer layer over ingest, the store, exports and the scorer."""

from kirok.cli import batch, learning, records, team, tools  # noqa: F401 - importing registers the commands
from kirok.cli.app import app

__all__ = ["app"]
