"""Per-reviewer counts for a time window, aggregated in SQL (GROUP BY user, never raw rows).

A window ``[start, end)`` is read in three parts: whole UTC days from the trigger-kept
roll-up ``reviewer_day_stats`` (migration 0009b), and the partial days at either edge from
``decisions`` (and their audits) through the ``decided_at`` index: at most two days of
rows. Distinct appeals handled and escalated are the row counts less the rows whose
previous row by the same reviewer on the same appeal is in the window too
(``reviewer_repeat_handles``).

Overturns depend on what happened *after* a decision (a 2nd round, a failed audit); the
triggers keep the overturned decisions in ``reviewer_overturns`` exactly as
``dashboard_store.my_decisions`` flags them, and they are counted here by decision time.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, or_, select
from sqlalchemy.orm import Session

from reviewer_app.data.dashboard_store import FINAL, PUBLISHED
from reviewer_app.data.day_windows import day_window
from reviewer_app.data.orm import DecisionRow, UserRow
from reviewer_app.data.qa_orm import QaEvaluationRow
from reviewer_app.data.rollup_orm import (
    ReviewerDayStatsRow,
    ReviewerOverturnRow,
    ReviewerRepeatHandleRow,
)
from reviewer_app.domain.enums import Role
from reviewer_app.domain.models import User
from reviewer_app.domain.reviewer_stats import ReviewerCounts

D, E, S = DecisionRow, QaEvaluationRow, ReviewerDayStatsRow
R, V = ReviewerRepeatHandleRow, ReviewerOverturnRow

_DECISION_FIELDS = ("decisions", "handle_seconds", "handled", "escalated")
_AUDIT_FIELDS = ("audited", "audited_correct")
Sums = dict[int, dict[str, float]]


def _count(cond: ColumnElement[bool]) -> ColumnElement[int]:
    return func.coalesce(func.sum(case((cond, 1), else_=0)), 0)


def _add(sums: Sums, fields: tuple[str, ...], rows: Iterable[tuple[Any, ...]]) -> None:
    for user_id, *values in rows:
        got = sums[user_id]
        for name, value in zip(fields, values, strict=True):
            got[name] += value or 0


def _rolled_up(s: Session, first: date, last: date, sums: Sums) -> None:
    """The roll-up's sums over the whole days ``[first, last)``."""
    _add(sums, _DECISION_FIELDS + _AUDIT_FIELDS, s.execute(
        select(S.user_id, func.sum(S.decisions), func.sum(S.handle_seconds),
               func.sum(S.handled), func.sum(S.escalations), func.sum(S.audited),
               func.sum(S.audited_correct))
        .where(S.day >= first, S.day < last).group_by(S.user_id)))


def _raw(s: Session, start: datetime, end: datetime, sums: Sums) -> None:
    """The same sums straight from ``decisions`` and their audits in ``[start, end)``
    (less than a day: the edges of a window)."""
    final = D.outcome.in_(FINAL)
    _add(sums, _DECISION_FIELDS, s.execute(
        select(D.user_id, _count(final),
               func.coalesce(func.sum(case((final, D.handle_seconds), else_=0.0)), 0.0),
               func.count(), _count(D.outcome == "escalate"))
        .where(D.decided_at >= start, D.decided_at < end).group_by(D.user_id)))
    # The edge's decisions first, materialised: left to itself SQLite walks every audit
    # and looks its decision up, which on a year of audits is the slow way round.
    edge = (select(D.id).where(D.decided_at >= start, D.decided_at < end)
            .cte("edge").prefix_with("MATERIALIZED"))
    _add(sums, _AUDIT_FIELDS, s.execute(
        select(E.reviewer_user_id, func.count(), _count(func.coalesce(E.score, 0) > 0))
        .select_from(edge).join(E, E.decision_id == edge.c.id)
        .where(E.kind == "audit", E.status.in_(PUBLISHED))
        .group_by(E.reviewer_user_id)))


def _summed(s: Session, start: datetime, end: datetime) -> Sums:
    """Per user: final decisions, their handle seconds, handling rows, escalation rows,
    published audits and correct ones, in ``[start, end)``."""
    sums: Sums = defaultdict(lambda: dict.fromkeys(_DECISION_FIELDS + _AUDIT_FIELDS, 0))
    window = day_window(start, end)
    if window.first_day is not None and window.end_day is not None:
        _rolled_up(s, window.first_day, window.end_day, sums)
    for lo, hi in window.edges:
        _raw(s, lo, hi, sums)
    return sums


def _repeats(s: Session, start: datetime, end: datetime) -> Iterable[tuple[Any, ...]]:
    """Per user: how many handling and escalation rows to take off to count appeals once:
    the rows in the window whose previous row on the same appeal is in the window too."""
    return s.execute(
        select(R.user_id, _count(R.escalation.is_(False)), _count(R.escalation.is_(True)))
        .where(R.prev_at >= start, R.decided_at < end).group_by(R.user_id))


def _overturned(s: Session, start: datetime, end: datetime) -> Iterable[tuple[Any, ...]]:
    """Per user: final decisions in the window later overturned (2nd round or failed QA)."""
    return s.execute(select(V.user_id, func.count())
                     .where(V.decided_at >= start, V.decided_at < end).group_by(V.user_id))


def window_counts(session: Session, start: datetime, end: datetime
                  ) -> dict[int, ReviewerCounts]:
    """Every user with any decision, handling step or audit in ``[start, end)``."""
    sums = _summed(session, start, end)
    for user_id, handled_less, escalated_less in _repeats(session, start, end):
        sums[user_id]["handled"] -= handled_less
        sums[user_id]["escalated"] -= escalated_less
    overturned = {user_id: n for user_id, n in _overturned(session, start, end)}
    counts = {}
    for user_id, got in sums.items():
        if not any(got.values()):
            continue  # e.g. a day whose only decision was deleted again
        counts[user_id] = ReviewerCounts(
            decisions=int(got["decisions"]), handle_seconds=float(got["handle_seconds"]),
            handled=int(got["handled"]), escalated=int(got["escalated"]),
            audited=int(got["audited"]), audited_correct=int(got["audited_correct"]),
            overturned=int(overturned.get(user_id, 0)))
    return counts


def people(session: Session, also: Iterable[int] = ()) -> list[User]:
    """Active reviewers, and anyone else in ``also`` (e.g. who decided in the range)."""
    ids = sorted(set(also))
    rows = session.execute(
        select(UserRow.id, UserRow.login, UserRow.display_name, UserRow.role, UserRow.active)
        .where(or_(and_(UserRow.role == Role.REVIEWER.value, UserRow.active),
                   UserRow.id.in_(ids)))
        .order_by(UserRow.display_name, UserRow.id))
    return [User(id=i, login=login, display_name=name, role=Role(role), active=bool(active))
            for i, login, name, role, active in rows]
