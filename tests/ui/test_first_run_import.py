"""First-run screen: "Import appeals…" picks a file, imports it, then offers sign-in."""

from __future__ import annotations

import getpass
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select
from test_import_cli import row, write_csv

from reviewer_app.app import EXIT_OK, Workstation
from reviewer_app.config import load_config
from reviewer_app.data.db import Database, create_db_engine
from reviewer_app.data.orm import AppealRow, UserRow
from reviewer_app.ui.dialogs.first_run import FirstRunDialog
from reviewer_app.ui.dialogs.import_file_chooser import import_file_types
from reviewer_app.ui.dialogs.user_chooser import UserChooserDialog

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "appeals_sample.csv"


def start(qtbot: QtBot, url: str) -> int:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    station = Workstation(app, load_config(url))
    with qtbot.waitSignal(station.finished, timeout=20_000) as done:
        station.begin()
    station.close()
    return int(done.args[0])


def test_import_from_the_first_run_screen_then_sign_in(
    qtbot: QtBot, sqlite_url: str, tmp_path: Path, boxes: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    source = tmp_path / "appeals.csv"
    shutil.copy(FIXTURE, source)
    asked: list[str] = []

    def pick(*args: object, **kwargs: object) -> tuple[str, str]:
        asked.append(str(args[2] if len(args) > 2 else kwargs))
        return str(source), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(pick))
    screens: list[int] = []

    def choose_import(dialog: FirstRunDialog) -> int:
        screens.append(1)
        if len(screens) > 1:  # shown again only if the import failed
            return int(QDialog.DialogCode.Rejected)
        dialog.import_button.setFocus()
        qtbot.keyClick(dialog.import_button, Qt.Key.Key_Space)
        return int(dialog.result())

    offered: list[list[str]] = []

    def cancel_sign_in(dialog: UserChooserDialog) -> int:
        offered.append([dialog.list.item(i).text() for i in range(dialog.list.count())])
        return int(QDialog.DialogCode.Rejected)

    monkeypatch.setattr(FirstRunDialog, "exec", choose_import)
    monkeypatch.setattr(UserChooserDialog, "exec", cancel_sign_in)
    assert start(qtbot, sqlite_url) == EXIT_OK
    assert screens == [1] and len(asked) == 1
    assert len(boxes) == 1
    assert "3 imported" in boxes[0] and "1 rejected" in boxes[0]
    errors = tmp_path / "appeals-errors.csv"
    assert str(errors) in boxes[0]
    assert "invalid_ean" in errors.read_text(encoding="utf-8")
    db = Database(create_db_engine(sqlite_url))
    try:
        with db.read() as s:
            refs = set(s.scalars(select(AppealRow.ref)))
            statement = s.scalar(select(AppealRow.statement).where(AppealRow.ref == "AP-1"))
            logins = list(s.scalars(select(UserRow.login)))
            users = s.scalar(select(func.count()).select_from(UserRow))
    finally:
        db.dispose()
    assert refs == {"AP-1", "AP-2", "AP-3"}
    assert statement == "我们是品牌授权经销商，附上授权书。"
    assert users == 1 and logins == [getpass.getuser()]
    assert len(offered) == 1 and len(offered[0]) == 1  # the chooser offers the new admin


def test_unusable_file_returns_to_the_first_run_screen(
    qtbot: QtBot, sqlite_url: str, tmp_path: Path, boxes: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    source = tmp_path / "bad.csv"
    source.write_text("appeal_id,market\nAP-1,DE\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(source), "")))
    screens: list[int] = []

    def choose_import(dialog: FirstRunDialog) -> int:
        screens.append(1)
        if len(screens) > 1:
            return int(QDialog.DialogCode.Rejected)
        dialog.import_button.click()
        return int(dialog.result())

    monkeypatch.setattr(FirstRunDialog, "exec", choose_import)
    assert start(qtbot, sqlite_url) == EXIT_OK
    assert len(screens) == 2  # nothing imported: back to the first-run screen
    assert "nothing was written" in boxes[0] and "received_at" in boxes[0]
    db = Database(create_db_engine(sqlite_url))
    try:
        with db.read() as s:
            assert s.scalar(select(func.count()).select_from(AppealRow)) == 0
            assert s.scalar(select(func.count()).select_from(UserRow)) == 0
    finally:
        db.dispose()


def test_cancelled_file_dialog_stays_on_the_screen(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: ("", "")))
    dialog = FirstRunDialog("sqlite:///x")
    qtbot.addWidget(dialog)
    dialog.import_button.click()
    assert dialog.choice.value == "quit" and dialog.import_path == ""


def test_cancelled_import_keeps_finished_batches_and_says_so(
    qtbot: QtBot, sqlite_url: str, tmp_path: Path, boxes: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from reviewer_app import first_run_tasks
    from reviewer_app.workers.progress import ProgressRelay

    class CancelledRelay(ProgressRelay):
        """As if Cancel was pressed while the first batch was being written."""

        def __init__(self, parent: object = None) -> None:
            super().__init__(parent)  # type: ignore[arg-type]
            self.cancelled = True

    monkeypatch.setattr(first_run_tasks, "ProgressRelay", CancelledRelay)
    source = tmp_path / "appeals.csv"
    shutil.copy(FIXTURE, source)
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(source), "")))
    monkeypatch.setattr(FirstRunDialog, "exec",
                        lambda d: (d.import_button.click(), int(d.result()))[1])
    monkeypatch.setattr(UserChooserDialog, "exec", lambda d: int(QDialog.DialogCode.Rejected))
    assert start(qtbot, sqlite_url) == EXIT_OK
    assert len(boxes) == 1 and "cancelled" in boxes[0]
    db = Database(create_db_engine(sqlite_url))
    try:
        with db.read() as s:
            # The one batch finished before the cancel was noticed: kept whole.
            assert set(s.scalars(select(AppealRow.ref))) == {"AP-1", "AP-2", "AP-3"}
    finally:
        db.dispose()


def test_the_first_run_file_type_chooses_the_encoding(
    qtbot: QtBot, sqlite_url: str, tmp_path: Path, boxes: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A GB18030 file opened as "CSV or JSON Lines in UTF-8": read as UTF-8 only, the Chinese
    # row is rejected rather than guessed (detection would have imported both).
    source = write_csv(tmp_path / "gb.csv", [row(1, appeal_text="申诉：商品为正品，附发票。"),
                                            row(2, appeal_text="Genuine, invoice attached")],
                       encoding="gb18030")
    types = {encoding: name for name, encoding in import_file_types()}
    offered: list[str] = []

    def pick(*args: object, **kwargs: object) -> tuple[str, str]:
        offered.extend(str(args[3]).split(";;"))
        return str(source), types["utf-8"]

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(pick))

    def choose_import(dialog: FirstRunDialog) -> int:
        if offered:  # shown again only if the import failed
            return int(QDialog.DialogCode.Rejected)
        qtbot.keyClick(dialog.import_button, Qt.Key.Key_Space)
        return int(dialog.result())

    monkeypatch.setattr(FirstRunDialog, "exec", choose_import)
    monkeypatch.setattr(UserChooserDialog, "exec",
                        lambda _d: int(QDialog.DialogCode.Rejected))
    assert start(qtbot, sqlite_url) == EXIT_OK
    assert offered == [name for name, _e in import_file_types()]
    assert "1 imported" in boxes[0] and "1 rejected" in boxes[0]
    assert "invalid_encoding" in (tmp_path / "gb-errors.csv").read_text(encoding="utf-8-sig")
