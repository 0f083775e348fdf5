"""Accuracy by reviewer, queue, policy, market, language or week, with Wilson intervals."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.domain.qa_accuracy import GROUPS
from reviewer_app.domain.qa_models import AccuracyRow, SampleSummary
from reviewer_app.services.qa import QaService
from reviewer_app.ui import labels
from reviewer_app.ui.qa.qa_tab import QaTab
from reviewer_app.ui.qa.sampling_panel import day_start
from reviewer_app.ui.qa.tables import fill_rows, read_only_table
from reviewer_app.workers.runner import Runner


class AccuracyPanel(QaTab):
    """A table of accuracy per group for decisions in a period (risk picks left out)."""


    def __init__(self, runner: Runner, qa: QaService, user_id: int, today: QDate, *,
                 mine_only: bool, parent: QWidget | None = None) -> None:
        super().__init__(runner, parent)
        self.setObjectName("accuracyPanel")
        self._qa, self._user_id = qa, user_id
        self.cut = QComboBox()
        self.cut.setObjectName("accuracyCut")
        names = {"reviewer": self.tr("Reviewer"), "queue": self.tr("Queue"),
                 "policy": self.tr("Policy"), "market": self.tr("Market"),
                 "language": self.tr("Language"), "week": self.tr("Week")}
        for key in (("reviewer",) if mine_only else GROUPS):
            self.cut.addItem(names[key], key)
        self.date_from = QDateEdit(today.addDays(-28))
        self.date_to = QDateEdit(today)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.show_button = QPushButton(self.tr("&Show"))
        self.table = read_only_table('accuracyTable', [
            self.tr("Group"), self.tr("Audited"), self.tr("Correct"), self.tr("Accuracy"),
            self.tr("95% interval (Wilson)")])
        note = QLabel(self.tr("Published audits of decisions made in the period. Cases picked "
                              "by risk rules are not part of accuracy; they are audited apart."))
        note.setWordWrap(True)
        bar = QHBoxLayout()
        for widget in (QLabel(self.tr("By:")), self.cut, QLabel(self.tr("from")),
                       self.date_from, QLabel(self.tr("to")), self.date_to, self.show_button):
            bar.addWidget(widget)
        bar.addStretch(1)
        self._mine_only = mine_only
        self.samples = read_only_table('sampleEstimates', [
            self.tr("Sample"), self.tr("Period"), self.tr("Audited"),
            self.tr("Stratified accuracy"), self.tr("95% interval")])
        samples_note = QLabel(self.tr(
            "Per sample, strata weighted by their share of all decisions (Σ N_h/N · p_h), "
            "never pooled; shown once every stratum has an audit."))
        samples_note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(note)
        layout.addWidget(self.table, 2)
        if not mine_only:
            layout.addWidget(samples_note)
            layout.addWidget(self.samples, 1)
        self.show_button.clicked.connect(self.reload)
        self.cut.currentIndexChanged.connect(self.reload)

    def reload(self) -> None:
        """Compute the table for the chosen cut and period."""
        start = day_start(self.date_from.date())
        end = day_start(self.date_to.date()) + timedelta(days=1)
        self.submit(self._qa.accuracy, self._user_id, start, end,
                            self.cut.currentData(), on_done=self._set_rows)
        if not self._mine_only:
            self.submit(self._qa.samples, self._user_id, on_done=self._set_samples)

    def _set_rows(self, rows: tuple[AccuracyRow, ...]) -> None:
        fill_rows(self.table, [
            (row.group, str(row.audited), str(row.correct),
             "—" if row.accuracy is None else f"{row.accuracy:.1%}",
             "—" if row.low is None else f"{row.low:.1%} – {row.high:.1%}") for row in rows])

    def _set_samples(self, samples: tuple[SampleSummary, ...]) -> None:
        fill_rows(self.samples, [
            (f"{s.id} · {s.plan}",
             f"{labels.date_only(s.period_start)} – "
             f"{labels.date_only(s.period_end - timedelta(days=1))}",
             f"{s.audited} / {s.picked}",
             "—" if s.estimate is None else f"{s.estimate:.1%}",
             "—" if s.low is None else f"{s.low:.1%} – {s.high:.1%}") for s in samples])
