"""Live updates in the window: changes made elsewhere refresh rows, counts, header and viewers."""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, QTimer

from reviewer_app.domain.errors import ReviewerError
from reviewer_app.domain.models import CaseDetail, Changes, User
from reviewer_app.services.presence import HEARTBEAT_SECONDS, PresenceService
from reviewer_app.ui.case.panel import CasePanel
from reviewer_app.ui.queue.panel import QueuePanel
from reviewer_app.ui.review_flow import ReviewFlow
from reviewer_app.ui.widgets.banner import MessageBanner
from reviewer_app.workers.change_watcher import ChangeWatcher
from reviewer_app.workers.ops import HandedToMe, OpenedCase, Services, handed_to_me
from reviewer_app.workers.runner import Runner

log = logging.getLogger(__name__)

# Changes arriving this close together are refreshed in one go: with a busy team every
# claim, renewal and decision notifies every client, and each refresh re-reads the counts.
COALESCE_MS = 100


class LiveSync(QObject):
    """Connects a ``ChangeWatcher`` and presence heartbeats to the panels of one window.

    Changed appeals are refreshed row by row through ``QueuePanel.apply_changes`` (a row
    that no longer matches the filter leaves the table, counts are re-read); a bulk change
    reloads the view. The open case's header and event log are re-read when it changed.
    While a case is open a heartbeat says "I am viewing it"; other viewers are listed.
    A case a colleague hands to this user is announced in the banner.

    It watches the window's close event (an event filter, so the window class needs no
    hook) to stop the watcher thread and leave the case.

    Args:
        runner: Runs the re-reads and heartbeats off the GUI thread.
        services: The use cases; ``services.presence`` None turns presence off.
        watcher: The change watcher of this window (started by ``start``).
        user: The signed-in user (left out of "Also viewing").
        flow: The review loop, whose opened and closed cases drive the heartbeat.
        queue_panel: Refreshed row by row, or reloaded after a bulk change.
        case_panel: Its header, event log and viewers label follow the open case.
        window: Parent; its close event stops everything.
        banner: Where "X handed you …" is shown; None: not announced.
        heartbeat_ms: Presence heartbeat interval.
        coalesce_ms: Changes within this interval after a refresh are refreshed together.
    """

    def __init__(
        self,
        runner: Runner,
        services: Services,
        watcher: ChangeWatcher,
        *,
        user: User,
        flow: ReviewFlow,
        queue_panel: QueuePanel,
        case_panel: CasePanel,
        window: QObject,
        banner: MessageBanner | None = None,
        heartbeat_ms: int = HEARTBEAT_SECONDS * 1000,
        coalesce_ms: int = COALESCE_MS,
    ) -> None:
        super().__init__(window)
        self._runner = runner
        self._services = services
        self.watcher = watcher
        self._user = user
        self._queue = queue_panel
        self._case = case_panel
        self._banner = banner
        self._presence: PresenceService | None = services.presence
        self._viewing: int | None = None  # the appeal shown in the case panel
        self._heartbeat = QTimer(self)
        self._heartbeat.setInterval(heartbeat_ms)
        self._heartbeat.timeout.connect(self._on_heartbeat_timeout)
        self._stopped = False
        self._pending = Changes()
        self._flush = QTimer(self)
        self._flush.setSingleShot(True)
        self._flush.setInterval(coalesce_ms)
        self._flush.timeout.connect(self._on_flush_timeout)

        watcher.changes_arrived.connect(self._on_watcher_changes_arrived)
        watcher.presence_changed.connect(self._on_watcher_presence_changed)
        watcher.handed_off.connect(self._on_watcher_handed_off)
        flow.case_opened.connect(self._on_flow_case_opened)
        flow.case_closed.connect(self._on_flow_case_closed)
        window.installEventFilter(self)

    def start(self) -> None:
        """Start watching the change feed (before the queue loads, so nothing slips by)."""
        self.watcher.start()

    def stop(self) -> None:
        """Stop the watcher thread (quickly) and tell the others this user left the case."""
        if self._stopped:
            return
        self._stopped = True
        self._heartbeat.stop()
        self._flush.stop()
        self._leave()
        self.watcher.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close:
            self.stop()
        return False

    # -- changes ------------------------------------------------------------------------

    def _on_watcher_changes_arrived(self, changes: Changes) -> None:
        pending = self._pending
        self._pending = Changes(appeal_ids=pending.appeal_ids | changes.appeal_ids,
                                reload_all=pending.reload_all or changes.reload_all)
        if not self._flush.isActive():
            # Leading edge: a lone change is shown at once; what follows within the
            # interval waits for the timer and is refreshed together.
            self._on_flush_timeout()
            self._flush.start()

    def _on_flush_timeout(self) -> None:
        changes, self._pending = self._pending, Changes()
        if self._runner.is_closed or self._stopped:
            return
        if not changes.appeal_ids and not changes.reload_all:
            return
        if changes.reload_all:
            self._queue.refresh()
        else:
            self._queue.apply_changes(changes)
        viewing = self._viewing
        if viewing is not None and (changes.reload_all or viewing in changes.appeal_ids):
            self._runner.submit(self._services.review.open_case, viewing,
                                on_done=self._on_case_reread, on_error=_background_failed)

    def _on_case_reread(self, case: CaseDetail) -> None:
        if case.appeal_id == self._viewing:
            self._case.update_live(case)

    # -- hand-offs ----------------------------------------------------------------------

    def _on_watcher_handed_off(self, handoffs: dict[int, int | None]) -> None:
        if self._banner is None or self._runner.is_closed or self._stopped:
            return
        self._runner.submit(handed_to_me, self._services, self._user.id, handoffs,
                            on_done=self._announce, on_error=_background_failed)

    def _announce(self, cases: tuple[HandedToMe, ...]) -> None:
        if not cases or self._banner is None or self._stopped:
            return
        lines = []
        for case in cases:
            who = case.from_name or self.tr("A colleague")
            if case.note:
                text = self.tr("{who} handed you {ref}: {note} — press Ctrl+N to open it")
            else:
                text = self.tr("{who} handed you {ref} — press Ctrl+N to open it")
            lines.append(text.format(who=who, ref=case.ref, note=case.note))
        self._banner.show_message("\n".join(lines), "info")

    # -- presence -----------------------------------------------------------------------

    def _on_flow_case_opened(self, opened: OpenedCase) -> None:
        appeal_id = opened.case.appeal_id
        if self._viewing != appeal_id:
            self._leave()
        self._viewing = appeal_id
        self._touch()
        self._heartbeat.start()

    def _on_flow_case_closed(self) -> None:
        self._heartbeat.stop()
        self._leave()

    def _on_heartbeat_timeout(self) -> None:
        self._touch()

    def _on_watcher_presence_changed(self, appeal_ids: frozenset[int]) -> None:
        viewing = self._viewing
        if self._presence is None or viewing not in appeal_ids or self._runner.is_closed:
            return
        self._runner.submit(self._presence.viewers, viewing, excluding=self._user.id,
                            on_done=lambda users: self._show_viewers(viewing, users),
                            on_error=_background_failed)

    def _touch(self) -> None:
        viewing = self._viewing
        if self._presence is None or viewing is None or self._runner.is_closed:
            return
        self._runner.submit(self._presence.touch, viewing, self._user.id, write=True,
                            on_done=lambda users: self._show_viewers(viewing, users),
                            on_error=_background_failed)

    def _leave(self) -> None:
        viewing, self._viewing = self._viewing, None
        self._case.viewers.clear_viewers()
        if self._presence is None or viewing is None or self._runner.is_closed:
            return
        self._runner.submit(self._presence.leave, viewing, self._user.id, write=True,
                            on_error=_background_failed)

    def _show_viewers(self, appeal_id: int, users: tuple[User, ...]) -> None:
        if appeal_id == self._viewing:  # not a late answer about a case closed meanwhile
            self._case.viewers.show_viewers(users)


def _background_failed(exc: ReviewerError) -> None:
    """A heartbeat or live re-read failed (most likely the database is away).

    Nobody asked for it, so no message: the next heartbeat or change tries again, and the
    connection indicator tells the user about an unreachable database.
    """
    log.info("live update skipped: %s: %s", type(exc).__name__, exc)
