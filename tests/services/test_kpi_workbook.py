"""Export files: formula neutralisation, all-or-nothing writes, and the GUI's workbook save."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from kpi_data import FROM, TO, build_week

from reviewer_app.data.db import Database
from reviewer_app.domain.kpis import CUTS, Period
from reviewer_app.domain.spreadsheet import neutralise
from reviewer_app.services.export_files import (
    ExportError,
    write_atomically,
    write_csv,
)
from reviewer_app.services.reports import ReportService, kpi_report

WEEK = Period(date.fromisoformat(FROM), date.fromisoformat(TO))


@pytest.mark.parametrize(("text", "written"), [
    ("=1+1", "'=1+1"), ("+49 30", "'+49 30"), ("-x", "'-x"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tq", "'\tq"), ("\rq", "'\rq"), ("DE", "DE"), ("a=b", "a=b"), ("", ""),
])
def test_safe_text(text: str, written: str) -> None:
    assert neutralise(text) == written


def test_csv_neutralises_text_and_keeps_numbers(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "t.csv", ["group", "rate"],
                     [["=cmd|' /C calc'!A0", 0.5], ["-5", None], ["DE", -1]])
    with path.open(encoding="utf-8-sig", newline="") as f:
        assert list(csv.reader(f)) == [["group", "rate"], ["'=cmd|' /C calc'!A0", "0.5"],
                                       ["'-5", ""], ["DE", "-1"]]


def test_a_failing_writer_keeps_the_old_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "r.xlsx"
    target.write_text("old")

    def half(tmp: Path) -> None:
        tmp.write_text("half")
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        write_atomically(target, half)
    assert target.read_text() == "old"
    assert [p.name for p in folder.iterdir()] == ["r.xlsx"]
    with pytest.raises(ExportError, match=r"No such file"):
        write_atomically(tmp_path / "nowhere" / "r.xlsx", half)


def test_gui_workbook_without_a_cut_reads_every_cut(database: Database, tmp_path: Path) -> None:
    build_week(database)
    steps: list[tuple[int, int]] = []
    path = ReportService(database).save_kpi_workbook(
        tmp_path / "r.xlsx", WEEK, None, lambda done, total: steps.append((done, total)),
        report=kpi_report(database, WEEK))
    # 34 queries (every cut), then 7 workbook steps (6 sheets, the saved file), one total.
    assert steps == [(i, 41) for i in range(1, 42)]
    assert openpyxl.load_workbook(path).sheetnames == ["Overall", *(f"By {c}" for c in CUTS)]


def test_gui_workbook_of_a_cut_writes_the_figures_shown(database: Database,
                                                       tmp_path: Path) -> None:
    build_week(database)
    shown = kpi_report(database, WEEK, "market")
    steps: list[tuple[int, int]] = []
    path = ReportService(database).save_kpi_workbook(
        tmp_path / "r.xlsx", WEEK, "market", lambda d, n: steps.append((d, n)), report=shown)
    assert steps == [(1, 3), (2, 3), (3, 3)]  # no query: only the writing
    sheet = openpyxl.load_workbook(path)["By market"]
    assert [sheet.cell(r, 1).value for r in (5, 6, 7)] == ["DE", "FR", "All markets"]
