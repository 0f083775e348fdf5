"""Hold for help, hand off and keep working: the actions wired to their dialogs and the flow."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QWidget

from reviewer_app.domain.models import CaseDetail, HeldCase, Lease, User
from reviewer_app.ui.actions import AppActions
from reviewer_app.ui.case.panel import CasePanel
from reviewer_app.ui.dialogs.hand_off import HandOffDialog
from reviewer_app.ui.dialogs.held_cases import HeldCasesDialog
from reviewer_app.ui.dialogs.hold import ask_hold_note
from reviewer_app.ui.lease_indicator import LeaseIndicator
from reviewer_app.ui.review_flow import ReviewFlow
from reviewer_app.workers.ops import Services
from reviewer_app.workers.runner import Runner


class LeaseController(QObject):
    """Connects the lease actions; kept out of the main window so it stays a composer."""

    def __init__(
        self,
        actions: AppActions,
        flow: ReviewFlow,
        runner: Runner,
        services: Services,
        window: QWidget,
        *,
        case_panel: CasePanel,
        indicator: LeaseIndicator,
    ) -> None:
        super().__init__(window)
        self._flow = flow
        self._runner = runner
        self._services = services
        self._window = window
        self._case_panel = case_panel
        self._indicator = indicator
        self._shown: tuple[int, bool, str | None] | None = None
        flow.lease_changed.connect(self._on_flow_lease_changed)
        actions.hold.triggered.connect(self._on_hold_triggered)
        actions.hand_off.triggered.connect(self._on_hand_off_triggered)
        actions.keep_working.triggered.connect(self._on_keep_working_triggered)
        actions.held_cases.triggered.connect(self._on_held_cases_triggered)

    def _on_flow_lease_changed(self, lease: Lease | None) -> None:
        # A hold or resume is an event: reload the case so its log shows it with the note.
        shown = None if lease is None else (lease.appeal_id, lease.held, lease.note)
        previous, self._shown = self._shown, shown
        if lease is None or previous is None or previous[0] != lease.appeal_id:
            return
        if previous != shown:
            self._runner.submit(self._services.review.open_case, lease.appeal_id,
                                on_done=self._on_case_reloaded)

    def _on_case_reloaded(self, case: CaseDetail) -> None:
        opened = self._flow.current
        if opened is None or opened.case.appeal_id != case.appeal_id:
            return  # closed or moved on meanwhile
        self._case_panel.show_case(case)
        self._indicator.refresh()  # the header's lease line is the live one, not the loaded

    def _on_hold_triggered(self) -> None:
        lease = self._flow.lease
        if self._flow.current is None or lease is None:
            self._flow.message.emit(self.tr("No case is open to hold."), "info")
            return
        if lease.held:  # the same key takes the case up again
            self._flow.resume()
            return
        note = ask_hold_note(self._window)
        if note:
            self._flow.hold(note)

    def _on_hand_off_triggered(self) -> None:
        opened = self._flow.current
        if opened is None:
            self._flow.message.emit(self.tr("No case is open to hand off."), "info")
            return
        # Only colleagues the rules allow for this case are offered (read off the GUI thread).
        self._runner.submit(self._services.handoff.colleagues_for, opened.case.appeal_id,
                            self._flow.user.id, on_done=self._ask_colleague)

    def _ask_colleague(self, colleagues: tuple[User, ...]) -> None:
        if self._flow.current is None:
            return  # the case closed while the list loaded
        dialog = HandOffDialog(colleagues, self._window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        colleague_id = dialog.colleague_id()
        if colleague_id is None or not dialog.note():
            return
        name = next((u.display_name for u in colleagues if u.id == colleague_id),
                    dialog.colleague_name())
        self._flow.hand_off(colleague_id, name, dialog.note())

    def _on_held_cases_triggered(self) -> None:
        self._runner.submit(self._services.handoff.held_by, self._flow.user.id,
                            on_done=self._show_held_cases)

    def _show_held_cases(self, cases: tuple[HeldCase, ...]) -> None:
        dialog = HeldCasesDialog(cases, self._window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        appeal_id = dialog.chosen_appeal_id()
        if appeal_id is not None and (self._flow.current is None
                                      or self._flow.current.case.appeal_id != appeal_id):
            self._flow.claim(appeal_id)  # claiming a case I hold opens it with my lease

    def _on_keep_working_triggered(self) -> None:
        if self._flow.current is None:
            return
        self._flow.keep_working()
