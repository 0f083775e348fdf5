"""What a reviewer's personal dashboard reads: their own decisions and audits in a range,
and each reviewer's average handle time (aggregated in SQL).

A year of a 300-person team is about three million decisions; the busiest reviewer has some
27,000 of them. Everything wider than one person's rows comes from the roll-ups that
triggers keep (migration 0009b): the team's handle times from ``reviewer_day_stats`` for
whole days (decisions only for the partial days at the range's edges), and which of my
decisions were later overturned from ``reviewer_overturns``. One person's rows are read
through ``(user_id, decided_at)``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from reviewer_app.data.day_windows import day_window
from reviewer_app.data.orm import DecisionRow, UserRow
from reviewer_app.data.qa_orm import QaEvaluationRow
from reviewer_app.data.rollup_orm import ReviewerDayStatsRow, ReviewerOverturnRow
from reviewer_app.domain.dashboard import MyAudit, MyDecision

FINAL = ("uphold", "overturn", "partial", "reject_inadmissible")
PUBLISHED = ("published", "disputed", "resolved")
D, E = DecisionRow, QaEvaluationRow
S, V = ReviewerDayStatsRow, ReviewerOverturnRow


def my_decisions(session: Session, user_id: int, start: datetime, end: datetime
                 ) -> list[MyDecision]:
    """My final decisions in ``[start, end)`` (one person: at most tens of thousands of
    rows), each flagged when later overturned: a 2nd-round appeal of it ended in overturn
    or partial, or a published QA audit found a critical error (score 0)."""
    mine = and_(D.user_id == user_id, D.outcome.in_(FINAL), D.decided_at >= start,
                D.decided_at < end)
    rows = session.execute(select(D.id, D.decided_at, D.handle_seconds).where(mine)
                           .order_by(D.decided_at)).all()
    flagged = overturned_ids(session, user_id, start, end) if rows else set()
    return [MyDecision(at, handle or 0.0, decision_id in flagged)
            for decision_id, at, handle in rows]


def overturned_ids(session: Session, user_id: int, start: datetime, end: datetime
                   ) -> set[int]:
    """Ids of my final decisions in ``[start, end)`` that were later overturned.

    Read from ``reviewer_overturns``, which the triggers of 0009b keep exactly as the
    definition above; joining each of a year's decisions to 2nd-round appeals and audits
    took 120-200 ms for the busiest reviewer, this index range well under 1 ms.
    """
    return set(session.scalars(select(V.decision_id).where(
        V.user_id == user_id, V.decided_at >= start, V.decided_at < end)))


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
    window = day_window(start, end)
    parts: list[Iterable[Any]] = []
    if window.first_day is not None and window.end_day is not None:
        parts.append(session.execute(
            select(S.user_id, func.sum(S.decisions), func.sum(S.handle_seconds))
            .join(UserRow, and_(UserRow.id == S.user_id, UserRow.role == "reviewer"))
            .where(S.day >= window.first_day, S.day < window.end_day)
            .group_by(S.user_id)))
    for lo, hi in window.edges:
        parts.append(session.execute(
            select(D.user_id, func.count(D.id), func.sum(D.handle_seconds))
            .join(UserRow, and_(UserRow.id == D.user_id, UserRow.role == "reviewer"))
            .where(D.outcome.in_(FINAL), D.decided_at >= lo, D.decided_at < hi)
            .group_by(D.user_id)))
    sums: dict[int, list[float]] = defaultdict(lambda: [0, 0.0])
    for rows in parts:
        for user_id, finals, seconds in rows:
            sums[user_id][0] += finals or 0
            sums[user_id][1] += seconds or 0.0
    return [seconds / finals for finals, seconds in sums.values() if finals]
