"""The small per-queue figures table of the queue charts (backlog, at risk, breached, oldest),
with its CSV and XLSX export; activating a cell asks for the cases it counts."""

from __future__ import annotations

from datetime import datetime
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.domain.enums import SlaState
from reviewer_app.domain.models import QueueFilter
from reviewer_app.domain.queue_charts import ChartFilter, OpenFigures, QueueCharts
from reviewer_app.ui.widgets.countdown import format_countdown
from reviewer_app.ui.widgets.table_export import (
    TableExportError,
    TableSnapshot,
    rows_snapshot,
    write_table,
)

BACKLOG, AT_RISK, BREACHED, OLDEST_AGE, OLDEST_REF = range(1, 6)


class QueueFiguresTable(QWidget):
    """One row per queue (all queues first).

    Signals:
        cases_requested: a ``QueueFilter`` for the activated cell: the queue's open
            appeals, those at risk or breached, or its oldest case.
        message: text for the tab's status line.
    """

    cases_requested = Signal(object)
    message = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("queueFigures")
        self.charts: QueueCharts | None = None
        self.table = QTableWidget(0, 6, self)
        self.table.setObjectName("queueFiguresTable")
        self.table.setHorizontalHeaderLabels([
            self.tr("Queue"), self.tr("Backlog"), self.tr("At risk"), self.tr("Breached"),
            self.tr("Oldest waits"), self.tr("Oldest case")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setToolTip(self.tr("Double-click or press Enter on a figure to list its "
                                      "cases in the queue"))
        self.table.activated.connect(self._on_table_activated)
        title = QLabel(self.tr("Open appeals per queue"))
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        self.export_button = QPushButton(self.tr("Export CSV…"))
        self.export_button.setObjectName("queueFiguresExport")
        self.export_button.clicked.connect(partial(self._on_export_button_clicked, "csv"))
        self.export_xlsx_button = QPushButton(self.tr("Export XLSX…"))
        self.export_xlsx_button.setObjectName("queueFiguresExportXlsx")
        self.export_xlsx_button.clicked.connect(partial(self._on_export_button_clicked,
                                                        "xlsx"))
        head = QHBoxLayout()
        head.addWidget(title, 1)
        head.addWidget(self.export_button)
        head.addWidget(self.export_xlsx_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(head)
        layout.addWidget(self.table, 1)

    def show_charts(self, charts: QueueCharts) -> None:
        """Fill the rows from ``charts`` (all queues, then each queue)."""
        self.charts = charts
        rows = self.rows()
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                item = QTableWidgetItem(value)
                if c in (BACKLOG, AT_RISK, BREACHED):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)

    def rows(self) -> list[list[str]]:
        """The table as text, as shown (and as exported)."""
        if self.charts is None:
            return []
        now = self.charts.now
        return [[self.tr("All queues") if f.queue_code is None else f.queue_code,
                 str(f.backlog), str(f.at_risk), str(f.breached),
                 "" if f.oldest_received_at is None
                 else format_countdown(now - f.oldest_received_at),
                 f.oldest_ref or ""]
                for f in self._figures()]

    def _figures(self) -> list[OpenFigures]:
        assert self.charts is not None
        return [self.charts.overall, *self.charts.queues]

    def export_table(self) -> TableSnapshot | None:
        """The figures to export (oldest age in hours, to be computed on); None before the
        first load."""
        if self.charts is None:
            return None
        now = self.charts.now
        return rows_snapshot(
            "Queue figures",
            ("queue", "backlog", "at_risk", "breached", "oldest_age_hours", "oldest_appeal"),
            [(f.queue_code or "*", f.backlog, f.at_risk, f.breached,
              _hours(now, f.oldest_received_at), f.oldest_ref or "")
             for f in self._figures()])

    def export_to(self, path: str) -> bool:
        """Write the figures as XLSX (``.xlsx``) or CSV; False and a message if the file
        cannot be written (nothing half-written is left)."""
        table = self.export_table()
        if table is None:
            return False
        try:
            write_table(table, path)
        except TableExportError as exc:
            self.message.emit(str(exc))
            return False
        return True

    def export_csv(self, path: str) -> bool:
        """``export_to`` a CSV file."""
        return self.export_to(path)

    def _on_export_button_clicked(self, kind: str) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export the figures"), f"queue-figures.{kind}",
            "Excel (*.xlsx)" if kind == "xlsx" else "CSV (*.csv)")
        if path:
            self.export_to(path)

    def _on_table_activated(self, index) -> None:
        if self.charts is None or not index.isValid():
            return
        figures = self._figures()[index.row()]
        queue = ChartFilter(queue_code=figures.queue_code or self.charts.filters.queue_code,
                            market=self.charts.filters.market,
                            policy_code=self.charts.filters.policy_code,
                            language=self.charts.filters.language)
        flt: QueueFilter
        if index.column() == AT_RISK:
            flt = queue.cases(sla_state=SlaState.AT_RISK)
        elif index.column() == BREACHED:
            flt = queue.cases(sla_state=SlaState.BREACHED)
        elif index.column() in (OLDEST_AGE, OLDEST_REF) and figures.oldest_ref:
            flt = QueueFilter(search=figures.oldest_ref)
        else:
            flt = queue.cases()
        self.cases_requested.emit(flt)


def _hours(now: datetime, at: datetime | None) -> float | None:
    """Hours from ``at`` to ``now`` to the hundredth (a number, so XLSX keeps it one)."""
    return None if at is None else round((now - at).total_seconds() / 3600, 2)
