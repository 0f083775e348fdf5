"""Opens the dashboard windows from the main window and keeps them current.

Kept out of ``main_window`` so that window stays about composing the review docks.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QWidget

from reviewer_app.domain.enums import Role
from reviewer_app.domain.models import User
from reviewer_app.ui.dashboards.personal_dashboard import PersonalDashboard
from reviewer_app.ui.dashboards.team_window import TeamDashboardWindow
from reviewer_app.workers.ops import Services
from reviewer_app.workers.runner import Runner

TEAM_ROLES = frozenset({Role.LEAD, Role.QA, Role.ADMIN})


class DashboardWindows(QObject):
    """The personal dashboard (everyone) and the team dashboard (leads, QA, admins).

    Signals:
        cases_requested: a ``QueueFilter`` to show in the queue (from the team dashboard).
    """

    cases_requested = Signal(object)

    def __init__(self, runner: Runner, services: Services, user: User,
                 parent: QWidget) -> None:
        super().__init__(parent)
        self._runner, self._services, self._user, self._parent = runner, services, user, parent
        self.personal: PersonalDashboard | None = None
        self.team: TeamDashboardWindow | None = None

    @property
    def has_personal(self) -> bool:
        return self._services.dashboards is not None

    @property
    def has_team(self) -> bool:
        return self._user.role in TEAM_ROLES

    def show_personal(self) -> None:
        """Open (or raise) my personal dashboard; it follows my decisions while open."""
        if self._services.dashboards is None:
            return
        if self.personal is None:
            self.personal = PersonalDashboard(self._runner, self._services.dashboards,
                                              self._user.id, parent=self._parent)
            self.personal.setWindowFlag(Qt.WindowType.Window)
        _raise(self.personal)
        self.personal.reload()

    def show_team(self) -> None:
        """Open (or raise) the team dashboard; only for the roles that lead a team."""
        if not self.has_team:
            return
        if self.team is None:
            self.team = TeamDashboardWindow(self._runner, self._services, parent=self._parent)
            self.team.setWindowFlag(Qt.WindowType.Window)
            self.team.cases_requested.connect(self.cases_requested)
        _raise(self.team)
        self.team.reload()

    def on_queue_changed(self, _changes: object) -> None:
        """A decision changes the figures: redraw the open dashboards."""
        if self.personal is not None and self.personal.isVisible():
            self.personal.reload()


def _raise(window: QWidget) -> None:
    window.show()
    window.raise_()
    window.activateWindow()
