"""Every queue at a glance: backlog, forecast intake, capacity, staffing and when the queue
breaches its SLA at current staffing; exported as CSV or XLSX with plain numbers and ISO dates."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from reviewer_app.services.workforce import QueueForecast, mean_intake
from reviewer_app.ui.dashboards import forecast_labels
from reviewer_app.ui.qa.tables import fill_rows, read_only_table
from reviewer_app.ui.widgets.table_export import TableExportError, rows_snapshot, write_table

CSV_FIELDS = ("queue", "backlog", "forecast_intake_per_day", "capacity_per_day", "reviewers",
              "aht_seconds", "sla_hours", "breached_now", "breach_day", "horizon_days")


def csv_row(queue: QueueForecast) -> dict[str, Any]:
    """One queue as CSV values (empty where unknown)."""
    projection = queue.projection
    breach_day = projection.breach_day if projection is not None else None
    return {
        "queue": queue.queue_code, "backlog": queue.workload.backlog,
        "forecast_intake_per_day": round(mean_intake(queue), 4),
        "capacity_per_day": "" if queue.capacity_per_day is None
        else round(queue.capacity_per_day, 4),
        "reviewers": round(queue.reviewers, 2),
        "aht_seconds": "" if queue.aht_seconds is None else round(queue.aht_seconds, 1),
        "sla_hours": queue.workload.sla_hours,
        "breached_now": "" if projection is None else projection.breached_now,
        "breach_day": breach_day.isoformat() if breach_day is not None else "",
        "horizon_days": len(queue.forecast.days),
    }


class QueueForecastTable(QWidget):
    """The all-queues table; a click on a row selects that queue.

    Signals:
        queue_selected: the code of the queue whose row was clicked.
    """

    queue_selected = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.queues: tuple[QueueForecast, ...] = ()
        self.table = read_only_table("forecastQueueTable", (
            self.tr("Queue"), self.tr("Backlog"), self.tr("Forecast intake a day"),
            self.tr("Capacity a day"), self.tr("Reviewers"), self.tr("AHT (min)"),
            self.tr("SLA (h)"), self.tr("SLA breach at current staffing"),
        ), rows_selectable=True)
        self.export_button = QPushButton(self.tr("Export CSV…"))
        self.export_button.setObjectName("forecastTableExport")
        self.export_xlsx_button = QPushButton(self.tr("Export XLSX…"))
        self.export_xlsx_button.setObjectName("forecastTableExportXlsx")
        self.note = QLabel()
        self.note.setObjectName("forecastTableNote")
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("All queues")))
        bar.addWidget(self.note, 1)
        bar.addWidget(self.export_button)
        bar.addWidget(self.export_xlsx_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self.table.cellClicked.connect(self._on_table_cell_clicked)
        self.export_button.clicked.connect(partial(self._on_export_button_clicked, "csv"))
        self.export_xlsx_button.clicked.connect(partial(self._on_export_button_clicked,
                                                        "xlsx"))

    def show_queues(self, queues: Sequence[QueueForecast]) -> None:
        """One row per queue."""
        self.queues = tuple(queues)
        fill_rows(self.table, [self._row(q) for q in self.queues])

    def select(self, queue_code: str) -> None:
        """Highlight ``queue_code``'s row."""
        codes = [q.queue_code for q in self.queues]
        if queue_code in codes:
            self.table.selectRow(codes.index(queue_code))

    def _row(self, queue: QueueForecast) -> list[str]:
        def number(value: float | None, pattern: str = "{:.1f}") -> str:
            return "—" if value is None else pattern.format(value)

        return [queue.queue_code, str(queue.workload.backlog), number(mean_intake(queue)),
                number(queue.capacity_per_day), number(queue.reviewers, "{:.1f}"),
                number(None if queue.aht_seconds is None else queue.aht_seconds / 60),
                number(queue.workload.sla_hours, "{:g}"),
                forecast_labels.breach(queue.projection)]

    def _on_table_cell_clicked(self, row: int, _column: int) -> None:
        self.queue_selected.emit(self.queues[row].queue_code)

    def _on_export_button_clicked(self, kind: str) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export the queue table"), f"queue-forecast.{kind}",
            "Excel (*.xlsx)" if kind == "xlsx" else "CSV (*.csv)")
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> bool:
        """Write the table as XLSX (``.xlsx``) or CSV, plain numbers and ISO dates; False
        (and a note) if the file cannot be written (nothing half-written is left)."""
        table = rows_snapshot("Queue forecast", CSV_FIELDS,
                              [[csv_row(q)[f] for f in CSV_FIELDS] for q in self.queues])
        try:
            write_table(table, path)
        except TableExportError as exc:
            self.note.setText(str(exc))
            return False
        self.note.setText("")
        return True

    def export_csv(self, path: str) -> bool:
        """``export_to`` a CSV file."""
        return self.export_to(path)
