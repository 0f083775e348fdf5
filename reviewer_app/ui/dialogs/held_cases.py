"""Cases held by me: leases handed to me, held for help, or left over; Enter opens one."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.domain.models import HeldCase
from reviewer_app.ui import labels


class HeldCasesDialog(QDialog):
    """A list of the user's leases; ``chosen_appeal_id`` after Enter or a double click."""

    def __init__(self, cases: tuple[HeldCase, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("heldCasesDialog")
        self.setWindowTitle(self.tr("Cases held by me"))
        self.list = QListWidget(self)
        for held in cases:
            lease = held.lease
            text = self.tr("{ref} · until {time}").format(
                ref=held.ref, time=labels.clock_time(lease.expires_at))
            if lease.held:
                text += " · " + self.tr("Held for help: {note}").format(note=lease.note or "")
            elif lease.note:
                text += " · " + self.tr("Note: {note}").format(note=lease.note)
            item = QListWidgetItem(text, self.list)
            item.setData(Qt.ItemDataRole.UserRole, lease.appeal_id)
        self.list.setCurrentRow(0)
        self.list.itemActivated.connect(self.accept)
        empty = QLabel(self.tr("You hold no cases."), self)
        empty.setVisible(not cases)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Close, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Open).setEnabled(bool(cases))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(empty)
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.resize(520, 300)

    def chosen_appeal_id(self) -> int | None:
        """The highlighted case's appeal id, or None when the list is empty."""
        item = self.list.currentItem()
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))
