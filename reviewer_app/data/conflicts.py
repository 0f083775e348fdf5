"""Who changed an appeal under us: the change to show when ours is refused."""

from __future__ import annotations

import json

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from reviewer_app.data.orm import EventRow, UserRow
from reviewer_app.domain.enums import EventType
from reviewer_app.domain.models import OtherChange

E = EventRow.__table__.c


def latest_change(session: Session, appeal_id: int, *, not_by: int | None = None
                  ) -> OtherChange | None:
    """The newest event on the appeal, as an ``OtherChange``; None if there is none.

    Args:
        session: an open read session.
        appeal_id: the appeal whose log is read.
        not_by: only events by others (or by the system) that came after this user's own
            last event: what happened since they last touched the case.
    """
    stmt = (select(E.type, E.at, E.comment, E.payload_json, UserRow.display_name)
            .outerjoin(UserRow, UserRow.id == E.actor_user_id)
            .where(E.appeal_id == appeal_id)
            .order_by(E.id.desc()).limit(1))
    if not_by is not None:
        own_last = (select(func.coalesce(func.max(E.id), 0))
                    .where(E.appeal_id == appeal_id, E.actor_user_id == not_by)
                    .scalar_subquery())
        stmt = stmt.where(or_(E.actor_user_id.is_(None), E.actor_user_id != not_by),
                          E.id > own_last)
    row = session.execute(stmt).one_or_none()
    if row is None:
        return None
    kind = EventType(row.type)
    payload = json.loads(row.payload_json or "{}")
    detail = row.comment
    if kind is EventType.DECIDED and payload.get("outcome"):
        detail = str(payload["outcome"])
    to_actor = None
    if kind is EventType.HANDED_OFF and payload.get("to_user_id") is not None:
        to_actor = session.scalar(select(UserRow.display_name)
                                  .where(UserRow.id == int(payload["to_user_id"])))
    return OtherChange(kind=kind, at=row.at, actor=row.display_name, detail=detail,
                       to_actor=to_actor)
