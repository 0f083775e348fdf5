"""Queue reads: keyset pages, counts and filter options, all sorted and filtered in SQL."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, func, literal, or_, select, text, tuple_
from sqlalchemy.orm import Session

from reviewer_app.data.orm import (
    OPEN_PREDICATE,
    AppealRow,
    LeaseRow,
    PolicyRow,
    QueueDefRow,
    UserRow,
)
from reviewer_app.domain.enums import AppealStatus, SlaState, SortKey
from reviewer_app.domain.models import PageCursor, QueueCounts, QueueFilter, QueueRow, QueueSort

A = AppealRow.__table__.c
_SORT_COLUMNS = {
    SortKey.SLA_DUE: A.sla_due_at,
    SortKey.PRIORITY: A.priority,
    SortKey.RECEIVED: A.received_at,
}


def _conditions(flt: QueueFilter, now: datetime, at_risk_until: datetime) -> list[Any]:
    """WHERE terms for a filter; each is served by an index or narrows an indexed walk."""
    terms: list[Any] = []
    if flt.status is not None:
        terms.append(A.status == flt.status.value)
    elif flt.open_only:
        # Literal text, not a bound parameter: it must match the partial indexes' predicate.
        terms.append(text(OPEN_PREDICATE))
    if flt.market:
        terms.append(A.market == flt.market)
    if flt.policy_code:
        terms.append(A.policy_code == flt.policy_code)
    if flt.language:
        terms.append(A.language == flt.language)
    if flt.round is not None:
        terms.append(A.round == flt.round)
    if flt.sla_state is SlaState.BREACHED:
        terms.append(A.sla_due_at < now)
    elif flt.sla_state is SlaState.AT_RISK:
        terms.extend([A.sla_due_at >= now, A.sla_due_at < at_risk_until])
    elif flt.sla_state is SlaState.OK:
        terms.append(A.sla_due_at >= at_risk_until)
    if flt.search and flt.search.strip():
        needle = flt.search.strip()
        # Exact matches only: each side has its own index, so the OR stays cheap.
        terms.append(or_(A.ref == needle, A.appellant_ref == needle, A.listing_id == needle))
    return terms


def _row_select() -> Select[Any]:
    lease = LeaseRow.__table__.c
    users = UserRow.__table__.c
    queues = QueueDefRow.__table__.c
    return (
        select(
            A.id, A.ref, A.round, A.received_at, A.sla_due_at, A.status, queues.code,
            A.priority, A.market, A.language, A.policy_code, A.appellant_ref, A.listing_id,
            users.login,
        )
        .select_from(AppealRow.__table__)
        .join(QueueDefRow.__table__, queues.id == A.queue_id)
        .outerjoin(LeaseRow.__table__, lease.appeal_id == A.id)
        .outerjoin(UserRow.__table__, users.id == lease.user_id)
    )


def _to_row(r: Any) -> QueueRow:
    return QueueRow(
        appeal_id=r[0], ref=r[1], round=r[2], received_at=r[3], sla_due_at=r[4],
        status=AppealStatus(r[5]), queue_code=r[6], priority=r[7], market=r[8], language=r[9],
        policy_code=r[10], appellant_ref=r[11], listing_id=r[12], leased_by=r[13],
    )


def _keyset(column: Any, descending: bool, cursor: PageCursor) -> ColumnElement[bool]:
    # Row-value comparison: PostgreSQL and SQLite (3.15+) both turn it into an index range.
    left = tuple_(column, A.id)
    right = tuple_(
        literal(cursor.value, type_=column.type), literal(cursor.appeal_id, type_=A.id.type)
    )
    return left < right if descending else left > right


def fetch_page(
    session: Session,
    flt: QueueFilter,
    sort: QueueSort,
    cursor: PageCursor | None,
    limit: int,
    *,
    now: datetime,
    at_risk_until: datetime,
    from_end: bool = False,
) -> tuple[tuple[QueueRow, ...], bool]:
    """Rows after ``cursor`` in display order and whether more follow.

    With ``from_end`` the order is reversed to read the last ``limit`` rows cheaply (same
    index, walked backwards); they are handed back in display order.
    """
    column = _SORT_COLUMNS[sort.key]
    descending = sort.descending != from_end
    stmt = _row_select().where(*_conditions(flt, now, at_risk_until))
    if cursor is not None:
        stmt = stmt.where(_keyset(column, descending, cursor))
    if descending:
        stmt = stmt.order_by(column.desc(), A.id.desc())
    else:
        stmt = stmt.order_by(column.asc(), A.id.asc())
    rows = [_to_row(r) for r in session.execute(stmt.limit(limit + 1))]
    more = len(rows) > limit
    rows = rows[:limit]
    if from_end:
        rows.reverse()
    return tuple(rows), more


def sort_value(row: QueueRow, key: SortKey) -> object:
    """The value of the sort column in a row (what a cursor remembers)."""
    if key is SortKey.SLA_DUE:
        return row.sla_due_at
    if key is SortKey.PRIORITY:
        return row.priority
    return row.received_at


def count(session: Session, flt: QueueFilter, *, now: datetime, at_risk_until: datetime
          ) -> QueueCounts:
    """Total, breached and at-risk counts in one aggregate query."""
    breached = func.coalesce(func.sum(case((A.sla_due_at < now, 1), else_=0)), 0)
    at_risk = func.coalesce(func.sum(case(
        (and_(A.sla_due_at >= now, A.sla_due_at < at_risk_until), 1), else_=0)), 0)
    stmt = select(func.count(), breached, at_risk).select_from(AppealRow.__table__).where(
        *_conditions(flt, now, at_risk_until)
    )
    total, n_breached, n_at_risk = session.execute(stmt).one()
    return QueueCounts(total=int(total), breached=int(n_breached), at_risk=int(n_at_risk))


def _distinct_values(session: Session, column: str) -> tuple[str, ...]:
    """Distinct values of an indexed appeals column by a loose index scan (no full scan)."""
    sql = text(
        f"WITH RECURSIVE t(v) AS ("
        f" SELECT min({column}) FROM appeals"
        f" UNION ALL"
        f" SELECT (SELECT min({column}) FROM appeals WHERE {column} > t.v) FROM t"
        f" WHERE t.v IS NOT NULL)"
        f" SELECT v FROM t WHERE v IS NOT NULL"
    )
    return tuple(str(v) for (v,) in session.execute(sql))


def filter_options(session: Session) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """(markets, policy codes, languages) for the filter boxes."""
    policies = set(session.scalars(select(PolicyRow.code)))
    policies.update(_distinct_values(session, "policy_code"))
    return (
        _distinct_values(session, "market"),
        tuple(sorted(policies)),
        _distinct_values(session, "language"),
    )
