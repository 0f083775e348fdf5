"""Qt test set-up shared by the UI and end-to-end suites (imported by their conftest.py)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from reviewer_app import config


@pytest.fixture(autouse=True)
def qt_settings_in_tmp(qapp: QApplication, tmp_path: Path) -> Iterator[None]:
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
    # Free this test's Qt objects now, on the GUI thread; left to the cyclic collector they
    # may be freed later on a runner thread ("Timers cannot be stopped from another thread").
    gc.collect()


@pytest.fixture(autouse=True)
def message_boxes_never_block(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """A message box a test did not expect closes at once; a bug dialog fails the test.

    Offscreen, nobody can press OK: a modal box would hang the whole run (it did once in CI,
    with the traceback hidden inside the box). Tests that look at boxes patch ``exec`` again
    (the ``boxes`` fixture), which takes precedence.
    """
    bugs: list[str] = []

    def close_at_once(box: QMessageBox) -> int:
        if box.icon() is QMessageBox.Icon.Critical and box.detailedText():
            bugs.append(box.detailedText())
        return int(QMessageBox.StandardButton.Ok)

    monkeypatch.setattr(QMessageBox, "exec", close_at_once)
    yield bugs
    assert not bugs, "an 'Unexpected error' dialog was shown:\n" + "\n".join(bugs)
