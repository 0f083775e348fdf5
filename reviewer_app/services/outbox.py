"""Outbox-first decisions: saved on this computer, then applied; replayed when the link is back.

The order matters for "nothing lost": the draft is written durably to the local outbox
before the database is tried, so a lost connection, a server restart or the app being
killed at any point leaves either an applied decision or a pending entry that a later
replay applies. The decision's idempotency key makes every replay safe to repeat.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass, field, replace
from datetime import timedelta
from enum import StrEnum

from reviewer_app.data.db import Database
from reviewer_app.data.outbox_store import OutboxStore
from reviewer_app.domain.clock import Clock, utc_now
from reviewer_app.domain.errors import DatabaseUnavailableError, LeaseLostError, ReviewerError
from reviewer_app.domain.models import Changes, DecisionDraft
from reviewer_app.domain.outbox import OutboxCounts, OutboxEntry, OutboxState
from reviewer_app.services.queue import QueueService
from reviewer_app.services.review import ReviewService

log = logging.getLogger(__name__)

RETRY_RELEASE_REASON = "outbox: resubmitting the saved decision failed"
# Applied entries are kept this long (for support: "was my decision saved?"), then
# forgotten at the next start so the file does not grow forever.
APPLIED_KEEP_DAYS = 7


class SubmitStatus(StrEnum):
    """What became of a submitted decision."""

    APPLIED = "applied"  # the database has it
    SAVED_LOCALLY = "saved_locally"  # the database is unreachable; the outbox keeps it


@dataclass(frozen=True, slots=True)
class SubmitResult:
    """The outcome of ``OutboxService.submit``."""

    status: SubmitStatus
    changes: Changes
    entry_id: int


@dataclass(frozen=True, slots=True)
class ReplayReport:
    """What one replay did.

    Attributes:
        applied: entries the database now has (including ones it already had).
        conflicts: entries the database refused; a person must resolve them.
        offline: the database became unreachable; the rest stays pending.
    """

    applied: tuple[OutboxEntry, ...] = ()
    conflicts: tuple[OutboxEntry, ...] = ()
    offline: bool = False
    changes: Changes = field(default_factory=Changes)


class OutboxService:
    """Submits decisions through the local outbox and replays what is still pending."""

    def __init__(self, store: OutboxStore, db: Database, review: ReviewService,
                 queue: QueueService, *, clock: Clock = utc_now) -> None:
        self._store = store
        self._db = db
        self._review = review
        self._queue = queue
        self._clock = clock

    @property
    def database(self) -> str:
        """The identity (URL without password) entries of this database are stored under."""
        return self._db.identity

    def probe(self) -> None:
        """Raise ``DatabaseUnavailableError`` unless the database answers."""
        self._db.ping()

    def submit(self, user_id: int, draft: DecisionDraft, appeal_ref: str = "") -> SubmitResult:
        """Save the decision locally (durably), then apply it.

        Raises:
            ReviewerError: the database refused the decision (incomplete, lease lost,
                permission…): the reviewer sees it now, so the entry is dropped again.
        """
        if not draft.idempotency_key:
            # Replays recognise a decision by its key: a draft without one gets one here.
            draft = replace(draft, idempotency_key=uuid.uuid4().hex)
        entry = self._store.add(user_id=user_id, database=self.database,
                                appeal_ref=appeal_ref, draft=draft, now=self._clock())
        one = Changes(appeal_ids=frozenset({draft.appeal_id}), stats_stale=True)
        if entry.state is OutboxState.APPLIED:
            return SubmitResult(SubmitStatus.APPLIED, one, entry.id)
        try:
            changes = self._review.decide(user_id, draft)
        except DatabaseUnavailableError as exc:
            self._store.mark(entry.id, OutboxState.PENDING, now=self._clock(),
                             detail=str(exc), attempted=True)
            log.warning("decision on appeal %s saved in the outbox: %s", draft.appeal_id, exc)
            return SubmitResult(SubmitStatus.SAVED_LOCALLY, one, entry.id)
        except ReviewerError:
            self._store.delete(entry.id)
            raise
        except BaseException as exc:
            # A bug: keep the reviewer's work where the conflict list shows it, then report.
            self._store.mark(entry.id, OutboxState.CONFLICT, now=self._clock(),
                             problem=type(exc).__name__, detail=str(exc), attempted=True)
            raise
        self._store.mark(entry.id, OutboxState.APPLIED, now=self._clock(), attempted=True)
        return SubmitResult(SubmitStatus.APPLIED, changes, entry.id)

    def replay(self, user_id: int) -> ReplayReport:
        """Apply the user's pending entries for this database, oldest first.

        The idempotency key makes an entry the database already has count as applied, so
        replaying twice (or from two processes) never stores a decision twice. An entry
        the database refuses (lease expired or taken, appeal changed) becomes a conflict.
        """
        applied: list[OutboxEntry] = []
        conflicts: list[OutboxEntry] = []
        ids: set[int] = set()
        offline = False
        for entry in self._store.entries(self.database, user_id, [OutboxState.PENDING]):
            try:
                self._review.decide(entry.user_id, entry.draft)
            except DatabaseUnavailableError:
                offline = True
                break
            except ReviewerError as exc:
                self._store.mark(entry.id, OutboxState.CONFLICT, now=self._clock(),
                                 problem=type(exc).__name__, detail=str(exc), attempted=True)
                conflicts.append(entry)
            else:
                self._store.mark(entry.id, OutboxState.APPLIED, now=self._clock(),
                                 attempted=True)
                applied.append(entry)
            ids.add(entry.appeal_id)
        if applied or conflicts:
            log.info("outbox replay: %d applied, %d conflicts, offline=%s",
                     len(applied), len(conflicts), offline)
        return ReplayReport(tuple(applied), tuple(conflicts), offline,
                            Changes(appeal_ids=frozenset(ids), stats_stale=bool(applied)))

    def prune_applied(self, days: float = APPLIED_KEEP_DAYS) -> int:
        """Forget applied entries older than ``days`` (at start-up); return how many.

        Pending entries and conflicts stay whatever their age.
        """
        removed = self._store.prune_applied(before=self._clock() - timedelta(days=days))
        if removed:
            log.info("outbox: forgot %d applied entries older than %g days", removed, days)
        return removed

    def counts(self, user_id: int) -> OutboxCounts:
        """How many of the user's decisions wait for the database or for the user."""
        return self._store.counts(self.database, user_id)

    def conflicts(self, user_id: int) -> tuple[OutboxEntry, ...]:
        """The user's entries the database refused, oldest first."""
        return self._store.entries(self.database, user_id, [OutboxState.CONFLICT])

    def discard(self, entry_id: int) -> None:
        """The reviewer gives up a conflicting entry (it stays in the file as discarded)."""
        self._store.mark(entry_id, OutboxState.DISCARDED, now=self._clock())

    def retry(self, entry_id: int) -> Changes:
        """Claim the appeal again and resubmit a conflicting entry.

        Raises:
            ReviewerError: the claim or the decision was refused (the entry stays a
                conflict, with the new reason); ``DatabaseUnavailableError`` leaves it
                pending for the next replay.
        """
        entry = self._store.get(entry_id)
        if entry is None or entry.state not in (OutboxState.CONFLICT, OutboxState.PENDING):
            return Changes()
        changes = Changes(appeal_ids=frozenset({entry.appeal_id}), stats_stale=True)
        try:
            try:
                # Already applied elsewhere, or the lease is still ours: no claim needed.
                self._review.decide(entry.user_id, entry.draft)
            except LeaseLostError:
                self._queue.claim(entry.appeal_id, entry.user_id)
                self._decide_or_release(entry)
        except DatabaseUnavailableError:
            self._store.mark(entry.id, OutboxState.PENDING, now=self._clock(), attempted=True)
            raise
        except ReviewerError as exc:
            self._store.mark(entry.id, OutboxState.CONFLICT, now=self._clock(),
                             problem=type(exc).__name__, detail=str(exc), attempted=True)
            raise
        self._store.mark(entry.id, OutboxState.APPLIED, now=self._clock(), attempted=True)
        return changes

    def _decide_or_release(self, entry: OutboxEntry) -> None:
        try:
            self._review.decide(entry.user_id, entry.draft)
        except ReviewerError:
            # The case is not open in anyone's window: don't leave it locked for a lease.
            try:
                self._queue.release(entry.appeal_id, entry.user_id, RETRY_RELEASE_REASON)
            except ReviewerError as exc:
                log.info("could not release appeal %s after a failed retry: %s",
                         entry.appeal_id, exc)
            raise
