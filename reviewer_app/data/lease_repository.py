"""Claims and leases: the atomic part of working the queue.

PostgreSQL serialises claimers with ``FOR UPDATE SKIP LOCKED``; SQLite with the
``BEGIN IMMEDIATE`` that ``Database.write()`` issues. Every write bumps ``appeals.version``
with a compare-and-set so a concurrent change surfaces as ``ConflictError``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Integer,
    TextClause,
    bindparam,
    case,
    delete,
    insert,
    literal,
    select,
    text,
    update,
)
from sqlalchemy.exc import IntegrityError

from reviewer_app.data.events import append_event
from reviewer_app.data.orm import (
    CLAIMABLE_PREDICATE,
    AppealRow,
    DecisionRow,
    EnforcementRow,
    LeaseRow,
)
from reviewer_app.data.types import Link, UtcDateTime, dialect_of
from reviewer_app.domain.enums import AppealStatus, EventType
from reviewer_app.domain.errors import ConflictError, NotFoundError
from reviewer_app.domain.models import HeldCase, Lease, User

A = AppealRow.__table__.c
L = LeaseRow.__table__.c
E = EnforcementRow.__table__.c


@dataclass(frozen=True, slots=True)
class AppealState:
    """What the claim and decision rules need to know about one appeal."""

    appeal_id: int
    status: AppealStatus
    version: int
    language: str
    market: str
    policy_code: str
    queue_id: int
    enforcement_decided_by: int | None
    first_round_decider_ids: frozenset[int]


def _is_pg(session: Link) -> bool:
    return dialect_of(session) == "postgresql"


# The appeal and its enforcement's decider in one round trip (claims and decisions both need
# them); built once, since building a statement costs more Python time than running it.
# FOR UPDATE OF the appeal only: the enforcement is read, not locked, as before.
_APPEAL_STATE = select(
    A.id, A.status, A.version, A.language, A.market, A.policy_code, A.queue_id,
    A.previous_appeal_id,
    select(E.decided_by_user_id).where(E.id == A.enforcement_id)
    .scalar_subquery().label("enforcement_decided_by"),
).where(A.id == bindparam("appeal_id"))
_APPEAL_STATE_LOCKED = _APPEAL_STATE.with_for_update(of=AppealRow.__table__)


def appeal_state(session: Link, appeal_id: int, *, lock: bool = False) -> AppealState:
    """Load (and on PostgreSQL lock, if asked) one appeal; ``NotFoundError`` if absent."""
    stmt = _APPEAL_STATE_LOCKED if lock and _is_pg(session) else _APPEAL_STATE
    row = session.execute(stmt, {"appeal_id": appeal_id}).one_or_none()
    if row is None:
        raise NotFoundError(f"No appeal with id {appeal_id}")
    return _state(session, row)


def _state(session: Link, row: Any) -> AppealState:
    """An ``AppealState`` from a row with the ``_APPEAL_STATE`` columns (plus first round)."""
    decider = row.enforcement_decided_by
    first_round: frozenset[int] = frozenset()
    if row.previous_appeal_id is not None:
        first_round = frozenset(session.scalars(
            select(DecisionRow.user_id).where(DecisionRow.appeal_id == row.previous_appeal_id)
        ))
    return AppealState(
        appeal_id=row.id, status=AppealStatus(row.status), version=row.version,
        language=row.language, market=row.market, policy_code=row.policy_code,
        queue_id=row.queue_id, enforcement_decided_by=decider,
        first_round_decider_ids=first_round,
    )


@dataclass(frozen=True, slots=True)
class HeldForDecision:
    """A lease, its appeal's state and whether the decision's key is already stored."""

    lease: Lease
    state: AppealState
    decided_under_key: bool


_D = DecisionRow.__table__.c
# What a decision checks before writing, in one round trip: the lease, the appeal's state
# and its enforcement's decider, and whether a decision already has the idempotency key.
# On PostgreSQL both the lease and the appeal rows are locked (FOR UPDATE OF both, the same
# order as locking them one by one: lease, then appeal).
_HELD_FOR_DECISION = (
    select(L.user_id.label("l_user_id"), L.claimed_at.label("l_claimed_at"),
           L.expires_at.label("l_expires_at"), L.held.label("l_held"), L.note.label("l_note"),
           L.version.label("l_version"),
           *_APPEAL_STATE.selected_columns,
           select(_D.id).where(_D.idempotency_key == bindparam("key"))
           .scalar_subquery().label("key_decision"))
    .select_from(LeaseRow.__table__.join(AppealRow.__table__, A.id == L.appeal_id))
    .where(L.appeal_id == bindparam("appeal_id"))
)
_HELD_FOR_DECISION_PG = _HELD_FOR_DECISION.with_for_update(
    of=(LeaseRow.__table__, AppealRow.__table__))


def held_for_decision(session: Link, appeal_id: int, key: str | None
                      ) -> HeldForDecision | None:
    """The appeal's lease and state, locked on PostgreSQL; None when it has no lease.

    ``decided_under_key`` is True when a decision with ``key`` is already stored.
    """
    stmt = _HELD_FOR_DECISION_PG if _is_pg(session) else _HELD_FOR_DECISION
    row = session.execute(stmt, {"appeal_id": appeal_id, "key": key}).one_or_none()
    if row is None:
        return None
    lease = Lease(appeal_id, row.l_user_id, row.l_claimed_at, row.l_expires_at,
                  held=bool(row.l_held), note=row.l_note, version=row.l_version)
    return HeldForDecision(lease=lease, state=_state(session, row),
                           decided_under_key=row.key_decision is not None)


# Hot-path statements are built once at import: building one costs more Python time than
# the database takes to run it (~0.15 ms each on the 2-core test machine).
_SET_STATUS = update(AppealRow.__table__).where(
    A.id == bindparam("b_id"), A.version == bindparam("b_version"))


def set_status(
    session: Link,
    appeal_id: int,
    *,
    expected_version: int,
    status: AppealStatus,
    decided_at: datetime | None = None,
    queue_id: int | None = None,
) -> int:
    """Compare-and-set the status; return the new version or raise ``ConflictError``."""
    values: dict[str, object] = {"status": status.value, "version": expected_version + 1,
                                 "b_id": appeal_id, "b_version": expected_version}
    if decided_at is not None:
        values["decided_at"] = decided_at
    if queue_id is not None:
        values["queue_id"] = queue_id
    # The SET columns come from the parameter names (all but the b_ ones).
    result = session.execute(_SET_STATUS, values)
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise ConflictError(f"Appeal {appeal_id} was changed by someone else; reload it")
    return expected_version + 1


def find_claimable(session: Link, user: User) -> AppealState | None:
    """The most urgent appeal ``user`` may claim (locked on PostgreSQL), or None.

    The row comes with everything ``appeal_state`` reads, so a claim needs no second query.

    Order: SLA due ascending, priority descending, id; served by the ``ix_appeals_claim``
    partial index, whose predicate the query repeats verbatim. Written as SQL text because
    SQLite needs ``INDEXED BY``: without statistics it would rather probe the status index
    for every claimable row and sort them all.
    """
    params: dict[str, object] = {"uid": user.id}
    for name, values in (("langs", user.languages), ("markets", user.markets),
                         ("policies", user.policies)):
        if values:  # an empty skill kind means "any"
            params[name] = sorted(values)
    stmt = _claimable_statement(_is_pg(session), tuple(sorted(params)))
    row = session.execute(stmt, params).one_or_none()
    return None if row is None else _state(session, row)


# "The user did not decide the enforcement under appeal." PostgreSQL plans a NOT EXISTS as
# an anti-join and estimates it from statistics: when many appeals share one enforcement (a
# bulk action; the load test) it expected almost no appeal to survive, scanned and sorted
# the whole queue and probed the leases per row, so every claim cost O(queue) and 16
# claimers got slower as the queue drained. A scalar subquery (the enforcement is one row by
# primary key; NULL when it has no human decider) stays a per-row filter, so the claim
# index is walked in order and the scan stops at the first claimable row. Same truth table:
# no row or a NULL decider passes, as with NOT EXISTS. SQLite names its index instead.
_NOT_MY_ENFORCEMENT_PG = (
    " AND (SELECT e.decided_by_user_id FROM enforcements AS e WHERE e.id = a.enforcement_id)"
    " IS DISTINCT FROM :uid"
)
_NOT_MY_ENFORCEMENT = (
    " AND NOT EXISTS (SELECT 1 FROM enforcements AS e"
    "  WHERE e.id = a.enforcement_id AND e.decided_by_user_id = :uid)"
)

# "A golden case is claimed only by a reviewer it is meant for." Reviewers may not read
# golden_cases on PostgreSQL (which cases are golden is QA's secret), so there the question
# goes to reviewer_app_golden_claimable() (0008), which runs as its owner and probes the
# unique golden_cases.appeal_id index. A function call in the WHERE clause is a per-row
# filter by construction (never planned as an anti-join, see above), evaluated only on the
# rows the claim index walk reaches. SQLite has no roles: a plain correlated NOT EXISTS.
_GOLDEN_FOR_ME_PG = " AND reviewer_app_golden_claimable(a.id, :uid)"
_GOLDEN_FOR_ME = (
    " AND NOT EXISTS (SELECT 1 FROM golden_cases AS g WHERE g.appeal_id = a.id"
    "  AND NOT EXISTS (SELECT 1 FROM golden_targets AS t"
    "   WHERE t.golden_id = g.id AND t.user_id = :uid))"
)


@functools.cache
def _claimable_statement(pg: bool, names: tuple[str, ...]) -> TextClause:
    """The claim query for one dialect and set of skill kinds (built once per combination)."""
    skills = [f" AND a.{column} IN :{name}"
              for name, column in (("langs", "language"), ("markets", "market"),
                                   ("policies", "policy_code")) if name in names]
    sql = (
        "SELECT a.id, a.status, a.version, a.language, a.market, a.policy_code, a.queue_id,"
        " a.previous_appeal_id, (SELECT e.decided_by_user_id FROM enforcements AS e"
        "  WHERE e.id = a.enforcement_id) AS enforcement_decided_by"
        " FROM appeals AS a"
        + ("" if pg else " INDEXED BY ix_appeals_claim")
        + f" WHERE {CLAIMABLE_PREDICATE}"
        " AND NOT EXISTS (SELECT 1 FROM leases AS l WHERE l.appeal_id = a.id)"
        + (_NOT_MY_ENFORCEMENT_PG if pg else _NOT_MY_ENFORCEMENT)
        + " AND (a.previous_appeal_id IS NULL OR NOT EXISTS (SELECT 1 FROM decisions AS d"
        "  WHERE d.appeal_id = a.previous_appeal_id AND d.user_id = :uid))"
        + (_GOLDEN_FOR_ME_PG if pg else _GOLDEN_FOR_ME)
        + "".join(skills)
        + " ORDER BY a.sla_due_at, a.priority DESC, a.id LIMIT 1"
        + (" FOR UPDATE OF a SKIP LOCKED" if pg else "")
    )
    return text(sql).bindparams(
        *(bindparam(name, expanding=True) for name in ("langs", "markets", "policies")
          if name in names)
    )


_LEASE_COLUMNS = (L.appeal_id, L.user_id, L.claimed_at, L.expires_at, L.held, L.note,
                  L.version)


def _lease(row: Any) -> Lease:
    return Lease(row.appeal_id, row.user_id, row.claimed_at, row.expires_at,
                 held=bool(row.held), note=row.note, version=row.version)


def get_lease(session: Link, appeal_id: int, *, lock: bool = False) -> tuple[Lease, str] | None:
    """The lease on an appeal and the status to return to, or None."""
    stmt = select(*_LEASE_COLUMNS, L.return_status).where(L.appeal_id == appeal_id)
    if lock and _is_pg(session):
        stmt = stmt.with_for_update()
    row = session.execute(stmt).one_or_none()
    if row is None:
        return None
    return _lease(row), row.return_status


def leases_of(session: Link, user_id: int, *, now: datetime) -> tuple[Lease, ...]:
    """The user's unexpired leases, longest held first (the order they are resumed in)."""
    stmt = (select(*_LEASE_COLUMNS)
            .where(L.user_id == user_id, L.expires_at >= now)
            .order_by(L.claimed_at, L.appeal_id))
    return tuple(_lease(row) for row in session.execute(stmt))


