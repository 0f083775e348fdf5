"""Hold a case for help, take it up again, or hand it to a named colleague, with a note."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from reviewer_app.data import lease_repository as leases
from reviewer_app.data import user_repository as users
from reviewer_app.data.db import Database
from reviewer_app.data.events import append_event
from reviewer_app.domain import rules
from reviewer_app.domain.clock import Clock, utc_now
from reviewer_app.domain.enums import AppealStatus, EventType
from reviewer_app.domain.errors import (
    ConflictError,
    HandOffRefusedError,
    LeaseLostError,
    NoteRequiredError,
)
from reviewer_app.domain.models import Changes, HeldCase, Lease, User
from reviewer_app.services.refusals import explain_refusal

# How long a case held for help (or handed to a colleague) stays reserved: a working day,
# so the lead or colleague can answer after a meeting without the case returning to the queue.
DEFAULT_HOLD_HOURS = 8.0


class HandOffService:
    """Lease changes a reviewer makes on purpose: hold, resume, hand off."""

    def __init__(
        self,
        db: Database,
        *,
        clock: Clock = utc_now,
        lease_minutes: int = 15,
        hold_hours: float = DEFAULT_HOLD_HOURS,
    ) -> None:
        self._db = db
        self._clock = clock
        self._lease_minutes = lease_minutes
        self._hold_hours = hold_hours

    def hold(self, appeal_id: int, user_id: int, note: str,
             expected_version: int | None = None) -> Lease:
        """Keep the case with the user for the hold limit, with a note for the event log.

        Args:
            appeal_id: the appeal the user holds.
            user_id: the holder.
            note: why (required): what help is awaited, from whom.
            expected_version: the lease version the user saw; None skips the check.

        Raises:
            NoteRequiredError: the note is blank.
            LeaseLostError: the user no longer holds the lease (``other`` says why).
            ConflictError: the lease changed since ``expected_version`` (``other`` says how).
        """
        note = _required(note)
        now = self._clock()
        with explain_refusal(self._db, appeal_id, user_id), self._db.write() as session:
            self._change(session, appeal_id, user_id, expected_version, now,
                         held=True, note=note,
                         expires_at=now + timedelta(hours=self._hold_hours))
            append_event(session, appeal_id=appeal_id, actor_user_id=user_id, at=now,
                         kind=EventType.HELD, before=None, after=None, comment=note)
            return self._current(session, appeal_id)

    def unhold(self, appeal_id: int, user_id: int,
               expected_version: int | None = None) -> Lease:
        """Take a held case up again: normal expiry and renewals from now on.

        Raises:
            LeaseLostError: the user no longer holds the lease.
            ConflictError: the lease changed since ``expected_version``.
        """
        now = self._clock()
        with explain_refusal(self._db, appeal_id, user_id), self._db.write() as session:
            self._change(session, appeal_id, user_id, expected_version, now,
                         held=False, note=None,
                         expires_at=now + timedelta(minutes=self._lease_minutes))
            append_event(session, appeal_id=appeal_id, actor_user_id=user_id, at=now,
                         kind=EventType.RESUMED, before=None, after=None)
            return self._current(session, appeal_id)

    def hand_off(self, appeal_id: int, from_user_id: int, to_user_id: int, note: str,
                 expected_version: int | None = None) -> Changes:
        """Give the lease to a named colleague with a note and a fresh expiry.

        The colleague must be active and eligible for the case under the claim rules
        (skills, not the original decider, not the 1st-round reviewer). Their next claim
        (Ctrl+N) opens it. The expiry is the hold limit, not a short lease: the colleague
        may be in the middle of another case.

        Raises:
            NoteRequiredError: the note is blank.
            HandOffRefusedError: the colleague is the user, inactive, or not eligible.
            NotFoundError: no such colleague or appeal.
            LeaseLostError: the user no longer holds the lease.
            ConflictError: the lease changed since ``expected_version``.
        """
        note = _required(note)
        now = self._clock()
        with explain_refusal(self._db, appeal_id, from_user_id), self._db.write() as session:
            colleague = users.get_user(session, to_user_id)
            giver = users.get_user(session, from_user_id)
            held = leases.get_lease(session, appeal_id, lock=True)
            if held is None or held[0].user_id != from_user_id or held[0].expires_at < now:
                raise LeaseLostError(f"You no longer hold appeal {appeal_id}")
            state = leases.appeal_state(session, appeal_id)
            _check_colleague(colleague, from_user_id, state, AppealStatus(held[1]))
            self._change(session, appeal_id, from_user_id, expected_version, now,
                         user_id=to_user_id, claimed_at=now, held=False, note=note,
                         expires_at=now + timedelta(hours=self._hold_hours))
            append_event(session, appeal_id=appeal_id, actor_user_id=from_user_id, at=now,
                         kind=EventType.HANDED_OFF, before=giver.login[:32],
                         after=colleague.login[:32], comment=note,
                         payload={"from_user_id": from_user_id, "to_user_id": to_user_id})
        return Changes(appeal_ids=frozenset({appeal_id}))

    def held_by(self, user_id: int) -> tuple[HeldCase, ...]:
        """The user's unexpired leases (held, handed to them, or left after a crash)."""
        with self._db.read() as session:
            return leases.held_cases(session, user_id, now=self._clock())

    def colleagues_for(self, appeal_id: int, user_id: int) -> tuple[User, ...]:
        """Active users other than ``user_id`` who may take this appeal, for the picker."""
        with self._db.read() as session:
            held = leases.get_lease(session, appeal_id)
            state = leases.appeal_state(session, appeal_id)
            # The status the appeal returns to is the claimable one the rules judge.
            status = AppealStatus(held[1]) if held is not None else state.status
            return tuple(
                u for u in users.list_users(session, active_only=True)
                if u.id != user_id and _ineligibility(u, state, status) is None
            )

    # -- helpers -------------------------------------------------------------------------

    def _change(self, session: Any, appeal_id: int, holder_id: int,
                expected_version: int | None, now: datetime, **values: object) -> None:
        """Compare-and-set on the lease; say precisely why when refused."""
        if leases.change_lease(session, appeal_id, holder_id=holder_id,
                               expected_version=expected_version, now=now, **values):
            return
        held = leases.get_lease(session, appeal_id)
        if held is None or held[0].user_id != holder_id or held[0].expires_at < now:
            raise LeaseLostError(f"You no longer hold appeal {appeal_id}")
        raise ConflictError(
            f"The lease on appeal {appeal_id} changed (version {held[0].version}, "
            f"you had {expected_version})"
        )

    def _current(self, session: Any, appeal_id: int) -> Lease:
        held = leases.get_lease(session, appeal_id)
        assert held is not None
        return held[0]


def _required(note: str) -> str:
    note = (note or "").strip()
    if not note:
        raise NoteRequiredError("A note is required")
    return note


def _ineligibility(user: User, state: leases.AppealState, status: AppealStatus) -> str | None:
    return rules.claim_ineligibility(
        user, status=status, language=state.language, market=state.market,
        policy_code=state.policy_code, enforcement_decided_by=state.enforcement_decided_by,
        first_round_decider_ids=state.first_round_decider_ids,
    )


def _check_colleague(colleague: User, from_user_id: int, state: leases.AppealState,
                     return_status: AppealStatus) -> None:
    if colleague.id == from_user_id:
        raise HandOffRefusedError("You cannot hand a case to yourself",
                                  reason=HandOffRefusedError.SAME_USER,
                                  colleague=colleague.display_name)
    if not colleague.active:
        raise HandOffRefusedError(f"{colleague.login} is not an active user",
                                  reason=HandOffRefusedError.INACTIVE,
                                  colleague=colleague.display_name)
    reason = _ineligibility(colleague, state, return_status)
    if reason is not None:
        raise HandOffRefusedError(f"{colleague.login} may not take appeal {state.appeal_id}: "
                                  f"{reason}", reason=reason,
                                  colleague=colleague.display_name)
