"""Emitting many signals must not exhaust the reference count of True (PySide6 6.12 on 3.11)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

import reviewer_app.workers  # noqa: F401 - applies the work-around


class _Emitter(QObject):
    fired = Signal()


def test_many_emits_do_not_abort_the_interpreter() -> None:
    emitter = _Emitter()
    seen: list[int] = []
    emitter.fired.connect(lambda: seen.append(1))
    for _ in range(20_000):  # without the fix Python 3.11 aborts after a few thousand
        emitter.fired.emit()
    assert len(seen) == 20_000
