"""Start-up through the composition root: bad databases, the first-run screen, sign-in."""

from __future__ import annotations

import hashlib
import logging
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from reviewer_app.app import EXIT_DATABASE, EXIT_OK, TEAM_URL_KEY, Workstation
from reviewer_app.config import load_config
from reviewer_app.data.db import create_db_engine
from reviewer_app.ui.dialogs.first_run import FirstRunDialog


def start(qtbot: QtBot, url: str) -> tuple[Workstation, int]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    station = Workstation(app, load_config(url))
    with qtbot.waitSignal(station.finished, timeout=15_000) as done:
        station.begin()
    station.close()
    return station, int(done.args[0])


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_unreachable_postgres_is_a_clear_message_and_exit_2(qtbot: QtBot, boxes: list[str]) -> None:
    _station, code = start(qtbot, "postgresql+psycopg://nobody@127.0.0.1:1/nothing")
    assert code == EXIT_DATABASE
    assert len(boxes) == 1
    assert "Cannot open the database" in boxes[0]
    assert "cannot be reached" in boxes[0]


def test_missing_sqlite_file_is_not_created(qtbot: QtBot, boxes: list[str], tmp_path: Path) -> None:
    path = tmp_path / "elsewhere" / "nope.sqlite3"
    _station, code = start(qtbot, f"sqlite:///{path}")
    assert code == EXIT_DATABASE
    assert not path.exists() and not path.parent.exists()
    assert "cannot be reached" in boxes[0]


def test_corrupt_sqlite_file_is_left_alone(qtbot: QtBot, boxes: list[str], tmp_path: Path) -> None:
    path = tmp_path / "corrupt.sqlite3"
    path.write_bytes(b"this is not a database" * 200)
    before = digest(path)
    _station, code = start(qtbot, f"sqlite:///{path}")
    assert code == EXIT_DATABASE
    assert digest(path) == before
    assert len(boxes) == 1


