"""The forecast and staffing tab: known answers typed into the calculators, charts and table
per queue, the breach day against ``project_backlog``, exports, and the error paths."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import openpyxl
import pytest
from factories import NOW, Factory, ManualClock
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox
from pytestqt.qtbot import QtBot

from reviewer_app.data.db import Database, create_db_engine
from reviewer_app.data.schema import upgrade
from reviewer_app.domain.enums import AppealStatus, Outcome
from reviewer_app.domain.errors import DatabaseUnavailableError
from reviewer_app.domain.forecast import DayIntake, project_backlog
from reviewer_app.services.workforce import WorkforceService
from reviewer_app.ui.dashboards.forecast_charts import BacklogChart, day_x
from reviewer_app.ui.dashboards.forecast_tab import ForecastTab
from reviewer_app.ui.dashboards.forecast_table import CSV_FIELDS
from reviewer_app.workers.runner import Runner

# NOW is 2026-01-10 12:00 UTC: the history ends on the 9th, the forecast starts today.
TODAY = date(2026, 1, 10)
HISTORY_START = datetime(2025, 12, 20, 9, tzinfo=UTC)  # 21 complete days to the 9th
STEADY_PER_DAY = 10
OPEN_STEADY = 4  # the last appeals received are still open
AHT_SECONDS = 2475  # 1 reviewer × 5.5 h × 3600 ÷ 2475 s = 8 decisions a day
QUIET_OPEN = 3
COLUMNS = {"queue": 0, "backlog": 1, "intake": 2, "capacity": 3, "reviewers": 4, "aht": 5,
           "sla": 6, "breach": 7}


@pytest.fixture
def db(sqlite_url: str) -> Iterator[Database]:
    """'steady': 10 appeals a day for three weeks, 4 open, one reviewer at 8 decisions a
    day; 'quiet': 3 open appeals and no decision at all."""
    database = Database(create_db_engine(sqlite_url))
    f = Factory(database)
    ana = f.user("ana")
    total = 21 * STEADY_PER_DAY
    ids = f.appeals(
        total, queue_code="steady",
        received_at=lambda i: HISTORY_START + timedelta(days=i // STEADY_PER_DAY),
        status=lambda i: AppealStatus.NEW if i >= total - OPEN_STEADY else AppealStatus.DECIDED)
    for appeal in ids[:4]:
        f.decision(appeal, ana, Outcome.UPHOLD, decided_at=NOW - timedelta(days=1),
                   handle_seconds=AHT_SECONDS)
    f.appeals(QUIET_OPEN, queue_code="quiet", received_at=NOW - timedelta(days=2))
    yield database
    database.dispose()


@pytest.fixture
def tab(qtbot: QtBot, db: Database) -> Iterator[ForecastTab]:
    runner = Runner()
    widget = ForecastTab(runner, WorkforceService(db, clock=ManualClock(NOW)))
    qtbot.addWidget(widget)
    widget.resize(1300, 860)
    widget.show()
    widget.reload()
    assert widget.busy.isVisible()  # the forecast runs in the background
    assert not widget.refresh_button.isEnabled()
    # Generous: the first forecast in a process imports statsmodels, slow on a busy machine.
    qtbot.waitUntil(lambda: not widget.busy.isVisible(), timeout=90_000)
    assert widget.refresh_button.isEnabled()
    yield widget
    runner.shutdown()


def type_into(qtbot: QtBot, box: QAbstractSpinBox, text: str) -> None:
    """Replace a spin box's value from the keyboard, as a person would."""
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(box, text)


def cell(tab: ForecastTab, code: str, column: str) -> str:
    table = tab.table.table
    row = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == code)
    return table.item(row, COLUMNS[column]).text()


def expected_steady_projection(reviewers: float = 1):
    """The projection by hand: 10 a day from today, 8 decisions a day per reviewer, SLA 2
    days (the 48-hour default)."""
    days = [DayIntake(TODAY + timedelta(days=i), STEADY_PER_DAY) for i in range(14)]
    return project_backlog(OPEN_STEADY, days, capacity_per_day=8 * reviewers, sla_days=2)


