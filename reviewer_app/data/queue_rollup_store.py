"""The queue charts' SQL: the daily roll-up (refresh and read) and live figures of open appeals.

A day ``X = [s, e)`` is recomputed from the raw tables with a few indexed queries, each
touching only that day's rows (``domain/queue_charts.py`` defines the figures):

- intake: appeals received in ``X``;
- decided: decisions in ``X`` that are final as of ``e`` (``kpi_store.final_as_of``, the
  KPI report's own rule), and those at or before the appeal's SLA due time;
- changed: appeals with a final decision or a ``reopened`` event in ``X``; their state
  "decided as of" ``s`` and ``e`` gives their part of the backlog and overdue changes;
- due: appeals whose SLA falls due in ``X`` and that are still open at ``e`` join the
  overdue count that day.

Any other appeal is in the same state at ``s`` and ``e``, so it changes nothing on ``X``
(an appeal is never decided before it is received, nor due before it).

The rows are grouped by queue, market, policy and language, then summed into all 16
combinations of those four (each a value or "all"), so a read is one primary-key range.
Triggers (migration 0009a) mark in ``queue_rollup_dirty`` the days a write changed;
``refresh_days`` takes the marks and redoes those days.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    and_,
    case,
    delete,
    func,
    insert,
    literal_column,
    select,
    text,
    union,
)
from sqlalchemy.orm import Session

from reviewer_app.data import queue_repository
from reviewer_app.data.kpi_store import FINAL_LITERALS, decided_as_of, final_as_of
from reviewer_app.data.orm import AppealRow, DecisionRow, EventRow, QueueDefRow
from reviewer_app.data.rollup_orm import QueueRollupDirtyRow, QueueRollupRow
from reviewer_app.data.types import dialect_of
from reviewer_app.domain.models import QueueFilter
from reviewer_app.domain.queue_charts import (
    AGE_EDGES,
    ALL,
    ALL_QUEUES,
    ChartFilter,
    RollupDay,
    cube_keys,
    day_window,
)

A, D, E = AppealRow, DecisionRow, EventRow
R, M = QueueRollupRow, QueueRollupDirtyRow
DIMS = (A.queue_id, A.market, A.policy_code, A.language)
Key = tuple[int, str, str, str]
# Figures of a roll-up row, in this order: intake, decided, decided_within_sla,
# backlog_delta, overdue_delta.
FIGURES = ("intake", "decided", "decided_within_sla", "backlog_delta", "overdue_delta")
# Serialises refreshes on PostgreSQL (any constant unique to this use; "QROL").
_PG_LOCK_KEY = 0x51524F4C


def _count(cond: ColumnElement[bool]) -> ColumnElement[int]:
    return func.coalesce(func.sum(case((cond, 1), else_=0)), 0)


# -- refresh -------------------------------------------------------------------------------

def pending_days(session: Session, through: date, limit: int | None = None) -> list[date]:
    """Marked days up to ``through``, oldest first (later days wait until they come)."""
    stmt = (select(M.day).where(M.day <= through).group_by(M.day).order_by(M.day)
            .limit(limit))
    return list(session.scalars(stmt))


def refresh_days(session: Session, days: Iterable[date]) -> None:
    """Take the marks of ``days`` and recompute their roll-up rows, in the caller's write
    transaction.

    On PostgreSQL refreshes take turns (an advisory lock), and the DELETE of the marks
    removes only marks of transactions committed before it; what such a transaction wrote
    is visible to the queries that follow, and a later writer's mark stays for next time.
    """
    days = sorted(set(days))
    if not days:
        return
    if dialect_of(session) == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK_KEY})
    session.execute(delete(M).where(M.day.in_(days)))
    for day in days:
        rows = _cube(_fine_rows(session, day))
        session.execute(delete(R).where(R.day == day))
        if rows:
            session.execute(insert(R), [
                {"queue_id": k[0], "market": k[1], "policy_code": k[2], "language": k[3],
                 "day": day, **dict(zip(FIGURES, v, strict=True))}
                for k, v in rows.items()])


def _fine_rows(session: Session, day: date) -> dict[Key, list[int]]:
    """One day's figures per (queue, market, policy, language) that has any."""
    s, e = day_window(day)
    fine: dict[Key, list[int]] = defaultdict(lambda: [0] * len(FIGURES))

    def add(stmt: Any, positions: tuple[int, ...]) -> None:
        """Add each group's values (after the four keys) to the figures at ``positions``."""
        for row in session.execute(stmt):
            sums = fine[(row[0], row[1], row[2], row[3])]
            for position, value in zip(positions, row[4:], strict=True):
                sums[position] += value

    # Received in X: intake, and one more open appeal at the end of X.
    add(select(*DIMS, func.count(), func.count())
        .where(A.received_at >= s, A.received_at < e).group_by(*DIMS), (0, 3))
    add(select(*DIMS, func.count(), _count(D.decided_at <= A.sla_due_at))
        .select_from(D).join(A, A.id == D.appeal_id)
        .where(D.decided_at >= s, final_as_of(D, e)).group_by(*DIMS), (1, 2))
    add(_changed_statement(s, e), (3, 4))
    add(select(*DIMS, func.count())
        .where(A.sla_due_at >= s, A.sla_due_at < e, A.received_at < e,
               ~decided_as_of(A.id, e)).group_by(*DIMS), (4,))
    return fine


