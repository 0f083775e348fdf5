"""What a reviewer's personal dashboard reads: their own decisions and audits in a range,
and each reviewer's average handle time (aggregated in SQL)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session, aliased

from reviewer_app.data.orm import AppealRow, DecisionRow, QaEvaluationRow, UserRow
from reviewer_app.domain.dashboard import MyAudit, MyDecision

FINAL = ("uphold", "overturn", "partial", "reject_inadmissible")
CHANGED = ("overturn", "partial")
PUBLISHED = ("published", "disputed", "resolved")
D, E = DecisionRow, QaEvaluationRow


def my_decisions(session: Session, user_id: int, start: datetime, end: datetime
                 ) -> list[MyDecision]:
    """My final decisions in ``[start, end)`` (one person: at most thousands of rows), each
    flagged when later overturned: a 2nd-round appeal of it ended in overturn or partial,
    or a published QA audit found a critical error (score 0)."""
    second, later = aliased(AppealRow), aliased(DecisionRow)
    by_second_round = (select(later.id).join(second, second.id == later.appeal_id)
                       .where(second.previous_appeal_id == D.appeal_id,
                              later.outcome.in_(CHANGED)).exists())
    by_qa = (select(E.id).where(E.decision_id == D.id, E.kind == "audit",
                                E.status.in_(PUBLISHED), E.score == 0).exists())
    rows = session.execute(
        select(D.decided_at, D.handle_seconds, by_second_round | by_qa)
        .where(D.user_id == user_id, D.outcome.in_(FINAL), D.decided_at >= start,
               D.decided_at < end).order_by(D.decided_at))
    return [MyDecision(at, handle or 0.0, bool(flag)) for at, handle, flag in rows]


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
    rows = session.execute(
        select(func.sum(D.handle_seconds) / func.count(D.id))
        .join(UserRow, and_(UserRow.id == D.user_id, UserRow.role == "reviewer"))
        .where(D.outcome.in_(FINAL), D.decided_at >= start, D.decided_at < end)
        .group_by(D.user_id))
    return [float(v) for (v,) in rows if v is not None]
