"""The back-office staffing calculator: the selected queue as it stands next to a what-if.

The baseline is the queue's own figures (today's backlog, the mean forecast intake, its
recent AHT and headcount, 5 days to clear, 5.5 productive hours, no shrinkage). The spin
boxes start at those figures; whatever the lead changes is the what-if, recomputed (the
headcount formula and the backlog the what-if's reviewers would leave) once typing pauses.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from reviewer_app.domain.errors import InvalidInputError
from reviewer_app.domain.forecast import BacklogProjection
from reviewer_app.domain.staffing import BackOfficeInputs, BackOfficeStaffing, backoffice_staffing
from reviewer_app.services.workforce import (
    PlanningAssumptions,
    QueueForecast,
    WhatIfPlan,
    backoffice_baseline,
    mean_intake,
    plan_what_if,
)
from reviewer_app.ui.dashboards import forecast_labels
from reviewer_app.ui.dashboards.number_inputs import debounce, number_box

INPUTS = ("backlog", "intake", "days_to_clear", "aht", "productive_hours", "shrinkage",
          "reviewers")
ANSWERS = ("workload", "per_reviewer", "before_shrinkage", "needed", "capacity", "breach")
DEFAULTS = PlanningAssumptions()


class StaffingCalculator(QGroupBox):
    """Back-office headcount, baseline and what-if side by side.

    Signals:
        what_if_changed: the what-if's projected backlog (``BacklogProjection``), or None
            when it cannot be computed; the backlog chart draws it.
    """

    what_if_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Back-office staffing (appeals)"), parent)
        self.setObjectName("staffingCalculator")
        self.queue: QueueForecast | None = None
        self.plan: WhatIfPlan | None = None
        self.backlog = number_box("whatIfBacklog", 0, 10_000_000, 0)
        self.intake = number_box("whatIfIntake", 0, 1_000_000, 0, decimals=2)
        self.days_to_clear = number_box("whatIfDaysToClear", 0.5, 365, DEFAULTS.days_to_clear,
                                        decimals=1, suffix=self.tr(" days"))
        self.aht_minutes = number_box("whatIfAhtMinutes", 0.1, 1440, 10, decimals=2,
                                      suffix=self.tr(" min"))
        self.productive_hours = number_box("whatIfProductiveHours", 0.5, 24,
                                           DEFAULTS.productive_hours, decimals=2, step=0.5,
                                           suffix=self.tr(" h"))
        self.shrinkage = number_box("whatIfShrinkage", 0, 0.95, DEFAULTS.shrinkage, decimals=2,
                                    step=0.05)
        self.shrinkage.setToolTip(self.tr("Share of paid time lost to leave, training and "
                                          "meetings, 0–0.95"))
        self.reviewers = number_box("whatIfReviewers", 0, 100_000, 1, decimals=2)
        self.reviewers.setToolTip(self.tr("Reviewers working the queue each day (for the "
                                          "projected backlog)"))
        boxes = {"backlog": self.backlog, "intake": self.intake,
                 "days_to_clear": self.days_to_clear, "aht": self.aht_minutes,
                 "productive_hours": self.productive_hours, "shrinkage": self.shrinkage,
                 "reviewers": self.reviewers}
        self.inputs = tuple(boxes.values())
        names = {
            "backlog": self.tr("&Backlog now"),
            "intake": self.tr("Daily &intake"),
            "days_to_clear": self.tr("Clear the backlog &in"),
            "aht": self.tr("&AHT"),
            "productive_hours": self.tr("&Productive hours a day"),
            "shrinkage": self.tr("&Shrinkage"),
            "reviewers": self.tr("&Reviewers working"),
            "workload": self.tr("Workload a day (backlog ÷ days + intake)"),
            "per_reviewer": self.tr("Decisions a reviewer a day"),
            "before_shrinkage": self.tr("Reviewers before shrinkage"),
            "needed": self.tr("Reviewers needed"),
            "capacity": self.tr("Decisions a day the reviewers working manage"),
            "breach": self.tr("SLA breach"),
        }
        grid = QGridLayout()
        grid.setColumnStretch(0, 1)
        grid.addWidget(_bold(QLabel(self.tr("Baseline"))), 0, 1)
        grid.addWidget(_bold(QLabel(self.tr("What-if"))), 0, 2)
        self.baseline_cells: dict[str, QLabel] = {}
        self.what_if_cells: dict[str, QLabel] = {}
        for row, key in enumerate(INPUTS + ANSWERS, start=1):
            name = QLabel(names[key])
            name.setWordWrap(True)
            grid.addWidget(name, row, 0)
            self.baseline_cells[key] = _cell(f"baseline_{key}")
            grid.addWidget(self.baseline_cells[key], row, 1)
            if key in boxes:
                name.setBuddy(boxes[key])
                grid.addWidget(boxes[key], row, 2)
            else:
                self.what_if_cells[key] = _cell(f"whatIf_{key}")
                grid.addWidget(self.what_if_cells[key], row, 2)
        for cell in (self.baseline_cells["needed"], self.what_if_cells["needed"]):
            _bold(cell)
        self.message = _cell("staffingMessage")
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.message)
        self._timer = debounce(self, self.recompute)
        for box in self.inputs:
            box.valueChanged.connect(self._timer.start)
        self.recompute()

    def set_queue(self, queue: QueueForecast | None) -> None:
        """Show ``queue`` as the baseline and start the what-if from its figures."""
        self.queue = queue
        self._timer.stop()
        for box in self.inputs:
            box.blockSignals(True)
        try:
            self._fill_inputs(queue)
        finally:
            for box in self.inputs:
                box.blockSignals(False)
        self.recompute()

    def _fill_inputs(self, queue: QueueForecast | None) -> None:
        self.days_to_clear.setValue(DEFAULTS.days_to_clear)
        self.productive_hours.setValue(DEFAULTS.productive_hours)
        self.shrinkage.setValue(DEFAULTS.shrinkage)
        if queue is None:
            return
        self.backlog.setValue(queue.workload.backlog)
        self.intake.setValue(mean_intake(queue))
        self.reviewers.setValue(queue.reviewers)
        if queue.aht_seconds is not None:  # unknown: the box keeps what the lead last set
            self.aht_minutes.setValue(queue.aht_seconds / 60)

    def what_if_inputs(self) -> BackOfficeInputs:
        """The back-office inputs as the spin boxes read now."""
        return BackOfficeInputs(
            backlog=self.backlog.value(), days_to_clear=self.days_to_clear.value(),
            daily_intake=self.intake.value(), aht_seconds=self.aht_minutes.value() * 60,
            productive_hours=self.productive_hours.value(), shrinkage=self.shrinkage.value())

    def recompute(self) -> None:
        """Recompute both columns; a formula's refusal is shown, never raised."""
        self._timer.stop()
        messages = [self._show_baseline()]
        try:
            self.plan = plan_what_if(self.what_if_inputs(), self.reviewers.value(), self.queue)
        except InvalidInputError as exc:
            self.plan = None
            messages.append(str(exc))
        self._show_what_if(self.plan)
        self.message.setText("\n".join(m for m in messages if m))
        self.what_if_changed.emit(self.plan.projection if self.plan is not None else None)

    def _show_baseline(self) -> str:
        """Fill the baseline column; return why part of it is empty (or "")."""
        texts = dict.fromkeys(INPUTS + ANSWERS, "—")
        queue, why = self.queue, ""
        if queue is not None:
            aht = queue.aht_seconds
            texts.update(
                backlog=str(queue.workload.backlog), intake=f"{mean_intake(queue):.2f}",
                days_to_clear=f"{DEFAULTS.days_to_clear:g}",
                aht="—" if aht is None else f"{aht / 60:.2f}",
                productive_hours=f"{DEFAULTS.productive_hours:g}",
                shrinkage=f"{DEFAULTS.shrinkage:.2f}", reviewers=f"{queue.reviewers:.2f}",
                breach=forecast_labels.breach(queue.projection))
            try:
                staffing = backoffice_staffing(backoffice_baseline(queue, DEFAULTS))
            except InvalidInputError as exc:  # no AHT
                why = str(exc)
            else:
                texts.update(_answer_texts(staffing, queue.capacity_per_day, queue.projection))
        for key, text in texts.items():
            self.baseline_cells[key].setText(text)
        return why

    def _show_what_if(self, plan: WhatIfPlan | None) -> None:
        texts = dict.fromkeys(ANSWERS, "—")
        if plan is not None:
            texts.update(_answer_texts(plan.staffing, plan.capacity_per_day, plan.projection))
        for key, text in texts.items():
            self.what_if_cells[key].setText(text)


def _bold(label: QLabel) -> QLabel:
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


def _answer_texts(staffing: BackOfficeStaffing, capacity: float | None,
                  projection: BacklogProjection | None) -> dict[str, str]:
    return {
        "workload": f"{staffing.workload_per_day:.1f}",
        "per_reviewer": f"{staffing.decisions_per_reviewer_day:.1f}",
        "before_shrinkage": str(staffing.reviewers_before_shrinkage),
        "needed": str(staffing.reviewers),
        "capacity": "—" if capacity is None else f"{capacity:.1f}",
        "breach": forecast_labels.breach(projection) if projection is not None else "—",
    }


def _cell(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label
