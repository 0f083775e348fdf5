"""Workload figures for the forecast and staffing: daily intake, backlog, recent AHT.

Everything is aggregated in SQL (a year of a large team is millions of rows; pulling them
into pandas takes seconds). Days are UTC calendar days. Intake and decisions are read from
the per-day roll-ups of migration 0009c (``queue_day_intake``, ``queue_day_decisions``,
kept by triggers): half a year of intake is about a thousand rows instead of 1.5 million
appeals; the partial day at the start of a window comes from ``decisions`` itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from reviewer_app.data.day_windows import day_window
from reviewer_app.data.orm import OPEN_PREDICATE, AppealRow, DecisionRow, QueueDefRow, SlaPolicyRow
from reviewer_app.data.rollup_orm import QueueDayDecisionsRow, QueueDayIntakeRow
from reviewer_app.domain.enums import Outcome

FINAL_OUTCOMES = tuple(o.value for o in Outcome if o.is_final)
DEFAULT_SLA_HOURS = 48.0  # the catalog's fallback when no rule names the queue


@dataclass(frozen=True, slots=True)
class QueueIntake:
    """Appeals received per UTC day in one queue, one count per day from ``first_day``."""

    queue_code: str
    first_day: date
    counts: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class QueueWorkload:
    """A queue's open work and how fast it was decided recently.

    Attributes:
        backlog: open appeals (status not decided) now.
        handle_seconds: active handle seconds of every decision row in the window
            (handling steps such as escalate take work too).
        final_decisions: final decisions in the window.
        reviewers: people-equivalents deciding the queue: each person with a final decision
            in the window counts for the share of their final decisions (in any queue) made
            in this one, so a team shared by five queues is not counted five times over.
        sla_hours: the queue's SLA rule (queue-wide, no policy or market), else the
            catalog-wide rule, else 48 hours.
    """

    queue_code: str
    backlog: int
    handle_seconds: float
    final_decisions: int
    reviewers: float
    sla_hours: float

    @property
    def aht_seconds(self) -> float | None:
        """Σ handle seconds ÷ final decisions; None without decisions."""
        return self.handle_seconds / self.final_decisions if self.final_decisions else None


def queue_codes(session: Session) -> tuple[str, ...]:
    """Every queue's code, sorted."""
    return tuple(session.scalars(select(QueueDefRow.code).order_by(QueueDefRow.code)))


def daily_intake(session: Session, *, first_day: date, last_day: date,
                 queue_code: str | None = None) -> tuple[QueueIntake, ...]:
    """Appeals received per UTC day from ``first_day`` to ``last_day`` (both included), per
    queue; every queue is listed (or just ``queue_code``) and a day without appeals is 0."""
    intake = QueueDayIntakeRow
    query = (
        select(QueueDefRow.code, intake.day, intake.appeals)
        .join(QueueDefRow, QueueDefRow.id == intake.queue_id)
        .where(intake.day >= first_day, intake.day <= last_day)
    )
    if queue_code is not None:
        query = query.where(QueueDefRow.code == queue_code)
    codes = (queue_code,) if queue_code is not None else queue_codes(session)
    days = (last_day - first_day).days + 1
    counts = {code: [0] * days for code in codes}
    for code, bucket, appeals in session.execute(query):
        counts[code][(_as_date(bucket) - first_day).days] += int(appeals)
    return tuple(QueueIntake(code, first_day, tuple(counts[code])) for code in codes)


def workload(session: Session, *, since: datetime,
             queue_code: str | None = None) -> tuple[QueueWorkload, ...]:
    """Backlog now, and handle time, final decisions and reviewers since ``since``, per queue."""
    codes = (queue_code,) if queue_code is not None else queue_codes(session)
    backlog = dict(session.execute(
        select(QueueDefRow.code, func.count(AppealRow.id))
        .join(QueueDefRow, QueueDefRow.id == AppealRow.queue_id)
        .where(text(OPEN_PREDICATE))  # verbatim, so the partial open-appeal indexes apply
        .group_by(QueueDefRow.code)
    ).all())
    decided = _decided_since(session, since)
    slas = _queue_sla_hours(session)
    return tuple(
        QueueWorkload(code, int(backlog.get(code, 0)), *decided.get(code, (0.0, 0, 0.0)),
                      sla_hours=slas.get(code, slas.get(None, DEFAULT_SLA_HOURS)))
        for code in codes
    )


