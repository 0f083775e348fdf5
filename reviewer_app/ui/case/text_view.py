"""A read-only plain-text view that stays responsive with very long appellant statements."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from reviewer_app.ui.case.widgets import plain_label

# Laying out megabytes of text on the GUI thread freezes the window; show a prefix first.
PREVIEW_CHARS = 20_000


class LongTextView(QWidget):
    """Plain text (never HTML) with a "Show all" button when the text is very long."""

    def __init__(self, parent: QWidget | None = None, *, limit: int = PREVIEW_CHARS) -> None:
        super().__init__(parent)
        self._limit = limit
        self._full = ""
        self.editor = QPlainTextEdit(self)
        self.editor.setReadOnly(True)
        self.editor.setTabChangesFocus(True)
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.truncated_label = plain_label("", self, wrap=True)
        self.show_all_button = QPushButton(self.tr("Show all"), self)
        self.show_all_button.clicked.connect(self._on_show_all_button_clicked)

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.truncated_label, 1)
        bar.addWidget(self.show_all_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.editor)
        layout.addLayout(bar)
        self._set_truncated(False)

    def set_text(self, text: str) -> None:
        """Show ``text`` verbatim; only the first ``limit`` characters until "Show all"."""
        self._full = text
        truncated = len(text) > self._limit
        self.editor.setPlainText(text[: self._limit] if truncated else text)
        if truncated:
            self.truncated_label.setText(
                self.tr("Showing the first %1 of %2 characters.")
                .replace("%1", f"{self._limit:,}")
                .replace("%2", f"{len(text):,}")
            )
        self._set_truncated(truncated)

    def text(self) -> str:
        """The full text (including the part not yet shown)."""
        return self._full

    def is_truncated(self) -> bool:
        """True while only a prefix of the text is displayed."""
        return self.show_all_button.isVisibleTo(self)

    def _set_truncated(self, truncated: bool) -> None:
        self.truncated_label.setVisible(truncated)
        self.show_all_button.setVisible(truncated)

    def _on_show_all_button_clicked(self) -> None:
        self.editor.setPlainText(self._full)
        self._set_truncated(False)
        self.editor.setFocus()
