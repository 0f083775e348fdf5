"""DecisionPanel: keyboard-only decisions, inline validation, templates and preview."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reviewer_app.domain.enums import Outcome
from reviewer_app.domain.models import DecisionDraft, FieldError
from reviewer_app.ui.decision import DecisionPanel


@pytest.fixture
def panel(qtbot, reason_codes, make_template):
    """An active DecisionPanel on appeal 42 whose templates come back like the shell's."""
    widget = DecisionPanel()
    qtbot.addWidget(widget)
    widget.resize(520, 900)
    with qtbot.waitActive(widget):
        widget.show()
        widget.activateWindow()
    widget.template_requested.connect(
        lambda outcome, language: widget.set_template(make_template(outcome, language))
    )
    widget.set_case(
        42, "IP_COUNTERFEIT", "zh", reason_codes, 11,
        appeal_ref="APL-000042", appellant_name="星光贸易",
    )
    return widget


def _pick(qtbot, panel: DecisionPanel, n: int, outcome: Outcome) -> None:
    qtbot.keyClick(QApplication.focusWidget() or panel, Qt.Key(Qt.Key.Key_0 + n),
                   Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: panel.outcome() is outcome, timeout=2000)


def _combo_codes(panel: DecisionPanel) -> list[str]:
    return [panel.reason_combo.itemData(i) for i in range(panel.reason_combo.count())]


def test_alt_n_picks_outcome_and_filters_reason_codes(qtbot, panel):
    assert panel.outcome() is None
    with qtbot.waitSignal(panel.template_requested) as requested:
        _pick(qtbot, panel, 1, Outcome.UPHOLD)
    assert requested.args == [Outcome.UPHOLD, "zh"]
    # General codes plus this policy's, never another policy's or another outcome's.
    assert _combo_codes(panel) == [
        "UPH-INSUFFICIENT-EVIDENCE", "UPH-REPEAT-VIOLATION", "UPH-IP-BRAND",
    ]
    qtbot.waitUntil(lambda: panel.reason_combo.hasFocus(), timeout=2000)

    _pick(qtbot, panel, 2, Outcome.OVERTURN)
    assert _combo_codes(panel) == ["OVR-NEW-EVIDENCE", "OVR-AUTOMATION-FP"]
    _pick(qtbot, panel, 6, Outcome.REJECT_INADMISSIBLE)
    assert _combo_codes(panel) == ["REJ-OUT-OF-WINDOW"]
    # The mnemonic is visible on every outcome button.
    assert [b.text()[:2] for b in panel.outcome_buttons.values()] == [
        "&1", "&2", "&3", "&4", "&5", "&6",
    ]


def test_required_fields_show_errors_next_to_fields_and_emit_nothing(qtbot, panel):
    with qtbot.assertNotEmitted(panel.submit_requested):
        assert panel.request_submit() is None
    assert panel.field_error("outcome") == "This field is required."

    _pick(qtbot, panel, 1, Outcome.UPHOLD)
    panel.response_edit.clear()
    with qtbot.assertNotEmitted(panel.submit_requested):
        assert panel.request_submit() is None
    assert panel.field_error("outcome") is None
    assert panel.field_error("reason_code") == "This field is required."
    assert panel.field_error("rationale") == "This field is required."
    assert panel.field_error("response_text") == "This field is required."
    # The message sits in the reason field's own block, right under the combo box.
    block = panel.blocks["reason_code"]
    assert block.error_label.isVisible()
    assert block.error_label.geometry().top() >= block.field.geometry().bottom()
    assert panel.reason_combo.hasFocus()  # the first bad field gets the focus

    # Fixing one field and resubmitting clears its message only.
    panel.reason_combo.setCurrentIndex(0)
    panel.request_submit()
    assert panel.field_error("reason_code") is None
    assert panel.field_error("rationale") == "This field is required."
    assert panel.rationale_edit.hasFocus()


