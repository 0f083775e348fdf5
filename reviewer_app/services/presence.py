"""Presence: who else has a case open right now (a heartbeat, not a lock)."""

from __future__ import annotations

from datetime import timedelta

from reviewer_app.data import presence_repository as presence
from reviewer_app.data.db import Database
from reviewer_app.domain.clock import Clock, utc_now
from reviewer_app.domain.models import User

# A viewer counts as present this long after their last heartbeat. Clients beat every
# HEARTBEAT_SECONDS, so two or three missed beats (a busy laptop, a short network hiccup)
# do not make them flicker out; a crashed client disappears within a minute.
STALE_SECONDS = 60
HEARTBEAT_SECONDS = 20


class PresenceService:
    """Heartbeats and viewer lists for open cases."""

    def __init__(self, db: Database, *, clock: Clock = utc_now,
                 stale_seconds: float = STALE_SECONDS) -> None:
        self._db = db
        self._clock = clock
        self._stale = timedelta(seconds=stale_seconds)

    def touch(self, appeal_id: int, user_id: int) -> tuple[User, ...]:
        """Heartbeat: ``user_id`` views ``appeal_id``; returns the other current viewers."""
        now = self._clock()
        with self._db.write() as session:
            presence.touch(session, appeal_id, user_id, at=now, stale_before=now - self._stale)
        return self.viewers(appeal_id, excluding=user_id)

    def leave(self, appeal_id: int, user_id: int) -> None:
        """``user_id`` closed ``appeal_id``: others stop listing them at once."""
        with self._db.write() as session:
            presence.leave(session, appeal_id, user_id, at=self._clock())

    def viewers(self, appeal_id: int, *, excluding: int | None = None) -> tuple[User, ...]:
        """People seen on the case within the last minute, other than ``excluding``."""
        with self._db.read() as session:
            return presence.viewers(session, appeal_id, since=self._clock() - self._stale,
                                    excluding=excluding)
