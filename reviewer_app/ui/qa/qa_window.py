"""The QA workstation window: tabs for auditing, sampling, evaluations and accuracy."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QMainWindow, QTabWidget, QVBoxLayout, QWidget

from reviewer_app.domain.clock import Clock, utc_now
from reviewer_app.domain.models import User
from reviewer_app.services.calibration import CalibrationService
from reviewer_app.services.golden import GoldenService
from reviewer_app.services.qa import AUDITORS, RESOLVERS, QaService
from reviewer_app.ui.qa.accuracy_panel import AccuracyPanel
from reviewer_app.ui.qa.audit_panel import AuditPanel
from reviewer_app.ui.qa.calibration_panel import CalibrationPanel
from reviewer_app.ui.qa.evaluations_panel import EvaluationsPanel
from reviewer_app.ui.qa.golden_panel import GoldenPanel
from reviewer_app.ui.qa.qa_tab import QaTab
from reviewer_app.ui.qa.sampling_panel import SamplingPanel
from reviewer_app.ui.qa.scorecard_panel import ScorecardPanel
from reviewer_app.ui.widgets.banner import MessageBanner
from reviewer_app.workers.runner import Runner


class QaWindow(QMainWindow):
    """What a person does in QA depends on their role: auditors and leads audit, sample and
    read everyone's evaluations (leads also resolve disputes); reviewers read and dispute
    their own evaluations and see their own accuracy."""

    def __init__(self, runner: Runner, qa: QaService, user: User, *, clock: Clock = utc_now,
                 calibration: CalibrationService | None = None,
                 golden: GoldenService | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("qaWindow")
        self.setWindowTitle(self.tr("Quality assurance — {name}").format(
            name=user.display_name))
        auditor = user.role in AUDITORS
        today = QDate(clock().date())
        self.banner = MessageBanner()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("qaTabs")
        self.audit: AuditPanel | None = None
        self.sampling: SamplingPanel | None = None
        if auditor:
            self.audit = AuditPanel(runner, qa, user.id)
            self.sampling = SamplingPanel(runner, qa, user.id, today)
            self.tabs.addTab(self.audit, self.tr("&Audit queue"))
            self.tabs.addTab(self.sampling, self.tr("&Sampling"))
        self.evaluations = EvaluationsPanel(
            runner, qa, user.id, mine_only=not auditor,
            can_resolve=user.role in RESOLVERS, clock=clock)
        self.tabs.addTab(self.evaluations, self.tr("&Evaluations") if auditor
                         else self.tr("My &evaluations"))
        self.accuracy = AccuracyPanel(runner, qa, user.id, today, mine_only=not auditor)
        self.tabs.addTab(self.accuracy, self.tr("Acc&uracy"))
        self.calibration: CalibrationPanel | None = None
        if calibration is not None:
            self.calibration = CalibrationPanel(runner, calibration, qa, user, auditor=auditor)
            self.tabs.addTab(self.calibration, self.tr("&Calibration"))
        self.golden: GoldenPanel | None = None
        if golden is not None and auditor:
            self.golden = GoldenPanel(runner, golden, qa, user)
            self.tabs.addTab(self.golden, self.tr("&Golden cases"))
        self.scorecard: ScorecardPanel | None = None
        if user.role in RESOLVERS:
            self.scorecard = ScorecardPanel(runner, qa, user.id)
            self.tabs.addTab(self.scorecard, self.tr("Score&card"))
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self.resize(1400, 860)

        panels = [p for p in self._tabs() if p is not None]
        for panel in panels:
            panel.message.connect(self.banner.show_message)
        if self.audit is not None and self.sampling is not None:
            self.sampling.drawn.connect(self.audit.reload)
            self.audit.published.connect(self.evaluations.reload)
        QShortcut(QKeySequence("F5"), self, self.reload,
                  context=Qt.ShortcutContext.WindowShortcut)
        QShortcut(QKeySequence("Ctrl+W"), self, self.close,
                  context=Qt.ShortcutContext.WindowShortcut)
        self.banner.show_message(
            self.tr("Ctrl+Return records your blind decision, Ctrl+Shift+P publishes, F5 "
                    "reloads, Ctrl+W closes.") if auditor else
            self.tr("Your published evaluations: tick a criterion and say why to dispute it "
                    "within 48 hours. F5 reloads."), "info")

    def reload(self) -> None:
        """Read every tab's data again."""
        for panel in self._tabs():
            if panel is not None:
                panel.reload()

    def _tabs(self) -> tuple[QaTab | None, ...]:
        return (self.audit, self.sampling, self.evaluations, self.accuracy, self.calibration,
                self.golden, self.scorecard)
