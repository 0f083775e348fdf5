"""Queue reads: keyset pages, counts and filter options, all sorted and filtered in SQL."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    Integer,
    Select,
    String,
    and_,
    bindparam,
    case,
    func,
    or_,
    select,
    text,
    tuple_,
    type_coerce,
)
from sqlalchemy.orm import Session

from reviewer_app.data.kpi_store import final_as_of
from reviewer_app.data.orm import (
    OPEN_PREDICATE,
    AppealRow,
    DecisionRow,
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


def _shape(flt: QueueFilter) -> tuple[Any, ...]:
    """What decides the SQL text of a filter (not its values), used as a cache key."""
    return (
        flt.status is not None, flt.status is None and flt.open_only, bool(flt.market),
        bool(flt.policy_code), bool(flt.language), flt.round is not None, flt.sla_state,
        bool(flt.search and flt.search.strip()), bool(flt.queue_code),
        flt.received_from is not None, flt.received_before is not None,
        flt.decided_in is not None,
    )


def _params(flt: QueueFilter, now: datetime, at_risk_until: datetime) -> dict[str, Any]:
    decided_from, decided_before = flt.decided_in or (None, None)
    return {
        "f_status": None if flt.status is None else flt.status.value,
        "f_market": flt.market, "f_policy": flt.policy_code, "f_language": flt.language,
        "f_round": flt.round, "f_now": now, "f_risk": at_risk_until,
        "f_search": (flt.search or "").strip(),
        "f_search_upper": (flt.search or "").strip().upper(),
        "f_queue": flt.queue_code, "f_received_from": flt.received_from,
        "f_received_before": flt.received_before, "f_decided_from": decided_from,
        "f_decided_before": decided_before,
    }


def _conditions(shape: tuple[Any, ...], *, hide_equality_indexes: bool = False) -> list[Any]:
    """WHERE terms (with named bind parameters) for a filter shape; each is served by an
    index or narrows an indexed walk.

    ``hide_equality_indexes`` wraps the market/policy/language/round columns so SQLite
    cannot use their (column, sla_due_at) indexes: for a priority or received sort it would
    otherwise read every matching row and sort them, while walking the sort's own index and
    filtering stops after one page (SQLite has no statistics to weigh the two).
    """
    (status, open_only, market, policy, language, round_, sla_state, search, queue,
     received_from, received_before, decided_in) = shape
    terms: list[Any] = []

    def col(column: Any) -> Any:
        if not hide_equality_indexes:
            return column
        return column + 0 if column is A.round else column.concat("")

    if status:
        terms.append(A.status == bindparam("f_status"))
    elif open_only:
        # Literal text, not a bound parameter: it must match the partial indexes' predicate.
        terms.append(text(OPEN_PREDICATE))
    if market:
        terms.append(col(A.market) == bindparam("f_market", type_=A.market.type))
    if policy:
        terms.append(col(A.policy_code) == bindparam("f_policy", type_=A.policy_code.type))
    if language:
        terms.append(col(A.language) == bindparam("f_language", type_=A.language.type))
    if round_:
        terms.append(col(A.round) == bindparam("f_round", type_=A.round.type))
    now = bindparam("f_now", type_=A.sla_due_at.type)
    risk = bindparam("f_risk", type_=A.sla_due_at.type)
    if sla_state is SlaState.BREACHED:
        terms.append(A.sla_due_at < now)
    elif sla_state is SlaState.AT_RISK:
        terms.extend([A.sla_due_at >= now, A.sla_due_at < risk])
    elif sla_state is SlaState.OK:
        terms.append(A.sla_due_at >= risk)
    if search:
        # Exact matches only (as typed, or upper-cased since refs are upper case): each
        # column has its own index, so the OR of small IN lists stays cheap.
        terms.append(or_(*(
            column.in_([bindparam("f_search", type_=column.type),
                        bindparam("f_search_upper", type_=column.type)])
            for column in (A.ref, A.appellant_ref, A.listing_id)
        )))
    terms.extend(_chart_conditions(queue, received_from, received_before, decided_in))
    return terms


def _chart_conditions(queue: bool, received_from: bool, received_before: bool,
                      decided_in: bool) -> list[Any]:
    """WHERE terms of the fields a chart click sets (see ``QueueFilter``)."""
    terms: list[Any] = []
    if queue:
        queues = QueueDefRow.__table__.c
        terms.append(A.queue_id == select(queues.id).where(
            queues.code == bindparam("f_queue", type_=queues.code.type)).scalar_subquery())
    if received_from:
        terms.append(A.received_at >= bindparam("f_received_from", type_=A.received_at.type))
    if received_before:
        terms.append(A.received_at < bindparam("f_received_before", type_=A.received_at.type))
    if decided_in:
        # Driven from the decisions' time index: the day's decisions, not every appeal.
        start = bindparam("f_decided_from", type_=A.received_at.type)
        end = bindparam("f_decided_before", type_=A.received_at.type)
        terms.append(A.id.in_(select(DecisionRow.appeal_id).where(
            DecisionRow.decided_at >= start, final_as_of(DecisionRow, end))))
    return terms


def filter_terms(flt: QueueFilter, *, now: datetime, at_risk_until: datetime
                 ) -> tuple[list[Any], dict[str, Any]]:
    """The queue's WHERE terms for ``flt`` over ``appeals`` and their parameter values, for
    other reads that must count exactly the appeals the queue would list."""
    return _conditions(_shape(flt)), _params(flt, now, at_risk_until)


def _row_select(sqlite: bool) -> Select[Any]:
    lease = LeaseRow.__table__.c
    users = UserRow.__table__.c
    queues = QueueDefRow.__table__.c
    received: Any = A.received_at
    due: Any = A.sla_due_at
    if sqlite:
        # Hot path: read the stored text and parse it with fromisoformat (C) in _to_rows,
        # several times cheaper per row than the generic DateTime result processor.
        received = type_coerce(A.received_at, String)
        due = type_coerce(A.sla_due_at, String)
    # Column order is QueueRow's field order, so a row maps positionally.
    return (
        select(
            A.id, A.ref, A.round, received, due, A.status, queues.code,
            A.priority, A.market, A.language, A.policy_code, A.appellant_ref, A.listing_id,
            users.login,
        )
        .select_from(AppealRow.__table__)
        .join(QueueDefRow.__table__, queues.id == A.queue_id)
        .outerjoin(LeaseRow.__table__, lease.appeal_id == A.id)
        .outerjoin(UserRow.__table__, users.id == lease.user_id)
    )


_STATUS = {s.value: s for s in AppealStatus}


def _pg_time(value: datetime) -> datetime:
    return value if value.tzinfo is UTC else value.astimezone(UTC)


def _to_rows(raw: list[Any], sqlite: bool) -> list[QueueRow]:
    if sqlite:
        # Stored as naive UTC text; appending the offset is the cheapest aware parse.
        iso = datetime.fromisoformat
        return [
            QueueRow(r[0], r[1], r[2], iso(r[3] + "+00:00"), iso(r[4] + "+00:00"),
                     _STATUS[r[5]], *r[6:])
            for r in raw
        ]
    return [
        QueueRow(r[0], r[1], r[2], _pg_time(r[3]), _pg_time(r[4]), _STATUS[r[5]], *r[6:])
        for r in raw
    ]


def _driver_value(value: object, sqlite: bool) -> object:
    """A bind value as SQLAlchemy would send it (SQLite: naive-UTC text for instants)."""
    if isinstance(value, datetime):
        if sqlite:
            return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")
        return value.astimezone(UTC)
    return value


@lru_cache(maxsize=256)
def _compiled(stmt: Select[Any], dialect: Any
              ) -> tuple[str, tuple[str, ...] | None, dict[str, Any]]:
    """SQL text of a cached statement for a dialect, the order of positional params, and
    the values of its anonymous params (e.g. SQLite's ``OFFSET 0``)."""
    compiled = stmt.compile(dialect=dialect)
    order = tuple(compiled.positiontup or ()) if compiled.positional else None
    return str(compiled), order, dict(compiled.params)


def _fetch_raw(session: Session, stmt: Select[Any], params: dict[str, Any]) -> list[Any]:
    """Rows as plain DB-API tuples for one of the cached page statements.

    The statement is compiled once per shape and sent with ``exec_driver_sql`` (engine events
    still see it); rows come straight from the cursor. On this hot path SQLAlchemy's per-call
    cache-key walk and Row objects cost more than the query itself. The select only has
    columns whose values need no SQLAlchemy result processing.
    """
    connection = session.connection()
    sqlite = connection.dialect.name == "sqlite"
    sql, order, defaults = _compiled(stmt, connection.dialect)
    params = {**defaults, **params}
    if order is not None:
        driver_params: Any = tuple(_driver_value(params[name], sqlite) for name in order)
    else:
        driver_params = {name: _driver_value(value, sqlite) for name, value in params.items()}
    result = connection.exec_driver_sql(sql, driver_params)
    try:
        return list(result.cursor.fetchall())  # type: ignore[attr-defined]
    finally:
        result.close()


@lru_cache(maxsize=256)
def _page_statement(shape: tuple[Any, ...], key: SortKey, descending: bool, keyset: bool,
                    sqlite: bool) -> Select[Any]:
    """The page query for a filter shape and sort, built once and reused: building a
    statement costs more than SQLAlchemy's compiled-cache lookup that follows."""
    column = _SORT_COLUMNS[key]
    # A chart's receipt window (a day, an age) holds a few thousand rows: SQLite should read
    # them by receipt and sort them, not walk a market's whole history in SLA order (2.5 s
    # on a year of 3M appeals, even with statistics).
    received_window = shape[9] or shape[10]
    hide = sqlite and (key is not SortKey.SLA_DUE or received_window)
    stmt = _row_select(sqlite).where(*_conditions(shape, hide_equality_indexes=hide))
    if keyset:
        # Row-value comparison: PostgreSQL and SQLite (3.15+) turn it into an index range.
        left = tuple_(column, A.id)
        right = tuple_(bindparam("k_value", type_=column.type),
                       bindparam("k_id", type_=A.id.type))
        stmt = stmt.where(left < right if descending else left > right)
    if descending:
        stmt = stmt.order_by(column.desc(), A.id.desc())
    else:
        stmt = stmt.order_by(column.asc(), A.id.asc())
    return stmt.limit(bindparam("k_limit", type_=Integer))


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
    descending = sort.descending != from_end
    sqlite = session.get_bind().dialect.name == "sqlite"
    stmt = _page_statement(_shape(flt), sort.key, descending, cursor is not None, sqlite)
    params = _params(flt, now, at_risk_until)
    params["k_limit"] = limit + 1
    if cursor is not None:
        params["k_value"] = cursor.value
        params["k_id"] = cursor.appeal_id
    rows = _to_rows(_fetch_raw(session, stmt, params), sqlite)
    more = len(rows) > limit
    rows = rows[:limit]
    if from_end:
        rows.reverse()
    return tuple(rows), more


def fetch_by_ids(session: Session, flt: QueueFilter, appeal_ids: frozenset[int], *,
                 now: datetime, at_risk_until: datetime) -> tuple[QueueRow, ...]:
    """Rows of these appeals that match ``flt`` (the same WHERE as a page, by primary key).

    Used by live updates for appeals changed elsewhere that the view has not loaded: one
    indexed lookup for all of them instead of a page query each.
    """
    if not appeal_ids:
        return ()
    sqlite = session.get_bind().dialect.name == "sqlite"
    stmt = _row_select(sqlite).where(*_conditions(_shape(flt)), A.id.in_(sorted(appeal_ids)))
    raw = session.execute(stmt, _params(flt, now, at_risk_until)).all()
    return tuple(_to_rows(raw, sqlite))


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
        *_conditions(_shape(flt))
    )
    params = _params(flt, now, at_risk_until)
    total, n_breached, n_at_risk = session.connection().execute(stmt, params).one()
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
