"""The activity monitor feeds key presses and app focus to the handle-time meter."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from reviewer_app.domain.handle_time import HandleTimeMeter
from reviewer_app.ui.activity import ActivityMonitor


class FakeMonotonic:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_key_presses_keep_the_meter_active(qtbot: QtBot, qapp: QApplication) -> None:
    clock = FakeMonotonic()
    meter = HandleTimeMeter(60)
    monitor = ActivityMonitor(meter, qapp, monotonic=clock)
    try:
        meter.set_focused(True, clock.now)  # offscreen focus state is not under test here
        meter.start_case(clock.now)
        edit = QLineEdit()
        qtbot.addWidget(edit)
        clock.now += 50
        qtbot.keyClick(edit, Qt.Key.Key_A)
        clock.now += 50  # 100 s after opening, 50 s after the key: still active
        assert meter.is_active(clock.now)
        assert meter.active_seconds(clock.now) == 100
        clock.now += 200  # no input for 250 s: only up to the idle limit counts
        assert not meter.is_active(clock.now)
        assert meter.active_seconds(clock.now) == 50 + 60
    finally:
        qapp.removeEventFilter(monitor)
        monitor.deleteLater()
