"""Watches the shared change feed on a background thread and reports changes on the GUI thread."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal, Slot

from reviewer_app.domain.errors import ReviewerError
from reviewer_app.domain.models import Changes
from reviewer_app.services.sync import ChangeFeedReader, FeedBatch

log = logging.getLogger(__name__)

RETRY_SECONDS = (1.0, 2.0, 5.0)


# Watchers whose thread outlived stop(); see ChangeWatcher.stop.
_OUTLIVING: list[ChangeWatcher] = []


class ChangeWatcher(QObject):
    """Runs the wait → poll loop of a ``ChangeFeedReader`` on its own thread.

    On PostgreSQL the thread sleeps in LISTEN until a notification arrives, and reads the
    feed every few seconds anyway in case one was lost; on SQLite it reads every 300 ms.
    A failing database is retried with backoff (logged, never fatal): the feed remembers
    where it was, so nothing is lost while it is away.

    Signals:
        changes_arrived(Changes): appeals changed by anyone (this client included), or
            ``reload_all`` after a bulk change.
        presence_changed(frozenset): appeal ids whose viewers changed.
        handed_off(dict): appeal id -> id of the user who handed it to a colleague (maybe
            this user); also in ``changes_arrived``.
    """

    changes_arrived = Signal(object)
    presence_changed = Signal(object)
    handed_off = Signal(object)
    _batch_ready = Signal(object)

    def __init__(self, reader: ChangeFeedReader, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._reader = reader
        self._stopping = threading.Event()
        self._ready = threading.Event()
        self._thread: threading.Thread | None = None
        # A window destroyed without closing (never stop()ped) destroys this object while the
        # thread runs: the destructor then waits for an emit in progress and stops the
        # thread, so nothing is ever emitted into a deleted object (that crashes the app).
        self._emit_lock = threading.Lock()
        self.destroyed.connect(self._stop_on_destroy(self._emit_lock, self._stopping))
        # Queued: emitted on the watcher thread, handled on the thread that owns this object.
        self._batch_ready.connect(self._on_batch_ready, Qt.ConnectionType.QueuedConnection)

    @staticmethod
    def _stop_on_destroy(lock: threading.Lock, stopping: threading.Event) -> Callable[..., None]:
        # A plain function, not a method: it runs while this object is being destroyed.
        def stop(*_args: object) -> None:
            with lock:
                stopping.set()
        return stop

    @property
    def running(self) -> bool:
        """True while the background thread is alive."""
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        """Start watching from the current end of the feed (once)."""
        if self._thread is not None:
            return
        self._thread = threading.Thread(target=self._run, name="change-watcher", daemon=True)
        self._thread.start()

    def wait_ready(self, timeout: float) -> bool:
        """Block until the watcher has found the end of the feed (for tests and start-up)."""
        return self._ready.wait(timeout)

    def stop(self, timeout: float = 2.0) -> bool:
        """Stop the thread and wait for it; True if it ended within ``timeout`` seconds."""
        self._stopping.set()
        thread, self._thread = self._thread, None
        if thread is None:
            self._reader.close()
            return True
        self._reader.wake()
        thread.join(timeout)
        if thread.is_alive():
            # Still inside a slow database call (a busy or unreachable server). It will emit
            # into this object when it returns, so the object must outlive its window:
            # detach it from its parent and keep it referenced for the rest of the process
            # (an emit into a deleted QObject crashes the whole app).
            log.warning("the change watcher did not stop within %.1f s", timeout)
            self.setParent(None)
            _OUTLIVING.append(self)
            return False
        return True

    def _run(self) -> None:
        failures = 0
        try:
            while not self._stopping.is_set():
                try:
                    if not self._ready.is_set():
                        self._reader.start()
                        self._ready.set()
                    self._reader.wait(self._reader.fallback_seconds)
                    if self._stopping.is_set():
                        break
                    batch = self._reader.poll()
                except Exception as exc:
                    # Keep watching whatever happened: live updates must come back by
                    # themselves once the database does. A known error (the database is
                    # away) is logged briefly; anything else is a bug and logged in full.
                    failures += 1
                    delay = RETRY_SECONDS[min(failures, len(RETRY_SECONDS)) - 1]
                    if isinstance(exc, ReviewerError):
                        log.warning("reading the change feed failed (retry in %.0f s): %s",
                                    delay, exc)
                    else:
                        log.error("reading the change feed failed (retry in %.0f s)", delay,
                                  exc_info=failures == 1)
                    self._stopping.wait(delay)
                    continue
                if failures:
                    log.info("reading the change feed works again")
                    failures = 0
                if batch:
                    with self._emit_lock:
                        if not self._stopping.is_set():
                            self._batch_ready.emit(batch)
        finally:
            self._reader.close()

    @Slot(object)
    def _on_batch_ready(self, batch: FeedBatch) -> None:
        if self._stopping.is_set():
            return  # delivered after stop(): nobody should act on it any more
        if batch.appeal_ids or batch.reload_all:
            self.changes_arrived.emit(Changes(appeal_ids=batch.appeal_ids,
                                              reload_all=batch.reload_all))
        if batch.presence_ids:
            self.presence_changed.emit(batch.presence_ids)
        if batch.handoffs:
            self.handed_off.emit(dict(batch.handoffs))