def test_complete_form_by_keyboard_emits_full_draft(qtbot, panel):
    _pick(qtbot, panel, 1, Outcome.UPHOLD)
    combo = panel.reason_combo
    qtbot.waitUntil(combo.hasFocus, timeout=2000)
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentData() == "UPH-REPEAT-VIOLATION"
    qtbot.keyClick(combo, Qt.Key.Key_Tab)
    assert panel.rationale_edit.hasFocus()
    qtbot.keyClicks(panel.rationale_edit, "Third strike in 90 days.")
    qtbot.keyClick(panel.rationale_edit, Qt.Key.Key_Tab)  # Tab leaves, it is not typed
    assert panel.rationale_edit.toPlainText() == "Third strike in 90 days."
    assert panel.response_edit.hasFocus()
    qtbot.keyClick(panel.response_edit, Qt.Key.Key_Tab)
    assert panel.submit_button.hasFocus()

    with qtbot.waitSignal(panel.submit_requested) as submitted:
        qtbot.keyClick(panel.submit_button, Qt.Key.Key_Space)
    draft = submitted.args[0]
    assert isinstance(draft, DecisionDraft)
    assert draft.appeal_id == 42
    assert draft.outcome is Outcome.UPHOLD
    assert draft.reason_code == "UPH-REPEAT-VIOLATION"
    assert draft.rationale == "Third strike in 90 days."
    assert draft.response_text.startswith("您好 星光贸易，关于申诉 APL-000042：")
    assert draft.response_text.endswith("您可以在 6 个月内向争议解决机构提出申诉。")
    assert draft.response_language == "zh"
    assert draft.sop_document_id == 11
    assert draft.what_changes == ""
    assert draft.escalation_reason == ""
    assert draft.requested_documents == ()
    assert draft.idempotency_key


def test_unfilled_template_slot_is_refused_next_to_the_response(qtbot, panel, make_template):
    _pick(qtbot, panel, 1, Outcome.UPHOLD)
    template = make_template(Outcome.UPHOLD, "zh", body="您好 {appeal_ref}。原因：{details}")
    panel.set_template(template)
    combo = panel.reason_combo
    qtbot.waitUntil(combo.hasFocus, timeout=2000)
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    qtbot.keyClick(combo, Qt.Key.Key_Tab)
    qtbot.keyClicks(panel.rationale_edit, "Repeat violation.")
    with qtbot.assertNotEmitted(panel.submit_requested):
        panel.request_submit()
    assert "{details}" in (panel.blocks["response_text"].error() or "")
    assert panel.response_edit.hasFocus()
    # The slot is selected, so the reviewer just types the details over it.
    assert panel.response_edit.textCursor().selectedText() == "{details}"
    # (QTest cannot type CJK characters: it aborts on keys it cannot map, so ASCII here.)
    qtbot.keyClicks(panel.response_edit, "Counterfeit confirmed by the brand owner.")
    assert "{details}" not in panel.response_edit.toPlainText()
    assert panel.blocks["response_text"].error() is None  # editing clears the old message
    with qtbot.waitSignal(panel.submit_requested) as submitted:
        panel.request_submit()
    assert "Counterfeit confirmed by the brand owner." in submitted.args[0].response_text


def test_fields_shown_depend_on_outcome(qtbot, panel):
    def shown() -> set[str]:
        return {n for n, b in panel.blocks.items() if b.isVisible() and n != "outcome"}

    assert shown() == set()
    assert panel.hint_label.isVisible()
    expected = {
        (1, Outcome.UPHOLD): {"reason_code", "rationale", "response_text", "preview"},
        (3, Outcome.PARTIAL): {
            "reason_code", "rationale", "what_changes", "response_text", "preview",
        },
        (4, Outcome.ESCALATE): {"reason_code", "escalation_reason", "rationale"},
        (5, Outcome.REQUEST_INFO): {
            "requested_documents", "rationale", "response_text", "preview",
        },
    }
    for (n, outcome), fields in expected.items():
        _pick(qtbot, panel, n, outcome)
        assert shown() == fields, outcome
    assert not panel.hint_label.isVisible()


def test_hidden_fields_are_not_submitted_and_partial_needs_what_changes(qtbot, panel):
    _pick(qtbot, panel, 4, Outcome.ESCALATE)
    qtbot.keyClicks(panel.escalation_edit, "Trademark dispute needs legal.")
    _pick(qtbot, panel, 3, Outcome.PARTIAL)
    panel.reason_combo.setCurrentIndex(0)
    with qtbot.assertNotEmitted(panel.submit_requested):
        panel.request_submit()
    assert panel.field_error("what_changes") == "This field is required."
    assert panel.what_changes_edit.hasFocus()
    qtbot.keyClicks(panel.what_changes_edit, "Restriction shortened to 7 days.")
    with qtbot.waitSignal(panel.submit_requested) as submitted:
        panel.request_submit()
    draft = submitted.args[0]
    assert draft.outcome is Outcome.PARTIAL
    assert draft.reason_code == "PAR-SCOPE"
    assert draft.what_changes == "Restriction shortened to 7 days."
    assert draft.escalation_reason == ""  # typed under escalate, hidden now, not sent


