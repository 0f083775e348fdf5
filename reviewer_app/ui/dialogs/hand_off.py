"""Pick a colleague (type to filter) and write a note to hand the open case to them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.domain.models import User
from reviewer_app.ui import labels


class HandOffDialog(QDialog):
    """Colleague picker and required note; OK only when both are given.

    The combo box is editable: typing filters the list (any part of the name or login),
    Enter in the list picks; only colleagues eligible for this case are offered.
    """

    def __init__(self, colleagues: tuple[User, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("handOffDialog")
        self.setWindowTitle(self.tr("Hand off to a colleague"))
        self.colleague_box = QComboBox(self)
        self.colleague_box.setObjectName("handOffColleague")
        self.colleague_box.setEditable(True)
        self.colleague_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for user in colleagues:
            self.colleague_box.addItem(
                self.tr("{name} ({login}, {role})").format(
                    name=user.display_name, login=user.login, role=labels.role(user.role)),
                user.id,
            )
        completer = QCompleter(self.colleague_box.model(), self.colleague_box)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.colleague_box.setCompleter(completer)
        self.colleague_box.setCurrentIndex(-1)
        self.colleague_box.setPlaceholderText(self.tr("Type a name…"))
        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setObjectName("handOffNote")
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setPlaceholderText(self.tr("What is done, what is left, why them"))
        self.empty_label = QLabel(self.tr(
            "Nobody else is eligible for this case (skills, original decider, 1st round)."
        ), self)
        self.empty_label.setWordWrap(True)
        self.empty_label.setVisible(not colleagues)
        form = QFormLayout()
        form.addRow(self.tr("&Colleague:"), self.colleague_box)
        form.addRow(self.tr("&Note:"), self.note_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button: QPushButton = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Hand off"))
        self.ok_button.setShortcut("Ctrl+Return")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.colleague_box.currentIndexChanged.connect(self._update_ok)
        self.colleague_box.editTextChanged.connect(self._update_ok)
        self.note_edit.textChanged.connect(self._update_ok)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty_label)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._update_ok()
        self.resize(480, 260)

    def colleague_id(self) -> int | None:
        """The chosen colleague's user id; None while the typed text names nobody."""
        index = self.colleague_box.findText(self.colleague_box.currentText(),
                                            Qt.MatchFlag.MatchExactly)
        return None if index < 0 else int(self.colleague_box.itemData(index))

    def colleague_name(self) -> str:
        """The chosen colleague as listed."""
        return self.colleague_box.currentText()

    def note(self) -> str:
        """The note as typed, trimmed."""
        return self.note_edit.toPlainText().strip()

    def _update_ok(self) -> None:
        self.ok_button.setEnabled(self.colleague_id() is not None and bool(self.note()))
