"""One form field with its caption above and its validation message right under it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

ERROR_STYLE = "color: #d32f2f;"


class FieldBlock(QWidget):
    """Caption, input widget and an (initially hidden) red error message."""

    def __init__(self, caption: str, field: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.caption_label = QLabel(caption, self)
        self.caption_label.setBuddy(field)
        self.error_label = QLabel(self)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.caption_label)
        layout.addWidget(field)
        layout.addWidget(self.error_label)
        # Once the reviewer edits the field, its old message no longer describes it.
        for signal_name in ("textChanged", "currentIndexChanged"):
            signal = getattr(field, signal_name, None)
            if signal is not None:
                signal.connect(self._on_field_edited)
                break

    def _on_field_edited(self, *_args: object) -> None:
        if self.error_label.isVisibleTo(self):
            self.set_error(None)

    def set_error(self, message: str | None) -> None:
        """Show ``message`` under the field, or hide the message when None."""
        self.error_label.setText(message or "")
        self.error_label.setVisible(bool(message))
        self.field.setProperty("invalid", bool(message))

    def error(self) -> str | None:
        """The message shown under the field, if any."""
        return self.error_label.text() if self.error_label.isVisibleTo(self) else None
