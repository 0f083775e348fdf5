"""Reading the shared change feed: which appeals other clients changed since the last look."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from reviewer_app.data import change_feed
from reviewer_app.data.db import Database
from reviewer_app.data.notify import SQLITE_POLL_SECONDS, Listener, listener_for
from reviewer_app.domain.enums import EventType
from reviewer_app.domain.models import ChangeEntry

log = logging.getLogger(__name__)

# How long a missing sequence number is re-read before it counts as rolled back. On
# PostgreSQL a number is taken at INSERT but visible only at COMMIT, so a transaction that
# started earlier can commit after a later one; ten seconds covers any write transaction of
# this app (they are single user events) with a wide margin.
GAP_SECONDS = 10.0
# More unresolved gaps than this (a huge import interleaved with other writes) are not
# tracked one by one: the batch says "reload everything" instead.
MAX_GAPS = 1000
READ_LIMIT = 1000
MAX_READS_PER_POLL = 5
HANDED_OFF = EventType.HANDED_OFF.value  # event kinds are the feed kinds of their rows
# On PostgreSQL the feed is also read this often without a notification, in case one was
# lost (a listener reconnecting, a notification queue overflow).
PG_FALLBACK_SECONDS = 3.0


@dataclass(frozen=True, slots=True)
class FeedBatch:
    """What changed since the previous poll.

    Attributes:
        appeal_ids: Appeals whose rows, counts or headers may have changed.
        presence_ids: Appeals whose set of viewers changed.
        reload_all: Too much changed to refresh row by row (a bulk import): reload views.
        last_seq: The highest sequence number read so far.
        handoffs: Appeals handed to a colleague -> who handed them (the feed does not say
            to whom: the receiving window checks whether it now holds the lease).
    """

    appeal_ids: frozenset[int] = field(default_factory=frozenset)
    presence_ids: frozenset[int] = field(default_factory=frozenset)
    reload_all: bool = False
    last_seq: int = 0
    handoffs: dict[int, int | None] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.appeal_ids or self.presence_ids or self.reload_all or self.handoffs)


class ChangeFeedReader:
    """Remembers where it is in the change feed and reports what is new; one per client.

    Not thread-safe: one thread (the change watcher's) calls ``start``, ``wait`` and ``poll``.

    Args:
        db: The shared database.
        listener: What ``wait`` blocks on; by default LISTEN on PostgreSQL, a timer on SQLite.
        monotonic: Clock for gap deadlines (tests move it by hand).
        gap_seconds: How long a missing sequence number is re-checked.
    """

    def __init__(self, db: Database, *, listener: Listener | None = None,
                 monotonic: Callable[[], float] = time.monotonic,
                 gap_seconds: float = GAP_SECONDS) -> None:
        self._db = db
        self._listener = listener if listener is not None else listener_for(db.engine.url)
        self._monotonic = monotonic
        self._gap_seconds = gap_seconds
        self._last = 0
        self._gaps: dict[int, float] = {}  # missing seq -> give up after this monotonic time
        self._started = False

    @property
    def fallback_seconds(self) -> float:
        """How long ``wait`` may block before the feed should be read anyway."""
        return PG_FALLBACK_SECONDS if self._db.dialect == "postgresql" else SQLITE_POLL_SECONDS

    @property
    def pending_gaps(self) -> frozenset[int]:
        """Sequence numbers below the highest one seen that are not visible yet."""
        return frozenset(self._gaps)

    def start(self) -> int:
        """Begin at the current end of the feed; return its sequence number."""
        # LISTEN before reading the end of the feed, so a change committed in between is
        # both after ``last`` in the feed and notified. A failed connect is retried by wait.
        self._listener.connect()
        with self._db.read() as session:
            self._last = change_feed.latest_seq(session)
        self._gaps.clear()
        self._started = True
        return self._last

    def wait(self, timeout: float) -> bool:
        """Block until a notification or ``timeout``; True if the feed may have grown."""
        return self._listener.wait(timeout)

    def wake(self) -> None:
        """Make a running ``wait`` return now (from any thread)."""
        self._listener.wake()

    def close(self) -> None:
        """Release the listener's connection (from the thread that waits)."""
        self._listener.close()

    def poll(self) -> FeedBatch:
        """Read what was committed since the previous poll, including late-committed gaps."""
        if not self._started:
            raise RuntimeError("ChangeFeedReader.poll before start")
        entries: list[ChangeEntry] = []
        reload_all = False
        now = self._monotonic()
        with self._db.read() as session:
            for _ in range(MAX_READS_PER_POLL):
                batch = change_feed.read_after(session, self._last, limit=READ_LIMIT)
                for entry in batch:
                    self._note_gaps(entry.seq, now)
                    entries.append(entry)
                if len(batch) < READ_LIMIT:
                    break
            else:
                # Still more: a bulk change; views reload instead of refreshing row by row.
                reload_all = True
                self._last = change_feed.latest_seq(session)
                self._gaps.clear()
            if len(self._gaps) > MAX_GAPS:
                reload_all = True
                self._gaps.clear()
            pruned = any(entry.kind == change_feed.PRUNED for entry in entries)
            if pruned and self._gaps and self._drop_pruned_gaps(session):
                # Rows this reader never saw were pruned (a computer asleep for days):
                # what they said is lost, so everything is reloaded. (Only after a prune:
                # at the very start of a feed an uncommitted row is also below the oldest.)
                reload_all = True
            if self._gaps:
                found = change_feed.read_seqs(session, self._gaps)
                for entry in found:
                    del self._gaps[entry.seq]
                entries.extend(found)
        self._expire_gaps(now)
        return self._batch(entries, reload_all)

    def _drop_pruned_gaps(self, session: Any) -> bool:
        """Forget missing sequence numbers below the oldest row left; True if there were any.

        Gaps above it may still be uncommitted transactions and stay watched.
        """
        oldest = change_feed.oldest_seq(session)
        pruned = [seq for seq in self._gaps if oldest is not None and seq < oldest]
        for seq in pruned:
            del self._gaps[seq]
        return bool(pruned)

    def _note_gaps(self, seq: int, now: float) -> None:
        deadline = now + self._gap_seconds
        for missing in range(self._last + 1, min(seq, self._last + MAX_GAPS + 2)):
            self._gaps[missing] = deadline
        self._last = max(self._last, seq)

    def _expire_gaps(self, now: float) -> None:
        expired = [seq for seq, deadline in self._gaps.items() if deadline <= now]
        for seq in expired:
            del self._gaps[seq]  # rolled back, most likely: its number will never appear
        if expired:
            log.debug("gave up on %d change-feed gaps", len(expired))

    def _batch(self, entries: list[ChangeEntry], reload_all: bool) -> FeedBatch:
        appeals: set[int] = set()
        presence: set[int] = set()
        handoffs: dict[int, int | None] = {}
        for entry in entries:
            if entry.kind == change_feed.BULK:
                reload_all = True
            elif entry.appeal_id is None:
                continue
            elif entry.kind == change_feed.PRESENCE:
                presence.add(entry.appeal_id)
            else:
                appeals.add(entry.appeal_id)
                if entry.kind == HANDED_OFF:
                    handoffs[entry.appeal_id] = entry.actor_user_id
        return FeedBatch(appeal_ids=frozenset(appeals), presence_ids=frozenset(presence),
                         reload_all=reload_all, last_seq=self._last, handoffs=handoffs)


# Feed rows older than this are deleted by ``reviewer-app db prune`` (and ``db upgrade``):
# a running client reads the feed every few seconds, so a week is far more than any reader
# needs; one that slept longer reloads its views.
PRUNE_DAYS = 7


def prune_change_feed(db: Database, *, now: datetime, days: float = PRUNE_DAYS) -> int:
    """Delete change-feed rows older than ``days``; return how many.

    Raises:
        PermissionDeniedError: the signed-in role may not delete from the feed (on
            PostgreSQL only the owner of the tables may: app roles only insert).
    """
    if days < 0:
        raise ValueError("days must not be negative")
    with db.write() as session:
        return change_feed.prune(session, before=now - timedelta(days=days), now=now)
