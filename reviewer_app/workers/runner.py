"""Runs service calls off the GUI thread and hands results back on it."""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot

from reviewer_app.domain.errors import DatabaseUnavailableError, ReviewerError

log = logging.getLogger(__name__)

Callback = Callable[[Any], None]


@dataclass(slots=True)
class _Pending:
    """Callbacks of one submitted call, kept on the GUI thread until it finishes."""

    on_done: Callback | None
    on_error: Callback | None
    on_finally: Callable[[], None] | None
    name: str


class _Relay(QObject):
    """Lives on the GUI thread; worker threads emit into it through queued connections."""

    finished = Signal(int, object)
    failed = Signal(int, object)


class _Task(QRunnable):
    """One call of ``fn(*args, **kwargs)`` on a pool thread."""

    def __init__(
        self,
        ticket: int,
        relay: _Relay,
        fn: Callable[..., Any],
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
    ) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._ticket = ticket
        self._relay = relay
        self._fn = fn
        self._args = args
        self._kwargs = kwargs

    def run(self) -> None:
        try:
            result = self._fn(*self._args, **self._kwargs)
        except BaseException as exc:
            # Every failure travels to the GUI thread; deciding "known or bug" happens there.
            self._relay.failed.emit(self._ticket, exc)
            return
        self._relay.finished.emit(self._ticket, result)


class Runner(QObject):
    """A read pool and one ordered write lane for service calls.

    Reads may run in parallel; writes go through a single-thread pool, so they are applied
    in the order they were submitted. Results and errors arrive on the thread that owns the
    runner (the GUI thread) through queued connections.

    A known error (``ReviewerError``) goes to the call's ``on_error`` callback, or when there
    is none to ``known_error``. Anything else is a bug: it is logged with its traceback and
    emitted as ``bug_found`` for the UI to show. Nothing is swallowed.

    ``unavailable`` additionally reports every ``DatabaseUnavailableError`` (whoever handles
    it), so the connection monitor learns of a lost link from any call.
    """

    known_error = Signal(object)
    unavailable = Signal(object)
    bug_found = Signal(object)
    busy_changed = Signal(bool)
    idle = Signal()

    def __init__(self, parent: QObject | None = None, *, read_threads: int = 3) -> None:
        super().__init__(parent)
        self._reads = QThreadPool(self)
        self._reads.setMaxThreadCount(read_threads)
        self._writes = QThreadPool(self)
        self._writes.setMaxThreadCount(1)
        self._relay = _Relay(self)
        # Explicitly queued: the relay is emitted from pool threads, and callbacks must run
        # on the GUI thread even if someone moves things around later.
        self._relay.finished.connect(self._on_relay_finished, Qt.ConnectionType.QueuedConnection)
        self._relay.failed.connect(self._on_relay_failed, Qt.ConnectionType.QueuedConnection)
        self._tickets = itertools.count(1)
        self._pending: dict[int, _Pending] = {}
        self._closed = False

    @property
    def is_closed(self) -> bool:
        """True after ``shutdown``: nothing more may be submitted."""
        return self._closed

    @property
    def pending(self) -> int:
        """How many submitted calls have not yet delivered their result."""
        return len(self._pending)

    def submit(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Callback | None = None,
        on_error: Callback | None = None,
        on_finally: Callable[[], None] | None = None,
        write: bool = False,
        **kwargs: Any,
    ) -> int:
        """Run ``fn(*args, **kwargs)`` on a worker thread; return a ticket number.

        Args:
            fn: the service call; it must not touch widgets.
            on_done: called on the GUI thread with the result.
            on_error: called on the GUI thread with a known error (``ReviewerError``).
            on_finally: called on the GUI thread after either outcome, bugs included.
            write: run on the single ordered write lane instead of the read pool.
        """
        if self._closed:
            raise RuntimeError("runner is shut down")
        ticket = next(self._tickets)
        name = getattr(fn, "__qualname__", repr(fn))
        was_idle = not self._pending
        self._pending[ticket] = _Pending(on_done, on_error, on_finally, name)
        if was_idle:
            self.busy_changed.emit(True)
        pool = self._writes if write else self._reads
        pool.start(_Task(ticket, self._relay, fn, args, kwargs))
        return ticket

    def shutdown(self, timeout_ms: int = 10_000) -> bool:
        """Stop accepting work and wait; True if everything finished in time.

        Reads not yet started are dropped; queued writes still run (a user's write, such as
        releasing the open case on quit, must not be lost).
        """
        self._closed = True
        self._reads.clear()
        done = self._writes.waitForDone(timeout_ms) and self._reads.waitForDone(timeout_ms)
        self._pending.clear()
        return done

    @Slot(int, object)
    def _on_relay_finished(self, ticket: int, result: object) -> None:
        entry = self._pending.pop(ticket, None)
        if entry is None:  # shut down meanwhile
            return
        try:
            if entry.on_done is not None:
                entry.on_done(result)
        finally:
            self._after(entry)

    @Slot(int, object)
    def _on_relay_failed(self, ticket: int, exc: object) -> None:
        entry = self._pending.pop(ticket, None)
        if entry is None:
            return
        try:
            if isinstance(exc, DatabaseUnavailableError):
                self.unavailable.emit(exc)
            if isinstance(exc, ReviewerError):
                log.info("%s: %s: %s", entry.name, type(exc).__name__, exc)
                if entry.on_error is not None:
                    entry.on_error(exc)
                else:
                    self.known_error.emit(exc)
            else:
                assert isinstance(exc, BaseException)
                log.error("Unexpected error in %s", entry.name, exc_info=exc)
                self.bug_found.emit(exc)
        finally:
            self._after(entry)

    def _after(self, entry: _Pending) -> None:
        try:
            if entry.on_finally is not None:
                entry.on_finally()
        finally:
            if not self._pending:
                self.busy_changed.emit(False)
                self.idle.emit()
