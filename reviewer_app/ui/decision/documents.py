"""The "request information" document checklist: common documents plus free text."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.ui import labels

_CODE_ROLE = Qt.ItemDataRole.UserRole


class RequestedDocumentsWidget(QWidget):
    """Checkable common documents (stored as codes) and other documents, one per line."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget(self)
        for code in labels.REQUESTED_DOCUMENT_CODES:
            item = QListWidgetItem(labels.requested_document(code), self.list)
            item.setData(_CODE_ROLE, code)
            item.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsUserCheckable
            )
            item.setCheckState(Qt.CheckState.Unchecked)
        rows = self.list.count()
        # A few spare pixels: the row hint before the first polish is slightly short.
        frame = 2 * self.list.frameWidth()
        self.list.setFixedHeight(self.list.sizeHintForRow(0) * rows + frame + 6)
        self.list.itemChanged.connect(self.changed)
        self.list.itemActivated.connect(self._on_list_item_activated)
        self.other_label = QLabel(self.tr("Other documents (one per line)"), self)
        self.other_edit = QPlainTextEdit(self)
        self.other_edit.setTabChangesFocus(True)
        self.other_edit.setFixedHeight(60)
        self.other_label.setBuddy(self.other_edit)
        self.other_edit.textChanged.connect(self.changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addWidget(self.other_label)
        layout.addWidget(self.other_edit)
        self.setFocusProxy(self.list)

    def documents(self) -> tuple[str, ...]:
        """Checked document codes, then each non-empty free-text line."""
        codes = [
            str(self.list.item(i).data(_CODE_ROLE))
            for i in range(self.list.count())
            if self.list.item(i).checkState() == Qt.CheckState.Checked
        ]
        others = [line.strip() for line in self.other_edit.toPlainText().splitlines()]
        return tuple(codes + [line for line in others if line])

    def set_checked(self, code: str, checked: bool = True) -> None:
        """Tick or untick a common document by code."""
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.data(_CODE_ROLE) == code:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def clear(self) -> None:
        """Untick everything and empty the free text."""
        for i in range(self.list.count()):
            self.list.item(i).setCheckState(Qt.CheckState.Unchecked)
        self.other_edit.clear()

    def _on_list_item_activated(self, item: QListWidgetItem) -> None:
        checked = item.checkState() == Qt.CheckState.Checked
        item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)
