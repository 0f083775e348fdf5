"""The team lead's dashboard window: one tab per view of the team (queues, reviewers,
forecast and staffing). Each tab is its own widget in this package; this window only
hosts them and passes on requests that need the main window."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from reviewer_app.ui.dashboards.forecast_tab import ForecastTab
from reviewer_app.ui.dashboards.queue_charts_tab import QueueChartsTab
from reviewer_app.ui.dashboards.reports_tab import ReportsTab
from reviewer_app.ui.dashboards.reviewers_tab import ReviewersTab
from reviewer_app.workers.ops import Services
from reviewer_app.workers.runner import Runner


class TeamDashboardWindow(QWidget):
    """Team figures for leads, QA and admins.

    Signals:
        cases_requested: a ``QueueFilter`` (domain.models) the main window's queue should
            show, e.g. after a click on a chart bar.
    """

    cases_requested = Signal(object)

    def __init__(self, runner: Runner, services: Services,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("teamDashboard")
        self.setWindowTitle(self.tr("Team dashboard"))
        self._runner, self._services = runner, services
        self.tabs = QTabWidget()
        self.tabs.setObjectName("teamDashboardTabs")
        self.tabs.setDocumentMode(True)
        # Tabs are added here, one line each: self.tabs.addTab(widget, title).
        if services.team_dashboard is not None:
            self.tabs.addTab(QueueChartsTab(runner, services.team_dashboard,
                                            self.cases_requested), self.tr("Queues"))
        self.tabs.addTab(ReviewersTab(runner, services), self.tr("Reviewers"))
        if (workforce := services.workforce) is not None:
            self.tabs.addTab(ForecastTab(runner, workforce), self.tr("Forecast and staffing"))
        if services.reports is not None:
            self.tabs.addTab(ReportsTab(runner, services.reports), self.tr("Reports"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.tabs)
        self.resize(1300, 860)

    def reload(self) -> None:
        """Re-read every tab that knows how (tabs load lazily otherwise)."""
        for i in range(self.tabs.count()):
            reload = getattr(self.tabs.widget(i), "reload", None)
            if callable(reload):
                reload()
