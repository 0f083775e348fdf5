"""The language preference (Help ▸ Language): follows the system unless the user picks one."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

from reviewer_app.ui.i18n import LANGUAGE_KEY

# Language names are written in their own language, so anyone can find theirs.
_NATIVE_NAMES = {"en": "English", "zh_CN": "中文（简体）"}


class LanguageMenu(QMenu):
    """Checkable choices stored in QSettings ``ui/language``; applied at the next start."""

    language_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("languageMenu")
        self.setTitle(self.tr("Language"))
        current = str(QSettings().value(LANGUAGE_KEY, "") or "")
        self._group = QActionGroup(self)
        self._group.setExclusive(True)
        choices = [("", self.tr("System default")), *_NATIVE_NAMES.items()]
        for code, text in choices:
            action = QAction(text, self)
            action.setCheckable(True)
            action.setChecked(code == current)
            action.setData(code)
            self._group.addAction(action)
            self.addAction(action)
        self._group.triggered.connect(self._on_group_triggered)

    def _on_group_triggered(self, action: QAction) -> None:
        code = str(action.data() or "")
        QSettings().setValue(LANGUAGE_KEY, code)
        self.language_chosen.emit(code)
