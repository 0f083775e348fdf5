"""The team dashboard opens with Ctrl+Shift+L for leads, QA and admins, never for reviewers."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime

import pytest
from factories import Factory
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from reviewer_app.data.db import Database, create_db_engine
from reviewer_app.domain.enums import Role
from reviewer_app.ui.dashboards.forecast_tab import ForecastTab
from reviewer_app.ui.main_window import MainWindow

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def db(sqlite_url: str) -> Iterator[Database]:
    database = Database(create_db_engine(sqlite_url))
    f = Factory(database, now=datetime.now(UTC))
    f.user("rita", role=Role.REVIEWER)
    f.user("thomas", role=Role.LEAD)
    f.appeals(3)
    yield database
    database.dispose()


def test_a_lead_opens_the_team_dashboard_with_its_shortcut(
    qtbot: QtBot, window_for: Callable[[str], MainWindow]
) -> None:
    window = window_for("thomas")
    assert window.actions.team_dashboard.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_L, CTRL_SHIFT)
    team = window.dashboards.team
    assert team is not None
    qtbot.waitUntil(team.isVisible, timeout=2000)
    assert team.windowTitle() == "Team dashboard"
    titles = [team.tabs.tabText(i) for i in range(team.tabs.count())]
    assert "Forecast and staffing" in titles
    forecast = team.tabs.widget(titles.index("Forecast and staffing"))
    assert isinstance(forecast, ForecastTab)
    # Opening the window loads the tab: the factory's queue is forecast.
    qtbot.waitUntil(lambda: forecast.queue_combo.currentText() == "general", timeout=90_000)


def test_a_reviewer_has_no_team_dashboard(
    qtbot: QtBot, window_for: Callable[[str], MainWindow]
) -> None:
    window = window_for("rita")
    assert not window.actions.team_dashboard.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_L, CTRL_SHIFT)
    assert window.dashboards.team is None
