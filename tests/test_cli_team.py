"""The team commands: accounts with roles and passwords, API tokens shown once and stored
hashed, and restricting records and reports."""

from __future__ import annotations

import hashlib

from kirok import accounts
from kirok.store.db import Database
from kirok.store.schema import Token, User


def test_users_add_list_and_remove(cli, db_url):
    added = cli("users", "add", "amira", "--role", "editor", "--password-stdin",
                input="a long enough secret\n")
    assert added.exit_code == 0 and "added amira as editor" in added.output
    listed = cli("users", "list")
    assert "amira" in listed.output and "editor" in listed.output
    db = Database(db_url)
    with db.session() as session:
        stored = session.query(User).one().password_hash
    assert stored.startswith("$argon2id$") and "a long enough secret" not in stored
    assert accounts.authenticate(db, "amira", "a long enough secret") is not None
    db.dispose()
    assert cli("users", "remove", "amira").exit_code == 0
    assert "No accounts" in cli("users", "list").output


def test_users_add_prompts_for_the_password_twice(cli, db_url):
    result = cli("users", "add", "jun", "--role", "viewer",
                 input="jun's long secret\njun's long secret\n")
    assert result.exit_code == 0, result.output
    db = Database(db_url)
    assert accounts.authenticate(db, "jun", "jun's long secret") is not None
    db.dispose()


def test_users_add_says_what_is_wrong(cli):
    short = cli("users", "add", "amira", "--role", "editor", "--password-stdin", input="short\n")
    assert short.exit_code == 1 and "at least 10 characters" in short.output
    role = cli("users", "add", "amira", "--role", "owner", "--password-stdin", input="x" * 12)
    assert role.exit_code == 2 and "owner" in role.output
    cli("users", "add", "amira", "--role", "editor", "--password-stdin", input="x" * 12)
    again = cli("users", "add", "amira", "--role", "admin", "--password-stdin", input="y" * 12)
    assert again.exit_code == 1 and "already an account named 'amira'" in again.output
    odd = cli("users", "add", "a b", "--role", "viewer", "--password-stdin", input="x" * 12)
    assert odd.exit_code == 1 and "cannot be an account name" in odd.output


def test_a_token_is_printed_once_and_stored_hashed(cli, db_url):
    cli("users", "add", "amira", "--role", "viewer", "--password-stdin", input="x" * 12)
    made = cli("users", "token", "amira", "--name", "nightly")
    assert made.exit_code == 0
    token = made.stdout.strip()
    assert token.startswith("kirok_")
    db = Database(db_url)
    with db.session() as session:
        stored = session.query(Token).one()
        assert stored.token_hash == hashlib.sha256(token.encode()).hexdigest()
        assert accounts.account_for_token(session, token) is not None
    db.dispose()
    above = cli("users", "token", "amira", "--name", "more", "--role", "editor")
    assert above.exit_code == 1 and "cannot do more than its account" in above.output
    twice = cli("users", "token", "amira", "--name", "nightly")
    assert twice.exit_code == 1 and "already has a token named 'nightly'" in twice.output
    assert cli("users", "revoke", "amira", "--name", "nightly").exit_code == 0
    db = Database(db_url)
    with db.session() as session:
        assert accounts.account_for_token(session, token) is None
    db.dispose()
    gone = cli("users", "revoke", "amira", "--name", "nightly")
    assert gone.exit_code == 1 and "no token named 'nightly'" in gone.output


def test_restrict_and_unrestrict(cli, write_report, stub_extractor):
    cli("ingest", str(write_report("a.txt", "Five smugglers were executed in Hoeryong in 2021.")))
    restricted = cli("restrict", "record", "1")
    assert restricted.exit_code == 0 and "record 1 is now restricted" in restricted.output
    assert "record 1 is restricted" in cli("restrict", "record", "1").output
    assert "report 1 is now restricted" in cli("restrict", "report", "1").output
    lifted = cli("unrestrict", "report", "1")
    assert lifted.exit_code == 0 and "report 1 is now not restricted" in lifted.output
    missing = cli("restrict", "record", "99")
    assert missing.exit_code == 1 and "no record 99" in missing.output


def test_serve_public_starts_the_read_only_edition(cli, db_url, monkeypatch):
    import kirok.web.public

    calls: list[tuple] = []
    monkeypatch.setattr(kirok.web.public, "serve_public", lambda *args: calls.append(args))
    result = cli("serve", "--public", "--host", "0.0.0.0", "--coarsen")
    assert result.exit_code == 0 and calls == [(db_url, "0.0.0.0", 8000, True)]


def test_exports_leave_restricted_records_out_unless_asked(cli, write_report, stub_extractor):
    import json

    cli("ingest", str(write_report("a.txt", "Five smugglers were executed in Hoeryong in 2021.")),
        str(write_report("b.txt", "Two traders were executed in 2022.")),
        str(write_report("c.txt", "Three men were executed in 2023.")))
    cli("restrict", "record", "1")
    cli("restrict", "report", "2")

    def exported(*extra: str) -> list[int]:
        result = cli("export", "--format", "json", *extra)
        assert result.exit_code == 0, result.output
        return [item["id"] for item in json.loads(result.stdout)]

    assert exported() == [3]
    assert exported("--include-restricted") == [1, 2, 3]
