"""The change feed: one row per change other clients should see, in the writer's transaction.

Readers ask for rows after the last ``seq`` they saw. On PostgreSQL a sequence number is
taken at insert but becomes visible at commit, so a smaller ``seq`` can appear after a
larger one; ``ChangeFeedReader`` in the sync service re-reads such gaps for a while.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from reviewer_app.data.orm import ChangeFeedRow
from reviewer_app.data.types import Link
from reviewer_app.domain.models import ChangeEntry

# Kinds that are not event types.
PRESENCE = "presence"
BULK = "bulk"  # many appeals at once: readers reload whole views
PRUNED = "pruned"  # old rows were deleted: a reader that had not read them reloads

C = ChangeFeedRow.__table__.c
_INSERT = insert(ChangeFeedRow.__table__)


def publish(session: Link, *, kind: str, at: datetime, appeal_ids: Iterable[int | None],
            actor_user_id: int | None = None) -> None:
    """Add one feed row per appeal (``None``: not about one appeal) to the transaction."""
    rows = [{"kind": kind, "at": at, "appeal_id": appeal_id, "actor_user_id": actor_user_id}
            for appeal_id in appeal_ids]
    if len(rows) == 1:  # the usual case (one event): a plain execute, not executemany
        session.execute(_INSERT, rows[0])
    elif rows:
        session.execute(_INSERT, rows)


def latest_seq(session: Session) -> int:
    """The highest sequence number so far (0 for an empty feed)."""
    return int(session.scalar(select(func.coalesce(func.max(C.seq), 0))) or 0)


def read_after(session: Session, after_seq: int, *, limit: int = 1000) -> tuple[ChangeEntry, ...]:
    """Feed rows with ``seq > after_seq``, oldest first."""
    stmt = (select(C.seq, C.at, C.kind, C.appeal_id, C.actor_user_id)
            .where(C.seq > after_seq).order_by(C.seq).limit(limit))
    return tuple(ChangeEntry(*row) for row in session.execute(stmt))


def read_seqs(session: Session, seqs: Iterable[int]) -> tuple[ChangeEntry, ...]:
    """Feed rows with these sequence numbers (used to re-check gaps)."""
    wanted = sorted(set(seqs))
    if not wanted:
        return ()
    stmt = (select(C.seq, C.at, C.kind, C.appeal_id, C.actor_user_id)
            .where(C.seq.in_(wanted)).order_by(C.seq))
    return tuple(ChangeEntry(*row) for row in session.execute(stmt))


def oldest_seq(session: Session) -> int | None:
    """The lowest sequence number still in the feed (None for an empty feed)."""
    value = session.scalar(select(func.min(C.seq)))
    return None if value is None else int(value)


def prune(session: Session, *, before: datetime, now: datetime) -> int:
    """Delete feed rows older than ``before``; return how many went.

    The newest row always stays: on SQLite a deleted highest rowid would be handed out
    again, and readers would take the new row for one they had already seen. When rows
    went, a ``PRUNED`` row tells readers to check whether they missed any.
    """
    newest = latest_seq(session)
    result = session.execute(delete(ChangeFeedRow.__table__)
                             .where(C.at < before, C.seq < newest))
    removed = int(result.rowcount or 0)  # type: ignore[attr-defined]
    if removed:
        publish(session, kind=PRUNED, at=now, appeal_ids=(None,))
    return removed
