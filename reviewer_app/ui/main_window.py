"""The reviewer's main window: queue, case, SOP and decision docks around the review flow."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QVBoxLayout, QWidget

from reviewer_app.domain.clock import Clock, utc_now
from reviewer_app.domain.enums import Outcome, Role
from reviewer_app.domain.errors import DatabaseUnavailableError, ReviewerError
from reviewer_app.domain.handle_time import HandleTimeMeter
from reviewer_app.domain.models import DecisionDraft, QueueFilter, SopDocument, User
from reviewer_app.services.guidance import SopHit
from reviewer_app.ui import labels
from reviewer_app.ui.actions import AppActions
from reviewer_app.ui.case.panel import CasePanel
from reviewer_app.ui.connection_status import attach_connection_status
from reviewer_app.ui.dashboards.windows import DashboardWindows
from reviewer_app.ui.decision.panel import DecisionPanel
from reviewer_app.ui.dialogs.errors import describe_error, show_bug
from reviewer_app.ui.dialogs.release import ask_release_reason
from reviewer_app.ui.dialogs.shortcut_sheet import ShortcutSheetDialog
from reviewer_app.ui.guidance.panel import GuidancePanel
from reviewer_app.ui.import_controller import ImportController
from reviewer_app.ui.language_menu import LanguageMenu
from reviewer_app.ui.lease_controller import LeaseController
from reviewer_app.ui.lease_indicator import LeaseIndicator
from reviewer_app.ui.qa.qa_window import QaWindow
from reviewer_app.ui.queue.model import APPEAL_ID_ROLE
from reviewer_app.ui.queue.panel import QueuePanel
from reviewer_app.ui.review_flow import ReviewFlow
from reviewer_app.ui.widgets.banner import MessageBanner
from reviewer_app.workers.ops import OpenedCase, Services
from reviewer_app.workers.runner import Runner

SETTINGS_GEOMETRY = "window/geometry"
SETTINGS_STATE = "window/state"
SETTINGS_QUEUE_HEADER = "queue/header"
STATE_VERSION = 1
EXPIRE_INTERVAL_MS = 60_000
IMPORT_ROLES = frozenset({Role.LEAD, Role.ADMIN})  # they load the team's appeals


class MainWindow(QMainWindow):
    """Composes the panels and actions; the review loop lives in ``ReviewFlow``."""

    connect_requested = Signal()  # switching databases restarts the workstation (app.py)

    def __init__(
        self,
        runner: Runner,
        services: Services,
        user: User,
        *,
        database_label: str,
        meter: HandleTimeMeter,
        clock: Clock = utc_now,
        monotonic: Callable[[], float] = time.monotonic,
        at_risk_hours: float = 4.0,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("Reviewer Workstation"))
        self._runner = runner
        self._services = services
        self._clock = clock
        self.qa_window: QaWindow | None = None
        self.flow = ReviewFlow(runner, services, user, meter, clock=clock, monotonic=monotonic,
                               parent=self)
        self.actions = AppActions(self)
        self.dashboards = DashboardWindows(runner, services, user, self)

        self.queue_panel = QueuePanel(runner, services, clock=clock, at_risk_hours=at_risk_hours)
        self.case_panel = CasePanel(clock=clock, at_risk_hours=at_risk_hours)
        self.guidance_panel = GuidancePanel()
        self.decision_panel = DecisionPanel()
        self.banner = MessageBanner()
        central = QWidget(self)
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(4, 4, 4, 4)
        central_layout.addWidget(self.banner)
        central_layout.addWidget(self.case_panel, 1)
        self.setCentralWidget(central)
        self.queue_dock = self._dock("queueDock", self.tr("Queue"), self.queue_panel,
                                     Qt.DockWidgetArea.TopDockWidgetArea)
        self.sop_dock = self._dock("sopDock", self.tr("SOP"), self.guidance_panel,
                                   Qt.DockWidgetArea.RightDockWidgetArea)
        self.decision_dock = self._dock("decisionDock", self.tr("Decision"),
                                        self.decision_panel, Qt.DockWidgetArea.RightDockWidgetArea)
        self.setCorner(Qt.Corner.TopRightCorner, Qt.DockWidgetArea.TopDockWidgetArea)
        self.setCorner(Qt.Corner.TopLeftCorner, Qt.DockWidgetArea.TopDockWidgetArea)
        self.splitDockWidget(self.sop_dock, self.decision_dock, Qt.Orientation.Horizontal)

        self._build_menus()
        self._build_status_bar(user, database_label)
        self._connect()
        self.connection = attach_connection_status(self, runner, services, user)
        # After _connect: its slots must run after the case panels have shown the case.
        self.lease_indicator = LeaseIndicator(self.flow, self.lease_label, self.case_panel.header,
                                              self.banner, clock=clock, parent=self)
        self.lease_controller = LeaseController(
            self.actions, self.flow, runner, services, self, case_panel=self.case_panel,
            indicator=self.lease_indicator)
        self.restore_layout()

    # -- construction --------------------------------------------------------------------

    def _dock(
        self, name: str, title: str, widget: QWidget, area: Qt.DockWidgetArea
    ) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)  # saveState/restoreState find docks by object name
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        self.addDockWidget(area, dock)
        return dock

    def _build_menus(self) -> None:
        a = self.actions
        menus = (
            (self.tr("Work"), [a.claim_next, a.submit, a.release, a.open_selected, a.hold,
                               a.hand_off, a.held_cases, a.keep_working, a.unsent_decisions,
                               a.import_appeals]),
            (self.tr("Navigate"), [a.focus_queue, a.focus_case, a.focus_sop, a.focus_decision,
                                   a.queue_search, a.sop_search, a.refresh, a.jump_last]),
            (self.tr("Help"), [a.shortcuts, a.dashboard, a.team_dashboard, a.quality,
                               a.connect_database, a.quit]),
        )
        for title, actions in menus:
            menu = self.menuBar().addMenu(title)
            menu.addActions(actions)
        self.language_menu = LanguageMenu(self)
        menu.insertMenu(a.quit, self.language_menu)  # into Help, above Quit
        self.language_menu.language_chosen.connect(self._on_language_menu_language_chosen)
        self.addActions(a.all())  # shortcuts work even while the menu bar is hidden

    def _build_status_bar(self, user: User, database_label: str) -> None:
        self.user_label = QLabel(self.tr("{name} · {role}").format(
            name=user.display_name, role=labels.role(user.role)))
        self.db_label = QLabel(self.tr("Database: {where}").format(where=database_label))
        self.db_label.setTextFormat(Qt.TextFormat.PlainText)
        self.lease_label = QLabel()
        self.lease_label.setObjectName("leaseLabel")
        self.busy_label = QLabel()
        bar = self.statusBar()
        bar.addWidget(self.user_label)
        bar.addWidget(self.db_label, 1)
        bar.addPermanentWidget(self.busy_label)
        bar.addPermanentWidget(self.lease_label)

    def _connect(self) -> None:
        a, flow = self.actions, self.flow
        a.claim_next.triggered.connect(self._on_claim_next_triggered)
        a.submit.triggered.connect(self.decision_panel.request_submit)
        a.release.triggered.connect(self._on_release_triggered)
        a.open_selected.triggered.connect(self._on_open_selected_triggered)
        a.focus_queue.triggered.connect(lambda: self._focus(self.queue_dock,
                                                            self.queue_panel.table))
        a.focus_case.triggered.connect(lambda: self._focus(None, self.case_panel.tabs))
        a.focus_sop.triggered.connect(lambda: self._focus(self.sop_dock,
                                                          self.guidance_panel.browser))
        a.focus_decision.triggered.connect(self._on_focus_decision_triggered)
        a.queue_search.triggered.connect(self._on_queue_search_triggered)
        a.sop_search.triggered.connect(self._on_sop_search_triggered)
        a.refresh.triggered.connect(self._on_refresh_triggered)
        a.jump_last.triggered.connect(self.queue_panel.jump_to_last)
        a.shortcuts.triggered.connect(self.show_shortcut_sheet)
        a.connect_database.triggered.connect(self.connect_requested)
        a.quality.triggered.connect(self.show_quality_window)
        a.dashboard.triggered.connect(self.dashboards.show_personal)
        a.dashboard.setVisible(self.dashboards.has_personal)
        a.team_dashboard.triggered.connect(self.dashboards.show_team)
        a.team_dashboard.setVisible(self.dashboards.has_team)
        flow.queue_changed.connect(self.dashboards.on_queue_changed)
        self.dashboards.cases_requested.connect(self.show_cases)
        a.quality.setVisible(self._services.qa is not None)
        a.quit.triggered.connect(self.close)
        self.importer: ImportController | None = None
        if self._services.imports is not None and self.flow.user.role in IMPORT_ROLES:
            self.importer = ImportController(self._runner, self._services.imports, self.banner,
                                             self)
            a.import_appeals.triggered.connect(self.importer.choose_and_import)
            self.importer.imported.connect(self.queue_panel.refresh)
        a.import_appeals.setVisible(self.importer is not None)
        self.queue_panel.appeal_requested.connect(flow.claim)
        self.decision_panel.submit_requested.connect(self._on_decision_panel_submit_requested)
        self.decision_panel.template_requested.connect(self._on_decision_template_requested)
        self.guidance_panel.search_requested.connect(self._on_guidance_search_requested)
        self.guidance_panel.sop_requested.connect(self._on_guidance_sop_requested)
        flow.case_opened.connect(self._on_flow_case_opened)
        flow.case_closed.connect(self._on_flow_case_closed)
        flow.queue_changed.connect(self.queue_panel.apply_changes)
        flow.field_errors.connect(self.decision_panel.show_errors)
        flow.message.connect(self.banner.show_message)
        flow.busy_changed.connect(self._on_flow_busy_changed)
        self._runner.known_error.connect(self._on_runner_known_error)
        self._runner.bug_found.connect(self._on_runner_bug_found)

    def start(self) -> None:
        """Load the queue; call once the window is shown."""
        self._expire_timer = QTimer(self)
        self._expire_timer.setInterval(EXPIRE_INTERVAL_MS)
        self._expire_timer.timeout.connect(self._expire_leases)
        self._expire_timer.start()
        self._expire_leases(then=self.queue_panel.start)
        self.queue_panel.table.setFocus()
        self.lease_indicator.refresh()
        if self.connection is not None:  # replays what a previous run left in the outbox
            self.connection.start()
        self.banner.show_message(self.tr(
            "Press Ctrl+N to claim the most urgent appeal, Ctrl+Return to submit and take the "
            "next one. F1 lists every shortcut."
        ), "info")

    def show_cases(self, flt: QueueFilter) -> None:
        """List the appeals ``flt`` selects in the queue (a dashboard asked) and come forward."""
        self.queue_panel.show_filter(flt)
        self._focus(self.queue_dock, self.queue_panel.table)
        self.show()
        self.raise_()
        self.activateWindow()

    def show_quality_window(self) -> None:
        """Open (or raise) the QA workstation for the signed-in person."""
        if self._services.qa is None:
            return
        if self.qa_window is None:
            self.qa_window = QaWindow(self._runner, self._services.qa, self.flow.user,
                                      clock=self._clock, parent=self,
                                      calibration=self._services.calibration,
                                      golden=self._services.golden)
            self.qa_window.setWindowFlag(Qt.WindowType.Window)
        self.qa_window.show()
        self.qa_window.raise_()
        self.qa_window.activateWindow()
        self.qa_window.reload()

    # -- persistence ------------------------------------------------------------------

    def restore_layout(self) -> None:
        """Restore geometry, dock layout and queue column widths from the last run."""
        settings = QSettings()
        geometry = settings.value(SETTINGS_GEOMETRY)
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1560, 960)
        state = settings.value(SETTINGS_STATE)
        if state is None or not self.restoreState(state, STATE_VERSION):
            # First run: a wide queue on top, case in the middle, SOP and form at the right.
            self.resizeDocks([self.queue_dock], [280], Qt.Orientation.Vertical)
            self.resizeDocks([self.sop_dock, self.decision_dock], [430, 470],
                             Qt.Orientation.Horizontal)
        header = settings.value(SETTINGS_QUEUE_HEADER)
        if header is not None:
            self.queue_panel.restore_header_state(header)

    def save_layout(self) -> None:
        """Write geometry, dock layout and queue column widths to QSettings."""
        settings = QSettings()
        settings.setValue(SETTINGS_GEOMETRY, self.saveGeometry())
        settings.setValue(SETTINGS_STATE, self.saveState(STATE_VERSION))
        settings.setValue(SETTINGS_QUEUE_HEADER, self.queue_panel.header_state())
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        held = self.flow.lease is not None and self.flow.lease.held
        if self.flow.current is not None and not self._runner.is_closed and not held:
            # Give the case back now rather than leaving it locked until the lease expires
            # (a case held for help stays held: Ctrl+N resumes it on the next start);
            # the runner finishes queued writes before the app exits.
            self.flow.release(self.tr("Closed the workstation"))
        super().closeEvent(event)

    # -- handlers -----------------------------------------------------------------------

    def _on_language_menu_language_chosen(self, _code: str) -> None:
        self.banner.show_message(
            self.tr("The new language is used from the next start of the workstation."), "info"
        )

    def _expire_leases(self, then: Callable[[], None] | None = None) -> None:
        # Claims expire stale leases themselves; this keeps the queue's view of them honest
        # (an abandoned "in review" row goes back to "new" without anyone claiming).
        # ``then`` runs afterwards whatever happened, so a reload sees the expired leases.
        if self._runner.is_closed:  # a late timer tick while the app shuts down
            self._expire_timer.stop()
            return
        self._runner.submit(
            self._services.queue.expire_leases, write=True,
            on_done=None if then else self.queue_panel.apply_changes, on_finally=then,
        )

    def _on_refresh_triggered(self) -> None:
        self._expire_leases(then=self.queue_panel.refresh)

    def show_shortcut_sheet(self) -> None:
        """Open the F1 sheet (modal)."""
        ShortcutSheetDialog(self.actions, self).exec()

    def _on_claim_next_triggered(self) -> None:
        self.banner.clear_message()
        self.flow.claim_next()

    def _on_open_selected_triggered(self) -> None:
        index = self.queue_panel.table.currentIndex()
        if index.isValid():
            self.flow.claim(int(index.data(APPEAL_ID_ROLE)))

    def _on_release_triggered(self) -> None:
        if self.flow.current is None:
            return
        reason = ask_release_reason(self)
        if reason:
            self.flow.release(reason)

    def _on_decision_panel_submit_requested(self, draft: DecisionDraft) -> None:
        self.banner.clear_message()
        self.flow.submit(draft)

    def _on_decision_template_requested(self, outcome: Outcome, language: str) -> None:
        opened = self.flow.current
        if opened is not None and language == opened.case.language:
            self.decision_panel.set_template(opened.templates.get(outcome))
            return
        self._runner.submit(self._services.review.response_template, outcome, language,
                            on_done=self.decision_panel.set_template)

    def _on_guidance_search_requested(self, text: str) -> None:
        self._runner.submit(self._services.guidance.search, text,
                            on_done=self._on_sop_hits)

    def _on_sop_hits(self, hits: tuple[SopHit, ...]) -> None:
        self.guidance_panel.show_results(hits)

    def _on_guidance_sop_requested(self, policy_code: str) -> None:
        self._runner.submit(self._services.guidance.sop_for, policy_code,
                            on_done=self._on_sop_loaded)

    def _on_sop_loaded(self, sop: SopDocument) -> None:
        # Browsing another SOP during the same case keeps the checklist ticks.
        self.guidance_panel.show_sop(sop, new_case=False)

    def _on_flow_case_opened(self, opened: OpenedCase) -> None:
        case = opened.case
        self.case_panel.show_case(case)
        if opened.sop is not None:
            self.guidance_panel.show_sop(opened.sop, new_case=True)
        else:
            self.guidance_panel.clear()
        self.decision_panel.set_case(
            case.appeal_id, case.enforcement.policy_code, case.language, opened.reason_codes,
            opened.sop.id if opened.sop else None, appeal_ref=case.ref,
            appellant_name=case.appellant.display_name,
            policy_name=case.enforcement.policy_name,
        )
        self.decision_panel.focus_outcome()

    def _on_flow_case_closed(self) -> None:
        self.case_panel.clear()
        self.guidance_panel.clear()
        self.decision_panel.clear()

    def _on_flow_busy_changed(self, busy: bool) -> None:
        self.decision_panel.set_busy(busy and self.flow.current is not None)
        self.busy_label.setText(self.tr("Working…") if busy else "")

    def _on_focus_decision_triggered(self) -> None:
        self.decision_dock.show()
        self.decision_dock.raise_()
        self.decision_panel.focus_outcome()

    def _on_queue_search_triggered(self) -> None:
        self._focus(self.queue_dock, None)
        self.queue_panel.focus_search()

    def _on_sop_search_triggered(self) -> None:
        self._focus(self.sop_dock, None)
        self.guidance_panel.focus_search()

    def _focus(self, dock: QDockWidget | None, widget: QWidget | None) -> None:
        if dock is not None:
            dock.show()
            dock.raise_()
        if widget is not None:
            widget.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _on_runner_known_error(self, exc: ReviewerError) -> None:
        if isinstance(exc, DatabaseUnavailableError) and self.connection is not None:
            return  # background reads failing offline: the status-bar indicator says so
        self.banner.show_message(describe_error(exc), "warning")

    def _on_runner_bug_found(self, exc: BaseException) -> None:
        show_bug(self, exc)
