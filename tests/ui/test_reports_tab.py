"""The team dashboard's Reports tab: keyboard input, run with progress, cancel, save.

Runs on tests/kpi_data.py's hand-built week, whose figures tests/services/test_reports.py
works out by hand; the tab must show and save exactly what the report functions return.
"""

from __future__ import annotations

import csv
import json
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from kpi_data import FROM, TO, build_week
from PySide6.QtCore import Qt
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from reviewer_app.app import build_services
from reviewer_app.config import load_config
from reviewer_app.data.db import Database, create_db_engine
from reviewer_app.domain.errors import DatabaseUnavailableError
from reviewer_app.domain.kpis import Period
from reviewer_app.services.kpi_workbook import KPI_COLUMNS
from reviewer_app.services.reports import ReportService, kpi_report
from reviewer_app.ui.dashboards import reports_tab
from reviewer_app.ui.dashboards.reports_tab import ReportsTab
from reviewer_app.ui.dashboards.team_window import TeamDashboardWindow
from reviewer_app.workers.progress import ProgressRelay
from reviewer_app.workers.runner import Runner

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
WEEK = Period(date.fromisoformat(FROM), date.fromisoformat(TO))


@pytest.fixture
def db(sqlite_url: str) -> Iterator[Database]:
    database = Database(create_db_engine(sqlite_url))
    build_week(database)
    yield database
    database.dispose()


@pytest.fixture
def runner() -> Iterator[Runner]:
    r = Runner()
    yield r
    r.shutdown()


def make_tab(qtbot: QtBot, runner: Runner, service: Any) -> ReportsTab:
    tab = ReportsTab(runner, service)
    qtbot.addWidget(tab)
    with qtbot.waitActive(tab):
        tab.show()
        tab.activateWindow()
    return tab


@pytest.fixture
def tab(qtbot: QtBot, runner: Runner, db: Database) -> ReportsTab:
    return make_tab(qtbot, runner, ReportService(db))


def type_period(qtbot: QtBot, tab: ReportsTab, first: str, last: str) -> None:
    """Alt+F / Alt+T focus the date fields (their labels' mnemonics); type the digits."""
    qtbot.keyClick(tab, Qt.Key.Key_F, ALT)
    assert tab.from_edit.hasFocus()
    qtbot.keyClicks(tab.from_edit, first.replace("-", ""))
    qtbot.keyClick(tab, Qt.Key.Key_T, ALT)
    assert tab.to_edit.hasFocus()
    qtbot.keyClicks(tab.to_edit, last.replace("-", ""))


def choose_cut(qtbot: QtBot, tab: ReportsTab, first_letter: str) -> None:
    qtbot.keyClick(tab, Qt.Key.Key_U, ALT)
    assert tab.cut.hasFocus()
    qtbot.keyClicks(tab.cut, first_letter)


def run_and_wait(qtbot: QtBot, tab: ReportsTab, state: str = "done") -> None:
    qtbot.keyClick(tab, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: tab.state not in ("running", "saving"), timeout=10_000)
    assert tab.state == state, tab.status.text()


def column(tab: ReportsTab, key: str, part: int | None = None) -> int:
    return 1 + next(i for i, c in enumerate(KPI_COLUMNS) if (c.key, c.part) == (key, part))


def test_fill_the_dates_with_the_keyboard_and_run(qtbot: QtBot, tab: ReportsTab,
                                                  db: Database) -> None:
    type_period(qtbot, tab, FROM, TO)
    assert (tab.from_edit.date().toPython(), tab.to_edit.date().toPython()) == (
        WEEK.first_day, WEEK.last_day)
    choose_cut(qtbot, tab, "M")
    assert tab.cut.currentData() == "market"
    run_and_wait(qtbot, tab)

    expected = kpi_report(db, WEEK, "market")
    header, rows = tab.table_rows()
    assert header[0] == "Market" and header[1:] == tab.kpi_headers()
    assert [r[0] for r in rows] == ["Overall", "DE", "FR"]
    for row, kpis in zip(rows, [expected.overall, *expected.groups.values()], strict=True):
        assert row[1:] == [c.value(kpis) for c in KPI_COLUMNS]
    # The hand-worked figures (tests/services/test_reports.py), as the table shows them.
    sla = column(tab, "sla_compliance")
    assert tab.table.item(0, sla).text() == "80.0%"
    assert tab.table.item(0, column(tab, "p90_ttd_hours")).text() == "48.0"
    assert tab.table.item(2, column(tab, "median_ttd_hours")).text() == "1.5"  # FR
    assert tab.table.item(0, column(tab, "intake")).text() == "6"
    assert tab.progress.value() == 0 and tab.cancel_button.isEnabled() is False
    assert tab.save_xlsx_button.isEnabled()