def _changed_statement(s: datetime, e: datetime) -> Any:
    """Per group: Σ (decided at ``s`` − decided at ``e``) over the appeals decided or reopened
    in ``[s, e)``: their change of the backlog, and of the overdue count for those already
    past due at ``s``."""
    changed = union(
        select(D.appeal_id).where(D.decided_at >= s, D.decided_at < e,
                                  D.outcome.in_(FINAL_LITERALS)),
        select(E.appeal_id).where(E.type == literal_column("'reopened'"), E.at >= s,
                                  E.at < e),
    ).subquery()
    # MATERIALIZED: each "decided as of" check runs once per appeal, not once per use.
    states = (select(*DIMS, A.received_at, A.sla_due_at,
                     case((decided_as_of(A.id, s), 1), else_=0).label("at_s"),
                     case((decided_as_of(A.id, e), 1), else_=0).label("at_e"))
              .join(changed, changed.c.appeal_id == A.id)
              .cte("states").prefix_with("MATERIALIZED"))
    c = states.c
    change = c.at_s - c.at_e
    keys = (c.queue_id, c.market, c.policy_code, c.language)
    return (select(*keys,
                   func.sum(case((c.received_at < e, change), else_=0)),
                   func.sum(case((and_(c.sla_due_at < s, c.received_at < s), change),
                                 else_=0)))
            .group_by(*keys))


def _cube(fine: dict[Key, list[int]]) -> dict[Key, list[int]]:
    """Fine rows summed into every combination of "this value or all" (zero rows left out)."""
    out: dict[Key, list[int]] = defaultdict(lambda: [0] * len(FIGURES))
    for key, values in fine.items():
        if not any(values):
            continue
        for target in cube_keys(*key):
            sums = out[target]
            for i, v in enumerate(values):
                sums[i] += v
    return {k: v for k, v in out.items() if any(v)}


# -- reads ---------------------------------------------------------------------------------

def rollup_days(session: Session, flt: ChartFilter, last_day: date) -> list[RollupDay]:
    """Every roll-up row of ``flt``'s combination up to ``last_day``, oldest first."""
    if flt.queue_code is None:
        queue: Any = ALL_QUEUES
    else:
        queue = (select(QueueDefRow.id).where(QueueDefRow.code == flt.queue_code)
                 .scalar_subquery())
    stmt = (select(R.day, R.intake, R.decided, R.decided_within_sla, R.backlog_delta,
                   R.overdue_delta)
            .where(R.queue_id == queue, R.market == (flt.market or ALL),
                   R.policy_code == (flt.policy_code or ALL),
                   R.language == (flt.language or ALL), R.day <= last_day)
            .order_by(R.day))
    return [RollupDay(*row) for row in session.execute(stmt)]


def open_by_queue(session: Session, flt: QueueFilter, *, now: datetime,
                  at_risk_until: datetime) -> list[tuple[Any, ...]]:
    """Per queue id with open appeals matching ``flt``: (queue_id, backlog, received since
    ``now − edge`` for each of ``AGE_EDGES``, breached, at risk, oldest received_at)."""
    terms, params = queue_repository.filter_terms(flt, now=now, at_risk_until=at_risk_until)
    stmt = (select(A.queue_id, func.count(),
                   *(_count(A.received_at >= now - edge) for edge in AGE_EDGES),
                   _count(A.sla_due_at < now),
                   _count(and_(A.sla_due_at >= now, A.sla_due_at < at_risk_until)),
                   func.min(A.received_at))
            .where(*terms).group_by(A.queue_id))
    return [tuple(row) for row in session.execute(stmt, params)]


def oldest_open(session: Session, flt: QueueFilter, queue_id: int, *, now: datetime,
                at_risk_until: datetime) -> tuple[int, str, datetime] | None:
    """(id, ref, received_at) of the queue's longest-waiting open appeal matching ``flt``."""
    terms, params = queue_repository.filter_terms(flt, now=now, at_risk_until=at_risk_until)
    stmt = (select(A.id, A.ref, A.received_at).where(*terms, A.queue_id == queue_id)
            .order_by(A.received_at, A.id).limit(1))
    row = session.execute(stmt, params).first()
    return None if row is None else (int(row[0]), str(row[1]), row[2])


def queues(session: Session) -> dict[int, tuple[str, str]]:
    """Queue id -> (code, name)."""
    rows = session.execute(select(QueueDefRow.id, QueueDefRow.code, QueueDefRow.name))
    return {int(i): (str(code), str(name)) for i, code, name in rows}
