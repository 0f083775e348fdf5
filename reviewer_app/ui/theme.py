"""Fonts (with a CJK fallback) and the application style sheet."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

# Families tried after the platform's UI font when a glyph is missing, CJK ones included,
# so Chinese appellant statements and the zh_CN translation never show empty boxes.
CJK_FALLBACKS = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Microsoft YaHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "SimSun",
)


def icons_dir() -> Path:
    """Where the application icons live."""
    return Path(__file__).resolve().parents[2] / "resources" / "icons"


def styles_dir() -> Path:
    """Where the ``.qss`` files live."""
    return Path(__file__).resolve().parents[2] / "resources" / "styles"


def ui_font(base: QFont) -> QFont:
    """``base`` with the installed CJK families appended as fallbacks."""
    installed = set(QFontDatabase.families())
    families = [base.family(), *(f for f in CJK_FALLBACKS if f in installed)]
    font = QFont(base)
    font.setFamilies(families)
    return font


def apply_theme(app: QApplication) -> None:
    """Set the font fallbacks, the window icon and ``resources/styles/app.qss``."""
    app.setFont(ui_font(app.font()))
    icon = icons_dir() / "reviewer-app.svg"
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    qss = styles_dir() / "app.qss"
    if qss.is_file():
        app.setStyleSheet(qss.read_text(encoding="utf-8"))
