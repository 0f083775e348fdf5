"""Queue use cases: page, count, claim next, claim, release, renew and expire leases."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from reviewer_app.data import lease_repository as leases
from reviewer_app.data import queue_repository as queue_repo
from reviewer_app.data import review_writes
from reviewer_app.data import user_repository as users
from reviewer_app.data.db import Database
from reviewer_app.data.events import append_event
from reviewer_app.domain import rules
from reviewer_app.domain.clock import Clock, utc_now
from reviewer_app.domain.enums import AppealStatus, EventType
from reviewer_app.domain.errors import (
    ConflictError,
    LeaseLostError,
    NothingToClaimError,
    PermissionDeniedError,
)
from reviewer_app.domain.models import (
    Changes,
    Lease,
    PageCursor,
    QueueCounts,
    QueueFilter,
    QueuePage,
    QueueRow,
    QueueSort,
)
from reviewer_app.domain.sla import at_risk_cutoff
from reviewer_app.services.refusals import explain_refusal

# Expired leases a claim tidies up first (the rest wait for the next claim or for
# expire_leases); bounded so one claim after a quiet weekend stays fast.
EXPIRE_PER_CLAIM = 50


@dataclass(frozen=True, slots=True)
class FilterOptions:
    """Values offered in the queue's filter boxes (from the catalog, not from rows)."""

    markets: tuple[str, ...]
    policies: tuple[str, ...]
    languages: tuple[str, ...]


