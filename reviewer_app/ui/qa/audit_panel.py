"""Blind re-review: pick a sampled case, decide it without seeing the original, then score.

The original outcome, reason, rationale and reviewer reach this panel only in the
``Reveal`` the service returns after the blind decision is stored.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.domain.enums import EnforcementAction, Outcome
from reviewer_app.domain.qa_models import BlindCase, Evaluation, SampleItem
from reviewer_app.domain.scorecard import suggested_error
from reviewer_app.services.qa import QaService, Reveal
from reviewer_app.ui import labels
from reviewer_app.ui.qa.qa_tab import QaTab
from reviewer_app.ui.qa.scorecard_form import ScorecardForm
from reviewer_app.ui.qa.tables import fill_rows, read_only_table
from reviewer_app.workers.runner import Runner

FINAL = (Outcome.UPHOLD, Outcome.OVERTURN, Outcome.PARTIAL, Outcome.REJECT_INADMISSIBLE,
         Outcome.ESCALATE, Outcome.REQUEST_INFO)


class AuditPanel(QaTab):
    """The QA queue and the blind re-review of the selected case.

    Signals:
        message(str, str): text and kind for the window's banner.
        published(): an evaluation was published (other tabs reload).
    """

    published = Signal()

    def __init__(self, runner: Runner, qa: QaService, user_id: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(runner, parent)
        self.setObjectName("auditPanel")
        self._qa, self._user_id = qa, user_id
        self._items: list[SampleItem] = []
        self._case: BlindCase | None = None
        self.reveal: Reveal | None = None

        self.table = read_only_table('auditQueue', [
            self.tr("Appeal"), self.tr("Policy"), self.tr("Language"), self.tr("Decided"),
            self.tr("Sampled as")], rows_selectable=True)
        self.count_label = QLabel()

        self.case_view = QPlainTextEdit()
        self.case_view.setObjectName("blindCase")
        self.case_view.setReadOnly(True)
        self.outcome = QComboBox()
        self.outcome.setObjectName("blindOutcome")
        for o in FINAL:
            self.outcome.addItem(labels.outcome(o), o.value)
        self.reason = QLineEdit()
        self.reason.setObjectName("blindReason")
        self.reason.setPlaceholderText(self.tr("e.g. UPH-DOCS-INVALID"))
        self.notes = QLineEdit()
        self.notes.setObjectName("blindNotes")
        self.record_button = QPushButton(self.tr("&Record my decision and reveal (Ctrl+Return)"))
        self.record_button.setObjectName("recordBlind")
        blind_form = QFormLayout()
        blind_form.addRow(self.tr("&Your outcome:"), self.outcome)
        blind_form.addRow(self.tr("Your &reason code:"), self.reason)
        blind_form.addRow(self.tr("&Notes:"), self.notes)
        blind_box = QGroupBox(self.tr("1 · Decide the case yourself (the original is hidden)"))
        blind_layout = QVBoxLayout(blind_box)
        blind_layout.addWidget(self.case_view, 1)
        blind_layout.addLayout(blind_form)
        blind_layout.addWidget(self.record_button)

        # Plain text (appellant and reviewer text is never rich text) in a scrolling box:
        # a full response is long and must not push the scorecard off the screen.
        self.comparison = QPlainTextEdit()
        self.comparison.setObjectName("comparison")
        self.comparison.setReadOnly(True)
        self.comparison.setMinimumHeight(90)
        self.scorecard = ScorecardForm()
        self.save_button = QPushButton(self.tr("&Save draft"))
        self.publish_button = QPushButton(self.tr("&Publish (Ctrl+Shift+P)"))
        self.publish_button.setObjectName("publishEvaluation")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.publish_button)
        self.reveal_box = QGroupBox(self.tr("2 · Compare and score"))
        reveal_layout = QVBoxLayout(self.reveal_box)
        reveal_layout.addWidget(self.comparison, 1)
        reveal_layout.addWidget(self.scorecard)
        reveal_layout.addLayout(buttons)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.count_label)
        left_layout.addWidget(self.table, 1)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(blind_box)
        right.addWidget(self.reveal_box)
        right.setSizes([380, 480])
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([540, 860])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.table.currentCellChanged.connect(self._on_table_current_cell_changed)
        self.record_button.clicked.connect(self.record_blind)
        self.save_button.clicked.connect(lambda: self.save(publish=False))
        self.publish_button.clicked.connect(lambda: self.save(publish=True))
        for key, slot in (("Ctrl+Return", self.record_blind), ("Ctrl+Enter", self.record_blind),
                          ("Ctrl+Shift+P", lambda: self.save(publish=True))):
            # autoRepeat off: a held key records or publishes once, not again and again.
            QShortcut(QKeySequence(key), self, slot,
                      context=Qt.ShortcutContext.WidgetWithChildrenShortcut, autoRepeat=False)
        self._show_case(None)

    # -- loading ---------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the QA queue again."""
        self.submit(self._qa.qa_queue, self._user_id, on_done=self._set_items)

    def _set_items(self, items: tuple[SampleItem, ...]) -> None:
        self._items = list(items)
        fill_rows(self.table, [
            (i.appeal_ref, i.policy_code, i.language, labels.date_time(i.decided_at),
             i.risk_reason or i.stratum) for i in items])
        self.count_label.setText(self.tr("%n sampled case(s) to audit", "", len(items)))
        if items:
            # Row 0 may already be current (a published case just left it): load the case
            # explicitly, since currentCellChanged fires only when the row moves.
            self.table.blockSignals(True)
            self.table.setCurrentCell(0, 0)
            self.table.blockSignals(False)
            self._on_table_current_cell_changed(0)
            self.table.setFocus()
        else:
            self._show_case(None)

    def _on_table_current_cell_changed(self, row: int, *_: int) -> None:
        if not 0 <= row < len(self._items):
            return
        self.submit(self._qa.open_audit, self._user_id, self._items[row].id,
                            on_done=self._show_audit)

    def _show_audit(self, opened: tuple[BlindCase, Reveal | None]) -> None:
        case, reveal = opened
        self._show_case(case)
        if reveal is not None:  # started earlier: straight to the comparison
            self._show_reveal(reveal)

    def _show_case(self, case: BlindCase | None) -> None:
        self._case = case
        self.reveal = None
        self.reveal_box.setEnabled(False)
        self.scorecard.clear()
        self.comparison.setPlainText(
            self.tr("The original decision appears here after yours."))
        enabled = case is not None
        for w in (self.outcome, self.reason, self.notes, self.record_button):
            w.setEnabled(enabled)
        if case is None:
            self.case_view.setPlainText(self.tr("Choose a sampled case on the left."))
            return
        self.reason.clear()
        self.notes.clear()
        self.case_view.setPlainText(self.tr(
            "{ref} · round {round} · {policy} · {market} · {language}\n"
            "Enforcement: {action}\nFacts: {facts}\n\nAppellant's statement:\n{statement}"
        ).format(ref=case.appeal_ref, round=case.round, policy=case.policy_code,
                 market=case.market, language=case.language,
                 action=labels.enforcement_action(EnforcementAction(case.enforcement_action)),
                 facts=case.enforcement_facts, statement=case.statement))

    # -- blind decision and reveal -----------------------------------------------------------
    def record_blind(self) -> None:
        """Store the auditor's own decision, then show the original beside it."""
        if self._case is None or self.reveal is not None:
            return
        self.record_button.setEnabled(False)
        self.submit(
            self._qa.decide_blind, self._user_id, self._case.item_id,
            Outcome(self.outcome.currentData()), self.reason.text().strip() or None,
            self.notes.text().strip(), write=True, on_done=self._show_reveal,
            on_finally=self._after_record)

    def _after_record(self) -> None:
        if self.reveal is None and self._case is not None:  # refused: try again
            self.record_button.setEnabled(True)

    def _show_reveal(self, reveal: Reveal) -> None:
        self.reveal = reveal
        for w in (self.outcome, self.reason, self.notes, self.record_button):
            w.setEnabled(False)
        o = reveal.original
        self.comparison.setPlainText(self.tr(
            "Yours: {mine} · {my_reason}\n"
            "Original by {who} on {when}: {theirs} · {their_reason}\n"
            "Rationale: {rationale}\nResponse: {response}").format(
            mine=labels.outcome(reveal.blind_outcome), my_reason=reveal.blind_reason_code or "—",
            who=o.reviewer_name, when=labels.date_time(o.decided_at),
            theirs=labels.outcome(o.outcome), their_reason=o.reason_code or "—",
            rationale=o.rationale or "—", response=o.response_text or "—"))
        error = suggested_error(o.outcome.value, reveal.blind_outcome.value, o.reason_code,
                                reveal.blind_reason_code)
        self.scorecard.set_scorecard(reveal.scorecard, error)
        # Start from what the comparison shows; the auditor adjusts.
        self.scorecard.set_level("outcome", 1.0 if o.outcome == reveal.blind_outcome else 0.0)
        if reveal.blind_reason_code:
            self.scorecard.set_level("reason",
                                     1.0 if o.reason_code == reveal.blind_reason_code else 0.0)
        self.reveal_box.setEnabled(True)
        self.scorecard.setFocus()

    # -- scoring and publishing ----------------------------------------------------------
    def save(self, *, publish: bool) -> None:
        """Store the scorecard (and publish it) for the revealed case."""
        reveal = self.reveal
        if reveal is None:
            return
        self.publish_button.setEnabled(False)
        self.save_button.setEnabled(False)
        scores, notes = self.scorecard.scores(), self.scorecard.note_texts()
        error, comment = self.scorecard.chosen_error(), self.scorecard.comment.toPlainText()
        qa, uid = self._qa, self._user_id

        def work() -> Evaluation:
            ev = qa.score(uid, reveal.evaluation_id, reveal.version, scores, notes=notes,
                          error_type=error, comment=comment)
            return qa.publish(uid, ev.id, ev.version) if publish else ev

        self.submit(work, write=True, on_done=self._on_saved, on_finally=self._enable_save)

    def _enable_save(self) -> None:
        self.publish_button.setEnabled(True)
        self.save_button.setEnabled(True)

    def _on_saved(self, ev: Evaluation) -> None:
        if self.reveal is not None:
            self.reveal = Reveal(ev.id, ev.version, self.reveal.blind_outcome,
                                 self.reveal.blind_reason_code, self.reveal.original,
                                 self.reveal.scorecard)
        if ev.status.value == "published":
            self.message.emit(self.tr("Evaluation of {ref} published: {score:g} / 100. The "
                                      "reviewer can dispute it for 48 hours.").format(
                ref=ev.appeal_ref, score=ev.score or 0), "info")
            self.published.emit()
            self.reload()
        else:
            self.message.emit(self.tr("Draft saved: {score:g} / 100.").format(
                score=ev.score or 0), "info")

