"""The writes that start and end a review: on PostgreSQL each is one statement."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, bindparam, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from reviewer_app.data.events import EVENT_CTE, FEED_CTE, append_event, event_params
from reviewer_app.data.lease_repository import (
    AppealState,
    delete_lease,
    insert_lease,
    set_status,
)
from reviewer_app.data.orm import AppealRow, LeaseRow
from reviewer_app.data.types import Link, UtcDateTime, dialect_of
from reviewer_app.domain.enums import AppealStatus, EventType
from reviewer_app.domain.errors import ConflictError
from reviewer_app.domain.models import Lease

A = AppealRow.__table__.c
L = LeaseRow.__table__.c


# PostgreSQL: a claim's writes (lease row, status compare-and-set, event row, feed row) as
# one statement of data-modifying CTEs: one round trip instead of three on every claim.
# The parts see the same snapshot, not each other's rows; none needs to (row security
# included: the appeal's "not held by another" check passes with or without our lease).
# The statement returns how many appeals the compare-and-set moved (0: a conflict).
_NEW_LEASE = insert(LeaseRow.__table__).values(
    appeal_id=bindparam("appeal_id"), user_id=bindparam("actor_user_id"),
    claimed_at=bindparam("at"), expires_at=bindparam("expires_at", type_=UtcDateTime()),
    return_status=bindparam("before"), held=False, version=1,
).cte("new_lease")
_MOVED = (update(AppealRow.__table__)
          .where(A.id == bindparam("appeal_id"), A.version == bindparam("b_version"))
          .values(status=bindparam("after"), version=bindparam("b_next_version"))
          .returning(A.id).cte("moved"))
_CLAIM_WRITES_PG = (select(func.count()).select_from(_MOVED)
                    .add_cte(_NEW_LEASE, EVENT_CTE, FEED_CTE))


def claim_writes(session: Link, state: AppealState, *, user_id: int, now: datetime,
                 expires_at: datetime, payload: dict[str, object]) -> Lease:
    """Lease, status change to in review and CLAIMED event of a claim, in the transaction.

    The caller has checked the transition (``rules.transition``). Raises ``ConflictError``
    when the appeal is already leased or changed underneath.
    """
    after = AppealStatus.IN_REVIEW
    if dialect_of(session) != "postgresql":
        lease = insert_lease(session, appeal_id=state.appeal_id, user_id=user_id, now=now,
                             expires_at=expires_at, return_status=state.status)
        set_status(session, state.appeal_id, expected_version=state.version, status=after)
        append_event(session, appeal_id=state.appeal_id, actor_user_id=user_id, at=now,
                     kind=EventType.CLAIMED, before=state.status.value, after=after.value,
                     payload=payload)
        return lease
    params = event_params(appeal_id=state.appeal_id, actor_user_id=user_id, at=now,
                          kind=EventType.CLAIMED, before=state.status.value,
                          after=after.value, payload=payload)
    params.update(expires_at=expires_at, b_version=state.version,
                  b_next_version=state.version + 1)
    try:
        moved = session.execute(_CLAIM_WRITES_PG, params).scalar_one()
    except IntegrityError as exc:
        raise ConflictError(f"Appeal {state.appeal_id} is already claimed") from exc
    if moved != 1:
        raise ConflictError(f"Appeal {state.appeal_id} was changed by someone else; reload it")
    return Lease(state.appeal_id, user_id, now, expires_at)


# PostgreSQL: the end of a review (lease deleted, status compare-and-set, event and feed
# rows) in one statement, like _CLAIM_WRITES_PG: one round trip instead of three per
# decision. decided_at and queue_id change only when given (COALESCE), as in set_status.
_GONE = (delete(LeaseRow.__table__).where(L.appeal_id == bindparam("appeal_id"))
         .cte("gone_lease"))
_FINISHED = (update(AppealRow.__table__)
             .where(A.id == bindparam("appeal_id"), A.version == bindparam("b_version"))
             .values(status=bindparam("after"), version=bindparam("b_next_version"),
                     decided_at=func.coalesce(bindparam("b_decided_at", type_=UtcDateTime()),
                                              A.decided_at),
                     queue_id=func.coalesce(bindparam("b_queue_id", type_=Integer),
                                            A.queue_id))
             .returning(A.id).cte("finished"))
_FINISH_WRITES_PG = (select(func.count()).select_from(_FINISHED)
                     .add_cte(_GONE, EVENT_CTE, FEED_CTE))


def finish_writes(session: Link, state: AppealState, *, user_id: int, now: datetime,
                  after: AppealStatus, kind: EventType, decided_at: datetime | None,
                  queue_id: int | None, comment: str | None,
                  payload: dict[str, object]) -> None:
    """Lease deleted, status compare-and-set and the event, when a review ends.

    ``ConflictError`` when the appeal changed underneath (the transaction must roll back).
    """
    if dialect_of(session) != "postgresql":
        delete_lease(session, state.appeal_id)
        set_status(session, state.appeal_id, expected_version=state.version, status=after,
                   decided_at=decided_at, queue_id=queue_id)
        append_event(session, appeal_id=state.appeal_id, actor_user_id=user_id, at=now,
                     kind=kind, before=state.status.value, after=after.value,
                     comment=comment, payload=payload)
        return
    params = event_params(appeal_id=state.appeal_id, actor_user_id=user_id, at=now,
                          kind=kind, before=state.status.value, after=after.value,
                          comment=comment, payload=payload)
    params.update(b_version=state.version, b_next_version=state.version + 1,
                  b_decided_at=decided_at, b_queue_id=queue_id)
    if session.execute(_FINISH_WRITES_PG, params).scalar_one() != 1:
        raise ConflictError(f"Appeal {state.appeal_id} was changed by someone else; reload it")