def test_dsa_report_fills_markets_and_total(qtbot: QtBot, tab: ReportsTab) -> None:
    type_period(qtbot, tab, FROM, TO)
    tab.kind.setCurrentIndex(tab.kind.findData("dsa"))
    assert not tab.cut.isEnabled()  # the DSA figures are always by market
    run_and_wait(qtbot, tab)
    _header, rows = tab.table_rows()
    assert [r[0] for r in rows] == ["DE", "FR", "All markets"]
    assert rows[-1] == ["All markets", 6, 1, 2, 1, 1, 10.0, 3]


def test_to_before_from_is_a_clear_message(qtbot: QtBot, tab: ReportsTab,
                                           runner: Runner) -> None:
    type_period(qtbot, tab, TO, FROM)
    qtbot.keyClick(tab, Qt.Key.Key_Return, CTRL)
    assert tab.state == "invalid"
    assert "before the first day" in tab.status.text()
    assert runner.pending == 0 and tab.table.rowCount() == 0


class SlowRelay(ProgressRelay):
    """Each step of the work takes a while, so Cancel lands mid-run."""

    def report(self, done: int, total: int) -> None:
        time.sleep(0.15)
        super().report(done, total)


def cancel_mid_run(qtbot: QtBot, tab: ReportsTab) -> None:
    qtbot.waitUntil(lambda: tab.progress.value() >= 1, timeout=10_000)
    assert tab.state in ("running", "saving") and tab.cancel_button.isEnabled()
    qtbot.keyClick(tab, Qt.Key.Key_Escape)  # Cancel's shortcut
    qtbot.waitUntil(lambda: not tab.busy, timeout=10_000)
    assert tab.state == "cancelled", tab.status.text()
    assert "Nothing was written" in tab.status.text()


def test_cancel_a_running_report(qtbot: QtBot, tab: ReportsTab,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reports_tab, "ProgressRelay", SlowRelay)
    type_period(qtbot, tab, FROM, TO)
    qtbot.keyClick(tab, Qt.Key.Key_Return, CTRL)
    cancel_mid_run(qtbot, tab)
    assert tab.result is None and tab.table.rowCount() == 0
    assert tab.run_button.isEnabled() and not tab.save_xlsx_button.isEnabled()
    assert tab.progress.maximum() - tab.progress.value() >= 1  # not run to the end