def test_known_answers_typed_into_the_calculators(qtbot: QtBot, tab: ForecastTab) -> None:
    tab.select_queue("steady")
    calc = tab.calculator
    type_into(qtbot, calc.backlog, "200")
    type_into(qtbot, calc.days_to_clear, "5")
    type_into(qtbot, calc.intake, "80")
    type_into(qtbot, calc.aht_minutes, "25")
    type_into(qtbot, calc.productive_hours, "5.5")
    type_into(qtbot, calc.shrinkage, "0")
    # (200 ÷ 5 + 80) ÷ (5.5 × 3600 ÷ 1500) = 120 ÷ 13.2 = 9.09 → 10 reviewers.
    qtbot.waitUntil(lambda: calc.what_if_cells["needed"].text() == "10", timeout=3000)
    assert calc.what_if_cells["before_shrinkage"].text() == "10"
    assert calc.what_if_cells["workload"].text() == "120.0"
    assert calc.what_if_cells["per_reviewer"].text() == "13.2"
    type_into(qtbot, calc.shrinkage, "0.3")  # 10 ÷ 0.7 = 14.3 → 15
    qtbot.waitUntil(lambda: calc.what_if_cells["needed"].text() == "15", timeout=3000)
    assert calc.what_if_cells["before_shrinkage"].text() == "10"
    # The baseline stays the queue as it stands: (4 ÷ 5 + 10) ÷ 8 = 1.35 → 2.
    assert calc.baseline_cells["needed"].text() == "2"

    erlang = tab.erlang
    type_into(qtbot, erlang.traffic, "10")
    type_into(qtbot, erlang.agents, "14")
    type_into(qtbot, erlang.target_seconds, "20")
    type_into(qtbot, erlang.aht_seconds, "180")
    qtbot.waitUntil(lambda: erlang.p_wait.text() == "0.1741", timeout=3000)
    assert erlang.service_level.text() == "0.8884"
    assert erlang.asa.text() == "7.8 s"
    # For 80% within 20 s: 13 agents reach 0.7956, 14 reach 0.8884; for 90%, 15.
    assert erlang.required.text() == "14 (service level 0.8884)"
    type_into(qtbot, erlang.target_level, "0.9")
    qtbot.waitUntil(lambda: erlang.required.text().startswith("15 "), timeout=3000)
    type_into(qtbot, erlang.agents, "9")  # fewer agents than Erlangs: overloaded
    qtbot.waitUntil(lambda: "Overloaded" in erlang.message.text(), timeout=3000)
    assert erlang.service_level.text() == "0.0000"


def test_queue_combo_changes_charts_and_table(qtbot: QtBot, tab: ForecastTab) -> None:
    # Factory's default queue "general" has no appeals at all.
    assert [tab.queue_combo.itemText(i) for i in range(tab.queue_combo.count())] == [
        "general", "quiet", "steady"]
    assert tab.queue_combo.currentText() == "general"
    assert "No appeals arrived in these days: the forecast is 0." in (
        tab.intake_chart.note.text())
    # The table lists every queue with its figures at current staffing.
    assert cell(tab, "steady", "backlog") == "4"
    assert cell(tab, "steady", "intake") == "10.0"
    assert cell(tab, "steady", "capacity") == "8.0"
    assert cell(tab, "steady", "reviewers") == "1.0"
    assert cell(tab, "steady", "aht") == "41.2"  # 2475 s
    assert cell(tab, "steady", "sla") == "48"
    assert cell(tab, "quiet", "backlog") == str(QUIET_OPEN)
    assert cell(tab, "quiet", "breach") == "unknown: no decisions, no AHT"

    tab.queue_combo.setFocus()
    qtbot.keyClick(tab.queue_combo, Qt.Key.Key_End)  # → steady
    assert tab.queue_combo.currentText() == "steady"
    assert tab.table.table.selectedItems()[0].text() == "steady"
    x, y = tab.intake_chart.forecast.getData()
    assert list(x) == [day_x(TODAY + timedelta(days=i)) for i in range(14)]
    assert y == pytest.approx([10.0] * 14)  # a constant history forecasts itself
    x, y = tab.intake_chart.history.getData()
    assert len(x) == 21 and x[0] == day_x(HISTORY_START.date())
    assert y == pytest.approx([10.0] * 21)
    held_x, actual = tab.intake_chart.held_out_actual.getData()
    _, predicted = tab.intake_chart.held_out_predicted.getData()
    assert list(held_x) == list(x[-14:])
    assert actual == pytest.approx(predicted)
    note = tab.intake_chart.note.text()
    assert "Holt-Winters with weekly seasonality, from 21 days" in note
    assert "last 14 held-out days, refitted by seasonal naive" in note
    assert "MAE 0.0 a day, MAPE 0.0%" in note

    qtbot.keyClick(tab.queue_combo, Qt.Key.Key_Up)  # → quiet
    assert tab.queue_combo.currentText() == "quiet"
    _, y = tab.intake_chart.forecast.getData()
    assert y == pytest.approx([1.5] * 14)  # the mean of 3 and 0, fewer than 7 days
    assert "Simpler than Holt-Winters because there are fewer than two full weeks" in (
        tab.intake_chart.note.text())
    assert tab.table.table.selectedItems()[0].text() == "quiet"


