"""The indicator reloads the views after a real outage, not after the first probe at start-up."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from reviewer_app.domain.outbox import OutboxCounts
from reviewer_app.ui.connection_status import ConnectionStatus
from reviewer_app.workers.connection_monitor import ConnectionState


class _Monitor(QObject):
    """Stands in for ConnectionMonitor: the test says when the link goes and returns."""

    state_changed = Signal(object)
    back_online = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.state = ConnectionState.CONNECTING  # as at start-up

    def go(self, state: ConnectionState) -> None:
        self.state = state
        self.state_changed.emit(state)
        if state is ConnectionState.ONLINE:
            self.back_online.emit()


class _Outbox:
    """The indicator only hands these to the runner; nothing here is called."""

    replay = counts = None


class _Runner:
    """Runs nothing: the replay itself is tested with the outbox service."""

    is_closed = False

    def submit(self, *_args: object, **_kwargs: object) -> int:
        return 0


def test_reload_only_after_an_outage(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    monitor = _Monitor()
    status = ConnectionStatus(_Runner(), _Outbox(), 1, monitor, parent,  # type: ignore[arg-type]
                              conflicts_action=QAction(parent))
    status.counts = OutboxCounts()
    reloads: list[None] = []
    status.refresh_requested.connect(lambda: reloads.append(None))
    monitor.go(ConnectionState.ONLINE)  # the first successful probe after start-up
    assert reloads == []
    monitor.go(ConnectionState.RECONNECTING)
    assert status.label.text() == "Reconnecting…"
    monitor.go(ConnectionState.ONLINE)
    assert len(reloads) == 1
    monitor.back_online.emit()  # online again without an outage in between
    assert len(reloads) == 1
