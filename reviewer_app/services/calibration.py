"""Calibration sessions: the same cases rated blind by several people, then compared.

QA, leads and admins create, close and read the results of sessions; a participant sees
their pending sessions and each case without its gold answer or anyone's rating, and rates
each case once. On PostgreSQL the database enforces the same rules again (0008).
"""

from __future__ import annotations

from collections.abc import Sequence

from reviewer_app.data import calibration_store as store
from reviewer_app.data import user_repository as users
from reviewer_app.data.db import Database
from reviewer_app.data.types import Link
from reviewer_app.domain.calibration import (
    BlindItem,
    CalibrationResults,
    CalibrationSession,
    GoldAnswer,
    calibration_results,
)
from reviewer_app.domain.clock import Clock, utc_now
from reviewer_app.domain.enums import Outcome
from reviewer_app.domain.errors import ConflictError, InvalidInputError, PermissionDeniedError
from reviewer_app.services.qa import AUDITORS, require_role


class CalibrationService:
    """Run calibration sessions and compute their agreement figures."""

    def __init__(self, db: Database, *, clock: Clock = utc_now) -> None:
        self._db = db
        self._clock = clock

    def create(self, user_id: int, name: str, items: Sequence[GoldAnswer],
               participants: Sequence[int]) -> int:
        """A new session over ``items`` (in this order) for ``participants``."""
        if not name.strip():
            raise InvalidInputError("Give the session a name")
        if not items:
            raise InvalidInputError("Choose at least one case")
        if len({i.appeal_id for i in items}) != len(items):
            raise InvalidInputError("A case can be in a session only once")
        if not participants:
            raise InvalidInputError("Choose at least one participant")
        if any(not item.outcome.is_final for item in items):
            raise InvalidInputError("A gold answer must be a final outcome")
        with self._db.write() as s:
            require_role(users.get_user(s, user_id), AUDITORS, "run calibration sessions")
            for person in participants:
                users.get_user(s, person)  # NotFoundError for an unknown participant
            return store.create_session(s, name=name.strip(), created_by=user_id,
                                        now=self._clock(), items=items,
                                        participants=sorted(set(participants)))

    def my_sessions(self, user_id: int) -> tuple[CalibrationSession, ...]:
        """Open sessions the user takes part in and has not finished rating."""
        with self._db.read() as s:
            return tuple(x for x in store.sessions(s, user_id) if x.rated < x.items)

    def all_sessions(self, user_id: int) -> tuple[CalibrationSession, ...]:
        """Every session, open or closed (QA, leads, admins: to read results)."""
        with self._db.read() as s:
            require_role(users.get_user(s, user_id), AUDITORS, "see calibration results")
            return store.sessions(s, user_id, participant_only=False, open_only=False)

    def items(self, user_id: int, session_id: int) -> tuple[int, ...]:
        """The appeal ids of a session, in order (participants and auditors)."""
        with self._db.read() as s:
            self._may_see(s, user_id, session_id)
            return store.item_appeals(s, session_id)

    def blind_item(self, user_id: int, session_id: int, appeal_id: int) -> BlindItem:
        """A case of the session as a participant rates it: no gold, no other ratings."""
        with self._db.read() as s:
            self._may_see(s, user_id, session_id)
            return store.blind_item(s, session_id, appeal_id, user_id)

    def rate(self, user_id: int, session_id: int, appeal_id: int, outcome: Outcome,
             reason_code: str | None = None) -> None:
        """The participant's answer on one case; once only, while the session is open."""
        if not outcome.is_final:
            raise InvalidInputError("Rate with a final outcome")
        with self._db.write() as s:
            info = store.session_info(s, session_id, user_id)
            if not store.is_participant(s, session_id, user_id):
                raise PermissionDeniedError("Only the session's participants may rate")
            if info.closed_at is not None:
                raise ConflictError(f"The session was closed at {info.closed_at:%Y-%m-%d %H:%M}"
                                    " UTC; ratings are no longer taken")
            store.blind_item(s, session_id, appeal_id, user_id)  # NotFoundError if not an item
            store.add_rating(s, session_id=session_id, appeal_id=appeal_id, user_id=user_id,
                             outcome=outcome, reason_code=reason_code or None,
                             now=self._clock())

    def results(self, user_id: int, session_id: int) -> CalibrationResults:
        """Agreement with gold, pairwise and overall agreement, most contested first."""
        with self._db.read() as s:
            require_role(users.get_user(s, user_id), AUDITORS, "see calibration results")
            store.session_info(s, session_id, user_id)
            gold = store.gold_answers(s, session_id)
            people = store.participants(s, session_id)
            ratings = store.ratings(s, session_id)
        return calibration_results(session_id, gold, people, ratings)

    def close(self, user_id: int, session_id: int) -> None:
        """Stop taking ratings; ``ConflictError`` if the session is closed already."""
        with self._db.write() as s:
            require_role(users.get_user(s, user_id), AUDITORS, "close calibration sessions")
            store.session_info(s, session_id, user_id)
            if not store.close(s, session_id, self._clock()):
                raise ConflictError("This session is closed already")

    @staticmethod
    def _may_see(s: Link, user_id: int, session_id: int) -> None:
        if users.get_user(s, user_id).role in AUDITORS:
            return
        if not store.is_participant(s, session_id, user_id):
            raise PermissionDeniedError("Only the session's participants may see its cases")
