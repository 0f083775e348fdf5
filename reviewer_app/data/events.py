"""Append-only event rows, written in the caller's transaction."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import bindparam, insert, select
from sqlalchemy.orm import Session

from reviewer_app.data.change_feed import publish
from reviewer_app.data.orm import ChangeFeedRow, EventRow, UserRow
from reviewer_app.data.types import Link, dialect_of
from reviewer_app.domain.enums import EventType
from reviewer_app.domain.models import Event

# Built once: every claim and decision writes an event (Core, not the ORM entity: cheaper).
_INSERT_EVENT = insert(EventRow.__table__)
_E = EventRow.__table__.c
# PostgreSQL: the event and its change-feed row in one statement (a data-modifying CTE), one
# round trip instead of two on every claim and decision. The feed row is the one
# ``change_feed.publish`` writes for one appeal; the feed's NOTIFY trigger fires as usual.
_FEED_VALUES = insert(ChangeFeedRow.__table__).values(
    at=bindparam("at"), kind=bindparam("type"), appeal_id=bindparam("appeal_id"),
    actor_user_id=bindparam("actor_user_id"),
)
EVENT_CTE = insert(EventRow.__table__).values(
    {c: bindparam(c.key) for c in (_E.appeal_id, _E.actor_user_id, _E.at, _E.type, _E.before,
                                   _E.after, _E.comment, _E.payload_json)}
).cte("new_event")
FEED_CTE = _FEED_VALUES.cte("new_feed")
_INSERT_EVENT_AND_FEED = _FEED_VALUES.add_cte(EVENT_CTE)


def event_params(
    *, appeal_id: int, actor_user_id: int | None, at: datetime, kind: EventType,
    before: str | None, after: str | None, comment: str | None = None,
    payload: dict[str, object] | None = None,
) -> dict[str, object]:
    """Parameters of one event row (and its feed row) for ``_INSERT_EVENT_AND_FEED`` and
    the statements that embed the same two inserts (``EVENT_CTE``, ``FEED_CTE``)."""
    return {
        "appeal_id": appeal_id, "actor_user_id": actor_user_id, "at": at, "type": kind.value,
        "before": before, "after": after, "comment": comment,
        "payload_json": json.dumps(payload or {}, ensure_ascii=False, sort_keys=True),
    }


def append_event(
    session: Link,
    *,
    appeal_id: int,
    actor_user_id: int | None,
    at: datetime,
    kind: EventType,
    before: str | None,
    after: str | None,
    comment: str | None = None,
    payload: dict[str, object] | None = None,
) -> None:
    """Add one event row (never updated or deleted afterwards) and publish the change.

    Every event is also a change-feed row, so nothing that is logged can be missed by the
    other clients' views; both commit (or not) with the caller's transaction.
    """
    params = event_params(appeal_id=appeal_id, actor_user_id=actor_user_id, at=at, kind=kind,
                          before=before, after=after, comment=comment, payload=payload)
    if dialect_of(session) == "postgresql":
        session.execute(_INSERT_EVENT_AND_FEED, params)
        return
    session.execute(_INSERT_EVENT, params)
    publish(session, kind=kind.value, at=at, appeal_ids=(appeal_id,),
            actor_user_id=actor_user_id)


def events_for(session: Session, appeal_id: int) -> tuple[Event, ...]:
    """The appeal's event log, oldest first, with the actor's login."""
    stmt = (
        select(EventRow.at, EventRow.type, UserRow.login, EventRow.before, EventRow.after,
               EventRow.comment)
        .outerjoin(UserRow, UserRow.id == EventRow.actor_user_id)
        .where(EventRow.appeal_id == appeal_id)
        .order_by(EventRow.at, EventRow.id)
    )
    return tuple(
        Event(at=at, type=EventType(kind), actor=login, before=before, after=after,
              comment=comment)
        for at, kind, login, before, after, comment in session.execute(stmt)
    )
