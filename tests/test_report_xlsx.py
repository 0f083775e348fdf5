"""`reviewer-app report kpis --xlsx FILE`: the business-review workbook.

The workbook is read back with openpyxl: its cells must hold exactly what ``--json``
prints for the same period, each cut sheet must have native charts, text from the data must
never become a formula, and a failed or cancelled write must leave no file behind.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from factories import Factory
from kpi_data import FROM, TO, build_week, t
from openpyxl.worksheet.worksheet import Worksheet

from reviewer_app.cli import main
from reviewer_app.data.db import Database, create_db_engine
from reviewer_app.domain.enums import Outcome
from reviewer_app.domain.kpis import CUTS, KPI_KEYS
from reviewer_app.services import kpi_workbook
from reviewer_app.services.kpi_workbook import KPI_COLUMNS

Capsys = pytest.CaptureFixture[str]
HEADER_ROW = 4  # of a cut sheet; groups start below it
OVERALL_HEADER_ROW = 8


@pytest.fixture
def week_url(db_url: str) -> str:
    """A database (SQLite and PostgreSQL) holding tests/kpi_data.py's week."""
    db = Database(create_db_engine(db_url))
    try:
        build_week(db)
    finally:
        db.dispose()
    return db_url


def kpis_json(capsys: Capsys, url: str, *extra: str) -> Any:
    assert main(["report", "kpis", "--from", FROM, "--to", TO, "--db", url, *extra,
                 "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def write_xlsx(capsys: Capsys, url: str, path: Path, *extra: str) -> str:
    """Run ``--xlsx``; return stderr (the progress)."""
    assert main(["report", "kpis", "--from", FROM, "--to", TO, "--db", url, *extra,
                 "--xlsx", str(path)]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith(f"Wrote {path} (")
    return captured.err


def same(cells: Any, printed: Any) -> bool:
    """Equal as a spreadsheet can hold them: openpyxl writes floats with 16 significant
    digits (Excel keeps 15), so 1/6 comes back one unit off in the 17th digit."""
    if isinstance(printed, dict):
        return list(cells) == list(printed) and all(same(cells[k], printed[k])
                                                    for k in printed)
    if isinstance(printed, list):
        return len(cells) == len(printed) and all(map(same, cells, printed))
    if isinstance(printed, float):
        return cells == pytest.approx(printed, rel=1e-15, abs=0)
    return type(cells) is type(printed) and cells == printed


def overall_values(ws: Worksheet) -> dict[str, Any]:
    """The Overall sheet as ``--json``: column C names the key of each value in column B."""
    found: dict[str, Any] = {}
    assert [c.value for c in ws[OVERALL_HEADER_ROW]][:3] == ["KPI", "Value", "Key (--json)"]
    for label, value, key in ws.iter_rows(min_row=OVERALL_HEADER_ROW + 1, max_col=3,
                                          max_row=OVERALL_HEADER_ROW + len(KPI_COLUMNS),
                                          values_only=True):
        assert isinstance(key, str) and isinstance(label, str) and label
        if key.startswith("qa_accuracy_ci["):
            found.setdefault("qa_accuracy_ci", [None, None])[int(key[-2])] = value
        else:
            found[key] = value
    return found


def cut_values(ws: Worksheet) -> tuple[dict[str, dict[str, Any]], dict[str, Any]]:
    """A cut sheet as ``--json --by``: (groups, the all-groups row)."""
    header = [c.value for c in ws[HEADER_ROW]]
    assert header[1:] == [c.label for c in KPI_COLUMNS]
    rows: list[tuple[str, dict[str, Any]]] = []
    for row in ws.iter_rows(min_row=HEADER_ROW + 1, max_col=len(header), values_only=True):
        if row[0] is None:
            break
        figures: dict[str, Any] = {}
        for column, value in zip(KPI_COLUMNS, row[1:], strict=True):
            if column.part is None:
                figures[column.key] = value
            else:
                figures.setdefault(column.key, [None, None])[column.part] = value
        rows.append((str(row[0]), {k: figures[k] for k in KPI_KEYS}))
    *groups, (total_name, total) = rows
    assert total_name.startswith("All ")
    return dict(groups), total


def test_xlsx_by_market_holds_the_json_figures(week_url: str, tmp_path: Path,
                                               capsys: Capsys) -> None:
    expected = kpis_json(capsys, week_url, "--by", "market")
    path = tmp_path / "review.xlsx"
    progress = write_xlsx(capsys, week_url, path, "--by", "market")
    assert "Computing KPIs: 12/12 queries" in progress
    assert "Writing workbook: 3/3 steps" in progress  # Overall, By market, saved

    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Overall", "By market"]
    overall = book["Overall"]
    assert same(overall_values(overall), expected["overall"])
    assert overall["B2"].value == datetime(2026, 3, 2)  # the period, as real dates
    assert overall["B3"].value == datetime(2026, 3, 8)
    groups, total = cut_values(book["By market"])
    assert same(groups, expected["groups"])
    assert same(total, expected["overall"])
    # The hand-worked figures (tests/services/test_reports.py), as the cells hold them.
    assert groups["FR"]["median_ttd_hours"] == 1.5
    assert overall_values(overall)["sla_compliance_inclusive"] == pytest.approx(4 / 7)


def test_xlsx_number_formats_headers_and_charts(week_url: str, tmp_path: Path,
                                                capsys: Capsys) -> None:
    path = tmp_path / "review.xlsx"
    write_xlsx(capsys, week_url, path, "--by", "queue")
    ws = openpyxl.load_workbook(path)["By queue"]
    header = [c.value for c in ws[HEADER_ROW]]
    fmt = {h: ws.cell(HEADER_ROW + 1, i + 1).number_format for i, h in enumerate(header)}
    assert fmt["SLA compliance (decided appeals)"] == "0.0%"
    assert fmt["QA accuracy 95% interval, low"] == "0.0%"
    assert fmt["QA accuracy 95% interval, high"] == "0.0%"
    assert fmt["Median time to decision (hours)"] == "#,##0.0"
    assert fmt["Decisions (appeals decided)"] == "#,##0"
    assert ws.freeze_panes == f"B{HEADER_ROW + 1}"
    assert ws.cell(HEADER_ROW, 1).font.b and ws.cell(HEADER_ROW, 1).fill.fgColor.rgb
    assert ws.column_dimensions["B"].width >= 10
    charts = ws._charts
    assert len(charts) == 4
    titles = ["".join(r.t for p in c.title.tx.rich.p for r in p.r) for c in charts]
    assert titles[0] == "Intake and decisions by queue"
    assert titles[1] == "SLA compliance by queue"
    assert all(c.series for c in charts)
    overall = openpyxl.load_workbook(path)["Overall"]
    formats = {r[2].value: r[1].number_format
               for r in overall.iter_rows(min_row=OVERALL_HEADER_ROW + 1,
                                          max_row=OVERALL_HEADER_ROW + len(KPI_COLUMNS))}
    assert formats["qa_accuracy_ci[0]"] == formats["qa_accuracy"] == "0.0%"
    assert formats["p90_ttd_hours"] == "#,##0.0"
    assert formats["intake"] == "#,##0"


def test_xlsx_without_by_has_every_cut(week_url: str, tmp_path: Path,
                                       capsys: Capsys) -> None:
    path = tmp_path / "review.xlsx"
    progress = write_xlsx(capsys, week_url, path)
    assert "Computing KPIs: 34/34 queries" in progress  # 6 overall + 5·6 + reviewer 4 - 6
    assert "Writing workbook: 7/7 steps" in progress
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Overall", *(f"By {cut}" for cut in CUTS)]
    assert same(overall_values(book["Overall"]), kpis_json(capsys, week_url))
    for cut in CUTS:
        expected = kpis_json(capsys, week_url, "--by", cut)
        groups, total = cut_values(book[f"By {cut}"])
        assert same(groups, expected["groups"]), cut
        assert same(total, expected["overall"]), cut
        assert len(book[f"By {cut}"]._charts) == 4, cut
    assert list(cut_values(book["By reviewer"])[0]) == ["ana", "ben"]


def test_xlsx_of_an_empty_period(sqlite_url: str, tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    assert main(["report", "kpis", "--from", "2026-01-01", "--to", "2026-01-01",
                 "--db", sqlite_url, "--xlsx", str(path)]) == 0
    book = openpyxl.load_workbook(path)
    values = overall_values(book["Overall"])
    assert values["intake"] == 0 and values["sla_compliance"] is None
    assert values["qa_accuracy_ci"] == [None, None]
    assert book["By market"]._charts == []  # no group, nothing to chart


HOSTILE_QUEUE = '=HYPERLINK("http://evil.example","pay")'
HOSTILE_LOGIN = "@SUM(1+1)"


def test_text_from_the_data_never_becomes_a_formula(sqlite_url: str, tmp_path: Path) -> None:
    db = Database(create_db_engine(sqlite_url))
    try:
        f = Factory(db, now=t(3, 1))
        evil = f.user(HOSTILE_LOGIN)
        minus = f.user("-1+2")
        for queue, user in ((HOSTILE_QUEUE, evil), ("+tab", minus), ("\tq", evil)):
            appeal = f.appeal(queue_code=queue, received_at=t(3, 2), sla_due_at=t(3, 4))
            f.decision(appeal, user, Outcome.UPHOLD, decided_at=t(3, 3), handle_seconds=5)
    finally:
        db.dispose()
    path = tmp_path / "hostile.xlsx"
    assert main(["report", "kpis", "--from", FROM, "--to", TO, "--db", sqlite_url,
                 "--xlsx", str(path)]) == 0
    book = openpyxl.load_workbook(path)

    def names(ws: Worksheet) -> list[Any]:
        column = next(ws.iter_cols(min_row=HEADER_ROW + 1, max_col=1))
        return list(column[:[c.value for c in column].index(None)])

    queues, reviewers = names(book["By queue"]), names(book["By reviewer"])
    assert [c.value for c in queues] == ["'\tq", "'+tab", "'" + HOSTILE_QUEUE, "All queues"]
    assert [c.value for c in reviewers] == ["'-1+2", "'" + HOSTILE_LOGIN, "All reviewers"]
    for cell in [*queues, *reviewers]:
        assert cell.data_type == "s"  # a string, never "f" (formula)
    for ws in book.worksheets:
        for row in ws.iter_rows():
            assert all(c.data_type != "f" for c in row), ws.title


def test_xlsx_and_json_are_mutually_exclusive(sqlite_url: str, tmp_path: Path,
                                              capsys: Capsys) -> None:
    path = tmp_path / "r.xlsx"
    assert main(["report", "kpis", "--from", FROM, "--to", TO, "--db", sqlite_url, "--json",
                 "--xlsx", str(path)]) == 2  # argparse's usage error
    assert "not allowed with argument" in capsys.readouterr().err
    assert not path.exists()


def error_line(capsys: Capsys, argv: list[str]) -> str:
    assert main(argv) == 2
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert lines[-1].startswith("reviewer-app: error: cannot write "), captured.err
    return lines[-1]


def test_unwritable_path_is_an_error_and_leaves_nothing(week_url: str, tmp_path: Path,
                                                        capsys: Capsys) -> None:
    missing = tmp_path / "no-such-folder" / "r.xlsx"
    argv = ["report", "kpis", "--from", FROM, "--to", TO, "--db", week_url, "--xlsx"]
    assert "does not exist" in error_line(capsys, [*argv, str(missing)])
    assert not missing.parent.exists()
    folder = tmp_path / "a-folder.xlsx"
    folder.mkdir()
    assert "it is a folder" in error_line(capsys, [*argv, str(folder)])
    assert list(folder.iterdir()) == []
    assert [p.name for p in tmp_path.rglob("*") if ".xlsx" in p.name] == ["a-folder.xlsx"]


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def test_a_failed_save_leaves_no_file(sqlite_url: str, out_dir: Path, capsys: Capsys,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    def disk_full(self: openpyxl.Workbook, filename: str) -> None:
        Path(filename).write_bytes(b"PK\x03\x04 half a zip")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(openpyxl.Workbook, "save", disk_full)
    target = out_dir / "r.xlsx"
    line = error_line(capsys, ["report", "kpis", "--from", FROM, "--to", TO,
                               "--db", sqlite_url, "--xlsx", str(target)])
    assert "No space left on device" in line
    assert files_in(out_dir) == []  # neither the file nor its temporary


@pytest.mark.parametrize("stop_at", [1, 4, 7])  # a sheet, a later sheet, after saving
def test_ctrl_c_while_writing_leaves_no_file(sqlite_url: str, out_dir: Path, capsys: Capsys,
                                             monkeypatch: pytest.MonkeyPatch,
                                             stop_at: int) -> None:
    real = kpi_workbook.write_kpi_workbook

    def interrupted_at(path: Path, book: Any, progress: Any = None, **kw: Any) -> Path:
        def stop(done: int, total: int) -> None:
            progress(done, total)
            if done == stop_at:
                raise KeyboardInterrupt

        return real(path, book, stop, **kw)

    monkeypatch.setattr(kpi_workbook, "write_kpi_workbook", interrupted_at)
    target = out_dir / "r.xlsx"
    target.write_bytes(b"last week's workbook")
    assert main(["report", "kpis", "--from", FROM, "--to", TO, "--db", sqlite_url,
                 "--xlsx", str(target)]) == 130
    captured = capsys.readouterr()
    assert "reviewer-app: report cancelled" in captured.err
    assert f"Writing workbook: {stop_at}/7 steps" in captured.err
    assert files_in(out_dir) == ["r.xlsx"]  # no temporary left over
    assert target.read_bytes() == b"last week's workbook"  # replaced only when complete


def test_the_written_file_is_readable_by_others(sqlite_url: str, out_dir: Path) -> None:
    target = out_dir / "r.xlsx"
    assert main(["report", "kpis", "--from", FROM, "--to", TO, "--db", sqlite_url,
                 "--by", "market", "--xlsx", str(target)]) == 0
    assert target.stat().st_mode & 0o044  # like any new file, not a private temporary
