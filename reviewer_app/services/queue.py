"""Queue use cases: page, count, claim next, claim, release, renew and expire leases."""

from __future__ import annotations

from dataclasses import dataclass

from reviewer_app.data.db import Database
from reviewer_app.domain.models import (
    Changes,
    Lease,
    PageCursor,
    QueueCounts,
    QueueFilter,
    QueuePage,
    QueueSort,
)
from reviewer_app.services.clock import Clock, utc_now


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
        raise NotImplementedError

    def last_page(self, flt: QueueFilter, sort: QueueSort, limit: int = 200) -> QueuePage:
        """The final page (reverse keyset), for "jump to end"; rows in display order."""
        raise NotImplementedError

    def counts(self, flt: QueueFilter) -> QueueCounts:
        """Total, breached and at-risk counts for the filter, from one aggregate query."""
        raise NotImplementedError

    def filter_options(self) -> FilterOptions:
        """What the filter boxes offer."""
        raise NotImplementedError

    def claim_next(self, user_id: int) -> Lease:
        """Atomically lease the most urgent eligible appeal; ``NothingToClaimError`` if none."""
        raise NotImplementedError

    def claim(self, appeal_id: int, user_id: int) -> Lease:
        """Lease a chosen appeal if it is claimable and the user is eligible."""
        raise NotImplementedError

    def renew(self, appeal_id: int, user_id: int) -> Lease:
        """Extend the user's lease; ``LeaseLostError`` if they no longer hold it."""
        raise NotImplementedError

    def release(self, appeal_id: int, user_id: int, reason: str) -> Changes:
        """Give the appeal back to the queue with a reason (logged as an event)."""
        raise NotImplementedError

    def expire_leases(self) -> Changes:
        """Return every appeal whose lease has expired to the queue."""
        raise NotImplementedError
