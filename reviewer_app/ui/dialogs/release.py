"""Ask why the reviewer releases (skips) the case."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QWidget


def release_reasons() -> list[str]:
    """Common reasons, offered first; the reviewer may type another."""
    tr = QCoreApplication.translate
    return [
        tr("release", "Conflict of interest"),
        tr("release", "Needs a language or market skill I lack"),
        tr("release", "Needs a specialist"),
        tr("release", "Taking a break"),
    ]


def ask_release_reason(parent: QWidget | None) -> str | None:
    """The reason typed or picked, or None when cancelled or left empty."""
    reason, ok = QInputDialog.getItem(
        parent,
        QCoreApplication.translate("release", "Release case"),
        QCoreApplication.translate("release", "Why are you putting this case back?"),
        release_reasons(),
        0,
        True,
    )
    reason = reason.strip()
    return reason if ok and reason else None
