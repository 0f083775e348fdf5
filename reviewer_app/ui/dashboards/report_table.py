"""The Reports tab's result table: one row per scope or market, figures formatted for
reading while each cell keeps its raw value (``RAW``) for CSV export."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QTableWidget, QTableWidgetItem, QWidget

from reviewer_app.services.kpi_workbook import COUNT, PERCENT

RAW = Qt.ItemDataRole.UserRole  # each cell keeps its unformatted value here


class ReportTable(QTableWidget):
    """Read-only; ``fill`` replaces everything, ``rows_shown`` reads it back raw."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportTable")
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.verticalHeader().setVisible(False)

    def fill(self, header: Sequence[str], rows: Sequence[Sequence[Any]],
             formats: Sequence[str], *, total_row: int = 0) -> None:
        """One row per entry of ``rows`` (its name first, then one value per entry of
        ``formats``: ``PERCENT``, ``COUNT`` or hours); ``total_row`` is shown bold."""
        self.clear()
        self.setColumnCount(len(header))
        self.setRowCount(len(rows))
        self.setHorizontalHeaderLabels(list(header))
        for r, row in enumerate(rows):
            name = QTableWidgetItem(str(row[0]))
            name.setData(RAW, row[0])
            self.setItem(r, 0, name)
            for c, (value, kind) in enumerate(zip(row[1:], formats, strict=True), start=1):
                item = QTableWidgetItem(display(value, kind))
                item.setData(RAW, value)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                      | Qt.AlignmentFlag.AlignVCenter)
                self.setItem(r, c, item)
        if rows:
            for c in range(len(header)):
                item = self.item(total_row % len(rows), c)
                font = item.font()
                font.setBold(True)
                item.setFont(font)
        self.resizeColumnsToContents()

    def rows_shown(self) -> tuple[list[str], list[list[Any]]]:
        """The header and the raw value of every cell, as filled."""
        header = [self.horizontalHeaderItem(c).text() for c in range(self.columnCount())]
        rows = [[self.item(r, c).data(RAW) for c in range(self.columnCount())]
                for r in range(self.rowCount())]
        return header, rows


def display(value: Any, kind: str) -> str:
    """A cell as the table shows it; the raw value stays in the item's ``RAW`` role."""
    if value is None:
        return "—"
    if kind == PERCENT:
        return f"{value * 100:.1f}%"
    if kind == COUNT:
        return f"{int(value):,}"
    return f"{value:,.1f}"