class QueueService:
    """The appeal queue as reviewers see and work it."""

    def __init__(
        self,
        db: Database,
        *,
        clock: Clock = utc_now,
        lease_minutes: int = 15,
        at_risk_hours: float = 4.0,
    ) -> None:
        self._db = db
        self._clock = clock
        self._lease_minutes = lease_minutes
        self._at_risk_hours = at_risk_hours

    def page(
        self,
        flt: QueueFilter,
        sort: QueueSort,
        cursor: PageCursor | None = None,
        limit: int = 200,
    ) -> QueuePage:
        """One page of rows after ``cursor`` (keyset), filtered and sorted in SQL."""
        now = self._clock()
        with self._db.read() as session:
            rows, more = queue_repo.fetch_page(
                session, flt, sort, cursor, limit,
                now=now, at_risk_until=at_risk_cutoff(now, self._at_risk_hours),
            )
        return QueuePage(rows=rows, next_cursor=self._cursor(rows, sort) if more else None)

    def last_page(self, flt: QueueFilter, sort: QueueSort, limit: int = 200) -> QueuePage:
        """The final page (reverse keyset), for "jump to end"; rows in display order."""
        now = self._clock()
        with self._db.read() as session:
            rows, _more = queue_repo.fetch_page(
                session, flt, sort, None, limit, from_end=True,
                now=now, at_risk_until=at_risk_cutoff(now, self._at_risk_hours),
            )
        return QueuePage(rows=rows, next_cursor=None)

    @staticmethod
    def _cursor(rows: tuple[QueueRow, ...], sort: QueueSort) -> PageCursor | None:
        if not rows:
            return None
        last = rows[-1]
        return PageCursor(value=queue_repo.sort_value(last, sort.key), appeal_id=last.appeal_id)

    def counts(self, flt: QueueFilter) -> QueueCounts:
        """Total, breached and at-risk counts for the filter, from one aggregate query."""
        now = self._clock()
        with self._db.read() as session:
            return queue_repo.count(
                session, flt, now=now, at_risk_until=at_risk_cutoff(now, self._at_risk_hours)
            )

    def rows_matching(self, flt: QueueFilter, appeal_ids: frozenset[int]
                      ) -> dict[int, QueueRow]:
        """The queue rows of these appeals that match ``flt`` (others are left out)."""
        now = self._clock()
        with self._db.read() as session:
            rows = queue_repo.fetch_by_ids(
                session, flt, appeal_ids,
                now=now, at_risk_until=at_risk_cutoff(now, self._at_risk_hours),
            )
        return {row.appeal_id: row for row in rows}

    def filter_options(self) -> FilterOptions:
        """What the filter boxes offer."""
        with self._db.read() as session:
            markets, policies, languages = queue_repo.filter_options(session)
        return FilterOptions(markets=markets, policies=policies, languages=languages)

    def claim_next(self, user_id: int, *, resume: bool = False) -> Lease:
        """Atomically lease the most urgent eligible appeal; ``NothingToClaimError`` if none.

        With ``resume`` (what the workstation's Ctrl+N does), a lease the user already
        holds comes first: one handed to them by a colleague, held for help, or left over
        after a crash; new work waits until their own cases are done. Without it a caller
        may hold several leases at once (batch tools, load tests).
        """
        now = self._clock()
        # write_core: a bare connection, cheaper than a Session on this hot path.
        with self._db.write_core() as session:
            user, lapsed = users.get_claimer(session, user_id, now)
            if lapsed:
                leases.expire_leases(session, now, limit=EXPIRE_PER_CLAIM)
            if resume:
                mine = self._resume(session, user_id, now)
                if mine is not None:
                    return mine
            state = leases.find_claimable(session, user)
            if state is None:
                raise NothingToClaimError("No appeal in the queue is eligible for you right now")
            return self._lease(session, state, user_id, now)

    def _resume(self, session: Any, user_id: int, now: datetime) -> Lease | None:
        """Renew and return the user's oldest lease on an appeal still in review, if any."""
        for mine in leases.leases_of(session, user_id, now=now):
            if leases.appeal_state(session, mine.appeal_id).status is AppealStatus.IN_REVIEW:
                leases.extend_lease(session, mine.appeal_id, user_id, now=now,
                                    expires_at=now + timedelta(minutes=self._lease_minutes))
                resumed = leases.get_lease(session, mine.appeal_id)
                assert resumed is not None
                return resumed[0]
        return None

    def claim(self, appeal_id: int, user_id: int) -> Lease:
        """Lease a chosen appeal if it is claimable and the user is eligible.

        Raises:
            NotFoundError: no such appeal.
            ConflictError: someone else holds it, or it is not in a claimable status.
            PermissionDeniedError: the user decided the enforcement or the 1st round, or
                lacks the skills for it (the code is in the message).
        """
        now = self._clock()
        with explain_refusal(self._db, appeal_id, user_id), self._db.write() as session:
            user = users.get_user(session, user_id)
            leases.expire_leases(session, now, limit=EXPIRE_PER_CLAIM)
            state = leases.appeal_state(session, appeal_id, lock=True)
            held = leases.get_lease(session, appeal_id)
            if held is not None and held[0].user_id == user_id:
                return held[0]  # already mine (handed to me, or another window claimed it)
            if held is not None:
                raise ConflictError(f"Appeal {appeal_id} is already claimed")
            reason = rules.claim_ineligibility(
                user, status=state.status, language=state.language, market=state.market,
                policy_code=state.policy_code,
                enforcement_decided_by=state.enforcement_decided_by,
                first_round_decider_ids=state.first_round_decider_ids,
            )
            if reason == rules.NOT_CLAIMABLE:
                raise ConflictError(
                    f"Appeal {appeal_id} cannot be claimed in status {state.status.value}"
                )
            if reason is not None:
                raise PermissionDeniedError(f"You may not claim appeal {appeal_id}: {reason}")
            return self._lease(session, state, user_id, now)

    def _lease(self, session: Any, state: leases.AppealState, user_id: int, now: datetime
               ) -> Lease:
        """Lease, status change and event for a claim, in the caller's transaction."""
        rules.transition(state.status, AppealStatus.IN_REVIEW)  # refuses an illegal claim
        expires_at = now + timedelta(minutes=self._lease_minutes)
        return review_writes.claim_writes(session, state, user_id=user_id, now=now,
                                          expires_at=expires_at,
                                          payload={"expires_at": expires_at.isoformat()})

    def renew(self, appeal_id: int, user_id: int) -> Lease:
        """Extend the user's lease (never shortening a hold); ``LeaseLostError`` if lost."""
        now = self._clock()
        expires = now + timedelta(minutes=self._lease_minutes)
        with explain_refusal(self._db, appeal_id, user_id), self._db.write() as session:
            if not leases.extend_lease(session, appeal_id, user_id, now=now, expires_at=expires):
                raise LeaseLostError(f"You no longer hold appeal {appeal_id}")
            held = leases.get_lease(session, appeal_id)
            assert held is not None
            return held[0]

    def release(self, appeal_id: int, user_id: int, reason: str) -> Changes:
        """Give the appeal back to the queue with a reason (logged as an event)."""
        now = self._clock()
        with explain_refusal(self._db, appeal_id, user_id), self._db.write() as session:
            held = leases.get_lease(session, appeal_id, lock=True)
            if held is None or held[0].user_id != user_id or held[0].expires_at < now:
                raise LeaseLostError(f"You no longer hold appeal {appeal_id}")
            state = leases.appeal_state(session, appeal_id, lock=True)
            after = rules.release_status(state.status, AppealStatus(held[1]))
            leases.delete_lease(session, appeal_id)
            leases.set_status(session, appeal_id, expected_version=state.version, status=after)
            append_event(session, appeal_id=appeal_id, actor_user_id=user_id, at=now,
                         kind=EventType.RELEASED, before=state.status.value, after=after.value,
                         comment=reason)
        return Changes(appeal_ids=frozenset({appeal_id}))

    def expire_leases(self) -> Changes:
        """Return every appeal whose lease has expired to the queue."""
        with self._db.write() as session:
            returned = leases.expire_leases(session, self._clock())
        return Changes(appeal_ids=returned)
