"""Evaluations: a reviewer reads and disputes their own; QA and leads read all, leads resolve."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.domain.clock import Clock, utc_now
from reviewer_app.domain.enums import Outcome
from reviewer_app.domain.qa_models import DisputeResolution, Evaluation, EvaluationStatus
from reviewer_app.services.qa import QaService
from reviewer_app.ui import labels
from reviewer_app.ui.case.widgets import plain_label
from reviewer_app.ui.qa import qa_labels
from reviewer_app.ui.qa.qa_tab import QaTab
from reviewer_app.ui.qa.tables import fill_rows, read_only_table
from reviewer_app.workers.runner import Runner


class EvaluationsPanel(QaTab):
    """A list of evaluations and the selected one's scorecard, history and actions.

    ``mine_only``: the signed-in reviewer's own published evaluations (dispute allowed);
    otherwise everyone's (QA, leads); ``can_resolve`` adds the lead's resolution form.

    Signals:
        message(str, str): text and kind for the window's banner.
    """


    def __init__(self, runner: Runner, qa: QaService, user_id: int, *, mine_only: bool,
                 can_resolve: bool, clock: Clock = utc_now,
                 parent: QWidget | None = None) -> None:
        super().__init__(runner, parent)
        self.setObjectName("evaluationsPanel")
        self._qa, self._user_id = qa, user_id
        self._mine_only, self._can_resolve, self._clock = mine_only, can_resolve, clock
        self._evaluations: list[Evaluation] = []
        self.current: Evaluation | None = None
        self.dispute_boxes: dict[int, tuple[QCheckBox, QLineEdit]] = {}
        self.answers: dict[int, tuple[QComboBox, QLineEdit]] = {}

        self.table = read_only_table('evaluationList', [
            self.tr("Appeal"), self.tr("Status"), self.tr("Score"), self.tr("Error"),
            self.tr("Published"), self.tr("Dispute until")], rows_selectable=True)
        self.detail = QPlainTextEdit()
        self.detail.setObjectName("evaluationDetail")
        self.detail.setReadOnly(True)
        self.action_box = QGroupBox()
        self.action_grid = QGridLayout(self.action_box)
        self.action_button = QPushButton()
        self.action_button.setObjectName("evaluationAction")
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.detail, 1)
        right_layout.addWidget(self.action_box)
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(right)
        splitter.setSizes([560, 760])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.table.currentCellChanged.connect(self._on_table_current_cell_changed)
        self.action_button.clicked.connect(self._on_action_button_clicked)
        self._show(None)

    def reload(self) -> None:
        """Read the evaluations again (keeps the selection on the same one)."""
        if self._mine_only:
            self.submit(self._qa.my_evaluations, self._user_id,
                                on_done=self._set_evaluations)
        else:
            self.submit(self._qa.evaluations, self._user_id,
                                on_done=self._set_evaluations)

    def _set_evaluations(self, evaluations: tuple[Evaluation, ...]) -> None:
        keep = None if self.current is None else self.current.id
        self._evaluations = list(evaluations)
        fill_rows(self.table, [
            (ev.appeal_ref, qa_labels.evaluation_status(ev.status),
             "—" if ev.score is None else f"{ev.score:g}", qa_labels.error_type(ev.error_type),
             "—" if ev.published_at is None else labels.date_time(ev.published_at),
             "—" if ev.dispute_until is None else labels.date_time(ev.dispute_until))
            for ev in evaluations])
        ids = [e.id for e in evaluations]
        if evaluations:
            row = ids.index(keep) if keep in ids else 0
            # The same row stays current after a change: load its detail explicitly
            # (currentCellChanged would not fire), and only once when the row does move.
            self.table.blockSignals(True)
            self.table.setCurrentCell(row, 0)
            self.table.blockSignals(False)
            self._on_table_current_cell_changed(row)
        else:
            self._show(None)

    def _on_table_current_cell_changed(self, row: int, *_: int) -> None:
        if 0 <= row < len(self._evaluations):
            self.submit(self._qa.history, self._user_id, self._evaluations[row].id,
                                on_done=lambda h, ev=self._evaluations[row]: self._show(ev, h))

    # -- detail ------------------------------------------------------------------------------
    def _show(self, ev: Evaluation | None, history: tuple = ()) -> None:
        self.current = ev
        self._clear_actions()
        if ev is None:
            self.detail.setPlainText(self.tr("No evaluation to show."))
            self.action_box.hide()
            return
        lines = [self.tr("{ref} · {status} · score {score}").format(
            ref=ev.appeal_ref, status=qa_labels.evaluation_status(ev.status),
            score="—" if ev.score is None else f"{ev.score:g} / 100")]
        if ev.blind_outcome:
            lines.append(self.tr("QA's own decision: {outcome} · {reason}").format(
                outcome=labels.outcome(Outcome(ev.blind_outcome)),
                reason=ev.blind_reason_code or "—"))
        for cs in ev.scores:
            line = f"• {cs.criterion.label}: {qa_labels.score_level(cs.score)}"
            if cs.note:
                line += f" — {cs.note}"
            if cs.dispute_reason is not None:
                line += self.tr("\n    disputed: {reason} → {answer}").format(
                    reason=cs.dispute_reason,
                    answer=qa_labels.dispute_resolution(cs.dispute_resolution))
            lines.append(line)
        lines.append(self.tr("Error type: {error}").format(
            error=qa_labels.error_type(ev.error_type)))
        if ev.comment:
            lines.append(self.tr("Feedback: {text}").format(text=ev.comment))
        if ev.resolution is not None:
            lines.append(self.tr("Dispute outcome: {r}").format(
                r=qa_labels.evaluation_resolution(ev.resolution)))
        lines.append("")
        lines.append(self.tr("History:"))
        lines.extend(f"  {labels.date_time(at)} · {qa_labels.qa_event(kind)} · {who or '—'}"
                     + (f" · {comment}" if comment else "")
                     for at, kind, who, comment in history)
        self.detail.setPlainText("\n".join(lines))
        if self._mine_only and self._may_dispute(ev):
            self._build_dispute_form(ev)
        elif self._can_resolve and ev.status is EvaluationStatus.DISPUTED:
            self._build_resolve_form(ev)
        else:
            self.action_box.hide()

    def _may_dispute(self, ev: Evaluation) -> bool:
        return (ev.status is EvaluationStatus.PUBLISHED and ev.dispute_until is not None
                and self._clock() <= ev.dispute_until)

    def _clear_actions(self) -> None:
        while self.action_grid.count():
            item = self.action_grid.takeAt(0)
            if item.widget() is not None and item.widget() is not self.action_button:
                item.widget().deleteLater()
        self.dispute_boxes.clear()
        self.answers.clear()

    def _build_dispute_form(self, ev: Evaluation) -> None:
        self.action_box.setTitle(self.tr("Dispute this evaluation (until {when})").format(
            when=labels.date_time(ev.dispute_until)))  # type: ignore[arg-type]
        for row, cs in enumerate(ev.scores):
            box = QCheckBox(cs.criterion.label)
            box.setObjectName(f"dispute_{cs.criterion.code}")
            reason = QLineEdit()
            reason.setObjectName(f"disputeReason_{cs.criterion.code}")
            reason.setPlaceholderText(self.tr("Why the score is wrong"))
            reason.textEdited.connect(lambda _t, b=box: b.setChecked(True))
            self.action_grid.addWidget(box, row, 0)
            self.action_grid.addWidget(reason, row, 1)
            self.dispute_boxes[cs.criterion.id] = (box, reason)
        self.action_button.setText(self.tr("Send &dispute"))
        self.action_grid.addWidget(self.action_button, len(ev.scores), 1)
        self.action_box.show()

    def _build_resolve_form(self, ev: Evaluation) -> None:
        self.action_box.setTitle(self.tr("Resolve the dispute"))
        row = 0
        for cs in ev.scores:
            if cs.dispute_reason is None:
                continue
            answer = QComboBox()
            answer.setObjectName(f"answer_{cs.criterion.code}")
            for value in DisputeResolution:
                answer.addItem(qa_labels.dispute_resolution(value), value.value)
            note = QLineEdit()
            note.setObjectName(f"answerNote_{cs.criterion.code}")
            note.setPlaceholderText(self.tr("Your answer to the reviewer"))
            # The reviewer's words, shown literally (never as rich text or links).
            self.action_grid.addWidget(
                plain_label(f"{cs.criterion.label}: {cs.dispute_reason}", wrap=True), row, 0)
            self.action_grid.addWidget(answer, row, 1)
            self.action_grid.addWidget(note, row, 2)
            self.answers[cs.criterion.id] = (answer, note)
            row += 1
        self.action_button.setText(self.tr("&Resolve"))
        self.action_grid.addWidget(self.action_button, row, 2)
        self.action_box.show()

    # -- actions -----------------------------------------------------------------------------
    def _on_action_button_clicked(self) -> None:
        ev = self.current
        if ev is None:
            return
        if self.dispute_boxes:
            reasons = {cid: reason.text() for cid, (box, reason) in self.dispute_boxes.items()
                       if box.isChecked()}
            self.submit(self._qa.dispute, self._user_id, ev.id, ev.version, reasons,
                                write=True, on_done=self._on_changed)
        elif self.answers:
            answers = {cid: (DisputeResolution(combo.currentData()), note.text().strip())
                       for cid, (combo, note) in self.answers.items()}
            self.submit(self._qa.resolve, self._user_id, ev.id, ev.version, answers,
                                write=True, on_done=self._on_changed)

    def _on_changed(self, ev: Evaluation) -> None:
        self.message.emit(self.tr("Evaluation of {ref} is now {status}.").format(
            ref=ev.appeal_ref, status=qa_labels.evaluation_status(ev.status)), "info")
        self.current = ev
        self.reload()

