"""Ask why the reviewer releases (skips) the case."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QWidget


def release_reasons() -> list[str]:
    """Common reasons, offered first; the reviewer may type another."""
    return [
        QCoreApplication.translate("release", "Conflict of interest"),
        QCoreApplication.translate("release", "Needs a language or market skill I lack"),
        QCoreApplication.translate("release", "Needs a specialist"),
        QCoreApplication.translate("release", "Taking a break"),
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
