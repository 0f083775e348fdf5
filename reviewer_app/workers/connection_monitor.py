"""Watches the database link: online, reconnecting (retrying with backoff) or offline."""

from __future__ import annotations

import logging
from collections.abc import Callable
from enum import StrEnum

from PySide6.QtCore import QObject, QTimer, Signal

from reviewer_app.domain.errors import ReviewerError
from reviewer_app.workers.runner import Runner

log = logging.getLogger(__name__)

PROBE_INTERVAL_MS = 15_000
FIRST_RETRY_S = 0.5
MAX_RETRY_S = 30.0
OFFLINE_AFTER_FAILURES = 3


class ConnectionState(StrEnum):
    """What the monitor knows about the database link."""

    CONNECTING = "connecting"  # no probe has answered yet (start-up)
    ONLINE = "online"
    RECONNECTING = "reconnecting"  # just lost; retrying quickly
    OFFLINE = "offline"  # several retries failed; still retrying, less often


def backoff_delay(attempt: int) -> float:
    """Seconds before retry number ``attempt`` (0-based): 0.5, 1, 2, 4 … capped at 30."""
    return min(FIRST_RETRY_S * 2 ** min(attempt, 16), MAX_RETRY_S)


class ConnectionMonitor(QObject):
    """Probes the database through the runner and retries with backoff after a failure.

    A ``DatabaseUnavailableError`` from any runner call (``Runner.unavailable``) or from
    the periodic probe starts the retries. Each return to online emits ``back_online``
    (also after the first successful probe at start-up), which is when the outbox replays.

    Signals:
        state_changed(ConnectionState): the state changed.
        back_online(): the database answers again (or for the first time).
    """

    state_changed = Signal(object)
    back_online = Signal()

    def __init__(
        self,
        runner: Runner,
        probe: Callable[[], None],
        *,
        probe_interval_ms: int = PROBE_INTERVAL_MS,
        offline_after: int = OFFLINE_AFTER_FAILURES,
        delay: Callable[[int], float] = backoff_delay,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._probe_fn = probe
        self._interval_ms = probe_interval_ms
        self._offline_after = offline_after
        self._delay = delay
        # Not "online" before the database has said so: a window opened on an unreachable
        # server must not claim to be online while its first probe waits for a timeout.
        self._state = ConnectionState.CONNECTING
        self._confirmed = False  # no probe has succeeded yet
        self._attempts = 0
        self._probing = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.check_now)
        runner.unavailable.connect(self._on_runner_unavailable)

    @property
    def state(self) -> ConnectionState:
        """The current state."""
        return self._state

    def start(self) -> None:
        """Probe now; from then on every ``probe_interval_ms`` while online."""
        self.check_now()

    def stop(self) -> None:
        """No more probes (the app is closing)."""
        self._timer.stop()

    def check_now(self) -> None:
        """Probe the database at once (unless a probe is already running)."""
        if self._probing:
            return
        if self._runner.is_closed:
            self._timer.stop()
            return
        self._probing = True
        self._timer.stop()
        self._runner.submit(self._probe_fn, on_done=self._on_probe_ok,
                            on_error=self._on_probe_failed, on_finally=self._on_probe_finished)

    def report_unavailable(self) -> None:
        """Someone found the database unreachable: start retrying (if not already)."""
        # While a probe runs its own result decides; while retrying, a retry is scheduled.
        if self._probing or self._state not in (ConnectionState.ONLINE,
                                                ConnectionState.CONNECTING):
            return
        self._fail()

    # -- handlers ----------------------------------------------------------------------

    def _on_runner_unavailable(self, _exc: object) -> None:
        self.report_unavailable()

    def _on_probe_ok(self, _result: object) -> None:
        was_online = self._state is ConnectionState.ONLINE and self._confirmed
        self._attempts = 0
        self._confirmed = True
        self._set_state(ConnectionState.ONLINE)
        self._timer.start(self._interval_ms)
        if not was_online:
            log.info("database online")
            self.back_online.emit()

    def _on_probe_failed(self, exc: ReviewerError) -> None:
        log.info("database probe failed (attempt %d): %s", self._attempts + 1, exc)
        self._fail()

    def _on_probe_finished(self) -> None:
        self._probing = False

    def _fail(self) -> None:
        delay = self._delay(self._attempts)
        self._attempts += 1
        offline = self._attempts > self._offline_after
        self._set_state(ConnectionState.OFFLINE if offline else ConnectionState.RECONNECTING)
        self._timer.start(max(0, round(delay * 1000)))

    def _set_state(self, state: ConnectionState) -> None:
        if state is not self._state:
            self._state = state
            self.state_changed.emit(state)
