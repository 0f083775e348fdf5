"""The decision form's multi-line text fields: keyboard-driven, and the response editor."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from reviewer_app.domain import rules


def text_edit(parent: QWidget, height: int) -> QPlainTextEdit:
    """A plain-text field sized for the form, where Tab moves on instead of typing a tab."""
    edit = QPlainTextEdit(parent)
    edit.setTabChangesFocus(True)  # Tab leaves the field: the form is keyboard-driven
    edit.setMinimumHeight(height)
    edit.setMaximumHeight(height * 2)
    return edit


class ResponseEdit(QPlainTextEdit):
    """The response to the appellant, which may still hold a template slot to fill in."""

    def __init__(self, parent: QWidget, height: int) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setMinimumHeight(height)
        self.setMaximumHeight(height * 2)

    def select_placeholder(self) -> bool:
        """Select the first unfilled slot such as {details}, so typing replaces it."""
        span = rules.find_placeholder(self.toPlainText())
        if span is None:
            return False
        cursor = self.textCursor()
        cursor.setPosition(span[0])
        cursor.setPosition(span[1], QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        return True
