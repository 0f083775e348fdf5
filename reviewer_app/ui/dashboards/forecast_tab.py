"""The team dashboard's forecast and staffing tab.

One runner call forecasts every queue (intake, held-out error, backlog at current staffing);
the queue combo, the charts and the calculators then work from that result on the GUI thread
(the what-if maths is a few arithmetic steps a day), so changing a queue or a what-if input
never waits on the database.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.domain.errors import ReviewerError
from reviewer_app.domain.forecast import DEFAULT_HORIZON_DAYS
from reviewer_app.services.workforce import (
    AHT_DAYS,
    PRODUCTIVE_HOURS,
    PlanningAssumptions,
    QueueForecast,
    WorkforceService,
)
from reviewer_app.ui.dashboards import forecast_labels
from reviewer_app.ui.dashboards.erlang_calculator import ErlangCalculator
from reviewer_app.ui.dashboards.forecast_charts import BacklogChart, IntakeChart
from reviewer_app.ui.dashboards.forecast_table import QueueForecastTable
from reviewer_app.ui.dashboards.number_inputs import debounce
from reviewer_app.ui.dashboards.staffing_calculator import StaffingCalculator
from reviewer_app.ui.widgets.alive import while_alive
from reviewer_app.workers.runner import Runner


class ForecastTab(QWidget):
    """Intake forecast, projected backlog and staffing per queue; every queue in a table."""

    def __init__(self, runner: Runner, workforce: WorkforceService,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("forecastTab")
        self._runner, self._workforce = runner, workforce
        self._generation = 0  # a reload answered after a newer one started is dropped
        self.queues: dict[str, QueueForecast] = {}

        self.queue_combo = QComboBox()
        self.queue_combo.setObjectName("forecastQueue")
        self.queue_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.horizon = QSpinBox()
        self.horizon.setObjectName("forecastHorizon")
        self.horizon.setRange(7, 90)
        self.horizon.setValue(DEFAULT_HORIZON_DAYS)
        self.horizon.setSuffix(self.tr(" days"))
        self.refresh_button = QPushButton(self.tr("&Refresh"))
        self.refresh_button.setObjectName("forecastRefresh")
        self.busy = QProgressBar()
        self.busy.setObjectName("forecastBusy")
        self.busy.setRange(0, 0)  # no steps to count: a moving bar while the forecast runs
        self.busy.setFormat(self.tr("Forecasting…"))
        self.busy.setTextVisible(True)
        self.busy.setMaximumWidth(180)
        self.busy.hide()
        self.message = QLabel()
        self.message.setObjectName("forecastMessage")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)

        self.intake_chart = IntakeChart()
        self.backlog_chart = BacklogChart()
        self.calculator = StaffingCalculator()
        self.erlang = ErlangCalculator()
        self.table = QueueForecastTable()

        self._build_layout()
        self._reload_timer = debounce(self, self.reload)
        self.queue_combo.currentIndexChanged.connect(self._on_queue_combo_changed)
        self.horizon.valueChanged.connect(self._reload_timer.start)
        self.refresh_button.clicked.connect(self.reload)
        self.table.queue_selected.connect(self.select_queue)
        self.calculator.what_if_changed.connect(self.backlog_chart.show_what_if)

    def _build_layout(self) -> None:
        bar = QHBoxLayout()
        queue_label = QLabel(self.tr("&Queue:"))
        queue_label.setBuddy(self.queue_combo)
        horizon_label = QLabel(self.tr("&Forecast:"))
        horizon_label.setBuddy(self.horizon)
        for widget in (queue_label, self.queue_combo, horizon_label, self.horizon,
                       self.refresh_button, self.busy):
            bar.addWidget(widget)
        bar.addWidget(self.message, 1)
        charts = QWidget()
        charts_layout = QVBoxLayout(charts)
        charts_layout.setContentsMargins(0, 0, 0, 0)
        charts_layout.addWidget(self.intake_chart, 1)
        charts_layout.addWidget(self.backlog_chart, 1)
        calculators = QWidget()
        calculators_layout = QVBoxLayout(calculators)
        calculators_layout.addWidget(self.calculator)
        calculators_layout.addWidget(self.erlang)
        calculators_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(calculators)
        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(charts)
        top.addWidget(scroll)
        top.setStretchFactor(0, 3)
        top.setStretchFactor(1, 2)
        top.setSizes([760, 540])
        body = QSplitter(Qt.Orientation.Vertical)
        body.addWidget(top)
        body.addWidget(self.table)
        body.setStretchFactor(0, 3)
        body.setStretchFactor(1, 1)
        body.setSizes([600, 190])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(body, 1)

    # --- loading --------------------------------------------------------------------------

    def reload(self) -> None:
        """Forecast every queue again (off the GUI thread), showing that it is busy."""
        self._reload_timer.stop()
        self._generation += 1
        generation = self._generation
        self.busy.show()
        self.refresh_button.setEnabled(False)
        self.message.setText("")
        assume = PlanningAssumptions(horizon_days=self.horizon.value())
        self._runner.submit(
            self._workforce.forecast, None, assume,
            on_done=while_alive(self, lambda queues: self._on_forecast_done(generation, queues)),
            on_error=while_alive(self, lambda exc: self._on_forecast_error(generation, exc)),
            on_finally=while_alive(self, lambda: self._on_forecast_finished(generation)),
        )

    def _on_forecast_done(self, generation: int, queues: tuple[QueueForecast, ...]) -> None:
        if generation == self._generation:
            self.show_forecast(queues)

    def show_forecast(self, queues: tuple[QueueForecast, ...]) -> None:
        """Show ``queues``' forecasts: the table, the queue picker and the chosen queue."""
        self.queues = {q.queue_code: q for q in queues}
        self.table.show_queues(queues)
        selected = self.queue_combo.currentData()
        self.queue_combo.blockSignals(True)
        try:
            self.queue_combo.clear()
            for queue in queues:
                self.queue_combo.addItem(queue.queue_code, queue.queue_code)
            index = self.queue_combo.findData(selected)
            self.queue_combo.setCurrentIndex(max(index, 0))
        finally:
            self.queue_combo.blockSignals(False)
        if not queues:
            self.message.setText(self.tr("There are no queues to forecast yet."))
        self._show_selected()

    def _on_forecast_error(self, generation: int, exc: ReviewerError) -> None:
        if generation == self._generation:
            self.message.setText(self.tr("Could not forecast: {error}").format(error=exc))

    def _on_forecast_finished(self, generation: int) -> None:
        if generation == self._generation:
            self.busy.hide()
            self.refresh_button.setEnabled(True)

    # --- showing one queue ----------------------------------------------------------------

    def select_queue(self, queue_code: str) -> None:
        """Show ``queue_code`` (as if picked in the combo)."""
        index = self.queue_combo.findData(queue_code)
        if index >= 0:
            self.queue_combo.setCurrentIndex(index)

    def selected(self) -> QueueForecast | None:
        """The queue the combo shows, None before the first forecast or without queues."""
        return self.queues.get(self.queue_combo.currentData())

    def _on_queue_combo_changed(self, _index: int) -> None:
        self._show_selected()

    def _show_selected(self) -> None:
        queue = self.selected()
        self.intake_chart.show_queue(queue)
        self.backlog_chart.show_current(queue.projection if queue is not None else None)
        self.backlog_chart.note.setText(self._staffing_note(queue))
        self.calculator.set_queue(queue)
        if queue is not None:
            self.table.select(queue.queue_code)

    def _staffing_note(self, queue: QueueForecast | None) -> str:
        if queue is None:
            return ""
        if queue.capacity_per_day is None or queue.aht_seconds is None:
            return self.tr(
                "Queue {queue} has no final decisions in the last {days} days, so its AHT and "
                "daily capacity are unknown and there is no projection at current staffing. "
                "Enter an AHT in the what-if to project its backlog.").format(
                queue=queue.queue_code, days=AHT_DAYS)
        return self.tr(
            "Current staffing: reviewers {reviewers} × {hours} h ÷ AHT {aht} min = {capacity} "
            "decisions a day; SLA {sla} h; backlog now {backlog}. SLA breach: {breach}.").format(
            reviewers=f"{queue.reviewers:.1f}", hours=f"{PRODUCTIVE_HOURS:g}",
            aht=f"{queue.aht_seconds / 60:.1f}", capacity=f"{queue.capacity_per_day:.1f}",
            sla=f"{queue.workload.sla_hours:g}", backlog=queue.workload.backlog,
            breach=forecast_labels.breach(queue.projection))