def test_newer_schema_is_refused_without_change(
    qtbot: QtBot, boxes: list[str], sqlite_url: str
) -> None:
    engine = create_db_engine(sqlite_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'fffffffff999'"))
    engine.dispose()
    path = Path(sqlite_url.removeprefix("sqlite:///"))
    before = digest(path)
    _station, code = start(qtbot, sqlite_url)
    assert code == EXIT_DATABASE
    assert "newer version of the app" in boxes[0]
    assert digest(path) == before


def test_empty_database_shows_the_first_run_screen(
    qtbot: QtBot, sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[FirstRunDialog] = []

    def quit_screen(dialog: FirstRunDialog) -> int:
        seen.append(dialog)
        # The screen offers exactly connect, import, demo and quit.
        buttons = {b.text().replace("&", "") for b in dialog.findChildren(type(dialog.quit_button))}
        assert buttons == {"Connect…", "Import appeals…", "Open the demo", "Quit"}
        return int(QDialog.DialogCode.Rejected)

    monkeypatch.setattr(FirstRunDialog, "exec", quit_screen)
    _station, code = start(qtbot, sqlite_url)
    assert code == EXIT_OK
    assert len(seen) == 1


def test_first_run_connect_opens_the_form_prefilled_and_never_stores_the_password(
    qtbot: QtBot, sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reviewer_app.domain.connection import SslMode
    from reviewer_app.ui.dialogs.connection import ConnectionDialog

    team = "postgresql+psycopg://reviewer:pw%40x@db.example:6543/team?sslmode=require"
    screens: list[str] = []

    def connect_then_quit(dialog: FirstRunDialog) -> int:
        screens.append("first run")
        if len(screens) == 1:
            qtbot.keyClicks(dialog.url_edit, team)
            qtbot.keyClick(dialog.connect_button, Qt.Key.Key_Space)
            return int(dialog.result())
        return int(QDialog.DialogCode.Rejected)  # second time: quit

    forms: list[tuple[str, int, str, str, SslMode]] = []

    def cancel_form(dialog: ConnectionDialog) -> int:
        p = dialog.profile()
        forms.append((p.host, p.port, p.user, dialog.password(), p.sslmode))
        return int(QDialog.DialogCode.Rejected)

    monkeypatch.setattr(FirstRunDialog, "exec", connect_then_quit)
    monkeypatch.setattr(ConnectionDialog, "exec", cancel_form)
    _station, code = start(qtbot, sqlite_url)
    assert forms == [("db.example", 6543, "reviewer", "pw@x", SslMode.REQUIRE)]
    assert screens == ["first run", "first run"]  # cancelling the form goes back
    assert code == EXIT_OK
    assert QSettings().value(TEAM_URL_KEY) is None


def test_first_run_demo_generates_and_opens_the_demo(
    qtbot: QtBot, sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reviewer_app import first_run_tasks
    from reviewer_app.config import demo_db_url
    from reviewer_app.ui.dialogs.user_chooser import UserChooserDialog

    monkeypatch.setattr(first_run_tasks, "DEMO_APPEALS", 120)

    def open_demo(dialog: FirstRunDialog) -> int:
        qtbot.keyClick(dialog.demo_button, Qt.Key.Key_Space)
        return int(dialog.result())

    offered: list[int] = []

    def cancel_sign_in(dialog: UserChooserDialog) -> int:
        offered.append(dialog.list.count())
        return int(QDialog.DialogCode.Rejected)

    monkeypatch.setattr(FirstRunDialog, "exec", open_demo)
    monkeypatch.setattr(UserChooserDialog, "exec", cancel_sign_in)
    station, code = start(qtbot, sqlite_url)
    assert code == EXIT_OK
    assert offered and offered[0] >= 4  # demo users of every role
    demo_file = Path(demo_db_url().removeprefix("sqlite:///"))
    assert demo_file.exists()
    assert station.cfg.db_url == demo_db_url()


@pytest.fixture
def restore_logging(qapp: QApplication) -> Iterator[None]:
    """run_gui sets process-wide things (log handlers, excepthook, style); undo them."""
    root = logging.getLogger()
    before = list(root.handlers)
    hook = sys.excepthook
    yield
    sys.excepthook = hook
    qapp.setStyleSheet("")
    qapp.setQuitOnLastWindowClosed(True)
    for handler in root.handlers[:]:
        if handler not in before:
            root.removeHandler(handler)
            handler.close()


def test_run_gui_exits_2_on_an_unreachable_database(
    boxes: list[str], restore_logging: None
) -> None:
    from reviewer_app.app import run_gui

    assert run_gui("postgresql+psycopg://nobody@127.0.0.1:1/nothing") == EXIT_DATABASE
    assert "cannot be reached" in boxes[0]
    log_file = Path(os.environ["REVIEWER_APP_DATA_DIR"]) / "reviewer-app.log"
    assert "nobody@127.0.0.1" in log_file.read_text(encoding="utf-8")


def test_run_gui_signs_in_and_quits_from_the_window(
    qtbot: QtBot, sqlite_url: str, monkeypatch: pytest.MonkeyPatch, restore_logging: None
) -> None:
    from factories import Factory

    from reviewer_app.app import LAST_USER_KEY, Workstation, run_gui
    from reviewer_app.data.db import Database
    from reviewer_app.ui.dialogs.user_chooser import UserChooserDialog

    db = Database(create_db_engine(sqlite_url))
    Factory(db).user("rita")
    Factory(db).appeal()
    db.dispose()
    monkeypatch.setattr(UserChooserDialog, "exec",
                        lambda d: int(QDialog.DialogCode.Accepted))
    quit_soon = Workstation.show_window

    def show_then_quit(self: Workstation, user):
        window = quit_soon(self, user)
        qtbot.waitUntil(lambda: window.queue_panel.model.rowCount() == 1, timeout=5000)
        window.actions.quit.trigger()
        return window

    monkeypatch.setattr(Workstation, "show_window", show_then_quit)
    assert run_gui(sqlite_url) == EXIT_OK
    assert QSettings().value(LAST_USER_KEY) is not None


def test_saved_team_url_is_used_on_the_next_start_unless_a_url_is_given() -> None:
    from reviewer_app.app import _resolve_url
    from reviewer_app.config import default_db_url, demo_db_url

    assert _resolve_url(None, False) == default_db_url()
    team = "postgresql+psycopg://ana:secret@db.example/appeals"
    QSettings().setValue(TEAM_URL_KEY, team)
    assert _resolve_url(None, False) == team
    assert _resolve_url(default_db_url(), False) == team  # the CLI passes the default
    assert _resolve_url("sqlite:////tmp/other.sqlite3", False) == "sqlite:////tmp/other.sqlite3"
    assert _resolve_url(None, True) == demo_db_url()


def test_status_bar_shows_the_database_without_password(qtbot: QtBot) -> None:
    from reviewer_app.app import build_main_window, build_services
    from reviewer_app.data.db import Database
    from reviewer_app.domain.enums import Role
    from reviewer_app.domain.models import User
    from reviewer_app.workers.runner import Runner

    cfg = load_config("postgresql+psycopg://ana:secret@db.example/appeals")
    db = Database(create_db_engine(cfg.db_url))  # lazy: never connects in this test
    runner = Runner()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    try:
        user = User(id=1, login="ana", display_name="Ana", role=Role.LEAD)
        window = build_main_window(runner, build_services(db, cfg), user, cfg, app)
        qtbot.addWidget(window)
        assert "secret" not in window.db_label.text()
        assert "db.example/appeals" in window.db_label.text()
        assert window.user_label.text() == "Ana · Team lead"
    finally:
        runner.shutdown()
        db.dispose()