def held_cases(session: Link, user_id: int, *, now: datetime) -> tuple[HeldCase, ...]:
    """The user's unexpired leases with the appeal references, longest held first."""
    stmt = (select(*_LEASE_COLUMNS, A.ref).join(AppealRow.__table__, A.id == L.appeal_id)
            .where(L.user_id == user_id, L.expires_at >= now)
            .order_by(L.claimed_at, L.appeal_id))
    return tuple(HeldCase(lease=_lease(row), ref=row.ref) for row in session.execute(stmt))


def change_lease(
    session: Link, appeal_id: int, *, holder_id: int, expected_version: int | None,
    now: datetime, **values: object,
) -> bool:
    """Compare-and-set on the holder's unexpired lease; bumps its version. False if refused.

    ``expected_version`` None skips the version check (the holder is still checked).
    """
    stmt = (update(LeaseRow.__table__)
            .where(L.appeal_id == appeal_id, L.user_id == holder_id, L.expires_at >= now)
            .values(**values, version=L.version + 1))
    if expected_version is not None:
        stmt = stmt.where(L.version == expected_version)
    return bool(session.execute(stmt).rowcount == 1)  # type: ignore[attr-defined]


_INSERT_LEASE = insert(LeaseRow.__table__)


def insert_lease(
    session: Link, *, appeal_id: int, user_id: int, now: datetime, expires_at: datetime,
    return_status: AppealStatus,
) -> Lease:
    """Create the lease row; the primary key refuses a second lease on the same appeal.

    Claimers hold the appeal's row lock (``FOR UPDATE``) on PostgreSQL or the database's
    write lock on SQLite here, so a duplicate means the claim failed as a whole: no
    savepoint is needed to keep the transaction usable (it saves two round trips per claim),
    and the caller's transaction rolls back on the ``ConflictError``.
    """
    try:
        session.execute(_INSERT_LEASE, {
            "appeal_id": appeal_id, "user_id": user_id, "claimed_at": now,
            "expires_at": expires_at, "return_status": return_status.value,
        })
    except IntegrityError as exc:
        raise ConflictError(f"Appeal {appeal_id} is already claimed") from exc
    return Lease(appeal_id, user_id, now, expires_at)


