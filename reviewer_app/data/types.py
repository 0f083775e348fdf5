"""Column types that behave the same on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, DateTime
from sqlalchemy.orm import Session
from sqlalchemy.types import TypeDecorator

# What the hot-path repository functions run on: an ORM Session, or the bare Core
# Connection of ``Database.write_core`` (claim next, decide), which costs less Python time
# per statement. Both have ``execute``, ``scalar`` and ``scalars``; use ``dialect_of``.
Link = Session | Connection


def dialect_of(link: Link) -> str:
    """``"sqlite"`` or ``"postgresql"`` for a Session or a Connection."""
    if isinstance(link, Connection):
        return link.dialect.name
    return link.get_bind().dialect.name


class UtcDateTime(TypeDecorator[datetime]):
    """Stores UTC instants; always hands back timezone-aware datetimes.

    SQLite has no time zones, so values are stored as naive UTC there; PostgreSQL uses
    ``timestamptz``. Naive datetimes are refused so a local time can never slip in.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)
