"""UI test set-up: app names, per-test QSettings location, compiled translations."""

from __future__ import annotations

import gc
import importlib.util
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from reviewer_app import config

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session", autouse=True)
def compiled_translations() -> list[Path]:
    """Compile the .ts files to .qm once per session (the .qm are built, not committed)."""
    spec = importlib.util.spec_from_file_location(
        "build_translations", ROOT / "packaging" / "build_translations.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return list(module.build())


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
    # Free this test's Qt objects now, on the GUI thread; left to the cyclic collector they
    # may be freed later on a runner thread ("Timers cannot be stopped from another thread").
    gc.collect()
