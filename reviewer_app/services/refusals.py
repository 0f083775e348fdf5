"""Refused writes name the change that beat them (who, when, what), read after the rollback."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from reviewer_app.data.conflicts import latest_change
from reviewer_app.data.db import Database
from reviewer_app.domain.enums import EventType
from reviewer_app.domain.errors import ConflictError, LeaseLostError

_ENDS_HOLD = frozenset({
    EventType.HANDED_OFF, EventType.RELEASED, EventType.LEASE_EXPIRED, EventType.DECIDED,
    EventType.ESCALATED, EventType.INFO_REQUESTED,
})


@contextmanager
def explain_refusal(db: Database, appeal_id: int, user_id: int) -> Iterator[None]:
    """Attach the other change to a ``ConflictError`` or ``LeaseLostError`` raised inside.

    The write transaction has rolled back by the time the error gets here, so the event
    log is read in a fresh read session: it then shows what the other writer committed.
    The change may be the user's own from another window (a version conflict, a hand-off
    made elsewhere), so when nobody else acted the newest event of anyone is used; for a
    lost lease only if that event ended the user's hold (not their own claim or renewal).
    """
    try:
        yield
    except (ConflictError, LeaseLostError) as exc:
        if exc.other is None:
            with db.read() as session:
                other = latest_change(session, appeal_id, not_by=user_id)
                if other is None:
                    latest = latest_change(session, appeal_id)
                    if isinstance(exc, ConflictError) or (
                            latest is not None and latest.kind in _ENDS_HOLD):
                        other = latest
            exc.other = other
        raise