def test_breach_day_matches_project_backlog(qtbot: QtBot, tab: ForecastTab) -> None:
    tab.select_queue("steady")
    expected = expected_steady_projection()
    # By hand: 4 + 2 a day; 18 on the 16th is 2.25 days of work > 2 days of SLA.
    assert expected.breach_day == date(2026, 1, 16)
    x, y = tab.backlog_chart.current.getData()
    assert list(x) == [day_x(d.day) for d in expected.days]
    assert list(y) == [d.backlog for d in expected.days] == [6 + 2 * i for i in range(14)]
    assert tab.backlog_chart.breach_line.isVisible()
    assert tab.backlog_chart.breach_line.value() == day_x(date(2026, 1, 16))
    assert cell(tab, "steady", "breach") == "2026-01-16 (in 6 days)"
    assert tab.calculator.baseline_cells["breach"].text() == "2026-01-16 (in 6 days)"
    assert "SLA breach: 2026-01-16 (in 6 days)" in tab.backlog_chart.note.text()


def test_what_if_inputs_move_the_backlog_chart(qtbot: QtBot, tab: ForecastTab) -> None:
    tab.select_queue("steady")
    calc, chart = tab.calculator, tab.backlog_chart
    # Untouched, the what-if is the baseline.
    assert list(chart.what_if.getData()[1]) == list(chart.current.getData()[1])
    type_into(qtbot, calc.reviewers, "2")  # 16 decisions a day clear 10 a day and the 4
    qtbot.waitUntil(lambda: calc.what_if_cells["capacity"].text() == "16.0", timeout=3000)
    assert list(chart.what_if.getData()[1]) == [0.0] * 14
    assert not chart.what_if_breach_line.isVisible()
    assert calc.what_if_cells["breach"].text() == "not within 14 days"
    # The current-staffing curve and the table do not move with the what-if.
    assert list(chart.current.getData()[1]) == [d.backlog for d in
                                                expected_steady_projection().days]
    assert cell(tab, "steady", "breach") == "2026-01-16 (in 6 days)"

    type_into(qtbot, calc.reviewers, "1")
    type_into(qtbot, calc.intake, "20")  # twice the forecast: 4 + 12 a day, 28 on day 2
    qtbot.waitUntil(lambda: chart.what_if_breach_line.isVisible(), timeout=3000)
    assert list(chart.what_if.getData()[1]) == [4 + 12 * (i + 1) for i in range(14)]
    assert chart.what_if_breach_line.value() == day_x(date(2026, 1, 11))
    assert calc.what_if_cells["breach"].text() == "2026-01-11 (tomorrow)"
    type_into(qtbot, calc.reviewers, "0")  # nobody deciding: the 4 open are late already
    qtbot.waitUntil(lambda: calc.what_if_cells["breach"].text() == "already in breach",
                    timeout=3000)
    assert chart.what_if_breach_line.value() == day_x(TODAY)


def test_queue_without_decisions_shows_why(qtbot: QtBot, tab: ForecastTab) -> None:
    tab.select_queue("quiet")
    assert tab.backlog_chart.current.getData()[0] is None or len(
        tab.backlog_chart.current.getData()[0]) == 0
    assert not tab.backlog_chart.breach_line.isVisible()
    assert "no final decisions in the last 28 days" in tab.backlog_chart.note.text()
    assert "Enter an AHT in the what-if" in tab.backlog_chart.note.text()
    assert "no final decisions" in tab.calculator.message.text()
    assert tab.calculator.baseline_cells["needed"].text() == "—"
    # The what-if still answers with the AHT the lead types.
    type_into(qtbot, tab.calculator.aht_minutes, "30")
    type_into(qtbot, tab.calculator.reviewers, "1")
    qtbot.waitUntil(lambda: tab.calculator.what_if_cells["capacity"].text() == "11.0",
                    timeout=3000)
    assert tab.calculator.what_if_cells["needed"].text() == "1"
    assert len(tab.backlog_chart.what_if.getData()[0]) == 14


