"""Work → Import appeals… (Ctrl+Shift+I) for leads and admins: progress, cancel, result."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from factories import Factory
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select
from test_import_cli import row, write_csv

from reviewer_app.data.db import Database, create_db_engine
from reviewer_app.data.orm import AppealRow
from reviewer_app.domain.enums import Role
from reviewer_app.services.catalog import install_default_catalog
from reviewer_app.ui.dialogs.import_file_chooser import import_file_types
from reviewer_app.ui.main_window import MainWindow

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def db(sqlite_url: str) -> Iterator[Database]:
    database = Database(create_db_engine(sqlite_url))
    install_default_catalog(database)
    f = Factory(database, now=datetime.now(UTC))
    f.user("rita", role=Role.REVIEWER)
    f.user("thomas", role=Role.LEAD)
    yield database
    database.dispose()


def appeal_count(db: Database) -> int:
    with db.read() as s:
        return int(s.scalar(select(func.count(AppealRow.id))) or 0)


def test_a_lead_imports_a_file_and_sees_the_queue_grow(
    qtbot: QtBot, window_for: Callable[[str], MainWindow], db: Database, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    source = write_csv(tmp_path / "crm.csv", [row(1), row(2), row(3, market="XX"), row(4)])
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(source), ""))
    window = window_for("thomas")
    assert window.actions.import_appeals.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_I, CTRL_SHIFT)
    qtbot.waitUntil(lambda: "rejected" in window.banner.text(), timeout=10_000)
    assert "3 imported" in window.banner.text() and "1 rejected" in window.banner.text()
    assert str(tmp_path / "crm-errors.csv") in window.banner.text()
    assert (tmp_path / "crm-errors.csv").exists()
    assert appeal_count(db) == 3
    qtbot.waitUntil(lambda: window.queue_panel.model.rowCount() == 3, timeout=10_000)
    assert window.importer is not None and window.importer.progress is None  # closed


def test_cancel_keeps_whole_batches_and_a_rerun_completes(
    qtbot: QtBot, window_for: Callable[[str], MainWindow], db: Database, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from reviewer_app.services import importer as importer_service

    # Batches of 500 (the default is 5,000) keep the file small and still split it.
    monkeypatch.setattr(importer_service, "BATCH_ROWS", 500)
    source = write_csv(tmp_path / "big.csv", [row(n) for n in range(1, 1201)])
    window = window_for("thomas")
    importer = window.importer
    assert importer is not None
    importer.import_file(source)
    assert importer.progress is not None
    cancel = importer.progress.findChild(QPushButton)
    assert cancel is not None and cancel.text() == "Cancel"
    # At once: the first batch of 500 finishes, then it stops.
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "cancelled" in window.banner.text(), timeout=20_000)
    assert appeal_count(db) == 500
    importer.import_file(source)
    qtbot.waitUntil(lambda: "700 imported" in window.banner.text(), timeout=30_000)
    assert "500 unchanged" in window.banner.text()
    assert appeal_count(db) == 1200


def test_the_progress_dialog_goes_away_when_the_import_ends_not_when_qt_deletes_it(
    qtbot: QtBot, window_for: Callable[[str], MainWindow], db: Database, tmp_path: Path,
) -> None:
    window = window_for("thomas")
    importer = window.importer
    assert importer is not None
    importer.import_file(write_csv(tmp_path / "two.csv", [row(1), row(2)]))
    dialog = importer.progress
    assert dialog is not None and dialog.isVisible()
    dialog.deleteLater = lambda: None  # keep it alive to see whether it was closed first
    qtbot.waitUntil(lambda: importer.progress is None, timeout=10_000)
    assert not dialog.isVisible()  # otherwise it would sit over the window, holding the keys
    dialog.setParent(None)


def test_an_unusable_file_says_why_and_a_reviewer_cannot_import(
    qtbot: QtBot, window_for: Callable[[str], MainWindow], db: Database, tmp_path: Path,
) -> None:
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a workbook")
    lead = window_for("thomas")
    assert lead.importer is not None
    lead.importer.import_file(broken)
    qtbot.waitUntil(lambda: "nothing was written" in lead.banner.text(), timeout=10_000)
    assert "Cannot read" in lead.banner.text() and appeal_count(db) == 0
    reviewer = window_for("rita")
    assert reviewer.importer is None and not reviewer.actions.import_appeals.isVisible()


def test_the_chosen_file_type_names_the_encoding(
    qtbot: QtBot, window_for: Callable[[str], MainWindow], db: Database, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = "申诉：商品为正品，附发票。"
    source = write_csv(tmp_path / "gb.csv", [row(1, appeal_text=text),
                                            row(2, appeal_text="Genuine, invoice attached")],
                       encoding="gb18030")
    window = window_for("thomas")
    importer = window.importer
    assert importer is not None
    types = dict((enc, name) for name, enc in import_file_types())
    # "CSV in UTF-8" for a GB18030 file: the Chinese line is rejected, not guessed at.
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *a, **k: (str(source), types["utf-8"]))
    qtbot.keyClick(window, Qt.Key.Key_I, CTRL_SHIFT)
    qtbot.waitUntil(lambda: "rejected" in window.banner.text(), timeout=10_000)
    assert "1 imported" in window.banner.text() and "1 rejected" in window.banner.text()
    assert "invalid_encoding" in (tmp_path / "gb-errors.csv").read_text(encoding="utf-8-sig")
    # "CSV in GB18030": the same file imports whole, the text exact.
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *a, **k: (str(source), types["gb18030"]))
    qtbot.waitUntil(lambda: importer.progress is None, timeout=5000)
    with qtbot.waitActive(window):  # the progress dialog had the focus
        window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_I, CTRL_SHIFT)
    assert importer.progress is not None  # the shortcut reached the window and started it
    qtbot.waitUntil(lambda: "1 unchanged" in window.banner.text(), timeout=20_000)
    assert "1 imported" in window.banner.text() and "0 rejected" in window.banner.text()
    with db.read() as s:
        assert s.scalar(select(AppealRow.statement).where(AppealRow.ref == "AP-1")) == text
