"""Any table model to CSV and XLSX: read back, formulas neutralised, numbers kept numbers,
and a clear error for a file that cannot be written."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel

from reviewer_app.domain.spreadsheet import neutralise
from reviewer_app.ui.widgets.table_export import (
    EXPORT_ROLE,
    NUMBER_FORMAT_ROLE,
    TableExportError,
    export_csv,
    export_xlsx,
    snapshot,
)

HOSTILE = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+SUM(A1:A9)", "-2+3", "@cmd",
           "\tTabbed", "\rReturn", "\uff1d1+1"]


def item(text: str, value: object = None, fmt: str | None = None) -> QStandardItem:
    cell = QStandardItem(text)
    if value is not None:
        cell.setData(value, EXPORT_ROLE)
    if fmt is not None:
        cell.setData(fmt, NUMBER_FORMAT_ROLE)
    return cell


@pytest.fixture
def model(qapp: object) -> QStandardItemModel:
    m = QStandardItemModel()
    m.setHorizontalHeaderLabels(["Name", "Accuracy", "Decisions", "Note"])
    m.appendRow([item("李娜"), item("92.5%", 0.925, "0.0%"), item("1,204", 1204, "0"),
                 item("plain text")])
    m.appendRow([item("=cmd|' /C calc'!A0"), item("—"), item("7", 7), item("-")])
    for text in HOSTILE:
        m.appendRow([item(text), item("", -0.5), item("12"), item("")])
    return m


def test_neutralise_prefixes_what_a_spreadsheet_would_run() -> None:
    for text in HOSTILE:
        assert neutralise(text) == "'" + text
    for text in ("Ana", "12", "", " =x", "a=b", "'quoted"):
        assert neutralise(text) == text


def test_csv_round_trip(model: QStandardItemModel, tmp_path: Path) -> None:
    path = tmp_path / "table.csv"
    export_csv(model, path)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8 right
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["Name", "Accuracy", "Decisions", "Note"]
    assert rows[1] == ["李娜", "0.925", "1204", "plain text"]  # the raw values, not "92.5%"
    assert rows[2] == ["'=cmd|' /C calc'!A0", "—", "7", "'-"]
    assert [r[0] for r in rows[3:]] == ["'" + t for t in HOSTILE]
    assert {r[1] for r in rows[3:]} == {"-0.5"}  # a negative number is a number, not text
    assert len(rows) == 2 + 1 + len(HOSTILE)


def test_xlsx_round_trip_keeps_numbers_numeric(model: QStandardItemModel,
                                               tmp_path: Path) -> None:
    path = tmp_path / "table.xlsx"
    export_xlsx(model, path, title="Reviewers: [last 30 days]")
    book = load_workbook(path)
    sheet = book.active
    assert sheet.title == "Reviewers   last 30 days"  # Excel forbids : [ ]
    assert [c.value for c in sheet[1]] == ["Name", "Accuracy", "Decisions", "Note"]
    assert sheet["A1"].font.b
    assert sheet.freeze_panes == "A2"
    accuracy, decisions = sheet["B2"], sheet["C2"]
    assert accuracy.value == pytest.approx(0.925) and accuracy.data_type == "n"
    assert accuracy.number_format == "0.0%"
    assert decisions.value == 1204 and isinstance(decisions.value, int)
    assert sheet["A2"].value == "李娜"
    assert sheet["C3"].value == 7
    assert sheet["B3"].value == "—"
    for r, text in enumerate(HOSTILE, start=4):
        cell = sheet.cell(row=r, column=1)
        # XML reads a bare CR back as LF; either way the text is inert.
        assert cell.value == "'" + text.replace("\r", "\n") and cell.data_type == "s"
        assert sheet.cell(row=r, column=2).value == -0.5
        assert sheet.cell(row=r, column=3).value == "12"  # display text stays text
    assert sheet["A3"].value == "'=cmd|' /C calc'!A0"
    formulas = [c.coordinate for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []


def test_chosen_columns_in_chosen_order(model: QStandardItemModel) -> None:
    table = snapshot(model, columns=[2, 0])
    assert table.headers == ("Decisions", "Name")
    assert table.rows[0] == (1204, "李娜")
    assert table.formats[0] == ("0", None)


@pytest.mark.parametrize("export", [export_csv, export_xlsx])
def test_a_path_that_cannot_be_written_is_a_clear_error(model: QStandardItemModel,
                                                        tmp_path: Path, export) -> None:
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(TableExportError, match=r"Could not write .*no such folder"):
        export(model, out / "no such folder" / "table.out")
    blocker = out / "a file"
    blocker.write_text("not a folder")
    with pytest.raises(TableExportError, match="Could not write"):
        export(model, blocker / "table.out")
    folder = out / "a folder"
    folder.mkdir()
    with pytest.raises(TableExportError, match="Could not write"):
        export(model, folder)  # the target is a folder: written, then refused at the move
    assert list(folder.iterdir()) == []
    assert sorted(p.name for p in out.iterdir()) == ["a file", "a folder"]  # no half file


def test_an_empty_model_exports_its_header(qapp: object, tmp_path: Path) -> None:
    m = QStandardItemModel(0, 2)
    m.setHorizontalHeaderLabels(["A", "B"])
    export_csv(m, tmp_path / "e.csv")
    export_xlsx(m, tmp_path / "e.xlsx")
    assert (tmp_path / "e.csv").read_text(encoding="utf-8-sig").splitlines() == ["A,B"]
    assert [c.value for c in load_workbook(tmp_path / "e.xlsx").active[1]] == ["A", "B"]
    m.setHorizontalHeaderItem(0, QStandardItem("=A"))
    assert snapshot(m).headers == ("'=A", "B")
    assert Qt.ItemDataRole.UserRole < EXPORT_ROLE
