"""Garbage is collected on the GUI thread by a timer while the guard is active."""

from __future__ import annotations

import gc
import weakref

from pytestqt.qtbot import QtBot

from reviewer_app.ui.gc_guard import GuiThreadCollector


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_collects_cycles_from_the_timer_and_restores_gc(qtbot: QtBot) -> None:
    assert gc.isenabled()
    guard = GuiThreadCollector(interval_ms=10)
    try:
        assert not gc.isenabled()
        ref = weakref.ref(_Cycle())
        assert ref() is not None  # only the cyclic collector can free it
        qtbot.waitUntil(lambda: ref() is None, timeout=2000)
    finally:
        guard.stop()
    assert gc.isenabled()
