"""Ask for the note that goes with "hold for help" (required: it is the request for help)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class HoldDialog(QDialog):
    """A note box; OK (or Ctrl+Return) is enabled once the note has text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("holdDialog")
        self.setWindowTitle(self.tr("Hold for help"))
        prompt = QLabel(self.tr(
            "The case stays with you for a longer time. What help do you need, and from "
            "whom? The note is kept in the case events."
        ), self)
        prompt.setWordWrap(True)
        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setObjectName("holdNote")
        self.note_edit.setTabChangesFocus(True)
        prompt.setBuddy(self.note_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button: QPushButton = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Hold"))
        self.ok_button.setShortcut("Ctrl+Return")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.note_edit.textChanged.connect(self._on_note_edit_text_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(prompt)
        layout.addWidget(self.note_edit)
        layout.addWidget(self.buttons)
        self._on_note_edit_text_changed()
        self.resize(460, 220)

    def note(self) -> str:
        """The note as typed, trimmed."""
        return self.note_edit.toPlainText().strip()

    def _on_note_edit_text_changed(self) -> None:
        self.ok_button.setEnabled(bool(self.note()))


def ask_hold_note(parent: QWidget | None) -> str | None:
    """The note, or None when cancelled."""
    dialog = HoldDialog(parent)
    if dialog.exec() == QDialog.DialogCode.Accepted and dialog.note():
        return dialog.note()
    return None
