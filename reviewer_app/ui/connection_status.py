"""The status-bar connection indicator and the outbox replay it triggers when the link returns."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QWidget

from reviewer_app.domain.errors import ReviewerError
from reviewer_app.domain.models import User
from reviewer_app.domain.outbox import OutboxCounts
from reviewer_app.services.outbox import OutboxService, ReplayReport
from reviewer_app.ui.dialogs.outbox_conflicts import OutboxConflictsDialog
from reviewer_app.workers.connection_monitor import ConnectionMonitor, ConnectionState
from reviewer_app.workers.ops import Services
from reviewer_app.workers.runner import Runner

if TYPE_CHECKING:
    from reviewer_app.ui.main_window import MainWindow

CONFLICTS_SHORTCUT = "Ctrl+Shift+U"

log = logging.getLogger(__name__)


class ConnectionStatus(QObject):
    """Shows online / reconnecting / offline with the waiting decisions, and replays them.

    On every return to online (and at start-up) the user's pending outbox entries are
    replayed on the write lane; applied ones refresh the queue, refused ones open the
    conflicts dialog.

    Signals:
        queue_changed(Changes): appeals a replay or a retry changed.
        refresh_requested(): the database is back; views should reload.
        message(str, str): (text, kind) for the banner.
    """

    queue_changed = Signal(object)
    refresh_requested = Signal()
    message = Signal(str, str)

    def __init__(self, runner: Runner, outbox: OutboxService, user_id: int,
                 monitor: ConnectionMonitor, parent: QWidget, *,
                 conflicts_action: QAction) -> None:
        super().__init__(parent)
        self._runner = runner
        self._outbox = outbox
        self._user_id = user_id
        self._parent = parent
        self.monitor = monitor
        self.counts = OutboxCounts()
        self._missed_changes = False  # set while not online; a reload follows reconnection
        self.dialog: OutboxConflictsDialog | None = None
        self.label = QLabel(parent)
        self.label.setObjectName("connectionLabel")
        self.conflicts_action = conflicts_action  # in AppActions, so F1 and the menu list it
        self.conflicts_action.triggered.connect(self.show_conflicts)
        monitor.state_changed.connect(self._on_monitor_state_changed)
        monitor.back_online.connect(self._on_monitor_back_online)
        self._show()

    def start(self) -> None:
        """First probe (which replays what a previous run left), and the first count.

        Applied outbox entries older than a week are forgotten first (housekeeping).
        """
        if not self._runner.is_closed:
            self._runner.submit(self._outbox.prune_applied, on_error=_prune_failed)
        self.recount()
        self.monitor.start()

    def saved_locally(self, _result: object = None) -> None:
        """A submit went to the outbox: recount and start reconnecting."""
        self.recount()
        self.monitor.report_unavailable()

    def recount(self) -> None:
        """Count the waiting decisions again (from the local file, off the GUI thread)."""
        if not self._runner.is_closed:
            self._runner.submit(self._outbox.counts, self._user_id, on_done=self._on_counts)

    def show_conflicts(self) -> None:
        """Open (or raise) the dialog of decisions the database refused."""
        if self.dialog is None:
            self.dialog = OutboxConflictsDialog(self._runner, self._outbox, self._user_id,
                                                self._parent)
            self.dialog.queue_changed.connect(self.queue_changed)
            self.dialog.resolved.connect(self.recount)
        self.dialog.reload()
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()

    def text(self) -> str:
        """What the indicator says for the current state and counts."""
        state = self.monitor.state
        pending, conflicts = self.counts.pending, self.counts.conflicts
        base = {
            ConnectionState.CONNECTING: self.tr("Connecting…"),
            ConnectionState.ONLINE: self.tr("● Online"),
            ConnectionState.RECONNECTING: self.tr("Reconnecting…"),
            ConnectionState.OFFLINE: self.tr("Offline"),
        }[state]
        parts = [base]
        if pending:
            parts.append(self.tr("1 decision waiting") if pending == 1 else
                         self.tr("{n} decisions waiting").format(n=pending))
        if conflicts:
            text = (self.tr("1 decision not sent ({keys})") if conflicts == 1 else
                    self.tr("{n} decisions not sent ({keys})"))
            parts.append(text.format(n=conflicts, keys=CONFLICTS_SHORTCUT))
        return " — ".join(parts)

    # -- handlers ----------------------------------------------------------------------

    def _on_counts(self, counts: OutboxCounts) -> None:
        self.counts = counts
        self._show()

    def _on_monitor_state_changed(self, state: ConnectionState) -> None:
        if state not in (ConnectionState.ONLINE, ConnectionState.CONNECTING):
            self._missed_changes = True
        self._show()

    def _on_monitor_back_online(self) -> None:
        if self._runner.is_closed:
            return
        self._runner.submit(self._outbox.replay, self._user_id, write=True,
                            on_done=self._on_replayed, on_finally=self.recount)
        if self._missed_changes:
            # Only after a real outage: the views may have missed changes meanwhile. The
            # first probe at start-up must not reload a queue that was just loaded.
            self._missed_changes = False
            self.refresh_requested.emit()

    def _on_replayed(self, report: ReplayReport) -> None:
        if report.offline:
            self.monitor.report_unavailable()
        if report.changes.appeal_ids:
            self.queue_changed.emit(report.changes)
        if report.applied:
            n = len(report.applied)
            self.message.emit(
                self.tr("1 decision saved on this computer is now in the database.") if n == 1
                else self.tr("{n} decisions saved on this computer are now in the database.")
                .format(n=n), "info")
        if report.conflicts:
            self.message.emit(self.tr(
                "The database refused a decision saved on this computer. Press {keys} to "
                "resolve it.").format(keys=CONFLICTS_SHORTCUT), "warning")
            self.show_conflicts()

    def _show(self) -> None:
        self.label.setText(self.text())
        state = self.monitor.state
        self.label.setProperty("connection", state.value)
        self.label.setToolTip(self.tr(
            "Decisions are saved on this computer first and sent when the database answers."))
        calm = state in (ConnectionState.ONLINE, ConnectionState.CONNECTING)
        self.label.setStyleSheet("" if calm else "color: #b45309;")


def attach_connection_status(window: MainWindow, runner: Runner, services: Services,
                             user: User) -> ConnectionStatus | None:
    """Put the indicator in ``window``'s status bar and wire replay to its panels.

    Returns None when the services have no local outbox (then nothing is shown).
    """
    if services.outbox is None:
        return None
    monitor = ConnectionMonitor(runner, services.outbox.probe, parent=window)
    status = ConnectionStatus(runner, services.outbox, user.id, monitor, window,
                              conflicts_action=window.actions.unsent_decisions)
    window.statusBar().addPermanentWidget(status.label)
    window.flow.saved_locally.connect(status.saved_locally)
    status.queue_changed.connect(window.queue_panel.apply_changes)
    status.refresh_requested.connect(window.actions.refresh.trigger)
    status.message.connect(window.banner.show_message)
    return status


def _prune_failed(exc: ReviewerError) -> None:
    """Forgetting old applied entries failed (the file is locked or unreadable): harmless,
    the next start tries again; a real problem with the file shows on the next submit."""
    log.info("outbox housekeeping skipped: %s", exc)
