"""A team's accounts: names, roles, argon2 password hashes and API tokens.

The CLI manages them and the web app checks them; both go through here. Passwords are
kept only as argon2id hashes. An API token is 32 random bytes shown once; the store keeps
its SHA-256, which is enough because a token, unlike a password, cannot be guessed from a
dictionary, and it lets every request find its token with one indexed look-up.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kirok.errors import AccountError, NotFoundError
from kirok.store.db import Database
from kirok.store.schema import ROLES, Setting, Token, User

TOKEN_PREFIX = "kirok_"
MIN_PASSWORD = 10
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$")
_hasher = PasswordHasher()
# Verified against when the name is unknown, so a wrong name costs as long as a wrong
# password and the response time does not tell which names exist.
_DUMMY_HASH = _hasher.hash(secrets.token_hex(16))


@dataclass(frozen=True)
class Account:
    """Who a request or a command acts as, and with which role."""

    name: str
    role: str
    user_id: int | None = None  # None: the laptop's one local user, no account needed

    def may(self, role: str) -> bool:
        return ROLES.index(self.role) >= ROLES.index(role)


LOCAL = Account("local", "admin")


def check_role(role: str) -> str:
    if role not in ROLES:
        raise AccountError(f"unknown role {role!r}; choose one of {', '.join(ROLES)}")
    return role


def has_users(session: Session) -> bool:
    return session.scalar(select(User.id).limit(1)) is not None


def _user(session: Session, name: str) -> User:
    user = session.scalar(select(User).where(User.name == name))
    if user is None:
        raise NotFoundError(f"no account named {name!r}: list them with `kirok users list`")
    return user


def add_user(db: Database, name: str, role: str, password: str) -> None:
    if not NAME.match(name):
        raise AccountError(
            f"{name!r} cannot be an account name: use letters, digits and . _ @ - "
            "(up to 100), starting with a letter or digit"
        )
    check_role(role)
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"the password is too short: use at least {MIN_PASSWORD} characters")
    try:
        with db.write_session() as session:
            session.add(User(name=name, role=role, password_hash=_hasher.hash(password)))
    except IntegrityError as exc:
        raise AccountError(
            f"there is already an account named {name!r}; remove it first to replace it"
        ) from exc


def list_users(db: Database) -> list[tuple[str, str, int]]:
    """(name, role, live tokens) of every account, by name."""
    with db.session() as session:
        stmt = (
            select(User.name, User.role, func.count(Token.id))
            .outerjoin(Token)
            .group_by(User.id, User.name, User.role)
            .order_by(User.name)
        )
        return [(n, r, int(t)) for n, r, t in session.execute(stmt)]


def remove_user(db: Database, name: str) -> None:
    """The account and its tokens go; its name stays in the audit trail it wrote."""
    with db.write_session() as session:
        session.delete(_user(session, name))


def authenticate(db: Database, name: str, password: str) -> Account | None:
    with db.session() as session:
        user = session.scalar(select(User).where(User.name == name))
        try:
            _hasher.verify(user.password_hash if user else _DUMMY_HASH, password)
        except (VerificationError, InvalidHashError):
            return None
        return Account(user.name, user.role, user.id) if user else None


def account_by_id(session: Session, user_id: int) -> Account | None:
    user = session.get(User, user_id)
    return Account(user.name, user.role, user.id) if user else None


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(db: Database, name: str, label: str, role: str | None = None) -> str:
    """A new token for `name`'s account, acting with `role` (at most the account's own)."""
    with db.write_session() as session:
        user = _user(session, name)
        role = check_role(role or user.role)
        if ROLES.index(role) > ROLES.index(user.role):
            raise AccountError(
                f"a token cannot do more than its account: {name} is a {user.role}, "
                f"so its tokens can be {', '.join(ROLES[: ROLES.index(user.role) + 1])}"
            )
        if any(t.label == label for t in user.tokens):
            raise AccountError(
                f"{name} already has a token named {label!r}: revoke it first or pick a "
                "new --name"
            )
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        user.tokens.append(Token(label=label, role=role, token_hash=_digest(token)))
    return token


def list_tokens(db: Database, name: str) -> list[tuple[str, str]]:
    with db.session() as session:
        return [(t.label, t.role) for t in _user(session, name).tokens]


def revoke_token(db: Database, name: str, label: str) -> None:
    with db.write_session() as session:
        user = _user(session, name)
        token = next((t for t in user.tokens if t.label == label), None)
        if token is None:
            labels = ", ".join(t.label for t in user.tokens) or "none"
            raise NotFoundError(f"{name} has no token named {label!r} (its tokens: {labels})")
        session.delete(token)


def account_for_token(session: Session, token: str) -> Account | None:
    """The account a bearer token acts as, with the token's role; None if unknown."""
    if not token.startswith(TOKEN_PREFIX):
        return None
    row = session.execute(
        select(Token.role, User.name, User.role, User.id)
        .join(User)
        .where(Token.token_hash == _digest(token))
    ).first()
    if row is None:
        return None
    token_role, name, user_role, user_id = row
    # an account demoted after its token was made: the token follows it down
    role = min(token_role, user_role, key=ROLES.index)
    return Account(name, role, user_id)


def server_secret(db: Database) -> bytes:
    """The key that signs login cookies, made once per store so that every server process
    on it, and every restart, accepts the same cookies."""
    with db.session() as session:
        found = session.get(Setting, "session_secret")
        if found is not None:
            return bytes.fromhex(found.value)
    try:
        with db.write_session() as session:
            session.add(Setting(key="session_secret", value=secrets.token_hex(32)))
    except IntegrityError:
        pass  # another process made it first: use theirs
    with db.session() as session:
        made = session.get(Setting, "session_secret")
        assert made is not None
        return bytes.fromhex(made.value)
