"""Tables of the queue charts' daily roll-up (migration 0009a); ``queue_rollup_store`` fills
and reads them, triggers on appeals, decisions and events mark the days to redo."""

from __future__ import annotations

from datetime import date

from sqlalchemy import BigInteger, Date, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from reviewer_app.data.orm import Base


class QueueRollupRow(Base):
    """One day's additive figures for one filter combination (``domain.queue_charts``).

    Every combination of the four dimensions is stored, each either a value or "every
    value" (``queue_id`` 0, text ``'*'``), so any filter of the charts reads at most one row
    per day, straight from the primary key.
    """

    __tablename__ = "queue_rollup"
    __table_args__ = (
        Index("ix_queue_rollup_day", "day"),
        {"sqlite_with_rowid": False},
    )
    queue_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    market: Mapped[str] = mapped_column(String(16), primary_key=True)
    policy_code: Mapped[str] = mapped_column(String(64), primary_key=True)
    language: Mapped[str] = mapped_column(String(16), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    intake: Mapped[int] = mapped_column(Integer)
    decided: Mapped[int] = mapped_column(Integer)
    decided_within_sla: Mapped[int] = mapped_column(Integer)
    backlog_delta: Mapped[int] = mapped_column(Integer)
    overdue_delta: Mapped[int] = mapped_column(Integer)


class QueueRollupDirtyRow(Base):
    """A day whose roll-up rows must be computed again, written by triggers.

    ``tx`` is the writing transaction's id on PostgreSQL (0 on SQLite, which has one writer
    at a time): concurrent writers never touch the same row, so they never wait for each
    other, and a refresh deletes only the marks of transactions it can see committed.
    """

    __tablename__ = "queue_rollup_dirty"
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    tx: Mapped[int] = mapped_column(BigInteger, primary_key=True)
