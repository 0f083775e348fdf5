"""The runner runs calls off the GUI thread and delivers results and errors on it."""

from __future__ import annotations

import threading
import time

import pytest
from pytestqt.qtbot import QtBot

from reviewer_app.domain.errors import LeaseLostError
from reviewer_app.workers.runner import Runner


@pytest.fixture
def runner(qtbot: QtBot):
    r = Runner()
    yield r
    r.shutdown()


def test_result_arrives_on_gui_thread(qtbot: QtBot, runner: Runner) -> None:
    gui = threading.get_ident()
    seen: dict[str, int] = {}

    def work(x: int) -> int:
        seen["worker"] = threading.get_ident()
        return x * 2

    def done(result: int) -> None:
        seen["result"] = result
        seen["callback"] = threading.get_ident()

    with qtbot.waitSignal(runner.idle, timeout=5000):
        runner.submit(work, 21, on_done=done)
    assert seen["result"] == 42
    assert seen["worker"] != gui
    assert seen["callback"] == gui
    assert runner.pending == 0


def test_known_error_goes_to_on_error(qtbot: QtBot, runner: Runner) -> None:
    errors: list[BaseException] = []
    done: list[object] = []

    def fail() -> None:
        raise LeaseLostError("gone")

    with qtbot.waitSignal(runner.idle, timeout=5000):
        runner.submit(fail, on_done=done.append, on_error=errors.append)
    assert done == []
    assert len(errors) == 1
    assert isinstance(errors[0], LeaseLostError)


def test_known_error_without_handler_goes_to_default_signal(qtbot: QtBot, runner: Runner) -> None:
    def fail() -> None:
        raise LeaseLostError("gone")

    with qtbot.waitSignal(runner.known_error, timeout=5000) as blocker:
        runner.submit(fail)
    assert isinstance(blocker.args[0], LeaseLostError)


def test_unknown_exception_is_a_bug_and_logged(
    qtbot: QtBot, runner: Runner, caplog: pytest.LogCaptureFixture
) -> None:
    errors: list[BaseException] = []
    finished: list[bool] = []

    def broken() -> None:
        raise ZeroDivisionError("oops")

    with qtbot.waitSignal(runner.bug_found, timeout=5000) as blocker:
        runner.submit(broken, on_error=errors.append, on_finally=lambda: finished.append(True))
    qtbot.waitUntil(lambda: runner.pending == 0)
    assert isinstance(blocker.args[0], ZeroDivisionError)
    assert errors == []  # a bug is never treated as a known error
    assert finished == [True]
    record = next(r for r in caplog.records if "Unexpected error" in r.getMessage())
    assert record.exc_info is not None
    assert record.exc_info[0] is ZeroDivisionError


def test_writes_run_in_submission_order(qtbot: QtBot, runner: Runner) -> None:
    order: list[int] = []
    lock = threading.Lock()

    def write(i: int) -> int:
        # Earlier writes sleep longer: on a parallel pool they would finish last.
        time.sleep(0.02 * (5 - i))
        with lock:
            order.append(i)
        return i

    with qtbot.waitSignal(runner.idle, timeout=5000):
        for i in range(5):
            runner.submit(write, i, write=True)
    assert order == [0, 1, 2, 3, 4]


def test_busy_changed_and_pending(qtbot: QtBot, runner: Runner) -> None:
    gate = threading.Event()
    states: list[bool] = []
    runner.busy_changed.connect(states.append)
    runner.submit(gate.wait, 5)
    assert runner.pending == 1
    with qtbot.waitSignal(runner.idle, timeout=5000):
        gate.set()
    assert states == [True, False]


def test_shutdown_still_runs_queued_writes(qtbot: QtBot) -> None:
    runner = Runner()
    gate = threading.Event()
    done: list[int] = []
    runner.submit(gate.wait, 5, write=True)
    runner.submit(done.append, 1, write=True)  # queued behind the first write
    threading.Timer(0.2, gate.set).start()  # opens only after shutdown has begun
    assert runner.shutdown(5000)
    assert done == [1]
