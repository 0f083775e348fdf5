"""What a reviewer's personal dashboard reads: their own decisions and audits in a range,
and each reviewer's average handle time (aggregated in SQL).

A year of a 300-person team is about three million decisions: the team's handle times come
from the per-day roll-up ``queue_day_decisions`` (migration 0009c) for whole days and from
``decisions`` only for the partial days at the range's edges; one person's rows are read
through ``(user_id, decided_at)``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import and_, func, select, union
from sqlalchemy.orm import Session, aliased

from reviewer_app.data.day_windows import day_window
from reviewer_app.data.orm import (
    AppealRow,
    DecisionRow,
    QaEvaluationRow,
    QueueDayDecisionsRow,
    UserRow,
)
from reviewer_app.domain.dashboard import MyAudit, MyDecision

FINAL = ("uphold", "overturn", "partial", "reject_inadmissible")
CHANGED = ("overturn", "partial")
PUBLISHED = ("published", "disputed", "resolved")
D, E, R = DecisionRow, QaEvaluationRow, QueueDayDecisionsRow


def my_decisions(session: Session, user_id: int, start: datetime, end: datetime
                 ) -> list[MyDecision]:
    """My final decisions in ``[start, end)`` (one person: at most thousands of rows), each
    flagged when later overturned: a 2nd-round appeal of it ended in overturn or partial,
    or a published QA audit found a critical error (score 0)."""
    mine = and_(D.user_id == user_id, D.outcome.in_(FINAL), D.decided_at >= start,
                D.decided_at < end)
    rows = session.execute(select(D.id, D.decided_at, D.handle_seconds).where(mine)
                           .order_by(D.decided_at)).all()
    flagged = _overturned_ids(session, mine) if rows else set()
    return [MyDecision(at, handle or 0.0, decision_id in flagged)
            for decision_id, at, handle in rows]


def _overturned_ids(session: Session, mine: Any) -> set[int]:
    """Ids of the decisions matching ``mine`` that were later overturned.

    Joins rather than a correlated EXISTS per decision: PostgreSQL turned that EXISTS into
    a hash of every overturn decision of every 2nd-round appeal, read on each call.
    """
    second, later = aliased(AppealRow), aliased(DecisionRow)
    by_second_round = (
        select(D.id).join(second, second.previous_appeal_id == D.appeal_id)
        .join(later, and_(later.appeal_id == second.id, later.outcome.in_(CHANGED)))
        .where(mine))
    by_qa = (select(D.id).join(E, E.decision_id == D.id)
             .where(mine, E.kind == "audit", E.status.in_(PUBLISHED), E.score == 0))
    return set(session.scalars(union(by_second_round, by_qa)))


def my_audits(session: Session, user_id: int, start: datetime, end: datetime
              ) -> list[MyAudit]:
    """Published audits of my decisions made in ``[start, end)``."""
    rows = session.execute(
        select(D.decided_at, E.score).join(D, D.id == E.decision_id)
        .where(E.reviewer_user_id == user_id, E.kind == "audit", E.status.in_(PUBLISHED),
               D.decided_at >= start, D.decided_at < end))
    return [MyAudit(at, (score or 0) > 0) for at, score in rows]


def team_aht(session: Session, start: datetime, end: datetime) -> list[float]:
    """Each reviewer's own AHT (Σ handle seconds ÷ final decisions) in ``[start, end)``."""
    reviewer = and_(UserRow.id == D.user_id, UserRow.role == "reviewer")
    window = day_window(start, end)
    parts: list[Iterable[Any]] = []
    if window.first_day is not None and window.end_day is not None:
        parts.append(session.execute(
            select(R.user_id, func.sum(R.final_decisions), func.sum(R.final_handle_seconds))
            .join(UserRow, and_(UserRow.id == R.user_id, UserRow.role == "reviewer"))
            .where(R.day >= window.first_day, R.day < window.end_day)
            .group_by(R.user_id)))
    for lo, hi in window.edges:
        parts.append(session.execute(
            select(D.user_id, func.count(D.id), func.sum(D.handle_seconds))
            .join(UserRow, reviewer)
            .where(D.outcome.in_(FINAL), D.decided_at >= lo, D.decided_at < hi)
            .group_by(D.user_id)))
    sums: dict[int, list[float]] = defaultdict(lambda: [0, 0.0])
    for rows in parts:
        for user_id, finals, seconds in rows:
            sums[user_id][0] += finals or 0
            sums[user_id][1] += seconds or 0.0
    return [seconds / finals for finals, seconds in sums.values() if finals]
