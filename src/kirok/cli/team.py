"""Working as a team: accounts and tokens, restricted material, and moving a store."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer
from rich.text import Text

from kirok import accounts
from kirok.cli import ui
from kirok.cli.app import app, database, handled
from kirok.errors import AccountError

users = typer.Typer(
    help="Accounts for a team's server: admin (users), editor (ingest, review), viewer (read).",
    no_args_is_help=True,
)
app.add_typer(users, name="users")


class Role(StrEnum):
    admin = "admin"
    editor = "editor"
    viewer = "viewer"


class What(StrEnum):
    record = "record"
    report = "report"


def _password(from_stdin: bool) -> str:
    if from_stdin:
        # one line, so that `printf '%s\n' "$PW" | kirok users add …` works in scripts
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise AccountError("--password-stdin read no password: pipe one line to stdin")
        return password
    value: str = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    return value


@users.command("add")
@handled
def users_add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The account's login name.")],
    role: Annotated[Role, typer.Option("--role", help="admin, editor or viewer.")],
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from stdin (scripts).")
    ] = False,
) -> None:
    """Add an account; asks for its password (at least 10 characters)."""
    accounts.add_user(database(ctx), name, role.value, _password(password_stdin))
    ui.out().print(Text(f"added {name} as {role.value}"))


@users.command("list")
@handled
def users_list(ctx: typer.Context) -> None:
    """Every account with its role and how many API tokens it holds."""
    rows = accounts.list_users(database(ctx))
    if not rows:
        ui.out().print("No accounts: the web app runs as one local user on this computer.")
        return
    ui.out().print(ui.table("Accounts", ["Name", "Role", "Tokens"], rows))


@users.command("remove")
@handled
def users_remove(
    ctx: typer.Context, name: Annotated[str, typer.Argument(help="The account to remove.")]
) -> None:
    """Remove an account and its tokens; its reviews keep its name."""
    accounts.remove_user(database(ctx), name)
    ui.out().print(Text(f"removed {name}"))


@users.command("token")
@handled
def users_token(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The account the token acts as.")],
    label: Annotated[str, typer.Option("--name", help="What the token is for, e.g. nightly.")],
    role: Annotated[
        Role | None, typer.Option("--role", help="Less than the account's role, e.g. viewer.")
    ] = None,
) -> None:
    """Make an API token (Authorization: Bearer …); it is printed once, and stored hashed."""
    token = accounts.create_token(database(ctx), name, label, role.value if role else None)
    typer.echo(token)
    ui.err().print(Text(f"token {label!r} for {name}: keep it now, it cannot be shown again"))


@users.command("revoke")
@handled
def users_revoke(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The token's account.")],
    label: Annotated[str, typer.Option("--name", help="The token's name.")],
) -> None:
    """Revoke an API token: requests that carry it are refused from now on."""
    accounts.revoke_token(database(ctx), name, label)
    ui.out().print(Text(f"revoked {name}'s token {label!r}"))


def _restrict(ctx: typer.Context, what: What, item_id: int, restricted: bool) -> None:
    from kirok.store.restrict import set_restricted

    db = database(ctx)
    with db.write_session() as session:
        changed = set_restricted(session, what.value, item_id, restricted, _cli_user())
    state = "restricted" if restricted else "not restricted"
    ui.out().print(Text(f"{what.value} {item_id} is {'now ' if changed else ''}{state}"))


def _cli_user() -> str:
    """The audit's name for a change made at the command line: the system's user, since the
    CLI works on the store directly and has no login."""
    import getpass

    try:
        return f"cli:{getpass.getuser()}"[:100]
    except (KeyError, OSError):
        return "cli"


@app.command()
@handled
def restrict(
    ctx: typer.Context,
    what: Annotated[What, typer.Argument(help="record or report.")],
    item_id: Annotated[int, typer.Argument(help="Its id.", metavar="ID")],
) -> None:
    """Keep a record, or a whole report's records, out of every public edition."""
    _restrict(ctx, what, item_id, True)


@app.command()
@handled
def unrestrict(
    ctx: typer.Context,
    what: Annotated[What, typer.Argument(help="record or report.")],
    item_id: Annotated[int, typer.Argument(help="Its id.", metavar="ID")],
) -> None:
    """Let a restricted record or report into the public edition again."""
    _restrict(ctx, what, item_id, False)


@app.command()
@handled
def migrate(
    src: Annotated[str, typer.Argument(help="The store to copy from: a path or URL.")],
    dst: Annotated[str, typer.Argument(help="The store to copy into: a path or URL.")],
) -> None:
    """Copy every report, record, review and account into another store, and verify it."""
    from kirok.store.db import as_url
    from kirok.store.transfer import TABLES, copy_store

    result = copy_store(as_url(src), as_url(dst))
    rows = [(t, result.source.get(t, 0), result.added[t]) for t in TABLES]
    ui.out().print(ui.table("Copied", ["Table", "In source", "Added"], rows))
    if not result.ok:
        for problem in result.mismatches:
            ui.error(problem)
        raise typer.Exit(1)
    ui.out().print(Text(f"verified: {result.verified} reports agree, SHA-256 for SHA-256"))
