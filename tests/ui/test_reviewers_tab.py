"""The team dashboard's reviewer tab: sorting by header click and by keyboard, the range
changing the model's data, Enter and double-click opening that person's dashboard, the
alert list, and the export of the table as shown."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from factories import Factory
from openpyxl import load_workbook
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QHeaderView
from pytestqt.qtbot import QtBot

from reviewer_app.app import build_services
from reviewer_app.config import load_config
from reviewer_app.data.db import Database, create_db_engine
from reviewer_app.data.orm import DecisionRow
from reviewer_app.domain.reviewer_stats import (
    AlertKind,
    RateAlert,
    ReviewerFigures,
    ReviewerRow,
    ReviewerTable,
)
from reviewer_app.ui.dashboards.reviewers_model import Column
from reviewer_app.ui.dashboards.reviewers_tab import ReviewersTab
from reviewer_app.ui.dashboards.team_window import TeamDashboardWindow
from reviewer_app.ui.widgets.table_export import EXPORT_ROLE
from reviewer_app.workers.ops import Services
from reviewer_app.workers.runner import Runner


@pytest.fixture
def world(sqlite_url: str) -> Iterator[tuple[Database, dict[str, int]]]:
    """Ana: 3 decisions of 5 min; Ben: 1 of 20 min; Cy: 2 of 10 min (one 20 days ago);
    Dee: none."""
    db = Database(create_db_engine(sqlite_url))
    now = datetime.now(UTC)
    f = Factory(db, now=now)
    people = {name: f.user(name) for name in ("ana", "ben", "cy", "dee")}
    plan = [("ana", 0, 300), ("ana", 1, 300), ("ana", 2, 300), ("ben", 1, 1200),
            ("cy", 1, 600), ("cy", 20, 600)]
    appeals = f.appeals(len(plan), status="decided")
    with db.write() as s:
        for appeal, (name, days_ago, handle) in zip(appeals, plan, strict=True):
            s.add(DecisionRow(appeal_id=appeal, user_id=people[name], outcome="uphold",
                              decided_at=now - timedelta(days=days_ago, minutes=5),
                              handle_seconds=handle))
    yield db, people
    db.dispose()


@pytest.fixture
def runner() -> Iterator[Runner]:
    r = Runner()
    yield r
    r.shutdown()


@pytest.fixture
def services(world: tuple[Database, dict[str, int]], sqlite_url: str) -> Services:
    return build_services(world[0], load_config(sqlite_url))


def names(tab: ReviewersTab) -> list[str]:
    model = tab.model
    return [model.index(r, Column.NAME).data() for r in range(model.rowCount())]


def loaded(qtbot: QtBot, tab: ReviewersTab, runner: Runner) -> None:
    tab.reload()
    qtbot.waitUntil(lambda: runner.pending == 0 and tab.model.table is not None,
                    timeout=10_000)


def click_header(qtbot: QtBot, tab: ReviewersTab, column: int) -> None:
    header: QHeaderView = tab.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(x, header.height() // 2))


def test_sorting_by_header_and_by_keyboard(qtbot: QtBot, runner: Runner, services: Services,
                                           qtmodeltester: object) -> None:
    tab = ReviewersTab(runner, services)
    qtbot.addWidget(tab)
    tab.show()
    loaded(qtbot, tab, runner)
    qtmodeltester.check(tab.model)  # type: ignore[attr-defined]
    assert names(tab) == ["Ana", "Ben", "Cy", "Dee"]
    tab.table.horizontalHeader().resizeSection(Column.NAME, 120)  # AHT column on screen
    click_header(qtbot, tab, Column.AHT)  # first click: longest first, no AHT last
    assert names(tab) == ["Ben", "Cy", "Ana", "Dee"]
    assert [tab.model.index(r, Column.AHT).data() for r in range(4)] == [
        "20.0", "10.0", "5.0", "—"]
    assert tab.sort_column.currentData() == Column.AHT  # the keyboard controls follow
    assert tab.sort_descending.isChecked()
    click_header(qtbot, tab, Column.AHT)
    assert names(tab) == ["Ana", "Cy", "Ben", "Dee"]  # missing values stay last
    assert not tab.sort_descending.isChecked()

    tab.sort_column.setFocus()
    for _ in range(Column.AHT - Column.DECISIONS):  # up from AHT to Decisions
        qtbot.keyClick(tab.sort_column, Qt.Key.Key_Up)
    assert tab.sort_column.currentData() == Column.DECISIONS
    assert names(tab) == ["Dee", "Ben", "Cy", "Ana"]  # 0, 1, 2, 3 decisions (30 days)
    qtbot.keyClick(tab.sort_descending, Qt.Key.Key_Space)
    assert names(tab) == ["Ana", "Cy", "Ben", "Dee"]
    header = tab.table.horizontalHeader()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
        Column.DECISIONS, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(tab.model)  # type: ignore[attr-defined]


def test_the_range_changes_the_models_data(qtbot: QtBot, runner: Runner,
                                           services: Services) -> None:
    tab = ReviewersTab(runner, services)
    qtbot.addWidget(tab)
    loaded(qtbot, tab, runner)
    assert tab.days == 30

    def decisions_of(name: str) -> object:
        row = names(tab).index(name)
        return tab.model.index(row, Column.DECISIONS).data(EXPORT_ROLE)

    assert decisions_of("Cy") == 2
    assert tab.model.index(names(tab).index("Cy"), Column.AHT).data() == "10.0"
    tab.range.setCurrentIndex(tab.range.findData(7))  # the 20-day-old decision drops out
    qtbot.waitUntil(lambda: tab.model.table is not None and tab.model.table.days == 7,
                    timeout=10_000)
    assert decisions_of("Cy") == 1
    assert decisions_of("Ana") == 3
    assert "4 people · last 7 days" in tab.status.text()


def test_enter_and_double_click_open_that_persons_dashboard(
        qtbot: QtBot, runner: Runner, services: Services,
        world: tuple[Database, dict[str, int]]) -> None:
    people = world[1]
    tab = ReviewersTab(runner, services)
    qtbot.addWidget(tab)
    tab.show()
    loaded(qtbot, tab, runner)
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Home)  # Ana
    qtbot.keyClick(tab.table, Qt.Key.Key_Down)  # Ben
    qtbot.keyClick(tab.table, Qt.Key.Key_Up)  # Ana
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    ana = tab.dashboards.get(people["ana"])
    assert ana is not None and ana.isVisible() and ana.isWindow()
    assert "Ana" in ana.windowTitle()
    qtbot.waitUntil(lambda: ana.stats is not None, timeout=10_000)
    assert ana.stats.total_decisions == 3  # Ana's figures, not the lead's
    assert ana.stats.aht_seconds == pytest.approx(300)
    assert ana.range.currentData()[0] == 30  # the tab's range

    row = names(tab).index("Ben")
    rect = tab.table.visualRect(tab.model.index(row, Column.NAME))
    # A real double click starts with a press; QTest's mouseDClick alone sends none.
    qtbot.mouseClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    ben = tab.dashboards.get(people["ben"])
    assert ben is not None and "Ben" in ben.windowTitle()
    qtbot.waitUntil(lambda: ben.stats is not None, timeout=10_000)
    assert ben.stats.total_decisions == 1 and ben.stats.aht_seconds == pytest.approx(1200)
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=10_000)
    ben.close()  # closing forgets the window; Enter again opens a fresh one
    qtbot.waitUntil(lambda: people["ben"] not in tab.dashboards, timeout=5000)


class FixedTable:
    """A service returning one hand-made table (the alert list's text and highlight)."""

    def __init__(self, table: ReviewerTable) -> None:
        self._table = table

    def table(self, days: int) -> ReviewerTable:
        return dataclasses.replace(self._table, days=days)


def figures(decisions: int) -> ReviewerFigures:
    return ReviewerFigures(decisions=decisions, per_productive_hour=None, aht_seconds=None,
                           accuracy=None, accuracy_low=None, accuracy_high=None, audited=0,
                           overturn_rate=None, escalation_rate=None)


def test_alerts_are_listed_with_their_reason_and_highlighted(
        qtbot: QtBot, runner: Runner, services: Services, tmp_path: Path) -> None:
    end = datetime(2026, 3, 9, 12, tzinfo=UTC)
    qa = RateAlert(AlertKind.QA_FAIL, 4, 10, 3, 60, recent_low=0.168, baseline_high=0.137)
    table = ReviewerTable(
        days=30, start=end - timedelta(days=30), end=end,
        recent_start=end - timedelta(days=7), baseline_start=end - timedelta(days=63),
        rows=(ReviewerRow(1, "zoe", "Zoe", figures(12), (qa,)),
              ReviewerRow(2, "=x", "=HYPERLINK(1)", figures(40))))
    tab = ReviewersTab(runner, dataclasses.replace(services,
                                                    team_reviewers=FixedTable(table)))
    qtbot.addWidget(tab)
    tab.show()
    loaded(qtbot, tab, runner)
    assert tab.alerts.isVisible() and tab.alerts.count() == 1
    text = tab.alerts.item(0).text()
    assert text == ("Zoe: QA-fail rate 40% (4 of 10 audits) in the last 7 days, against "
                    "5.0% (3 of 60) in the 8 weeks before")
    zoe = tab.model.index(tab.model.row_of(1), Column.ALERT)
    assert zoe.data() == "QA fail"
    assert zoe.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert not zoe.data(Qt.ItemDataRole.DecorationRole).isNull()
    assert tab.model.index(tab.model.row_of(2), Column.ALERT).data() == ""
    click_header(qtbot, tab, Column.ALERT)  # people with alerts first
    assert names(tab)[0] == "Zoe"
    tab.table.setFocus()
    tab.alerts.setCurrentRow(0)
    tab.alerts.itemActivated.emit(tab.alerts.item(0))  # Enter on the alert: to Zoe's row
    assert tab.current_user_id() == 1

    out = tmp_path / "reviewers.xlsx"
    tab.export_to(str(out), "xlsx")
    qtbot.waitUntil(lambda: "Saved" in tab.status.text(), timeout=10_000)
    sheet = load_workbook(out).active
    assert [c.value for c in sheet[1]][:3] == ["Alert", "Reviewer", "Decisions"]
    assert [c.value for c in sheet[2]][:3] == ["QA fail", "Zoe", 12]
    assert [c.value for c in sheet[3]][:3] == [None, "'=HYPERLINK(1)", 40]
    tab.export_to(str(tmp_path / "missing" / "r.csv"), "csv")
    qtbot.waitUntil(lambda: "Could not write" in tab.status.text(), timeout=10_000)


def test_the_team_window_has_the_reviewers_tab(qtbot: QtBot, runner: Runner,
                                               services: Services) -> None:
    window = TeamDashboardWindow(runner, services)
    qtbot.addWidget(window)
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert "Reviewers" in titles
    tab = window.tabs.widget(titles.index("Reviewers"))
    assert isinstance(tab, ReviewersTab)
    # Only this tab: the window's reload also forecasts and builds the queue roll-up, whose
    # time under a loaded machine is not what this test is about.
    tab.reload()
    qtbot.waitUntil(lambda: tab.model.table is not None, timeout=20_000)
    assert names(tab) == ["Ana", "Ben", "Cy", "Dee"]
