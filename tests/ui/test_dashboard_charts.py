"""The personal dashboard's charts: ranges change the plotted data, export writes a PNG."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from factories import Factory
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from reviewer_app.data.db import Database, create_db_engine
from reviewer_app.data.orm import DecisionRow
from reviewer_app.services.dashboard import DashboardService
from reviewer_app.ui.dashboards.personal_dashboard import PersonalDashboard
from reviewer_app.workers.runner import Runner


def test_range_change_and_png_export(qtbot: QtBot, sqlite_url: str, tmp_path: Path) -> None:
    db = Database(create_db_engine(sqlite_url))
    runner = Runner()
    try:
        now = datetime.now(UTC)
        f = Factory(db, now=now)
        ana = f.user("ana")
        for i, appeal in enumerate(f.appeals(3, status="decided")):
            with db.write() as s:  # today, 3 days ago, 20 days ago
                s.add(DecisionRow(appeal_id=appeal, user_id=ana, outcome="uphold",
                                  decided_at=now - timedelta(days=(0, 3, 20)[i], minutes=5),
                                  handle_seconds=300 * (i + 1)))
        panel = PersonalDashboard(runner, DashboardService(db), ana)
        qtbot.addWidget(panel)
        panel.show()
        panel.reload()  # 30 days by day
        qtbot.waitUntil(lambda: panel.stats is not None and panel.stats.total_decisions == 3,
                        timeout=5000)
        assert len(panel.decisions_bars.opts["x"]) == len(panel.stats.bucket_starts) >= 30
        panel.range.setCurrentIndex(1)  # 7 days: the 20-day-old decision drops out
        qtbot.waitUntil(lambda: panel.stats.total_decisions == 2, timeout=5000)
        assert float(panel.decisions_bars.opts["height"].sum()) == 2
        assert panel.team_line.value() == 7.5  # team median AHT = Ana's 450 s, in minutes
        out = tmp_path / "charts.png"
        assert panel.export_png(str(out)) and out.stat().st_size > 1000
        assert not panel.export_png(str(tmp_path / "missing" / "x.png"))
        assert "Could not write" in panel.figures.text()
    finally:
        runner.shutdown()
        db.dispose()


def test_daily_goal_is_typed_in_and_remembered(qtbot: QtBot, sqlite_url: str) -> None:
    db = Database(create_db_engine(sqlite_url))
    runner = Runner()
    try:
        now = datetime.now(UTC)
        f = Factory(db, now=now)
        ana = f.user("ana")
        for appeal in f.appeals(3, status="decided"):
            with db.write() as s:
                s.add(DecisionRow(appeal_id=appeal, user_id=ana, outcome="uphold",
                                  decided_at=now - timedelta(minutes=5), handle_seconds=60))
        panel = PersonalDashboard(runner, DashboardService(db), ana)
        qtbot.addWidget(panel)
        panel.show()
        panel.reload()
        qtbot.waitUntil(lambda: panel.stats is not None, timeout=5000)
        assert panel.today.value() == 3 and panel.today.maximum() == 40
        panel.goal.setFocus()
        panel.goal.selectAll()
        qtbot.keyClicks(panel.goal, "12")
        assert panel.goal.value() == 12
        assert panel.today.maximum() == 12 and panel.today.value() == 3
        qtbot.keyClick(panel.goal, Qt.Key.Key_Down)  # arrows step the goal too
        assert panel.today.maximum() == 11
        again = PersonalDashboard(runner, DashboardService(db), ana)
        qtbot.addWidget(again)
        again.reload()
        qtbot.waitUntil(lambda: again.stats is not None, timeout=5000)
        assert again.goal.value() == 11 and again.stats.daily_goal == 11
        assert again.today.maximum() == 11
    finally:
        runner.shutdown()
        db.dispose()
