"""Roll-up tables, all kept by triggers and never written by the app: the queue charts' daily
roll-up (0009a; ``queue_rollup_store`` fills and reads it, triggers mark the days to redo),
the reviewer roll-ups (0009b) and the day roll-ups of intake and decisions (0009c)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Boolean, Date, Float, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from reviewer_app.data.orm import Base
from reviewer_app.data.types import UtcDateTime


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


class QueueDayIntakeRow(Base):
    """Appeals received per UTC day in each (current) queue; kept by triggers (0009c)."""

    __tablename__ = "queue_day_intake"
    __table_args__ = {"sqlite_with_rowid": False}  # noqa: RUF012 - SQLAlchemy API
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    queue_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    appeals: Mapped[int] = mapped_column(Integer)


class QueueDayDecisionsRow(Base):
    """Per UTC day, (current) queue of the appeal and person: final decisions and their
    active handle seconds, every decision row and its handle seconds; kept by triggers
    (0009c), never written by the app."""

    __tablename__ = "queue_day_decisions"
    __table_args__ = {"sqlite_with_rowid": False}  # noqa: RUF012 - SQLAlchemy API
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    queue_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    user_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    final_decisions: Mapped[int] = mapped_column(Integer)
    final_handle_seconds: Mapped[float] = mapped_column(Float)
    all_rows: Mapped[int] = mapped_column(Integer)
    all_handle_seconds: Mapped[float] = mapped_column(Float)


class ReviewerDayStatsRow(Base):
    """Per UTC day and reviewer: what adds up about their decisions and audits (0009b).

    Kept by triggers (never written by the app): ``decisions`` and ``handle_seconds`` count
    final outcomes, ``handled`` and ``escalations`` count decision rows (one reviewer may
    touch an appeal twice: see ``ReviewerRepeatHandleRow``), ``audited`` and
    ``audited_correct`` count published audits by the audited decision's day.
    """

    __tablename__ = "reviewer_day_stats"
    __table_args__ = {"sqlite_with_rowid": False}  # noqa: RUF012 - SQLAlchemy API
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    decisions: Mapped[int] = mapped_column(Integer, server_default="0")
    handle_seconds: Mapped[float] = mapped_column(Float, server_default="0")
    handled: Mapped[int] = mapped_column(Integer, server_default="0")
    escalations: Mapped[int] = mapped_column(Integer, server_default="0")
    audited: Mapped[int] = mapped_column(Integer, server_default="0")
    audited_correct: Mapped[int] = mapped_column(Integer, server_default="0")


class ReviewerRepeatHandleRow(Base):
    """A decision row with an earlier row by the same reviewer on the same appeal, and when
    that was (``prev_at``); with ``escalation``, the same along the escalation rows only
    (0009b). A window counts an appeal once by taking off rows whose ``prev_at`` is in it.
    Kept by triggers."""

    __tablename__ = "reviewer_repeat_handles"
    __table_args__ = (
        Index("ix_reviewer_repeat_handles_window", "user_id", "prev_at", "decided_at",
              "escalation"),
        Index("ix_reviewer_repeat_handles_pair", "appeal_id", "user_id"),
    )
    decision_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    escalation: Mapped[bool] = mapped_column(Boolean, primary_key=True)
    user_id: Mapped[int] = mapped_column(Integer)
    appeal_id: Mapped[int] = mapped_column(Integer)
    decided_at: Mapped[datetime] = mapped_column(UtcDateTime)
    prev_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ReviewerOverturnRow(Base):
    """A final decision later overturned: on a 2nd-round appeal (overturn or partial) or
    by a published QA audit that scored 0 (0009b); kept by triggers."""

    __tablename__ = "reviewer_overturns"
    __table_args__ = (Index("ix_reviewer_overturns_window", "user_id", "decided_at"),)
    decision_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    user_id: Mapped[int] = mapped_column(Integer)
    decided_at: Mapped[datetime] = mapped_column(UtcDateTime)
