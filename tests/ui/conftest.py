"""UI test set-up: app names, per-test QSettings location, compiled translations."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

# An autouse fixture, registered by importing it: app names and QSettings in tmp_path.
from qt_support import message_boxes_never_block, qt_settings_in_tmp  # noqa: F401

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
