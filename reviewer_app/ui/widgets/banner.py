"""A non-modal message line above the case: calm, readable, dismissed by the next action."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget


class MessageBanner(QLabel):
    """Plain-text message with a kind ("info" or "warning") the style sheet colours."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBanner")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setVisible(False)

    def show_message(self, text: str, kind: str = "info") -> None:
        """Show ``text``; ``kind`` picks the colours."""
        self.setProperty("kind", kind)
        # Re-polish so the property selector in the style sheet applies to the new kind.
        self.style().unpolish(self)
        self.style().polish(self)
        self.setText(text)
        self.setVisible(True)

    def clear_message(self) -> None:
        """Hide the banner."""
        self.setText("")
        self.setVisible(False)

    def kind(self) -> str:
        """The kind of the message shown."""
        return str(self.property("kind") or "")