def test_request_info_sends_checked_documents_and_free_text(qtbot, panel):
    _pick(qtbot, panel, 5, Outcome.REQUEST_INFO)
    with qtbot.assertNotEmitted(panel.submit_requested):
        panel.request_submit()
    assert panel.field_error("requested_documents") == "This field is required."
    docs = panel.documents_widget
    assert docs.list.hasFocus()
    docs.list.setCurrentRow(0)
    qtbot.keyClick(docs.list, Qt.Key.Key_Space)
    qtbot.keyClick(docs.list, Qt.Key.Key_Tab)
    assert docs.other_edit.hasFocus()
    qtbot.keyClicks(docs.other_edit, "Customs declaration")
    with qtbot.waitSignal(panel.submit_requested) as submitted:
        panel.request_submit()
    assert submitted.args[0].requested_documents == ("supplier_invoice", "Customs declaration")


def test_template_fills_response_and_preview_has_redress(qtbot, panel, make_template):
    _pick(qtbot, panel, 2, Outcome.OVERTURN)
    panel.set_template(make_template(
        Outcome.OVERTURN, "zh", body="您好 {appellant_name}，关于申诉 {appeal_ref}：{unknown}"
    ))
    body = panel.response_edit.toPlainText()
    assert body == "您好 星光贸易，关于申诉 APL-000042：{unknown}"
    preview = panel.preview_edit.toPlainText()
    assert preview.startswith(body)
    assert preview.endswith("\n\n您可以在 6 个月内向争议解决机构提出申诉。")
    assert panel.preview_edit.isReadOnly() is not False

    # A reviewer's own wording survives a later template for another outcome.
    panel.response_edit.setPlainText("My own words.")
    panel.set_template(make_template(Outcome.UPHOLD, "zh"))
    assert panel.response_edit.toPlainText() == "My own words."
    assert "My own words.\n\n您可以" in panel.preview_edit.toPlainText()


def test_content_kept_after_server_errors_and_busy(qtbot, panel):
    _pick(qtbot, panel, 1, Outcome.UPHOLD)
    panel.reason_combo.setCurrentIndex(1)
    qtbot.keyClicks(panel.rationale_edit, "Evidence insufficient.")
    with qtbot.waitSignal(panel.submit_requested) as submitted:
        panel.request_submit()
    first_key = submitted.args[0].idempotency_key

    panel.set_busy(True)
    assert not panel.submit_button.isEnabled()
    with qtbot.assertNotEmitted(panel.submit_requested):
        panel.request_submit()
    panel.set_busy(False)

    panel.show_errors((FieldError("rationale", "required"), FieldError("x", "lease_lost")))
    assert panel.field_error("rationale") == "This field is required."
    assert panel.general_error_label.isVisible()
    assert panel.rationale_edit.toPlainText() == "Evidence insufficient."
    assert panel.outcome() is Outcome.UPHOLD
    assert panel.reason_combo.currentData() == "UPH-REPEAT-VIOLATION"

    # The shell may re-set the same case (e.g. after a lease renewal): content stays.
    panel.set_case(42, "IP_COUNTERFEIT", "zh", panel._reason_codes, 11)
    assert panel.rationale_edit.toPlainText() == "Evidence insufficient."
    with qtbot.waitSignal(panel.submit_requested) as again:
        panel.request_submit()
    assert again.args[0].idempotency_key == first_key  # a retry is the same decision

    panel.clear()
    assert panel.outcome() is None
    assert panel.rationale_edit.toPlainText() == ""
    assert not panel.submit_button.isEnabled()


def test_new_case_starts_a_fresh_form(qtbot, panel, reason_codes):
    _pick(qtbot, panel, 1, Outcome.UPHOLD)
    qtbot.keyClicks(panel.rationale_edit, "old")
    panel.set_case(43, "UNSAFE_PRODUCT", "en", reason_codes, 12)
    assert panel.outcome() is None
    assert panel.rationale_edit.toPlainText() == ""
    _pick(qtbot, panel, 1, Outcome.UPHOLD)
    assert "UPH-UNSAFE-ONLY" in _combo_codes(panel)
    assert "UPH-IP-BRAND" not in _combo_codes(panel)


def test_alt_n_works_while_typing_in_a_text_field(qtbot, panel):
    _pick(qtbot, panel, 1, Outcome.UPHOLD)
    panel.rationale_edit.setFocus()
    qtbot.keyClicks(panel.rationale_edit, "Partly right")
    qtbot.keyClick(panel.rationale_edit, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: panel.outcome() is Outcome.PARTIAL, timeout=2000)
    assert panel.rationale_edit.toPlainText() == "Partly right"  # nothing typed into it
    assert panel.blocks["what_changes"].isVisible()
