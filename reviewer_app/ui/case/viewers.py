""""Also viewing: …" above the case: who else has this case open right now."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QHBoxLayout, QWidget

from reviewer_app.domain.models import User
from reviewer_app.ui.case.widgets import plain_label


class ViewersLabel(QWidget):
    """A one-line notice naming the other people viewing the case; hidden when nobody is."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseViewers")
        # Plain text: display names are typed by people and must not be read as HTML.
        self.label = plain_label("", self, wrap=True)
        self.label.setObjectName("caseViewersLabel")
        self.label.setStyleSheet("color: palette(link);")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.addWidget(self.label, 1)
        self.setVisible(False)

    def show_viewers(self, viewers: Iterable[User]) -> None:
        """Name ``viewers`` (the signed-in user already left out); hide if there are none."""
        names = self.tr(", ").join(u.display_name for u in viewers)
        self.label.setText(self.tr("Also viewing: %1").replace("%1", names) if names else "")
        self.setVisible(bool(names))

    def clear_viewers(self) -> None:
        """Nobody else (no case open)."""
        self.show_viewers(())

    def text(self) -> str:
        """What the label says (empty when nobody else views the case)."""
        return self.label.text()
