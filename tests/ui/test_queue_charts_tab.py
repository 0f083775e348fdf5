"""The team lead's queue charts: filters change the plotted data, every chart exports, and a
click on a bar lists exactly its cases in the main window's queue."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import openpyxl
import pytest
from factories import Factory, ManualClock
from kpi_data import build_week, t
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reviewer_app.app import build_main_window, build_services
from reviewer_app.config import load_config
from reviewer_app.data.db import Database, create_db_engine
from reviewer_app.domain.enums import AppealStatus, Outcome, Role
from reviewer_app.domain.models import QueueFilter
from reviewer_app.services.team_dashboard import TeamDashboardService
from reviewer_app.ui.dashboards.chart_card import ChartCard
from reviewer_app.ui.dashboards.queue_charts_tab import QueueChartsTab
from reviewer_app.workers.runner import Runner

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def db(sqlite_url: str) -> Iterator[Database]:
    database = Database(create_db_engine(sqlite_url))
    yield database
    database.dispose()


@pytest.fixture
def runner() -> Iterator[Runner]:
    r = Runner()
    yield r
    r.shutdown()


def test_filters_change_the_plotted_data_and_charts_export(
        qtbot: QtBot, db: Database, runner: Runner, tmp_path: Path) -> None:
    build_week(db)  # tests/services/test_queue_chart_figures.py works its figures out by hand
    tab = QueueChartsTab(runner, TeamDashboardService(db, clock=ManualClock(t(3, 9, 12))))
    qtbot.addWidget(tab)
    tab.show()
    tab.range.setCurrentIndex(tab.range.findData(7))  # 03-03 … 03-09; reloads
    # The first read finds every day marked (nothing rolled up yet), draws, refreshes the
    # roll-up on the write lane and reads again.
    qtbot.waitUntil(lambda: tab.charts is not None and len(tab.charts.series.days) == 7
                    and not tab.charts.stale, timeout=10_000)
    x, backlog = tab.backlog_line.getData()
    assert list(x) == list(range(7))
    assert list(backlog) == [2, 2, 1, 2, 2, 3, 3]
    assert list(tab.intake_bars.opts["height"]) == [1, 1, 1, 0, 0, 1, 1]
    assert list(tab.decided_bars.opts["height"]) == [1, 1, 2, 0, 0, 0, 1]
    low, high = tab.flow_card.plot.viewRange()[1]  # the tallest bar (2) leaves the legend room
    assert low == 0 and high == pytest.approx(2 * 1.35)
    sla_x, sla = tab.sla_line.getData()  # days without decisions are left out
    assert list(sla_x) == [0, 1, 2, 6] and list(sla) == [1.0, 0.0, 1.0, 1.0]
    _, inclusive = tab.sla_inclusive_line.getData()
    assert np.allclose(inclusive, [1 / 3, 0, 2 / 3, 0, 0, 0, 1 / 3])
    assert list(tab.aging_bars.opts["height"]) == [1, 0, 0, 0, 2]
    assert list(tab.risk_bars.opts["height"]) == [0, 2]  # at risk (4 h), breached
    assert "Open now: 3" in tab.summary.text()

    qtbot.waitUntil(lambda: tab.market.findData("FR") > 0, timeout=5000)
    tab.market.setCurrentIndex(tab.market.findData("FR"))
    qtbot.waitUntil(lambda: tab.charts.filters.market == "FR", timeout=10_000)
    assert list(tab.backlog_line.getData()[1]) == [1] * 7  # A4 waits all week
    assert list(tab.intake_bars.opts["height"]) == [1, 0, 1, 0, 0, 0, 0]  # A3, A7
    assert list(tab.aging_bars.opts["height"]) == [0, 0, 0, 0, 1]
    assert list(tab.risk_bars.opts["height"]) == [0, 1]
    assert tab.figures.rows()[1][:4] == ["fr-queue", "1", "0", "1"]

    # A point of a line: the backlog of 03-06, and 03-05's SLA point (FR kept).
    requested: list[QueueFilter] = []
    tab.cases_requested.connect(requested.append)
    for line, i in ((tab.backlog_line, 3), (tab.sla_line, 2)):
        spot = next(p for p in line.scatter.points() if p.pos().x() == i)
        line.sigPointsClicked.emit(line, [spot], None)
    backlog, decided = requested
    assert (backlog.market, backlog.open_only, backlog.received_before) == ("FR", True,
                                                                            t(3, 7))
    assert (decided.market, decided.open_only, decided.decided_in) == ("FR", False,
                                                                       (t(3, 5), t(3, 6)))

    cards = tab.findChildren(ChartCard)
    assert len(cards) == 5
    for card in cards:
        out = tmp_path / f"{card.objectName()}.png"
        assert card.export_button.focusPolicy() != Qt.FocusPolicy.NoFocus
        assert card.export_png(str(out)) and out.stat().st_size > 1000
    assert not tab.backlog_card.export_png(str(tmp_path / "missing" / "x.png"))
    assert "Could not write" in tab.status.text()
    table = tmp_path / "figures.csv"
    assert tab.figures.export_csv(str(table))
    with table.open(encoding="utf-8-sig") as f:  # with a byte-order mark, for Excel
        rows = list(csv.reader(f))
    assert rows[0] == ["queue", "backlog", "at_risk", "breached", "oldest_age_hours",
                       "oldest_appeal"]
    assert rows[1][:4] == ["*", "1", "0", "1"] and rows[2][:4] == ["fr-queue", "1", "0", "1"]
    assert float(rows[1][4]) == pytest.approx(8 * 24 + 12)  # A4, received 03-01 00:00
    book = tmp_path / "figures.xlsx"
    assert tab.figures.export_to(str(book))
    sheet = openpyxl.load_workbook(book).active
    cells = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert cells[0] == rows[0]
    assert cells[1][:4] == ["*", 1, 0, 1]  # numbers stay numbers
    assert cells[1][4] == pytest.approx(8 * 24 + 12)
    tab.status.setText("")
    assert not tab.figures.export_to(str(tmp_path / "missing" / "figures.xlsx"))
    assert "Could not write" in tab.status.text()


def test_clicking_a_bar_lists_exactly_its_cases_in_the_main_window(
        qtbot: QtBot, db: Database, runner: Runner, sqlite_url: str) -> None:
    now = datetime.now(UTC)
    today = now.replace(hour=0, minute=0, second=0, microsecond=0)
    yesterday = today - timedelta(days=1)
    f = Factory(db, now=now)
    lead = f.user("thomas", role=Role.LEAD)
    rita = f.user("rita")
    received_yesterday = [
        f.appeal(received_at=yesterday + timedelta(hours=h), status=status,
                 queue_code=queue)
        for h, status, queue in ((1, AppealStatus.NEW, "general"),
                                 (9, AppealStatus.DECIDED, "general"),
                                 (20, AppealStatus.NEW, "escalations"))]
    f.decision(received_yesterday[1], rita, Outcome.UPHOLD, decided_at=yesterday
               + timedelta(hours=11))
    f.appeals(2, received_at=today + timedelta(minutes=1))  # today: not in yesterday's bar
    f.appeal(received_at=yesterday - timedelta(days=2))

    cfg = load_config(sqlite_url)
    services = build_services(db, cfg)
    user = next(u for u in services.users.list_users() if u.id == lead)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    window = build_main_window(runner, services, user, cfg, app)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    window.start()
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=10_000)
    qtbot.keyClick(window, Qt.Key.Key_L, CTRL_SHIFT)
    team = window.dashboards.team
    assert team is not None
    tab = team.findChild(QueueChartsTab)
    assert tab is not None
    team.tabs.setCurrentWidget(tab)
    tab.range.setCurrentIndex(tab.range.findData(7))
    qtbot.waitUntil(lambda: tab.charts is not None and len(tab.charts.series.days) == 7
                    and not tab.charts.stale and runner.pending == 0, timeout=10_000)
    assert list(tab.intake_bars.opts["height"])[-2:] == [3, 2]  # yesterday, today

    # A real click on yesterday's intake bar (x = 5, drawn left of the decisions bar).
    plot = tab.flow_card.plot_widget
    qtbot.waitUntil(lambda: plot.viewRect().contains(QPointF(4.8, 1.5)), timeout=5000)
    scene_point = plot.getPlotItem().vb.mapViewToScene(QPointF(4.8, 1.5))
    with qtbot.waitSignal(team.cases_requested, timeout=5000):
        qtbot.mouseClick(plot.viewport(), Qt.MouseButton.LeftButton,
                         pos=plot.mapFromScene(scene_point))
    qtbot.waitUntil(lambda: runner.pending == 0 and not window.queue_panel.model.is_loading,
                    timeout=10_000)
    model = window.queue_panel.model
    shown = {model.row_at(i).appeal_id for i in range(model.rowCount())}
    assert shown == set(received_yesterday)  # the decided one too; nothing from other days
    bar = window.queue_panel.filter_bar
    assert bar.chart_label.isVisible() and "received" in bar.chart_label.text()
    assert bar.combo("status").currentData() == "all"
    assert "3 appeals" in window.queue_panel.counts_label.text()
    assert window.isVisible() and window.queue_dock.isVisible()

    # "Show all" drops the chart's window and keeps the boxes: the open queue again.
    qtbot.mouseClick(bar.chart_clear, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: runner.pending == 0 and not model.is_loading, timeout=10_000)
    assert not bar.chart_label.isVisible()
    assert model.queue_filter.received_from is None and not model.queue_filter.open_only
