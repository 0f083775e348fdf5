"""The Reports tab of the team dashboard: the KPI and DSA reports of ``reviewer-app report``.

Pick a period, a cut and a report, press Run: the report runs on the runner (off the GUI
thread) with a progress bar fed by the report's own progress callback, and Cancel stops it
at its next step. The figures land in a table (overall, then one row per group) and can be
saved as the business-review workbook (XLSX), as the ``--json`` object or as the table in
CSV; every file is written atomically, so a cancelled or failed save leaves nothing behind.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.domain.errors import ReviewerError
from reviewer_app.domain.kpis import FINAL_OUTCOMES, KpiReport, Kpis, Period, ReportInputError
from reviewer_app.services.export_files import ExportError, write_csv, write_json
from reviewer_app.services.kpi_workbook import COUNT, KPI_COLUMNS
from reviewer_app.services.reports import DsaReport, ReportService
from reviewer_app.ui.dashboards.report_table import ReportTable
from reviewer_app.ui.dialogs.errors import describe_error
from reviewer_app.ui.widgets.alive import while_alive
from reviewer_app.workers.progress import Cancelled, ProgressRelay
from reviewer_app.workers.runner import Runner

Progress = Callable[[int, int], None]
Report = KpiReport | DsaReport


class ReportsTab(QWidget):
    """Run, show and save the KPI and DSA reports.

    ``state`` is one of ``idle``, ``invalid`` (bad input), ``running``, ``done``,
    ``saving``, ``saved``, ``cancelled`` and ``failed``; ``state_changed`` emits it.
    """

    state_changed = Signal(str)

    def __init__(self, runner: Runner, reports: ReportService,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportsTab")
        self._runner, self._reports = runner, reports
        self.state = "idle"
        self.result: Report | None = None
        self.saved_path: Path | None = None
        self._relay: ProgressRelay | None = None

        yesterday = datetime.now(UTC).date() - timedelta(days=1)
        self.from_edit = self._date_edit("reportFrom", yesterday - timedelta(days=6))
        self.to_edit = self._date_edit("reportTo", yesterday)
        self.kind = QComboBox()
        self.kind.setObjectName("reportKind")
        self.kind.addItem(self.tr("KPIs"), "kpis")
        self.kind.addItem(self.tr("EU DSA transparency"), "dsa")
        self.cut = QComboBox()
        self.cut.setObjectName("reportCut")
        self.cut.addItem(self.tr("None (overall only)"), None)
        for cut, name in self._cut_names().items():
            self.cut.addItem(name, cut)
        self.run_button = QPushButton(self.tr("&Run"))
        self.run_button.setObjectName("reportRun")
        self.run_button.setToolTip(self.tr("Run the report (Ctrl+Enter)"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("reportCancel")
        self.cancel_button.setToolTip(self.tr("Stop the running report or save (Esc)"))
        self.cancel_button.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.cancel_button.setEnabled(False)
        self.progress = QProgressBar()
        self.progress.setObjectName("reportProgress")
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setFormat(self.tr("%v of %m steps"))
        self.progress.setTextVisible(False)
        self.status = QLabel(self.tr("Choose a period and a report, then press Run."))
        self.status.setObjectName("reportStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.table = ReportTable()
        self.save_xlsx_button = QPushButton(self.tr("Save as &XLSX…"))
        self.save_xlsx_button.setObjectName("reportSaveXlsx")
        self.save_xlsx_button.setToolTip(self.tr(
            "The business-review workbook: an Overall sheet and one sheet per cut with "
            "charts. Without a cut it holds every cut (read again from the database)."))
        self.save_json_button = QPushButton(self.tr("Save as &JSON…"))
        self.save_json_button.setObjectName("reportSaveJson")
        self.save_csv_button = QPushButton(self.tr("Export table as &CSV…"))
        self.save_csv_button.setObjectName("reportSaveCsv")

        inputs = QHBoxLayout()
        for text, widget in ((self.tr("&From:"), self.from_edit), (self.tr("&To:"), self.to_edit),
                             (self.tr("Re&port:"), self.kind), (self.tr("C&ut:"), self.cut)):
            label = QLabel(text)
            label.setBuddy(widget)
            inputs.addWidget(label)
            inputs.addWidget(widget)
        inputs.addWidget(self.run_button)
        inputs.addWidget(self.cancel_button)
        inputs.addStretch(1)
        saves = QHBoxLayout()
        saves.addStretch(1)
        for button in self._save_buttons():
            saves.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(inputs)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        layout.addLayout(saves)
        order = [self.from_edit, self.to_edit, self.kind, self.cut, self.run_button,
                 self.cancel_button, self.table, *self._save_buttons()]
        for before, after in pairwise(order):
            QWidget.setTabOrder(before, after)

        run_shortcut = QShortcut(QKeySequence("Ctrl+Return"), self)
        run_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        run_shortcut.setAutoRepeat(False)  # a held key starts one report, not a queue of them
        run_shortcut.activated.connect(self.run)
        self.run_button.clicked.connect(self.run)
        self.cancel_button.clicked.connect(self.cancel)
        self.kind.currentIndexChanged.connect(self._on_kind_changed)
        self.save_xlsx_button.clicked.connect(self.save_xlsx)
        self.save_json_button.clicked.connect(self.save_json)
        self.save_csv_button.clicked.connect(self.export_csv)
        self._update_buttons()

    # --- inputs ---------------------------------------------------------------------------
    def _date_edit(self, name: str, day: Any) -> QDateEdit:
        edit = QDateEdit(QDate(day.year, day.month, day.day))
        edit.setObjectName(name)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setCalendarPopup(True)
        return edit

    def _cut_names(self) -> dict[str, str]:
        return {"market": self.tr("Market"), "policy": self.tr("Policy"),
                "queue": self.tr("Queue"), "reviewer": self.tr("Reviewer"),
                "language": self.tr("Language")}

    def _save_buttons(self) -> list[QPushButton]:
        return [self.save_xlsx_button, self.save_json_button, self.save_csv_button]

    def _on_kind_changed(self) -> None:
        self.cut.setEnabled(self.kind.currentData() == "kpis" and not self.busy)

    def period(self) -> Period | None:
        """The chosen period, or None (and a message) when To is before From."""
        first, last = self.from_edit.date().toPython(), self.to_edit.date().toPython()
        try:
            return Period(first, last)
        except ReportInputError:
            self._set_state("invalid", self.tr(
                "The last day ({to}) is before the first day ({first}). Choose a To date "
                "on or after the From date.").format(to=last.isoformat(),
                                                     first=first.isoformat()))
            return None

    @property
    def busy(self) -> bool:
        """A report or a save is running."""
        return self._relay is not None

    # --- running --------------------------------------------------------------------------
    def run(self) -> None:
        """Run the chosen report off the GUI thread; the table fills when it is done."""
        if self.busy:
            return
        period = self.period()
        if period is None:
            return
        reports = self._reports  # the job runs on a worker thread: no widget in it
        if self.kind.currentData() == "dsa":
            self._start("running", self.tr("Computing the DSA figures…"),
                        lambda progress: reports.dsa(period, progress), self._show)
        else:
            by = self.cut.currentData()
            self._start("running", self.tr("Computing the KPIs…"),
                        lambda progress: reports.kpis(period, by, progress), self._show)

    def cancel(self) -> None:
        """Ask the running report or save to stop at its next step (nothing is written)."""
        if self._relay is None:
            return
        self._relay.cancelled = True
        self.cancel_button.setEnabled(False)
        self.status.setText(self.tr("Cancelling…"))

    def _start(self, state: str, text: str, job: Callable[[Progress], Any],
               on_done: Callable[[Any], None]) -> None:
        relay = ProgressRelay(self)
        relay.progressed.connect(self._on_progress)
        self._relay = relay
        self.progress.setRange(0, 0)  # busy until the first step is reported
        self.progress.setTextVisible(True)
        self._set_state(state, text)

        def done(result: Any) -> None:
            self._finish(relay)
            on_done(result)

        def failed(exc: ReviewerError) -> None:
            self._finish(relay)
            self._on_error(exc)

        def after() -> None:
            if self._relay is relay:  # neither done nor a known error: a bug (already shown)
                self._finish(relay)
                self._set_state("failed", self.tr("The report stopped on an unexpected error."))

        def progress(step: int, steps: int) -> None:  # on the worker thread
            if not shiboken6.isValid(relay):  # the tab is gone (app closing): just stop
                raise Cancelled
            relay.report(step, steps)

        self._runner.submit(job, progress, on_done=while_alive(self, done),
                            on_error=while_alive(self, failed),
                            on_finally=while_alive(self, after))

    def _on_progress(self, done: int, total: int) -> None:
        if self.sender() is not self._relay:  # a step of a job already finished
            return
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _finish(self, relay: ProgressRelay) -> None:
        if self._relay is relay:
            self._relay = None
        relay.deleteLater()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setTextVisible(False)

    def _on_error(self, exc: ReviewerError) -> None:
        if isinstance(exc, Cancelled):
            self._set_state("cancelled", self.tr("Cancelled. Nothing was written."))
        elif isinstance(exc, ExportError):
            self._set_state("failed", self.tr("The file could not be saved: {reason}")
                            .format(reason=str(exc)))
        else:  # the database went away, the schema is wrong, …: the calm text, then why
            self._set_state("failed", f"{describe_error(exc)} {exc}".strip())

    def _set_state(self, state: str, text: str) -> None:
        self.state = state
        self.status.setText(text)
        self._update_buttons()
        self.state_changed.emit(state)

    def _update_buttons(self) -> None:
        busy = self.busy
        for widget in (self.from_edit, self.to_edit, self.kind, self.run_button):
            widget.setEnabled(not busy)
        self.cut.setEnabled(not busy and self.kind.currentData() == "kpis")
        self.cancel_button.setEnabled(busy)
        for button in self._save_buttons():
            button.setEnabled(not busy and self.result is not None)

    # --- the table ------------------------------------------------------------------------
    def _show(self, result: Report) -> None:
        self.result = result
        if isinstance(result, KpiReport):
            self._fill_kpis(result)
            groups = len(result.groups)
            text = (self.tr("KPIs from {first} to {last}.") if result.by is None else
                    self.tr("KPIs from {first} to {last}: {n} groups.")).format(
                first=result.period.first_day.isoformat(),
                last=result.period.last_day.isoformat(), n=groups)
        else:
            self._fill_dsa(result)
            text = self.tr("EU DSA transparency figures from {first} to {last}.").format(
                first=result.period.first_day.isoformat(),
                last=result.period.last_day.isoformat())
        self._set_state("done", text)

    def kpi_headers(self) -> list[str]:
        """Translated column titles, one per ``kpi_workbook.KPI_COLUMNS`` entry."""
        titles = {
            ("intake", None): self.tr("Intake"),
            ("decisions", None): self.tr("Decisions"),
            ("backlog_end", None): self.tr("Backlog at end"),
            ("median_ttd_hours", None): self.tr("Median time to decision (h)"),
            ("p90_ttd_hours", None): self.tr("P90 time to decision (h)"),
            ("p95_ttd_hours", None): self.tr("P95 time to decision (h)"),
            ("sla_compliance", None): self.tr("SLA compliance"),
            ("sla_compliance_inclusive", None): self.tr("SLA compliance incl. open"),
            ("aht_seconds", None): self.tr("AHT (s)"),
            ("overturn_rate", None): self.tr("Overturn rate"),
            ("full_overturn_rate", None): self.tr("Full overturn rate"),
            ("partial_rate", None): self.tr("Partial rate"),
            ("escalation_rate", None): self.tr("Escalation rate"),
            ("info_request_rate", None): self.tr("Info request rate"),
            ("qa_accuracy", None): self.tr("QA accuracy"),
            ("qa_accuracy_ci", 0): self.tr("QA accuracy CI low"),
            ("qa_accuracy_ci", 1): self.tr("QA accuracy CI high"),
            ("dispute_rate", None): self.tr("Dispute rate"),
        }
        return [titles[(c.key, c.part)] for c in KPI_COLUMNS]

    def _fill_kpis(self, report: KpiReport) -> None:
        first = (self.tr("Scope") if report.by is None
                 else self._cut_names()[report.by])
        rows: list[tuple[str, Kpis]] = [(self.tr("Overall"), report.overall),
                                        *report.groups.items()]
        formats = [c.number_format for c in KPI_COLUMNS]
        self.table.fill([first, *self.kpi_headers()],
                   [[name, *(c.value(k) for c in KPI_COLUMNS)] for name, k in rows],
                   formats)

    def _fill_dsa(self, report: DsaReport) -> None:
        outcomes = {"uphold": self.tr("Upheld"), "overturn": self.tr("Overturned"),
                    "partial": self.tr("Partly overturned"),
                    "reject_inadmissible": self.tr("Rejected as inadmissible")}
        header = [self.tr("Market"), self.tr("Complaints received"),
                  *(outcomes[o] for o in FINAL_OUTCOMES),
                  self.tr("Median time to decision (h)"), self.tr("Reversed")]
        rows = [(market, f) for market, f in report.markets.items()]
        rows.append((self.tr("All markets"), report.total))
        self.table.fill(header, [[name, f.complaints_received, *f.decisions_by_outcome.values(),
                             f.median_ttd_hours, f.reversed] for name, f in rows],
                   [COUNT] * (1 + len(FINAL_OUTCOMES)) + ["hours", COUNT], total_row=-1)

    def table_rows(self) -> tuple[list[str], list[list[Any]]]:
        """The table as shown: its header and the raw value of every cell."""
        return self.table.rows_shown()

    # --- saving ---------------------------------------------------------------------------
    def _ask_path(self, title: str, suggested: str, filter_text: str, suffix: str
                  ) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(self, title, suggested, filter_text)
        if not name:
            return None
        path = Path(name)
        return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)

    def _file_stem(self) -> str:
        assert self.result is not None
        p = self.result.period
        kind = "dsa" if isinstance(self.result, DsaReport) else "kpis"
        return f"{kind}-{p.first_day.isoformat()}-{p.last_day.isoformat()}"

    def save_xlsx(self) -> None:
        """Save the business-review workbook (Overall + the cut, or every cut)."""
        result = self.result
        if result is None or self.busy:
            return
        path = self._ask_path(self.tr("Save the report as a workbook"),
                              f"{self._file_stem()}.xlsx",
                              self.tr("Excel workbook (*.xlsx)"), ".xlsx")
        if path is None:
            return
        reports = self._reports

        def job(progress: Progress) -> Path:
            if isinstance(result, DsaReport):
                return reports.save_dsa_workbook(path, result, progress)
            return reports.save_kpi_workbook(path, result.period, result.by, progress,
                                             report=result)

        self._start("saving", self.tr("Writing {name}…").format(name=path.name), job,
                    self._saved)

    def save_json(self) -> None:
        """Save the report as ``reviewer-app report … --json`` prints it."""
        result = self.result
        if result is None or self.busy:
            return
        path = self._ask_path(self.tr("Save the report as JSON"), f"{self._file_stem()}.json",
                              self.tr("JSON (*.json)"), ".json")
        if path is None:
            return
        data = result.as_dict()
        self._start("saving", self.tr("Writing {name}…").format(name=path.name),
                    lambda _progress: write_json(path, data), self._saved)

    def export_csv(self) -> None:
        """Save the table as CSV (rates as fractions 0–1, as in JSON)."""
        if self.result is None or self.busy:
            return
        path = self._ask_path(self.tr("Export the table as CSV"), f"{self._file_stem()}.csv",
                              self.tr("CSV (*.csv)"), ".csv")
        if path is None:
            return
        header, rows = self.table_rows()
        self._start("saving", self.tr("Writing {name}…").format(name=path.name),
                    lambda _progress: write_csv(path, header, rows), self._saved)

    def _saved(self, path: Path) -> None:
        self.saved_path = path
        self._set_state("saved", self.tr("Saved {path}").format(path=str(path)))
