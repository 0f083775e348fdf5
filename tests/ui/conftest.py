"""UI test set-up: app names, per-test QSettings location, compiled translations."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from reviewer_app import config


@pytest.fixture(autouse=True)
def _qt_settings_in_tmp(qapp: QApplication, tmp_path: Path) -> Iterator[None]:
    """Names as in the app, and QSettings in tmp_path.

    QSettings caches its user path on first use, so changing HOME per test is not enough:
    ``setPath`` moves it explicitly for every test.
    """
    qapp.setOrganizationName(config.ORG_NAME)
    qapp.setApplicationName(config.APP_NAME)
    settings_dir = tmp_path / "qsettings"
    settings_dir.mkdir()
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(settings_dir))
    yield
