"""Fonts fall back to an installed CJK family, so Chinese never renders as boxes."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from reviewer_app.ui.theme import CJK_FALLBACKS, apply_theme, ui_font


def test_ui_font_appends_installed_cjk_families(qapp: QApplication) -> None:
    installed = [f for f in CJK_FALLBACKS if f in QFontDatabase.families()]
    if not installed:
        pytest.skip("no CJK font installed on this machine")
    font = ui_font(QFont("DejaVu Sans"))
    assert font.families()[0] == "DejaVu Sans"
    assert installed[0] in font.families()


def test_apply_theme_sets_style_and_icon(qapp: QApplication) -> None:
    style, font = qapp.styleSheet(), qapp.font()
    try:
        apply_theme(qapp)
        assert "queueTable" in qapp.styleSheet()
        assert not qapp.windowIcon().isNull()
    finally:
        qapp.setStyleSheet(style)
        qapp.setFont(font)