def extend_lease(session: Link, appeal_id: int, user_id: int, *, now: datetime,
                 expires_at: datetime) -> bool:
    """Move the expiry of an unexpired lease held by ``user_id``; False if not held.

    Never shortens it: a case held for help keeps its longer expiry while the reviewer's
    client renews in the background.
    """
    result = session.execute(
        update(LeaseRow.__table__)
        .where(L.appeal_id == appeal_id, L.user_id == user_id, L.expires_at >= now)
        .values(expires_at=case((L.expires_at > expires_at, L.expires_at),
                                else_=literal(expires_at, UtcDateTime())))
    )
    return bool(result.rowcount == 1)  # type: ignore[attr-defined]


_DELETE_LEASE = delete(LeaseRow.__table__).where(L.appeal_id == bindparam("b_appeal_id"))
_DELETE_EXPIRED_LEASE = _DELETE_LEASE.where(L.expires_at < bindparam("b_before"))


def delete_lease(session: Link, appeal_id: int, *, expired_before: datetime | None = None
                 ) -> bool:
    """Remove the lease (only if expired before the given instant); True if one went."""
    if expired_before is None:
        result = session.execute(_DELETE_LEASE, {"b_appeal_id": appeal_id})
    else:
        result = session.execute(_DELETE_EXPIRED_LEASE,
                                 {"b_appeal_id": appeal_id, "b_before": expired_before})
    return bool(result.rowcount == 1)  # type: ignore[attr-defined]


