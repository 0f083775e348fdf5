"""UI test set-up: app names, per-test QSettings location, compiled translations."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

# An autouse fixture, registered by importing it: app names and QSettings in tmp_path.
from qt_support import message_boxes_never_block, qt_settings_in_tmp  # noqa: F401

from reviewer_app.app import build_main_window, build_services
from reviewer_app.config import load_config
from reviewer_app.data.db import Database
from reviewer_app.ui.main_window import MainWindow
from reviewer_app.workers.runner import Runner

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


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every message box shown, auto-closed: "title | text | informative text"."""
    shown: list[str] = []

    def fake_exec(box: QMessageBox) -> int:
        shown.append(f"{box.windowTitle()} | {box.text()} | {box.informativeText()}")
        return int(QMessageBox.StandardButton.Ok)

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return shown


@pytest.fixture
def window_start_timeout_ms() -> int:
    """How long ``window_for`` waits for a window's first loads (a module may override)."""
    return 5000


@pytest.fixture
def window_for(qtbot: QtBot, db: Database, sqlite_url: str, window_start_timeout_ms: int
               ) -> Iterator[Callable[[str], MainWindow]]:
    """``make(login)``: the workstation's main window for that user of the module's ``db``
    (on ``sqlite_url``), shown, active and started; every runner is shut down afterwards."""
    runners: list[Runner] = []

    def make(login: str) -> MainWindow:
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        cfg = load_config(sqlite_url)
        runner = Runner()
        runners.append(runner)
        services = build_services(db, cfg)
        user = next(u for u in services.users.list_users() if u.login == login)
        window = build_main_window(runner, services, user, cfg, app)
        qtbot.addWidget(window)
        with qtbot.waitActive(window):
            window.show()
            window.activateWindow()
        window.start()
        qtbot.waitUntil(lambda: runner.pending == 0, timeout=window_start_timeout_ms)
        return window

    yield make
    for runner in runners:
        runner.shutdown()
