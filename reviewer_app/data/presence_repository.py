"""Who has which case open: one heartbeat row per (appeal, user), read with a freshness cutoff."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from reviewer_app.data import change_feed
from reviewer_app.data import user_repository as users
from reviewer_app.data.orm import PresenceRow
from reviewer_app.domain.models import User

P = PresenceRow.__table__.c


def touch(session: Session, appeal_id: int, user_id: int, *, at: datetime,
          stale_before: datetime) -> bool:
    """Record that ``user_id`` is viewing ``appeal_id`` at ``at``.

    Publishes a presence change only when the user was not already a fresh viewer, so the
    regular heartbeat does not wake every other client.

    Returns:
        True if the user just became a viewer (and a change was published).
    """
    seen = session.scalar(select(P.seen_at).where(P.appeal_id == appeal_id,
                                                  P.user_id == user_id))
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    stmt = insert(PresenceRow.__table__).values(appeal_id=appeal_id, user_id=user_id,
                                                seen_at=at)
    # An upsert: the same person in two windows must not trip over the primary key.
    session.execute(stmt.on_conflict_do_update(index_elements=[P.appeal_id, P.user_id],
                                               set_={"seen_at": at}))
    joined = seen is None or seen < stale_before
    if joined:
        change_feed.publish(session, kind=change_feed.PRESENCE, at=at, appeal_ids=(appeal_id,),
                            actor_user_id=user_id)
    return joined


def leave(session: Session, appeal_id: int, user_id: int, *, at: datetime) -> bool:
    """Forget that ``user_id`` views ``appeal_id``; True (and published) if they did."""
    gone = session.execute(delete(PresenceRow.__table__).where(
        P.appeal_id == appeal_id, P.user_id == user_id)).rowcount
    if gone:
        change_feed.publish(session, kind=change_feed.PRESENCE, at=at, appeal_ids=(appeal_id,),
                            actor_user_id=user_id)
    return bool(gone)


def viewers(session: Session, appeal_id: int, *, since: datetime,
            excluding: int | None = None) -> tuple[User, ...]:
    """Users seen on ``appeal_id`` at or after ``since``, by display name."""
    stmt = select(P.user_id).where(P.appeal_id == appeal_id, P.seen_at >= since)
    if excluding is not None:
        stmt = stmt.where(P.user_id != excluding)
    found = [users.get_user(session, user_id) for user_id in session.scalars(stmt)]
    return tuple(sorted(found, key=lambda u: (u.display_name.casefold(), u.id)))