# Every claim runs this first: four prepared variants (dialect x bounded or not).
_EXPIRED = (select(L.appeal_id, L.user_id, L.return_status)
            .where(L.expires_at < bindparam("b_now")).order_by(L.expires_at))
_EXPIRED_FIRST = _EXPIRED.limit(bindparam("b_limit", type_=Integer))
_EXPIRED_PG = _EXPIRED.with_for_update(skip_locked=True)
_EXPIRED_FIRST_PG = _EXPIRED_FIRST.with_for_update(skip_locked=True)


def expire_leases(session: Link, now: datetime, *, limit: int | None = None
                  ) -> frozenset[int]:
    """Return appeals whose lease expired before ``now`` to the queue, with events.

    ``limit`` bounds the work (oldest first) so a claim stays quick even after many leases
    lapsed at once. On PostgreSQL leases another transaction is handling are skipped, so
    concurrent claimers never wait on each other here.
    """
    pg = _is_pg(session)
    if limit is None:
        stmt = _EXPIRED_PG if pg else _EXPIRED
    else:
        stmt = _EXPIRED_FIRST_PG if pg else _EXPIRED_FIRST
    params = {"b_now": now, "b_limit": limit}
    returned = set()
    for appeal_id, user_id, return_status in session.execute(stmt, params).all():
        if not delete_lease(session, appeal_id, expired_before=now):
            continue
        row = session.execute(
            select(A.status, A.version).where(A.id == appeal_id)
        ).one()
        if row.status != AppealStatus.IN_REVIEW.value:
            continue  # lease left over from a finished case: removing it is enough
        set_status(session, appeal_id, expected_version=row.version,
                   status=AppealStatus(return_status))
        append_event(session, appeal_id=appeal_id, actor_user_id=None, at=now,
                     kind=EventType.LEASE_EXPIRED, before=row.status, after=return_status,
                     payload={"lease_user_id": user_id})
        returned.add(appeal_id)
    return frozenset(returned)
