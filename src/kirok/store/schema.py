"""The store's tables. Reports are immutable; records carry their evidence and review state."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class TagList(TypeDecorator[list[str]]):
    """A list of codebook values stored as "|a|b|" so that a LIKE '%|a|%' filter works
    the same on SQLite and PostgreSQL without dialect-specific JSON operators."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: list[str] | None, dialect: Dialect) -> str:
        return "|" + "|".join(value or []) + "|" if value else ""

    def process_result_value(self, value: str | None, dialect: Dialect) -> list[str]:
        return [v for v in (value or "").split("|") if v]


class Base(DeclarativeBase):
    pass


class Report(Base):
    __tablename__ = "reports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    text: Mapped[str] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(String(200), index=True)
    url: Mapped[str | None] = mapped_column(Text, index=True)
    source: Mapped[str | None] = mapped_column(Text)  # file path or URL it was read from
    format: Mapped[str] = mapped_column(String(10))  # txt, md, html
    published: Mapped[str | None] = mapped_column(String(10))
    published_from: Mapped[str] = mapped_column(String(12))  # option, metadata, dateline, none
    language: Mapped[str] = mapped_column(String(8), default="en")
    captured_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    previous_id: Mapped[int | None] = mapped_column(ForeignKey("reports.id"))
    flags: Mapped[list[str]] = mapped_column(TagList, default=list)
    # kept from every public edition, e.g. when a source could be identified from it
    restricted: Mapped[bool] = mapped_column(Boolean, default=False)
    # no longer what its page shows: a later capture of the page fetched other bytes (0005)
    superseded: Mapped[bool] = mapped_column(Boolean, default=False, index=True)

    previous: Mapped[Report | None] = relationship(remote_side="Report.id")
    captures: Mapped[list[Capture]] = relationship(
        back_populates="report", cascade="all, delete-orphan", order_by="Capture.id"
    )
    records: Mapped[list[Record]] = relationship(
        back_populates="report", cascade="all, delete-orphan", order_by="Record.id"
    )


class Capture(Base):
    """One fetch of a page: which stored report its bytes were, and when."""

    __tablename__ = "captures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(
        ForeignKey("reports.id", ondelete="CASCADE"), index=True
    )
    url: Mapped[str] = mapped_column(Text)
    fetched_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    sha256: Mapped[str] = mapped_column(String(64))

    report: Mapped[Report] = relationship(back_populates="captures")

    __table_args__ = (Index("ix_captures_url_fetched", "url", "fetched_at"),)


class Record(Base):
    __tablename__ = "records"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(10))
    type: Mapped[str] = mapped_column(String(30))
    date: Mapped[str | None] = mapped_column(String(10))
    year: Mapped[int | None] = mapped_column(Integer)
    province: Mapped[str | None] = mapped_column(String(40))
    locality: Mapped[str | None] = mapped_column(String(80))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    organs: Mapped[list[str]] = mapped_column(TagList, default=list)
    offenses: Mapped[list[str]] = mapped_column(TagList, default=list)
    victims_count: Mapped[int | None] = mapped_column(Integer)
    victim_groups: Mapped[list[str]] = mapped_column(TagList, default=list)
    public: Mapped[bool] = mapped_column(Boolean, default=False)
    penalties: Mapped[list[str]] = mapped_column(TagList, default=list)
    confidence: Mapped[float] = mapped_column(Float, default=0.5)
    needs_review: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(12), default="unreviewed")
    extractor_version: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    restricted: Mapped[bool] = mapped_column(Boolean, default=False)

    report: Mapped[Report] = relationship(back_populates="records")
    evidence: Mapped[list[Evidence]] = relationship(
        back_populates="record", cascade="all, delete-orphan", order_by="Evidence.start"
    )
    audit: Mapped[list[Audit]] = relationship(
        back_populates="record", cascade="all, delete-orphan", order_by="Audit.id"
    )

    __table_args__ = (
        Index("ix_records_kind_type", "kind", "type"),
        Index("ix_records_province", "province"),
        Index("ix_records_year", "year"),
        Index("ix_records_report", "report_id"),
        # Ids are cited in links: a deleted record's id is never given out again (0003).
        {"sqlite_autoincrement": True},
    )

    @property
    def date_precision(self) -> str | None:
        return {4: "year", 7: "month", 10: "day"}.get(len(self.date or ""))

    @property
    def geo_precision(self) -> str | None:
        """"locality" only when the record's point is its locality's own: a place the
        gazetteer has no point for sits at its province seat, at province precision."""
        from kirok.extract.gazetteer import geo_precision

        return geo_precision(self.province, self.locality)

    def fields(self) -> dict[str, Any]:
        """The editable codebook fields, as the audit trail records them."""
        return {name: getattr(self, name) for name in EDITABLE_FIELDS}


EDITABLE_FIELDS = (
    "type",
    "date",
    "province",
    "locality",
    "organs",
    "offenses",
    "victims_count",
    "victim_groups",
    "public",
    "penalties",
)


class Evidence(Base):
    __tablename__ = "evidence"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("records.id", ondelete="CASCADE"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)

    record: Mapped[Record] = relationship(back_populates="evidence")


class Audit(Base):
    __tablename__ = "audit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("records.id", ondelete="CASCADE"), index=True)
    who: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    action: Mapped[str] = mapped_column(String(12))  # confirm, correct, reject
    before: Mapped[str] = mapped_column(Text)  # JSON
    after: Mapped[str] = mapped_column(Text)  # JSON

    record: Mapped[Record] = relationship(back_populates="audit")


ROLES = ("viewer", "editor", "admin")  # each may do what the ones before it may


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    role: Mapped[str] = mapped_column(String(10))
    password_hash: Mapped[str] = mapped_column(Text)  # argon2id, never the password
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    tokens: Mapped[list[Token]] = relationship(
        back_populates="user", cascade="all, delete-orphan", order_by="Token.id"
    )


class Token(Base):
    __tablename__ = "tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    label: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(10))  # at most the user's own role
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)  # sha256 hex
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    user: Mapped[User] = relationship(back_populates="tokens")


class Setting(Base):
    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(50), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
