"""DecisionPanel: the decision form, validated inline before anything is submitted."""

from __future__ import annotations

import itertools
import uuid

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.domain import rules
from reviewer_app.domain.enums import Outcome
from reviewer_app.domain.models import DecisionDraft, FieldError, ReasonCode, ResponseTemplate
from reviewer_app.domain.rules import validate_decision
from reviewer_app.ui import labels
from reviewer_app.ui.decision.documents import RequestedDocumentsWidget
from reviewer_app.ui.decision.field_block import ERROR_STYLE, FieldBlock
from reviewer_app.ui.decision.outcome_choice import OutcomeChoice, visible_fields
from reviewer_app.ui.decision.template_text import compose_response, fill_placeholders
from reviewer_app.ui.decision.text_fields import ResponseEdit, text_edit


class DecisionPanel(QWidget):
    """The reviewer's decision on the open appeal; a pure view that emits intents.

    Signals:
        submit_requested(DecisionDraft): a complete draft passed ``validate_decision``.
        template_requested(Outcome, str): the outcome changed; the shell answers with
            ``set_template`` for that outcome in that language.
    """

    submit_requested = Signal(object)
    template_requested = Signal(object, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("DecisionPanel")
        self._appeal_id: int | None = None
        self._policy_code = ""
        self._language = "en"
        self._reason_codes: tuple[ReasonCode, ...] = ()
        self._sop_document_id: int | None = None
        self._placeholders: dict[str, str] = {}
        self._template: ResponseTemplate | None = None
        self._filled_body = ""  # what set_template last wrote, to tell user edits apart
        self._idempotency_key = ""

        content = QWidget(self)
        self.outcome_choice = OutcomeChoice(content)
        self.outcome_buttons = self.outcome_choice.buttons
        self.outcome_choice.outcome_changed.connect(self._on_outcome_choice_outcome_changed)
        self.outcome_choice.picked.connect(self._on_outcome_choice_picked)

        self.reason_combo = QComboBox(content)
        self.reason_combo.setMinimumContentsLength(16)
        self.reason_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.rationale_edit = text_edit(content, 70)
        self.what_changes_edit = text_edit(content, 50)
        self.escalation_edit = text_edit(content, 50)
        self.documents_widget = RequestedDocumentsWidget(content)
        self.response_edit = ResponseEdit(content, 110)
        self.response_edit.textChanged.connect(self._refresh_preview)
        self.preview_edit = QPlainTextEdit(content)
        self.preview_edit.setReadOnly(True)
        self.preview_edit.setMinimumHeight(110)
        # The preview is for reading; Tab skips it so the next stop is the submit button.
        self.preview_edit.setFocusPolicy(Qt.FocusPolicy.ClickFocus)

        self.blocks: dict[str, FieldBlock] = {
            "outcome": FieldBlock(self.tr("Outcome"), self.outcome_choice, content),
            "reason_code": FieldBlock(self.tr("&Reason code"), self.reason_combo, content),
            "rationale": FieldBlock(self.tr("Ra&tionale"), self.rationale_edit, content),
            "what_changes": FieldBlock(
                self.tr("&What changes (scope or duration)"), self.what_changes_edit, content
            ),
            "escalation_reason": FieldBlock(
                self.tr("&Escalation reason"), self.escalation_edit, content
            ),
            "requested_documents": FieldBlock(
                self.tr("Documents to &request"), self.documents_widget, content
            ),
            "response_text": FieldBlock(
                self.tr("Res&ponse to the appellant"), self.response_edit, content
            ),
            "preview": FieldBlock(
                self.tr("Preview (sent to the appellant)"), self.preview_edit, content
            ),
        }
        self._captions = {name: b.caption_label.text() for name, b in self.blocks.items()}
        self.hint_label = QLabel(self.tr("Choose an outcome: Alt+1 … Alt+6."), content)

        form = QVBoxLayout(content)
        form.addWidget(self.blocks["outcome"])
        form.addWidget(self.hint_label)
        for name, block in self.blocks.items():
            if name != "outcome":
                form.addWidget(block)
        form.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # Never scroll sideways: the panel asks for the width its widest row needs instead.
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._scroll = scroll
        self._content = content

        self.general_error_label = QLabel(self)
        self.general_error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.general_error_label.setWordWrap(True)
        self.general_error_label.setStyleSheet(ERROR_STYLE)
        self.general_error_label.setVisible(False)
        self.busy_label = QLabel(self.tr("Saving…"), self)
        self.busy_label.setVisible(False)
        self.submit_button = QPushButton(self.tr("Submit decision"), self)
        self.submit_button.setToolTip(self.tr("Submit and open the next case (Ctrl+Return)"))
        self.submit_button.clicked.connect(self.request_submit)
        bar = QHBoxLayout()
        bar.addWidget(self.busy_label)
        bar.addStretch(1)
        bar.addWidget(self.submit_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.general_error_label)
        layout.addLayout(bar)

        chain: list[QWidget] = [
            *self.outcome_buttons.values(), self.reason_combo, self.rationale_edit,
            self.what_changes_edit, self.escalation_edit, self.documents_widget.list,
            self.documents_widget.other_edit, self.response_edit, self.submit_button,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        self.clear()
        for block in self.blocks.values():
            block.setVisible(True)
        scrollbar = scroll.verticalScrollBar().sizeHint().width()
        frame = 2 * scroll.frameWidth()
        scroll.setMinimumWidth(content.minimumSizeHint().width() + scrollbar + frame)
        self._apply_outcome()

    # --- public API ---------------------------------------------------------------------

    def set_case(
        self,
        appeal_id: int,
        policy_code: str,
        language: str,
        reason_codes: tuple[ReasonCode, ...],
        sop_document_id: int | None,
        *,
        appeal_ref: str = "",
        appellant_name: str = "",
        policy_name: str = "",
    ) -> None:
        """Prepare the form for an appeal; the content is kept if it is the same appeal."""
        same_case = appeal_id == self._appeal_id
        self._appeal_id = appeal_id
        self._policy_code = policy_code
        self._language = language
        self._reason_codes = tuple(reason_codes)
        self._sop_document_id = sop_document_id
        self._placeholders = {
            "appeal_ref": appeal_ref,
            "appellant_name": appellant_name,
            "policy_name": policy_name,
            "policy_code": policy_code,
        }
        if not same_case:
            self._reset_fields()
            self._idempotency_key = uuid.uuid4().hex
        self._content.setEnabled(True)
        self.submit_button.setEnabled(True)
        self._apply_outcome()

    def set_sop_document_id(self, sop_document_id: int | None) -> None:
        """Record which SOP version the reviewer is applying (when it loads after the case)."""
        self._sop_document_id = sop_document_id

    def set_template(self, template: ResponseTemplate | None) -> None:
        """Prefill the response from ``template`` (unless the reviewer already edited it)."""
        self._template = template
        current = self.response_edit.toPlainText()
        if template is not None and (not current.strip() or current == self._filled_body):
            self._filled_body = fill_placeholders(template.body, self._placeholders)
            self.response_edit.setPlainText(self._filled_body)
        self._refresh_preview()

    def outcome(self) -> Outcome | None:
        """The chosen outcome, if any."""
        return self.outcome_choice.outcome()

    def set_outcome(self, outcome: Outcome | None) -> None:
        """Choose ``outcome`` (None clears the choice)."""
        self.outcome_choice.set_outcome(outcome)

    def draft(self) -> DecisionDraft | None:
        """The decision as currently filled in (only the chosen outcome's fields)."""
        if self._appeal_id is None:
            return None
        outcome = self.outcome()
        visible = visible_fields(outcome)
        reason = self.reason_combo.currentData() if "reason_code" in visible else None
        return DecisionDraft(
            appeal_id=self._appeal_id,
            outcome=outcome,
            reason_code=reason,
            rationale=self.rationale_edit.toPlainText().strip(),
            response_text=self._response_text() if "response_text" in visible else "",
            response_language=self._template.language if self._template else self._language,
            what_changes=(
                self.what_changes_edit.toPlainText().strip()
                if "what_changes" in visible else ""
            ),
            escalation_reason=(
                self.escalation_edit.toPlainText().strip()
                if "escalation_reason" in visible else ""
            ),
            requested_documents=(
                self.documents_widget.documents() if "requested_documents" in visible else ()
            ),
            sop_document_id=self._sop_document_id,
            idempotency_key=self._idempotency_key,
        )

    def request_submit(self) -> DecisionDraft | None:
        """Validate; show errors next to their fields, or emit ``submit_requested``.

        Returns:
            The emitted draft, or None when nothing was emitted.
        """
        draft = self.draft()
        if draft is None or not self.submit_button.isEnabled():
            return None
        errors = validate_decision(
            draft,
            allowed_reason_codes=frozenset(rc.code for rc in self._codes_for(draft.outcome)),
            redress_text=self._template.redress_text if self._template else None,
        )
        if errors:
            self.show_errors(errors)
            return None
        self.show_errors(())
        self.submit_requested.emit(draft)
        return draft

    def show_errors(self, errors: tuple[FieldError, ...] | list[FieldError]) -> None:
        """Show each error under its field and focus the first bad field; () clears them."""
        for block in self.blocks.values():
            block.set_error(None)
        general: list[str] = []
        first: FieldBlock | None = None
        by_field: dict[str, list[str]] = {}
        for error in errors:
            by_field.setdefault(error.field, []).append(labels.field_error(error.code))
        for name, block in self.blocks.items():
            if name in by_field and block.isVisibleTo(self):
                block.set_error(" ".join(by_field.pop(name)))
                first = first or block
        for messages in by_field.values():  # fields the form does not show right now
            general.extend(messages)
        self.general_error_label.setText("\n".join(general))
        self.general_error_label.setVisible(bool(general))
        if first is not None:
            self._focus_block(first)
        if any(e.code == rules.UNFILLED_PLACEHOLDER for e in errors):
            self.response_edit.select_placeholder()

    def field_error(self, field: str) -> str | None:
        """The message shown under ``field`` (a FieldError field name), if any."""
        return self.blocks[field].error()

    def set_busy(self, busy: bool) -> None:
        """Disable the form while the decision is being saved."""
        self._content.setEnabled(not busy and self._appeal_id is not None)
        self.submit_button.setEnabled(not busy and self._appeal_id is not None)
        self.busy_label.setVisible(busy)

    def clear(self) -> None:
        """Empty the form and forget the case (call after a successful submit)."""
        self._appeal_id = None
        self._reason_codes = ()
        self._sop_document_id = None
        self._idempotency_key = ""
        self._reset_fields()
        self._content.setEnabled(False)
        self.submit_button.setEnabled(False)
        self.busy_label.setVisible(False)

    def focus_outcome(self) -> None:
        """Put keyboard focus on the outcome choice."""
        self.outcome_choice.focus_choice()

    # --- internals ----------------------------------------------------------------------

    def _reset_fields(self) -> None:
        self._template = None
        self._filled_body = ""
        self.set_outcome(None)
        self._apply_outcome()
        for edit in (self.rationale_edit, self.what_changes_edit, self.escalation_edit,
                     self.response_edit):
            edit.clear()
        self.documents_widget.clear()
        self.show_errors(())

    def _codes_for(self, outcome: Outcome | None) -> tuple[ReasonCode, ...]:
        return tuple(
            rc for rc in self._reason_codes
            if rc.outcome is outcome and rc.policy_code in (None, self._policy_code)
        )

    def _response_text(self) -> str:
        redress = self._template.redress_text if self._template else ""
        return compose_response(self.response_edit.toPlainText(), redress)

    def _refresh_preview(self) -> None:
        self.preview_edit.setPlainText(self._response_text())

    def _apply_outcome(self) -> None:
        outcome = self.outcome()
        visible = visible_fields(outcome)
        codes = self._codes_for(outcome)
        previous = self.reason_combo.currentData()
        self.reason_combo.clear()
        for rc in codes:
            self.reason_combo.addItem(f"{rc.code} — {rc.label}", rc.code)
        self.reason_combo.setPlaceholderText(
            self.tr("Choose a reason code") if codes else self.tr("No reason codes apply")
        )
        self.reason_combo.setCurrentIndex(self.reason_combo.findData(previous))
        self.reason_combo.setEnabled(bool(codes))
        if outcome is Outcome.ESCALATE and not codes:
            visible = visible - {"reason_code"}
        required = self._required_fields(outcome)
        for name, block in self.blocks.items():
            block.setVisible(name == "outcome" or name in visible)
            mark = " *" if name in required else ""
            block.caption_label.setText(self._captions[name] + mark)
        self.blocks["response_text"].caption_label.setText(
            self.tr("Res&ponse to the appellant (%1)").replace("%1", self._language)
            + (" *" if "response_text" in required else "")
        )
        self.hint_label.setVisible(outcome is None)

    def _required_fields(self, outcome: Outcome | None) -> frozenset[str]:
        # Ask the rules what an empty draft lacks, so the form never disagrees with them.
        if outcome is None or self._appeal_id is None:
            return frozenset()
        empty = DecisionDraft(appeal_id=self._appeal_id, outcome=outcome)
        errors = validate_decision(empty, allowed_reason_codes=frozenset(), redress_text=None)
        return frozenset(e.field for e in errors if e.code == "required")

    def _focus_block(self, block: FieldBlock) -> None:
        if block is self.blocks["outcome"]:
            self.focus_outcome()
        elif block is self.blocks["requested_documents"]:
            self.documents_widget.list.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            block.field.setFocus(Qt.FocusReason.OtherFocusReason)

    def _first_input(self) -> QWidget | None:
        for name in ("reason_code", "escalation_reason", "requested_documents", "rationale"):
            block = self.blocks[name]
            if block.isVisibleTo(self) and block.field.isEnabled():
                return block.field
        return None

    def _on_outcome_choice_outcome_changed(self, outcome: Outcome | None) -> None:
        self._apply_outcome()
        if outcome is not None and self._appeal_id is not None:
            self.template_requested.emit(outcome, self._language)

    def _on_outcome_choice_picked(self) -> None:
        # After picking an outcome (Alt+n or click) the next thing to fill gets the focus.
        target = self._first_input()
        if target is not None:
            target.setFocus(Qt.FocusReason.OtherFocusReason)
