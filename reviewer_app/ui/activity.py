"""Feeds the handle-time meter from application events (input and window focus)."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QGuiApplication

from reviewer_app.domain.handle_time import HandleTimeMeter

_INPUT_EVENTS = frozenset({
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
})
_MOVE_THROTTLE = 1.0  # mouse moves arrive by the hundred; one per second is plenty


class ActivityMonitor(QObject):
    """An application-wide event filter that reports input and focus to a meter."""

    def __init__(
        self,
        meter: HandleTimeMeter,
        app: QGuiApplication,
        *,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(app)
        self._meter = meter
        self._monotonic = monotonic
        self._last_move = 0.0
        active = app.applicationState() == Qt.ApplicationState.ApplicationActive
        meter.set_focused(active, monotonic())
        app.applicationStateChanged.connect(self._on_app_application_state_changed)
        app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in _INPUT_EVENTS:
            now = self._monotonic()
            if kind != QEvent.Type.MouseMove or now - self._last_move >= _MOVE_THROTTLE:
                self._last_move = now
                self._meter.user_input(now)
        return False  # only watching, never consuming

    def _on_app_application_state_changed(self, state: Qt.ApplicationState) -> None:
        self._meter.set_focused(
            state == Qt.ApplicationState.ApplicationActive, self._monotonic()
        )
