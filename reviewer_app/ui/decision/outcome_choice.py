"""The six outcomes as radio buttons with Alt+1..Alt+6, and which fields each one needs."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QRadioButton, QWidget

from reviewer_app.domain.enums import Outcome
from reviewer_app.ui import labels

# Radio order = Alt+1..Alt+6, the order of DOMAIN.md's decision table.
OUTCOMES: tuple[Outcome, ...] = (
    Outcome.UPHOLD,
    Outcome.OVERTURN,
    Outcome.PARTIAL,
    Outcome.ESCALATE,
    Outcome.REQUEST_INFO,
    Outcome.REJECT_INADMISSIBLE,
)

_RESPONDING = frozenset({"reason_code", "rationale", "response_text", "preview"})

# Form fields shown per outcome (FieldError.field names, plus the preview).
VISIBLE_FIELDS: dict[Outcome, frozenset[str]] = {
    Outcome.UPHOLD: _RESPONDING,
    Outcome.OVERTURN: _RESPONDING,
    Outcome.PARTIAL: _RESPONDING | {"what_changes"},
    Outcome.ESCALATE: frozenset({"reason_code", "escalation_reason", "rationale"}),
    Outcome.REQUEST_INFO: frozenset(
        {"requested_documents", "rationale", "response_text", "preview"}
    ),
    Outcome.REJECT_INADMISSIBLE: _RESPONDING,
}


def visible_fields(outcome: Outcome | None) -> frozenset[str]:
    """Fields the form shows for ``outcome`` (none until an outcome is chosen)."""
    return VISIBLE_FIELDS[outcome] if outcome is not None else frozenset()


class _OutcomeButton(QRadioButton):
    """A radio button whose Alt+n mnemonic selects at once.

    QAbstractButton answers its mnemonic with animateClick(), which checks the button only
    after a 100 ms animation; a reviewer typing Alt+1 then Tab would race it.
    """

    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.Shortcut and self.isEnabled():
            self.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.click()
            return True
        return super().event(e)


class OutcomeChoice(QWidget):
    """Radio buttons "&1 Uphold" … "&6 Reject": the mnemonic is Alt+n in every language.

    Signals:
        outcome_changed(Outcome | None): the selection changed (also programmatically).
        picked(): the user chose an outcome (click, Space or Alt+n).
    """

    outcome_changed = Signal(object)
    picked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.group = QButtonGroup(self)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.buttons: dict[Outcome, QRadioButton] = {}
        for n, outcome in enumerate(OUTCOMES, start=1):
            button = _OutcomeButton(f"&{n} {labels.outcome(outcome)}", self)
            self.group.addButton(button, n)
            self.buttons[outcome] = button
            grid.addWidget(button, (n - 1) // 2, (n - 1) % 2)
        self.group.idToggled.connect(self._on_group_id_toggled)
        self.group.idClicked.connect(self._on_group_id_clicked)

    def outcome(self) -> Outcome | None:
        """The chosen outcome, if any."""
        n = self.group.checkedId()
        return OUTCOMES[n - 1] if n > 0 else None

    def set_outcome(self, outcome: Outcome | None) -> None:
        """Choose ``outcome``; None clears the choice."""
        if outcome is not None:
            self.buttons[outcome].setChecked(True)
            return
        if self.group.checkedId() <= 0:
            return
        # An exclusive group refuses to uncheck its last button; lift that for a moment.
        self.group.setExclusive(False)
        for button in self.buttons.values():
            button.setChecked(False)
        self.group.setExclusive(True)
        self.outcome_changed.emit(None)

    def focus_choice(self) -> None:
        """Focus the chosen button (or the first one)."""
        button = self.group.checkedButton() or self.buttons[OUTCOMES[0]]
        button.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _on_group_id_toggled(self, button_id: int, checked: bool) -> None:
        if checked:
            self.outcome_changed.emit(OUTCOMES[button_id - 1])

    def _on_group_id_clicked(self, button_id: int) -> None:
        self.picked.emit()
