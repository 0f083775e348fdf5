"""Sampling plans (create, list), drawing a recorded sample, and the sample-size helper."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.domain.qa_models import STRATUM_KEYS, PlanKind, PlanSpec, SamplingPlan
from reviewer_app.domain.qa_stats import cochran_sample_size
from reviewer_app.services.qa import QaService, SampleResult
from reviewer_app.ui.qa import qa_labels
from reviewer_app.ui.qa.qa_tab import QaTab
from reviewer_app.workers.runner import Runner


def day_start(date: QDate) -> datetime:
    """00:00 UTC of a calendar day (periods are whole UTC days, as in DOMAIN.md)."""
    return datetime.combine(date.toPython(), time(0, 0), tzinfo=UTC)


class SamplingPanel(QaTab):
    """QA leads configure plans and draw samples into the QA queue.

    Signals:
        message(str, str): text and kind for the window's banner.
        drawn(): a sample was recorded (the audit queue reloads).
    """

    drawn = Signal()

    def __init__(self, runner: Runner, qa: QaService, user_id: int, today: QDate,
                 parent: QWidget | None = None) -> None:
        super().__init__(runner, parent)
        self.setObjectName("samplingPanel")
        self._qa, self._user_id = qa, user_id
        self._plans: list[SamplingPlan] = []

        self.plan_list = QListWidget()
        self.plan_list.setObjectName("planList")
        self.name = QLineEdit()
        self.name.setObjectName("planName")
        self.kind = QComboBox()
        self.kind.setObjectName("planKind")
        for kind in PlanKind:
            self.kind.addItem(qa_labels.plan_kind(kind), kind.value)
        names = {"queue": self.tr("Queue"), "policy": self.tr("Policy"),
                 "language": self.tr("Language"), "market": self.tr("Market"),
                 "outcome": self.tr("Outcome"), "reviewer": self.tr("Reviewer")}
        self.strata = {key: QCheckBox(names[key]) for key in STRATUM_KEYS}
        strata_row = QHBoxLayout()
        for box in self.strata.values():
            strata_row.addWidget(box)
        self.rate = QDoubleSpinBox()
        self.rate.setObjectName("planRate")
        self.rate.setRange(0.0, 100.0)
        self.rate.setSuffix(" %")
        self.rate.setValue(5.0)
        self.size = QSpinBox()
        self.size.setObjectName("planSize")
        self.size.setRange(0, 1_000_000)
        self.size.setSpecialValueText(self.tr("use the rate"))
        self.per_reviewer = QSpinBox()
        self.per_reviewer.setObjectName("planPerReviewer")
        self.per_reviewer.setRange(0, 1000)
        self.per_reviewer.setValue(5)
        self.create_button = QPushButton(self.tr("&Create plan"))
        plan_form = QFormLayout()
        plan_form.addRow(self.tr("&Name:"), self.name)
        plan_form.addRow(self.tr("&Kind:"), self.kind)
        plan_form.addRow(self.tr("Strata:"), strata_row)
        plan_form.addRow(self.tr("&Rate:"), self.rate)
        plan_form.addRow(self.tr("Or a fixed si&ze:"), self.size)
        plan_form.addRow(self.tr("Minimum per reviewer a &week:"), self.per_reviewer)
        plan_form.addRow(self.create_button)
        new_box = QGroupBox(self.tr("New sampling plan"))
        new_box.setLayout(plan_form)

        self.date_from = QDateEdit(today.addDays(-7))
        self.date_from.setObjectName("drawFrom")
        self.date_to = QDateEdit(today)
        self.date_to.setObjectName("drawTo")
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.seed = QLineEdit()
        self.seed.setObjectName("drawSeed")
        self.seed.setPlaceholderText(self.tr("random; give one to repeat a draw"))
        self.draw_button = QPushButton(self.tr("&Draw sample from the selected plan"))
        self.draw_button.setObjectName("drawSample")
        draw_form = QFormLayout()
        draw_form.addRow(self.tr("Decisions &from:"), self.date_from)
        draw_form.addRow(self.tr("&to (inclusive):"), self.date_to)
        draw_form.addRow(self.tr("S&eed:"), self.seed)
        draw_form.addRow(self.draw_button)
        draw_box = QGroupBox(self.tr("Draw a sample"))
        draw_box.setLayout(draw_form)

        self.margin = QDoubleSpinBox()
        self.margin.setObjectName("sizeMargin")
        self.margin.setRange(0.5, 50.0)
        self.margin.setSuffix(" %")
        self.margin.setValue(5.0)
        self.confidence = QComboBox()
        for value in (0.90, 0.95, 0.99):
            self.confidence.addItem(f"{value:.0%}", value)
        self.confidence.setCurrentIndex(1)
        self.population = QSpinBox()
        self.population.setRange(0, 100_000_000)
        self.population.setSpecialValueText(self.tr("unknown / large"))
        self.size_result = QLabel()
        self.size_result.setObjectName("sampleSizeResult")
        size_form = QFormLayout()
        size_form.addRow(self.tr("Margin of error:"), self.margin)
        size_form.addRow(self.tr("Confidence:"), self.confidence)
        size_form.addRow(self.tr("Decisions in the period:"), self.population)
        size_form.addRow(self.tr("Audits needed:"), self.size_result)
        size_box = QGroupBox(self.tr("How many audits? (Cochran)"))
        size_box.setLayout(size_form)

        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("Plans")))
        left.addWidget(self.plan_list, 1)
        left.addWidget(draw_box)
        right = QVBoxLayout()
        right.addWidget(new_box)
        right.addWidget(size_box)
        right.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addLayout(right, 1)

        self.kind.currentIndexChanged.connect(self._enable_fields)
        self._enable_fields()
        self.create_button.clicked.connect(self.create_plan)
        self.draw_button.clicked.connect(self.draw)
        for signal in (self.margin.valueChanged, self.confidence.currentIndexChanged,
                       self.population.valueChanged):
            signal.connect(self._show_sample_size)
        self._show_sample_size()

    def _enable_fields(self) -> None:
        # Only what the chosen kind uses can be edited, so a plan never carries a setting
        # that silently does nothing.
        kind = PlanKind(self.kind.currentData())
        for box in self.strata.values():
            box.setEnabled(kind is PlanKind.STRATIFIED)
        for field in (self.rate, self.size):
            field.setEnabled(kind in (PlanKind.RANDOM, PlanKind.STRATIFIED))
        self.per_reviewer.setEnabled(kind is PlanKind.MINIMUM)

    def describe(self, plan: SamplingPlan) -> str:
        """One line for the plan list: name, kind and what it draws."""
        spec = plan.spec
        parts = [plan.name, qa_labels.plan_kind(spec.kind)]
        if spec.kind is PlanKind.STRATIFIED:
            parts.append(", ".join(self.strata[k].text() for k in spec.strata))
        if spec.kind in (PlanKind.RANDOM, PlanKind.STRATIFIED):
            parts.append(f"{spec.rate:.1%}" if spec.rate is not None
                         else self.tr("{n} decisions").format(n=spec.size))
        if spec.kind is PlanKind.MINIMUM:
            parts.append(self.tr("{n} per reviewer a week").format(n=spec.per_reviewer))
        return " · ".join(parts)

    def reload(self) -> None:
        """Read the plans again."""
        self.submit(self._qa.plans, on_done=self._set_plans)

    def _set_plans(self, plans: tuple[SamplingPlan, ...]) -> None:
        self._plans = list(plans)
        self.plan_list.clear()
        for plan in plans:
            self.plan_list.addItem(self.describe(plan))
        if plans:
            self.plan_list.setCurrentRow(len(plans) - 1 if self.plan_list.currentRow() < 0
                                         else self.plan_list.currentRow())

    def spec(self) -> PlanSpec:
        """The plan the form describes."""
        kind = PlanKind(self.kind.currentData())
        size = self.size.value() or None
        return PlanSpec(
            kind=kind, strata=tuple(k for k, box in self.strata.items() if box.isChecked()),
            rate=None if size else self.rate.value() / 100, size=size,
            per_reviewer=self.per_reviewer.value())

    def create_plan(self) -> None:
        """Store the plan the form describes."""
        name = self.name.text().strip()
        self.submit(self._qa.create_plan, self._user_id, name, self.spec(), write=True,
                            on_done=lambda _id: self._on_created(name))

    def _on_created(self, name: str) -> None:
        self.message.emit(self.tr("Plan “{name}” created.").format(name=name), "info")
        self.name.clear()
        self.plan_list.setCurrentRow(-1)
        self.reload()

    def draw(self) -> None:
        """Draw and record a sample of the selected plan over the chosen days."""
        row = self.plan_list.currentRow()
        if not 0 <= row < len(self._plans):
            self.message.emit(self.tr("Choose a plan first."), "error")
            return
        start = day_start(self.date_from.date())
        end = day_start(self.date_to.date()) + timedelta(days=1)
        text = self.seed.text().strip()
        if text and not text.isdigit():
            self.message.emit(self.tr("The seed must be a whole number."), "error")
            return
        self.submit(self._qa.draw_sample, self._user_id, self._plans[row].id, start,
                            end, int(text) if text else None, write=True,
                            on_done=self._on_drawn)

    def _on_drawn(self, result: SampleResult) -> None:
        self.message.emit(self.tr(
            "Sample {id}: {picked} of {population} decisions picked (seed {seed}); they are "
            "in the audit queue.").format(id=result.sample_id, picked=result.picked,
                                          population=result.population, seed=result.seed),
            "info")
        self.drawn.emit()

    def _show_sample_size(self) -> None:
        population = self.population.value() or None
        n = cochran_sample_size(self.margin.value() / 100, self.confidence.currentData(),
                                population=population)
        self.size_result.setText(str(n))