def test_exports(tab: ForecastTab, tmp_path: Path) -> None:
    tab.select_queue("steady")
    for chart in (tab.intake_chart, tab.backlog_chart):
        out = tmp_path / f"{chart.objectName()}.png"
        assert chart.export_png(str(out)) and out.stat().st_size > 1000
    assert not tab.intake_chart.export_png(str(tmp_path / "missing" / "x.png"))
    assert "Could not write" in tab.intake_chart.note.text()

    out = tmp_path / "queues.csv"
    assert tab.table.export_csv(str(out))
    rows = {r["queue"]: r for r in csv.DictReader(out.open(encoding="utf-8-sig"))}
    assert rows["steady"]["breach_day"] == "2026-01-16"
    assert rows["steady"]["breached_now"] == "FALSE"
    assert float(rows["steady"]["capacity_per_day"]) == 8
    assert float(rows["steady"]["aht_seconds"]) == AHT_SECONDS
    assert rows["quiet"]["capacity_per_day"] == "" and rows["quiet"]["breach_day"] == ""
    assert not tab.table.export_csv(str(tmp_path / "missing" / "q.csv"))
    assert "Could not write" in tab.table.note.text()

    book = tmp_path / "queues.xlsx"
    assert tab.table.export_to(str(book))
    sheet = openpyxl.load_workbook(book).active
    header, *lines = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert header == list(CSV_FIELDS)
    by_queue = {line[0]: dict(zip(header, line, strict=True)) for line in lines}
    assert by_queue["steady"]["capacity_per_day"] == 8  # a number, not text
    assert by_queue["steady"]["breach_day"] == "2026-01-16"
    assert by_queue["steady"]["breached_now"] is False
    assert by_queue["quiet"]["capacity_per_day"] is None


class _Unreachable:
    def forecast(self, *_args: object) -> None:
        raise DatabaseUnavailableError("The database server did not answer")


def test_a_failed_forecast_is_a_message(qtbot: QtBot) -> None:
    runner = Runner()
    try:
        tab = ForecastTab(runner, _Unreachable())  # type: ignore[arg-type]
        qtbot.addWidget(tab)
        tab.show()
        tab.reload()
        qtbot.waitUntil(lambda: not tab.busy.isVisible(), timeout=5000)
        assert tab.message.text() == (
            "Could not forecast: The database server did not answer")
        assert tab.queue_combo.count() == 0
        x, _ = tab.intake_chart.forecast.getData()
        assert x is None or len(x) == 0
    finally:
        runner.shutdown()


def test_a_backlog_that_stays_at_zero_is_drawn_from_zero_up(qtbot: QtBot) -> None:
    chart = BacklogChart()
    qtbot.addWidget(chart)
    chart.resize(600, 300)
    chart.show()
    days = [DayIntake(date(2026, 3, 2) + timedelta(days=n), 2.0) for n in range(5)]
    chart.show_current(project_backlog(0, days, capacity_per_day=10, sla_days=2))
    assert list(chart.current.getData()[1]) == [0.0] * 5
    qtbot.waitUntil(lambda: chart.plot.viewRange()[0][0] > day_x(date(2026, 3, 1)))  # fitted
    low, high = chart.plot.viewRange()[1]
    assert low >= 0 and high - low >= 1  # no negative backlog on the axis, no ±0.4 band


def test_a_reviewer_shared_with_another_queue_is_planned_at_their_share(
    qtbot: QtBot, tmp_path: Path,
) -> None:
    # Ana makes 3 of her 4 final decisions in 'steady': 0.75 of a reviewer there, shown and
    # planned as 0.75 in both columns (a one-decimal box would plan 0.8 behind the label).
    engine = create_db_engine(f"sqlite:///{tmp_path / 'shared.sqlite3'}")
    upgrade(engine)
    database = Database(engine)
    f = Factory(database)
    ana = f.user("ana")
    steady = f.appeals(3, queue_code="steady", status=AppealStatus.DECIDED,
                       received_at=NOW - timedelta(days=3))
    (other,) = f.appeals(1, queue_code="other", status=AppealStatus.DECIDED,
                         received_at=NOW - timedelta(days=3))
    for appeal in [*steady, other]:
        f.decision(appeal, ana, Outcome.UPHOLD, decided_at=NOW - timedelta(days=1),
                   handle_seconds=AHT_SECONDS)
    runner = Runner()
    widget = ForecastTab(runner, WorkforceService(database, clock=ManualClock(NOW)))
    qtbot.addWidget(widget)
    widget.show()
    widget.reload()
    try:
        qtbot.waitUntil(lambda: not widget.busy.isVisible(), timeout=90_000)
        widget.select_queue("steady")
        calc = widget.calculator
        assert cell(widget, "steady", "reviewers") == "0.8"
        assert calc.baseline_cells["reviewers"].text() == "0.75"
        assert calc.reviewers.value() == 0.75
        # 0.75 × 5.5 h × 3600 ÷ 2475 s = 6.0 decisions a day, in both columns.
        assert calc.baseline_cells["capacity"].text() == "6.0"
        qtbot.waitUntil(lambda: calc.what_if_cells["capacity"].text() == "6.0", timeout=3000)
    finally:
        runner.shutdown()
        database.dispose()