def save_as(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[str]:
    """Answer the save dialog with ``path``; return the names it suggested."""
    suggested: list[str] = []

    def answer(_parent: object, _title: str, name: str, filters: str) -> tuple[str, str]:
        suggested.append(name)
        return str(path), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    return suggested


def test_cancel_while_saving_the_workbook_leaves_no_file(
    qtbot: QtBot, tab: ReportsTab, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    type_period(qtbot, tab, FROM, TO)
    run_and_wait(qtbot, tab)  # no cut: the workbook reads every cut, then writes
    out = tmp_path / "out"
    out.mkdir()
    save_as(monkeypatch, out / "review.xlsx")
    monkeypatch.setattr(reports_tab, "ProgressRelay", SlowRelay)
    qtbot.mouseClick(tab.save_xlsx_button, Qt.MouseButton.LeftButton)
    assert tab.state == "saving"
    cancel_mid_run(qtbot, tab)
    assert list(out.iterdir()) == []  # neither the workbook nor a temporary file
    assert tab.result is not None and tab.table.rowCount() == 1  # the figures stay


def test_save_xlsx_json_and_csv_through_the_dialogs(
    qtbot: QtBot, tab: ReportsTab, db: Database, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch
) -> None:
    type_period(qtbot, tab, FROM, TO)
    choose_cut(qtbot, tab, "R")  # Reviewer
    run_and_wait(qtbot, tab)
    expected = kpi_report(db, WEEK, "reviewer")

    suggested = save_as(monkeypatch, tmp_path / "review")  # the suffix is added
    qtbot.mouseClick(tab.save_xlsx_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.state != "saving", timeout=10_000)
    assert tab.state == "saved", tab.status.text()
    assert suggested == [f"kpis-{FROM}-{TO}.xlsx"]
    assert tab.saved_path == tmp_path / "review.xlsx"
    book = openpyxl.load_workbook(tmp_path / "review.xlsx")
    assert book.sheetnames == ["Overall", "By reviewer"]
    sheet = book["By reviewer"]
    assert [sheet.cell(r, 1).value for r in (5, 6, 7)] == ["ana", "ben", "All reviewers"]
    decisions = 1 + column(tab, "decisions")
    assert [sheet.cell(r, decisions).value for r in (5, 6)] == [
        expected.groups["ana"].decisions, expected.groups["ben"].decisions]
    assert len(sheet._charts) == 4

    save_as(monkeypatch, tmp_path / "review.json")
    qtbot.mouseClick(tab.save_json_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.state != "saving", timeout=10_000)
    assert tab.state == "saved"
    saved = json.loads((tmp_path / "review.json").read_text(encoding="utf-8"))
    assert saved == json.loads(json.dumps(expected.as_dict()))  # what --json prints

    save_as(monkeypatch, tmp_path / "table.csv")
    qtbot.mouseClick(tab.save_csv_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.state != "saving", timeout=10_000)
    with (tmp_path / "table.csv").open(encoding="utf-8-sig", newline="") as f:
        table = list(csv.reader(f))
    assert table[0] == ["Reviewer", *tab.kpi_headers()]
    assert [r[0] for r in table[1:]] == ["Overall", "ana", "ben"]
    assert table[2][decisions - 1] == str(expected.groups["ana"].decisions)
    assert table[2][column(tab, "intake")] == ""  # no reviewer for intake: empty cell


def test_unwritable_file_is_a_clear_message(qtbot: QtBot, tab: ReportsTab, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    type_period(qtbot, tab, FROM, TO)
    choose_cut(qtbot, tab, "M")
    run_and_wait(qtbot, tab)
    save_as(monkeypatch, tmp_path / "missing-folder" / "review.xlsx")
    qtbot.mouseClick(tab.save_xlsx_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.state != "saving", timeout=10_000)
    assert tab.state == "failed"
    assert "could not be saved" in tab.status.text()
    assert not (tmp_path / "missing-folder").exists()


class DownService:
    """A ReportService whose database went away."""

    def kpis(self, *_args: Any) -> None:
        raise DatabaseUnavailableError("connection refused")


def test_database_error_is_a_clear_message(qtbot: QtBot, runner: Runner) -> None:
    tab = make_tab(qtbot, runner, DownService())
    run_and_wait(qtbot, tab, state="failed")
    assert "cannot be reached" in tab.status.text()
    assert "connection refused" in tab.status.text()
    assert tab.run_button.isEnabled() and tab.result is None


def test_the_team_dashboard_has_a_reports_tab(qtbot: QtBot, runner: Runner, db: Database,
                                              sqlite_url: str) -> None:
    services = build_services(db, load_config(sqlite_url))
    window = TeamDashboardWindow(runner, services)
    qtbot.addWidget(window)
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert "Reports" in titles
    assert isinstance(window.tabs.widget(titles.index("Reports")), ReportsTab)
    assert QApplication.instance() is not None


def test_a_held_ctrl_return_starts_one_report(tab: ReportsTab) -> None:
    (run,) = [s for s in tab.findChildren(QShortcut) if s.key().toString() == "Ctrl+Return"]
    assert not run.autoRepeat()