def _decided_since(session: Session, since: datetime
                   ) -> dict[str, tuple[float, int, float]]:
    """Per queue code: handle seconds of every decision row, final decisions, and the
    people-equivalents deciding it (see ``QueueWorkload.reviewers``), since ``since``
    (whole days from the roll-up, the first partial day from ``decisions``)."""
    window = day_window(since)
    r = QueueDayDecisionsRow
    parts: list[Any] = []
    if window.first_day is not None:
        parts.append(session.execute(
            select(QueueDefRow.code, r.user_id, func.sum(r.all_handle_seconds),
                   func.sum(r.final_decisions))
            .join(QueueDefRow, QueueDefRow.id == r.queue_id)
            .where(r.day >= window.first_day)
            .group_by(QueueDefRow.code, r.user_id)))
    is_final = DecisionRow.outcome.in_(FINAL_OUTCOMES)
    for lo, hi in window.edges:
        parts.append(session.execute(
            select(QueueDefRow.code, DecisionRow.user_id, func.sum(DecisionRow.handle_seconds),
                   func.count(DecisionRow.id).filter(is_final))
            .join(AppealRow, AppealRow.id == DecisionRow.appeal_id)
            .join(QueueDefRow, QueueDefRow.id == AppealRow.queue_id)
            .where(DecisionRow.decided_at >= lo, DecisionRow.decided_at < hi)
            .group_by(QueueDefRow.code, DecisionRow.user_id)))
    per_person: dict[tuple[str, int], list[float]] = {}
    for rows in parts:
        for code, user_id, seconds, finals in rows:
            sums = per_person.setdefault((code, user_id), [0.0, 0])
            sums[0] += float(seconds or 0)
            sums[1] += int(finals or 0)
    finals_anywhere: dict[int, int] = {}
    for (_code, user), (_seconds, finals) in per_person.items():
        finals_anywhere[user] = finals_anywhere.get(user, 0) + int(finals)
    decided: dict[str, tuple[float, int, float]] = {}
    for (code, user), (seconds, finals) in per_person.items():
        total, count, people = decided.get(code, (0.0, 0, 0.0))
        share = finals / finals_anywhere[user] if finals else 0.0
        decided[code] = (total + seconds, count + int(finals), people + share)
    return decided


def _queue_sla_hours(session: Session) -> dict[str | None, float]:
    """Queue-wide SLA rules by queue code (None: the catalog-wide rule); shortest wins."""
    rows = session.execute(
        select(QueueDefRow.code, func.min(SlaPolicyRow.hours))
        .select_from(SlaPolicyRow)
        .outerjoin(QueueDefRow, QueueDefRow.id == SlaPolicyRow.queue_id)
        .where(SlaPolicyRow.policy_id.is_(None), SlaPolicyRow.market.is_(None))
        .group_by(QueueDefRow.code)
    )
    return {code: float(hours) for code, hours in rows}


def _as_date(value: date | str) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)



def received_since(session: Session, since: datetime,
                   queue_code: str | None = None) -> dict[str, int]:
    """Appeals received at or after ``since`` per queue code (queues without any left out)."""
    query = (select(QueueDefRow.code, func.count(AppealRow.id))
             .join(QueueDefRow, QueueDefRow.id == AppealRow.queue_id)
             .where(AppealRow.received_at >= since)
             .group_by(QueueDefRow.code))
    if queue_code is not None:
        query = query.where(QueueDefRow.code == queue_code)
    return {code: int(n) for code, n in session.execute(query)}
