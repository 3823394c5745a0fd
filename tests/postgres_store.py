"""Throwaway databases on the tests' PostgreSQL server (the `postgres_server` fixture)."""

from __future__ import annotations

import uuid

import pytest


def _postgres_admin(server: str, statement: str) -> None:
    import psycopg

    with psycopg.connect(f"{server.replace('+psycopg', '')}/postgres", autocommit=True) as conn:
        conn.execute(statement)  # type: ignore[arg-type]  # our own names, never user input


def create_postgres_database(server: str, template: str | None = None) -> str:
    """A new, empty database on the test server (a copy of `template` if given): its URL."""
    name = f"kirok_{uuid.uuid4().hex[:12]}"
    copy = f" TEMPLATE {template}" if template else ""
    _postgres_admin(server, f"CREATE DATABASE {name}{copy}")
    return f"{server}/{name}"


def drop_postgres_database(url: str) -> None:
    """Drop a database made by `create_postgres_database`, closing what still holds it."""
    server, _, name = url.rpartition("/")
    _postgres_admin(server, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def postgres_or_skip(postgres_server: str | None) -> str:
    if postgres_server is None:
        pytest.skip("no PostgreSQL server on this machine (make test installs one)")
    return postgres_server
