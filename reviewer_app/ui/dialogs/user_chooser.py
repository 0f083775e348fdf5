"""Choose who you are on the embedded database (on the demo: try each role)."""

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

from reviewer_app.domain.models import User
from reviewer_app.ui import labels


class UserChooserDialog(QDialog):
    """A list of users with their role; Enter signs in as the highlighted one."""

    def __init__(
        self, users: tuple[User, ...], last_user_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("userChooser")
        self.setWindowTitle(self.tr("Who are you?"))
        self._users = users
        intro = QLabel(self.tr("Choose your name to sign in to this database."), self)
        intro.setWordWrap(True)
        self.list = QListWidget(self)
        for user in users:
            text = self.tr("{name} — {role} ({login})").format(
                name=user.display_name, role=labels.role(user.role), login=user.login
            )
            item = QListWidgetItem(text, self.list)
            item.setData(Qt.ItemDataRole.UserRole, user.id)
        row = next((i for i, u in enumerate(users) if u.id == last_user_id), 0)
        self.list.setCurrentRow(row)
        self.list.itemActivated.connect(lambda _item: self.accept())
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Sign in"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.resize(420, 460)
        self.list.setFocus()

    def chosen_user(self) -> User | None:
        """The highlighted user."""
        item = self.list.currentItem()
        if item is None:
            return None
        user_id = item.data(Qt.ItemDataRole.UserRole)
        return next((u for u in self._users if u.id == user_id), None)
