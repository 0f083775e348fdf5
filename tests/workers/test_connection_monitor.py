"""Connection monitor: backoff after a failure, offline after several, back online replays."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from reviewer_app.domain.errors import DatabaseUnavailableError
from reviewer_app.workers.connection_monitor import (
    ConnectionMonitor,
    ConnectionState,
    backoff_delay,
)
from reviewer_app.workers.runner import Runner


class Link:
    """A probe whose answer the test switches; records every call."""

    def __init__(self) -> None:
        self.up = True
        self.calls = 0

    def __call__(self) -> None:
        self.calls += 1
        if not self.up:
            raise DatabaseUnavailableError("Cannot use the database: down")


@pytest.fixture
def runner() -> Iterator[Runner]:
    r = Runner()
    yield r
    r.shutdown()


def test_backoff_doubles_from_half_a_second_and_caps_at_thirty() -> None:
    assert [backoff_delay(a) for a in range(8)] == [0.5, 1, 2, 4, 8, 16, 30, 30]
    assert backoff_delay(1000) == 30


def test_failure_anywhere_starts_retries_then_offline_then_back_online(
    qtbot: QtBot, runner: Runner
) -> None:
    link = Link()
    delays: list[int] = []

    def fast(attempt: int) -> float:
        delays.append(attempt)
        return 0.01

    monitor = ConnectionMonitor(runner, link, offline_after=2, delay=fast)
    states: list[ConnectionState] = []
    monitor.state_changed.connect(states.append)
    with qtbot.waitSignal(monitor.back_online, timeout=5000):
        monitor.start()  # the first successful probe counts as coming online
    assert monitor.state is ConnectionState.ONLINE

    link.up = False

    def failing_call() -> None:
        raise DatabaseUnavailableError("Cannot use the database: cut")

    errors: list[object] = []
    runner.submit(failing_call, on_error=errors.append)  # any call, handled by its caller
    qtbot.waitUntil(lambda: monitor.state is ConnectionState.OFFLINE, timeout=5000)
    assert errors and states[:3] == [  # connecting -> online is the first change
        ConnectionState.ONLINE, ConnectionState.RECONNECTING, ConnectionState.OFFLINE]
    assert delays[:3] == [0, 1, 2]  # each retry waits longer
    with qtbot.waitSignal(monitor.back_online, timeout=5000):
        link.up = True
    assert monitor.state is ConnectionState.ONLINE
    assert states[-1] is ConnectionState.ONLINE
    monitor.stop()


def test_the_periodic_probe_notices_a_lost_link(qtbot: QtBot, runner: Runner) -> None:
    link = Link()
    monitor = ConnectionMonitor(runner, link, probe_interval_ms=20, delay=lambda _a: 0.01)
    with qtbot.waitSignal(monitor.back_online, timeout=5000):
        monitor.start()
    link.up = False
    qtbot.waitUntil(lambda: monitor.state is not ConnectionState.ONLINE, timeout=5000)
    calls = link.calls
    qtbot.waitUntil(lambda: link.calls > calls + 2, timeout=5000)  # it keeps retrying
    monitor.stop()
    runner.shutdown()
    qtbot.wait(50)
    settled = link.calls
    qtbot.wait(100)
    assert link.calls == settled  # nothing probes after stop/shutdown


def test_connecting_until_the_first_probe_answers(qtbot: QtBot, runner: Runner) -> None:
    """Not "online" on trust: the first probe decides between online and reconnecting."""
    gate = threading.Event()
    link = Link()

    def slow_probe() -> None:
        gate.wait(5)
        link()

    monitor = ConnectionMonitor(runner, slow_probe, delay=lambda _a: 60)
    assert monitor.state is ConnectionState.CONNECTING
    monitor.start()
    monitor.report_unavailable()  # a failure reported meanwhile waits for the probe
    qtbot.wait(50)
    assert monitor.state is ConnectionState.CONNECTING
    with qtbot.waitSignal(monitor.back_online, timeout=5000):
        gate.set()
    assert monitor.state is ConnectionState.ONLINE
    monitor.stop()

    down = Link()
    down.up = False
    failing = ConnectionMonitor(runner, down, delay=lambda _a: 60)
    with qtbot.waitSignal(failing.state_changed, timeout=5000) as changed:
        failing.start()
    assert changed.args == [ConnectionState.RECONNECTING]
    failing.stop()
