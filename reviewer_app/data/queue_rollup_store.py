"""The queue charts' SQL: the daily roll-up (refresh and read) and live figures of open appeals.

A day ``X = [s, e)`` is recomputed from the raw tables with three indexed queries, each
touching only that day's rows (``domain/queue_charts.py`` defines the figures; "decided as
of T" and "final as of T" are ``kpi_store``'s rules, the KPI report's own):

- received in ``X``: intake, and each one more open appeal at the end of ``X``;
- decided or reopened in ``X``: the appeal's last such event in ``X`` says whether it ends
  ``X`` decided (then that decision is its final one as of ``e``: decided in ``X``, within
  SLA or not); with its state at ``s`` it gives the appeal's change of the backlog, and of
  the overdue count when it was already past due at ``s``;
- falling due in ``X`` and open at ``e``: one more overdue appeal.

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
    or_,
    select,
    text,
    union_all,
)
from sqlalchemy.orm import Session

from reviewer_app.data import queue_repository
from reviewer_app.data.kpi_store import FINAL_LITERALS
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
REOPENED = literal_column("'reopened'")  # a literal: the partial indexes' predicate
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
    add(_changed_statement(s, e), (1, 2, 3, 4))
    # Falling due in X and open at its end: one more overdue appeal.
    open_at_e = ~_decided(_latest_decision(A.id, e), _latest_reopening(A.id, e))
    add(select(*DIMS, func.count())
        .where(A.sla_due_at >= s, A.sla_due_at < e, A.received_at < e, open_at_e)
        .group_by(*DIMS), (4,))
    return fine


def _latest_decision(appeal_id: Any, before: datetime) -> Any:
    return (select(func.max(D.decided_at))
            .where(D.appeal_id == appeal_id, D.outcome.in_(FINAL_LITERALS),
                   D.decided_at < before).scalar_subquery())


def _latest_reopening(appeal_id: Any, before: datetime) -> Any:
    return (select(func.max(E.at))
            .where(E.appeal_id == appeal_id, E.type == REOPENED, E.at < before)
            .scalar_subquery())


def _decided(latest_decision: Any, latest_reopening: Any) -> ColumnElement[bool]:
    """Decided as of T (``kpi_store.decided_as_of``) from the appeal's latest final decision
    and latest reopening before T: there is such a decision and no reopening after it."""
    return and_(latest_decision.is_not(None),
                or_(latest_reopening.is_(None), latest_reopening <= latest_decision))


def _changed_statement(s: datetime, e: datetime) -> Any:
    """Per group, over the appeals with a final decision or a reopening in ``[s, e)``:
    decided in X, of which within SLA, and Σ (decided at ``s`` − decided at ``e``), their
    change of the backlog and, for those already past due at ``s``, of the overdue count.

    The appeal's last such event in X says how X ends: a decision (then it is the appeal's
    final decision as of ``e``, ``kpi_store.final_as_of``) or a reopening. Events at the
    same instant count a reopening first, as a reopening undoes only earlier decisions.
    How X began needs the appeal's history before ``s``: two index seeks.
    """
    events = union_all(
        select(D.appeal_id, D.decided_at.label("at"), literal_column("1").label("kind"),
               D.id.label("event_id"))
        .where(D.decided_at >= s, D.decided_at < e, D.outcome.in_(FINAL_LITERALS)),
        select(E.appeal_id, E.at, literal_column("0"), E.id)
        .where(E.type == REOPENED, E.at >= s, E.at < e),
    ).subquery()
    ranked = select(
        events.c.appeal_id, events.c.at, events.c.kind,
        func.row_number().over(partition_by=events.c.appeal_id,
                               order_by=(events.c.at.desc(), events.c.kind.desc(),
                                         events.c.event_id.desc())).label("rn"),
    ).subquery()
    # MATERIALIZED: the seeks run once per appeal, not once per use below.
    states = (select(*DIMS, A.received_at, A.sla_due_at, ranked.c.at, ranked.c.kind,
                     _latest_decision(A.id, s).label("d_s"),
                     _latest_reopening(A.id, s).label("r_s"))
              .join(ranked, and_(ranked.c.appeal_id == A.id, ranked.c.rn == 1))
              .cte("states").prefix_with("MATERIALIZED"))
    c = states.c
    decided_e = c.kind == 1
    change = case((_decided(c.d_s, c.r_s), 1), else_=0) - c.kind
    keys = (c.queue_id, c.market, c.policy_code, c.language)
    return (select(*keys, _count(decided_e), _count(and_(decided_e, c.at <= c.sla_due_at)),
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
