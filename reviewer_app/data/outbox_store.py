"""The local outbox file: decisions saved on this computer, durable before "saved" is shown.

A plain SQLite file beside (never inside) the work database, written with the standard
``sqlite3`` module: it must work exactly when the shared database does not. WAL with
``synchronous=FULL`` makes each commit reach the disk before it returns, so a decision the
UI called saved survives a power cut or a SIGKILL right after.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import closing, contextmanager
from datetime import UTC, datetime
from pathlib import Path

from reviewer_app.domain.errors import DatabaseUnavailableError
from reviewer_app.domain.models import DecisionDraft
from reviewer_app.domain.outbox import (
    OutboxCounts,
    OutboxEntry,
    OutboxState,
    draft_from_json,
    draft_to_json,
)

FILE_NAME = "outbox.sqlite3"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    idempotency_key TEXT NOT NULL UNIQUE,
    database TEXT NOT NULL,
    user_id INTEGER NOT NULL,
    appeal_id INTEGER NOT NULL,
    appeal_ref TEXT NOT NULL DEFAULT '',
    draft_json TEXT NOT NULL,
    state TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    problem TEXT NOT NULL DEFAULT '',
    detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS outbox_owner ON outbox (database, user_id, state, id);
"""

_COLUMNS = ("id, idempotency_key, database, user_id, appeal_id, appeal_ref, draft_json, "
            "state, created_at, updated_at, attempts, problem, detail")


class OutboxStore:
    """Reads and writes the outbox file; one short connection per call (any thread)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._ready = False
        # The first calls come from several threads at once (the count on a reader, the
        # replay on the write lane): switching to WAL while another connection writes fails
        # at once with "database is locked", so one thread sets the file up, the rest wait.
        self._setup = threading.Lock()

    @contextmanager
    def _connect(self, *, write: bool) -> Iterator[sqlite3.Connection]:
        try:
            if not self._ready:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            raise DatabaseUnavailableError(f"Cannot open the outbox {self.path}: {exc}") from exc
        with closing(conn):
            conn.execute("PRAGMA synchronous=FULL")
            if not self._ready:
                with self._setup:
                    if not self._ready:
                        conn.execute("PRAGMA journal_mode=WAL")
                        conn.executescript(_SCHEMA)
                        self._ready = True
            if not write:
                yield conn
                return
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    def add(self, *, user_id: int, database: str, appeal_ref: str, draft: DecisionDraft,
            now: datetime) -> OutboxEntry:
        """Store ``draft`` as pending (durably); the same idempotency key updates its entry.

        An entry the database already applied is never reopened: the returned entry then
        says ``APPLIED``.
        """
        if not draft.idempotency_key:
            raise ValueError("an outbox entry needs the draft's idempotency key")
        stamp = _stamp(now)
        with self._connect(write=True) as conn:
            conn.execute(
                "INSERT INTO outbox (idempotency_key, database, user_id, appeal_id, appeal_ref,"
                " draft_json, state, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (idempotency_key) DO UPDATE SET draft_json = excluded.draft_json,"
                " state = excluded.state, updated_at = excluded.updated_at, problem = '',"
                " detail = '' WHERE outbox.state != 'applied'",
                (draft.idempotency_key, database, user_id, draft.appeal_id, appeal_ref,
                 draft_to_json(draft), OutboxState.PENDING.value, stamp, stamp),
            )
            row = conn.execute(f"SELECT {_COLUMNS} FROM outbox WHERE idempotency_key = ?",
                               (draft.idempotency_key,)).fetchone()
        return _entry(row)

    def get(self, entry_id: int) -> OutboxEntry | None:
        """The entry, or None when it was deleted."""
        with self._connect(write=False) as conn:
            row = conn.execute(f"SELECT {_COLUMNS} FROM outbox WHERE id = ?",
                               (entry_id,)).fetchone()
        return None if row is None else _entry(row)

    def entries(self, database: str, user_id: int,
                states: Iterable[OutboxState]) -> tuple[OutboxEntry, ...]:
        """One user's entries for one database in the given states, oldest first."""
        wanted = [s.value for s in states]
        marks = ", ".join("?" for _ in wanted)
        with self._connect(write=False) as conn:
            rows = conn.execute(
                f"SELECT {_COLUMNS} FROM outbox WHERE database = ? AND user_id = ?"
                f" AND state IN ({marks}) ORDER BY id",
                (database, user_id, *wanted),
            ).fetchall()
        return tuple(_entry(r) for r in rows)

    def counts(self, database: str, user_id: int) -> OutboxCounts:
        """Pending and conflicting entries of one user for one database."""
        with self._connect(write=False) as conn:
            rows = dict(conn.execute(
                "SELECT state, count(*) FROM outbox WHERE database = ? AND user_id = ?"
                " GROUP BY state", (database, user_id)).fetchall())
        return OutboxCounts(pending=rows.get(OutboxState.PENDING.value, 0),
                            conflicts=rows.get(OutboxState.CONFLICT.value, 0))

    def mark(self, entry_id: int, state: OutboxState, *, now: datetime, problem: str = "",
             detail: str = "", attempted: bool = False) -> None:
        """Move an entry to ``state`` (an applied entry stays applied)."""
        with self._connect(write=True) as conn:
            conn.execute(
                "UPDATE outbox SET state = ?, updated_at = ?, problem = ?, detail = ?,"
                " attempts = attempts + ? WHERE id = ? AND state != 'applied'",
                (state.value, _stamp(now), problem, detail, int(attempted), entry_id),
            )

    def delete(self, entry_id: int) -> None:
        """Forget an entry (a submit the reviewer saw refused right away)."""
        with self._connect(write=True) as conn:
            conn.execute("DELETE FROM outbox WHERE id = ? AND state != 'applied'", (entry_id,))


    def prune_applied(self, *, before: datetime) -> int:
        """Delete applied entries last changed before ``before``; return how many.

        Only applied ones: a pending entry is a decision not yet in the database and a
        conflict waits for the reviewer. Once applied, the database's idempotency key (not
        this file) is what stops a second copy, so old entries are not needed any more.
        """
        with self._connect(write=True) as conn:
            cursor = conn.execute("DELETE FROM outbox WHERE state = 'applied' AND updated_at < ?",
                                  (_stamp(before),))
            return int(cursor.rowcount)


def _stamp(now: datetime) -> str:
    return now.astimezone(UTC).isoformat()


def _entry(row: tuple[object, ...]) -> OutboxEntry:
    (id_, key, database, user_id, appeal_id, ref, draft_json, state, created, updated,
     attempts, problem, detail) = row
    return OutboxEntry(
        id=int(str(id_)), idempotency_key=str(key), database=str(database),
        user_id=int(str(user_id)), appeal_id=int(str(appeal_id)), appeal_ref=str(ref),
        draft=draft_from_json(str(draft_json)), state=OutboxState(str(state)),
        created_at=datetime.fromisoformat(str(created)),
        updated_at=datetime.fromisoformat(str(updated)),
        attempts=int(str(attempts)), problem=str(problem), detail=str(detail),
    )
