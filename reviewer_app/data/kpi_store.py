"""KPI aggregates for a period, computed in SQL (one grouped query per family of figures).

A year of a big team is millions of decisions, so no query here returns more than a few
rows per group: counts and sums are aggregated by the database, and the percentiles come
from window functions that keep only the rows at the wanted nearest ranks.

"Final decision as of the end of P": an appeal's latest decision with a final outcome
before the end of P, unless a ``reopened`` event follows it before the end of P (then
the appeal is open again). A report therefore depends only on what had happened by the
end of its period and gives the same figures whenever it is run.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Integer,
    Select,
    and_,
    case,
    cast,
    distinct,
    exists,
    func,
    literal_column,
    null,
    or_,
    select,
)
from sqlalchemy.orm import Session, aliased

from reviewer_app.data.orm import AppealRow, DecisionRow, EventRow, QueueDefRow, UserRow
from reviewer_app.data.qa_orm import QaDisputeRow, QaEvaluationRow
from reviewer_app.data.types import dialect_of
from reviewer_app.domain.kpis import FINAL_OUTCOMES, QUANTILES, KpiCounts, Period

A, D, Q = AppealRow, DecisionRow, QaEvaluationRow
PUBLISHED = ("published", "disputed", "resolved")
Progress = Callable[[int, int], None]
Group = str | None  # the cut's value; None for the whole period


# The outcomes as SQL literals, not an expanding parameter: the queue's page query (which
# filters on "decided in P") is compiled once and sent as plain SQL text.
FINAL_LITERALS = [literal_column(f"'{outcome}'") for outcome in FINAL_OUTCOMES]


def final_as_of(d: Any, end: datetime | ColumnElement[Any]) -> ColumnElement[bool]:
    """``d`` is its appeal's final decision as of ``end`` (see the module docstring).

    ``d`` is ``DecisionRow`` or an alias of it; ``end`` an instant or a bound parameter.
    """
    d2 = aliased(DecisionRow)
    later = exists().where(
        d2.appeal_id == d.appeal_id, d2.outcome.in_(FINAL_LITERALS), d2.decided_at < end,
        or_(d2.decided_at > d.decided_at, and_(d2.decided_at == d.decided_at, d2.id > d.id)))
    # A literal, not a bound value, so the planners use the partial index ix_events_reopened.
    reopened = exists().where(EventRow.appeal_id == d.appeal_id,
                              EventRow.type == literal_column("'reopened'"),
                              EventRow.at > d.decided_at, EventRow.at < end)
    return and_(d.outcome.in_(FINAL_LITERALS), d.decided_at < end, ~later, ~reopened)


def decided_as_of(appeal_id: Any, end: datetime | ColumnElement[Any]) -> ColumnElement[bool]:
    """The appeal ``appeal_id`` (a column) is decided as of ``end``: it has a final decision
    before ``end`` that no ``reopened`` event before ``end`` followed."""
    d = aliased(DecisionRow)
    return exists().where(d.appeal_id == appeal_id, final_as_of(d, end))


def _decided_in(period: Period) -> ColumnElement[bool]:
    return and_(D.decided_at >= period.start, final_as_of(D, period.end))


def _ttd_microseconds(dialect: str) -> ColumnElement[int]:
    """decided_at − received_at in whole microseconds, computed exactly on both engines.

    Integers rather than engine floats (SQLite's julianday is a double) so the same rows
    rank the same way and give the same hours on SQLite and PostgreSQL.
    """
    if dialect == "postgresql":
        return cast(func.extract("epoch", D.decided_at - A.received_at) * 1_000_000,
                    BigInteger)

    # SQLAlchemy stores SQLite datetimes as 'YYYY-MM-DD HH:MM:SS.ffffff' text.
    def micros(col: Any) -> ColumnElement[int]:
        return (cast(func.strftime("%s", col), Integer) * 1_000_000
                + cast(func.substr(col, 21, 6), Integer))

    return micros(D.decided_at) - micros(A.received_at)


def _cut(stmt: Select[Any], by: str | None, *, user: Any = None) -> Select[Any]:
    """Add the cut's value as the last column ``g`` and group by it.

    ``stmt`` selects from appeals ``A``; ``user`` is the decisions column naming the
    reviewer (only for ``by="reviewer"``).
    """
    if by is None:
        return stmt.add_columns(null().label("g"))
    if by == "queue":
        key: Any = QueueDefRow.code
        stmt = stmt.join(QueueDefRow, QueueDefRow.id == A.queue_id)
    elif by == "reviewer":
        key = UserRow.login
        stmt = stmt.join(UserRow, UserRow.id == user)
    else:
        key = {"market": A.market, "policy": A.policy_code, "language": A.language}[by]
    return stmt.add_columns(key.label("g")).group_by(key)


def _count(cond: ColumnElement[bool]) -> ColumnElement[int]:
    return func.coalesce(func.sum(case((cond, 1), else_=0)), 0)


def _intake(s: Session, p: Period, by: str | None) -> Iterable[tuple[Group, dict[str, Any]]]:
    stmt = select(func.count()).select_from(A).where(A.received_at >= p.start,
                                                     A.received_at < p.end)
    for n, g in s.execute(_cut(stmt, by)):
        yield g, {"intake": n}


def _backlog(s: Session, p: Period, by: str | None) -> Iterable[tuple[Group, dict[str, Any]]]:
    stmt = (select(func.count(), _count(A.sla_due_at < p.end)).select_from(A)
            .where(A.received_at < p.end, ~decided_as_of(A.id, p.end)))
    for n, past_sla, g in s.execute(_cut(stmt, by)):
        yield g, {"backlog_end": n, "open_past_sla_end": past_sla}


def _decided(s: Session, p: Period, by: str | None) -> Iterable[tuple[Group, dict[str, Any]]]:
    stmt = (select(func.count(), _count(D.decided_at <= A.sla_due_at),
                   func.coalesce(func.sum(D.handle_seconds), 0.0),
                   *(_count(D.outcome == o) for o in FINAL_OUTCOMES))
            .select_from(D).join(A, A.id == D.appeal_id).where(_decided_in(p)))
    for n, on_time, seconds, *rest in s.execute(_cut(stmt, by, user=D.user_id)):
        *outcomes, g = rest
        yield g, {"decided": n, "decided_within_sla": on_time,
                  "handle_seconds": float(seconds),
                  "outcomes": dict(zip(FINAL_OUTCOMES, outcomes, strict=True))}


def _percentiles(s: Session, p: Period, by: str | None
                 ) -> Iterable[tuple[Group, dict[str, Any]]]:
    ttd = _ttd_microseconds(dialect_of(s))
    base = _cut(select(ttd.label("ttd"), D.id.label("d_id")).select_from(D)
                .join(A, A.id == D.appeal_id).where(_decided_in(p)), by, user=D.user_id)
    base = base.group_by(None)  # rows, not groups: the window does the grouping
    g = base.selected_columns.g if by else None
    ranked = base.add_columns(
        func.row_number().over(partition_by=g, order_by=(ttd, D.id)).label("rn"),
        func.count().over(partition_by=g).label("n"),
    ).subquery()
    # ceil(q·n) in integer arithmetic, the same integers as domain.kpis.nearest_rank.
    wanted = or_(*(ranked.c.rn == (q.numerator * ranked.c.n + q.denominator - 1)
                   // q.denominator for q in QUANTILES))
    found: dict[Group, dict[int, int]] = defaultdict(dict)
    for group, rank, value in s.execute(select(ranked.c.g, ranked.c.rn, ranked.c.ttd)
                                        .where(wanted)):
        found[group][int(rank)] = int(value)
    for group, ranks in found.items():
        yield group, {"ttd_us_at_rank": ranks}


def _handled(s: Session, p: Period, by: str | None) -> Iterable[tuple[Group, dict[str, Any]]]:
    def appeals_with(outcome: str) -> ColumnElement[int]:
        return func.count(distinct(case((D.outcome == outcome, D.appeal_id))))

    stmt = (select(func.count(distinct(D.appeal_id)), appeals_with("escalate"),
                   appeals_with("request_info"))
            .select_from(D).join(A, A.id == D.appeal_id)
            .where(D.decided_at >= p.start, D.decided_at < p.end))
    for handled, escalated, info, g in s.execute(_cut(stmt, by, user=D.user_id)):
        yield g, {"handled": handled, "escalated": escalated, "info_requested": info}


def _qa(s: Session, p: Period, by: str | None) -> Iterable[tuple[Group, dict[str, Any]]]:
    disputed = exists().where(QaDisputeRow.evaluation_id == Q.id)
    stmt = (select(func.count(), _count(Q.score > 0), _count(disputed))
            .select_from(Q).join(D, D.id == Q.decision_id).join(A, A.id == D.appeal_id)
            .where(Q.kind == "audit", Q.status.in_(PUBLISHED),
                   D.decided_at >= p.start, D.decided_at < p.end))
    for audited, correct, n_disputed, g in s.execute(_cut(stmt, by, user=D.user_id)):
        yield g, {"audited": audited, "audited_correct": correct, "disputed": n_disputed}


def _families(by: str | None) -> list[Callable[[Session, Period, str | None],
                                                  Iterable[tuple[Group, dict[str, Any]]]]]:
    common = [_decided, _percentiles, _handled, _qa]
    return common if by == "reviewer" else [_intake, _backlog, *common]


def query_count(by: str | None) -> int:
    """How many queries ``kpi_counts`` runs for the cut ``by`` (for progress totals)."""
    return len(_families(by))


def kpi_counts(session: Session, period: Period, by: str | None = None,
               progress: Progress | None = None) -> dict[Group, KpiCounts]:
    """Aggregates per value of the cut ``by`` (``{None: ...}`` without a cut).

    With ``by="reviewer"`` (the login of the decision's or handling step's author)
    intake, backlog and open-past-SLA counts are None: an open appeal has no reviewer.
    ``progress(done, total)`` is called after each query.
    """
    families = _families(by)
    found: dict[Group, dict[str, Any]] = defaultdict(dict)
    if by is None:
        found[None] = {}  # an empty period still has its (all-null) overall figures
    for done, family in enumerate(families, start=1):
        for group, values in family(session, period, by):
            found[group].update(values)
        if progress is not None:
            progress(done, len(families))
    blank = (KpiCounts() if by != "reviewer"
             else KpiCounts(intake=None, backlog_end=None, open_past_sla_end=None))
    return {g: replace(blank, **values) for g, values in sorted(found.items(),
                                                                key=lambda kv: kv[0] or "")}
