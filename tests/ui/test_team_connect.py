"""Connecting the workstation to a team database: first run, saved profile, keyring, menu."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from pathlib import Path

import keyring
import pytest
from connection_driver import fill
from factories import Factory
from keyring_support import MemoryKeyring
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QDialog, QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import make_url

from reviewer_app.app import EXIT_DATABASE, EXIT_OK, TEAM_URL_KEY, Workstation
from reviewer_app.config import load_config
from reviewer_app.data.db import Database, create_db_engine
from reviewer_app.domain.connection import (
    KEYRING_SERVICE,
    ConnectionProfile,
    SslMode,
    profile_from_url,
)
from reviewer_app.ui.connection_settings import load_profile, save_profile
from reviewer_app.ui.dialogs.connection import ConnectionDialog
from reviewer_app.ui.dialogs.first_run import FirstRunDialog
from reviewer_app.ui.dialogs.user_chooser import UserChooserDialog

SECRET = "Tr0ub4dor&3 s3cret"  # the test server trusts 127.0.0.1, so any password works

pytestmark = pytest.mark.pg


def server_profile(pg_url: str) -> ConnectionProfile:
    parsed = profile_from_url(pg_url)
    assert parsed is not None
    return dataclasses.replace(parsed[0], sslmode=SslMode.DISABLE)


def settings_file_text() -> str:
    settings = QSettings()
    settings.sync()
    return Path(settings.fileName()).read_text(encoding="utf-8")


def with_user(url: str) -> str:
    db = Database(create_db_engine(url))
    Factory(db).user("rita")
    db.dispose()
    return url


def start(qtbot: QtBot, url: str, profile: ConnectionProfile | None = None) -> int:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    station = Workstation(app, load_config(url), profile=profile)
    with qtbot.waitSignal(station.finished, timeout=20_000) as done:
        station.begin()
    station.close()
    return int(done.args[0])


def drive_form(
    qtbot: QtBot, profile: ConnectionProfile, password: str, seen: list[ConnectionDialog]
) -> Callable[[ConnectionDialog], int]:
    """A stand-in for ``exec``: type the form, press Return, wait until it closes."""

    def run(dialog: ConnectionDialog) -> int:
        seen.append(dialog)
        with qtbot.waitActive(dialog):
            dialog.show()
            dialog.activateWindow()
        fill(qtbot, dialog, profile, password)
        # Return in a field presses the default button, "Connect".
        qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=15_000)
        return int(dialog.result())

    return run


def quit_first_run(seen: list[str]) -> Callable[[FirstRunDialog], int]:
    def run(dialog: FirstRunDialog) -> int:
        seen.append(dialog.findChildren(QLabel)[1].text())  # "Database: …"
        if len(seen) == 1:
            dialog.connect_button.click()
            return int(dialog.result())
        return int(QDialog.DialogCode.Rejected)

    return run


def test_first_run_connect_keeps_the_password_in_the_keyring_only(
    qtbot: QtBot, sqlite_url: str, pg_url: str, memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    server = server_profile(pg_url)
    forms: list[ConnectionDialog] = []
    screens: list[str] = []
    monkeypatch.setattr(FirstRunDialog, "exec", quit_first_run(screens))
    monkeypatch.setattr(ConnectionDialog, "exec", drive_form(qtbot, server, SECRET, forms))
    assert start(qtbot, sqlite_url) == EXIT_OK
    assert len(forms) == 1 and forms[0].remember_password()
    # The team database (empty) opened: its first-run screen names it, without password.
    assert server.database in screens[1] and SECRET not in screens[1]
    assert load_profile() == server
    assert memory_keyring.entries == {(KEYRING_SERVICE, server.keyring_username): SECRET}
    text = settings_file_text()
    assert server.host in text and server.database in text
    assert SECRET not in text and "Tr0ub4dor" not in text
    assert QSettings().value(TEAM_URL_KEY) is None


def test_a_saved_profile_with_a_keyring_password_connects_without_asking(
    qtbot: QtBot, pg_url: str, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch,
) -> None:
    server = server_profile(pg_url)
    save_profile(server, remember=True)
    memory_keyring.set_password(KEYRING_SERVICE, server.keyring_username, SECRET)
    forms: list[ConnectionDialog] = []
    monkeypatch.setattr(ConnectionDialog, "exec", lambda d: forms.append(d) or 0)
    offered: list[int] = []

    def sign_in_later(dialog: UserChooserDialog) -> int:
        offered.append(dialog.list.count())
        return int(QDialog.DialogCode.Rejected)

    monkeypatch.setattr(UserChooserDialog, "exec", sign_in_later)
    with_user(pg_url)
    assert start(qtbot, server.url(), profile=server) == EXIT_OK
    assert forms == []  # never asked
    assert offered == [1]  # it reached the team database's users


def test_without_a_keyring_nothing_is_stored_and_the_next_start_asks(
    qtbot: QtBot, sqlite_url: str, pg_url: str, no_keyring: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    server = server_profile(pg_url)
    forms: list[ConnectionDialog] = []
    screens: list[str] = []
    monkeypatch.setattr(FirstRunDialog, "exec", quit_first_run(screens))
    monkeypatch.setattr(ConnectionDialog, "exec", drive_form(qtbot, server, SECRET, forms))
    assert start(qtbot, sqlite_url) == EXIT_OK
    assert forms[0].keyring_note.isVisibleTo(forms[0])
    assert not forms[0].remember_check.isEnabled()
    assert load_profile() == server
    assert SECRET not in settings_file_text()

    asked: list[tuple[ConnectionProfile, str]] = []
    monkeypatch.setattr(ConnectionDialog, "exec", lambda d: asked.append(
        (d.profile(), d.password())) or int(QDialog.DialogCode.Rejected))
    assert start(qtbot, server.url(), profile=load_profile()) == EXIT_OK
    assert asked == [(server, "")]  # prefilled, password asked for


def test_a_saved_profile_that_fails_opens_the_form_again_with_the_reason(
    qtbot: QtBot, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch,
    boxes: list[str],
) -> None:
    gone = ConnectionProfile(host="127.0.0.1", port=1, database="team", user="ana",
                             sslmode=SslMode.DISABLE)
    save_profile(gone, remember=True)
    memory_keyring.set_password(KEYRING_SERVICE, gone.keyring_username, SECRET)
    shown: list[str] = []
    monkeypatch.setattr(ConnectionDialog, "exec", lambda d: shown.append(
        d.result_label.text()) or int(QDialog.DialogCode.Rejected))
    assert start(qtbot, gone.url(), profile=gone) == EXIT_OK
    assert len(shown) == 1
    assert "cannot be reached" in shown[0] and "Connection refused" in shown[0]
    assert SECRET not in shown[0]


def test_a_password_in_db_url_never_reaches_logs_title_or_status_bar(
    qtbot: QtBot, pg_url: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture,
    boxes: list[str],
) -> None:
    caplog.set_level(logging.DEBUG)
    url = make_url(with_user(pg_url)).set(password=SECRET).render_as_string(
        hide_password=False)
    monkeypatch.setattr(UserChooserDialog, "exec", lambda d: int(QDialog.DialogCode.Accepted))
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    station = Workstation(app, load_config(url))
    with qtbot.waitSignal(station.window_shown, timeout=20_000) as shown:
        station.begin()
    window = shown.args[0]
    qtbot.waitUntil(lambda: station.runner.pending == 0, timeout=10_000)
    try:
        texts = [window.windowTitle(), *(w.text() for w in window.statusBar()
                                         .findChildren(QLabel))]
        assert any(server_profile(pg_url).database in t for t in texts)
        assert not any(SECRET in t for t in texts)
    finally:
        app.setQuitOnLastWindowClosed(False)
        window.close()
        station.close()
        app.setQuitOnLastWindowClosed(True)
    # And when it fails: the message box and the log hide it too.
    bad = make_url(url).set(port=1).render_as_string(hide_password=False)
    assert start(qtbot, bad) == EXIT_DATABASE
    assert boxes and not any(SECRET in b for b in boxes)
    assert "opening" in caplog.text
    assert SECRET not in caplog.text and "Tr0ub4dor" not in caplog.text


def test_menu_switches_the_workstation_to_the_team_database(
    qtbot: QtBot, sqlite_url: str, pg_url: str, memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    server = server_profile(with_user(pg_url))
    with_user(sqlite_url)
    monkeypatch.setattr(UserChooserDialog, "exec", lambda d: int(QDialog.DialogCode.Accepted))
    forms: list[ConnectionDialog] = []
    monkeypatch.setattr(ConnectionDialog, "exec", drive_form(qtbot, server, SECRET, forms))
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    station = Workstation(app, load_config(sqlite_url))
    with qtbot.waitSignal(station.window_shown, timeout=20_000) as first:
        station.begin()
    old = first.args[0]
    with qtbot.waitActive(old):
        old.activateWindow()
    try:
        with qtbot.waitSignal(station.window_shown, timeout=20_000) as second:
            qtbot.keyClick(old, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier
                           | Qt.KeyboardModifier.ShiftModifier)
        new = second.args[0]
        assert len(forms) == 1 and forms[0].parent() is old
        assert new is not old and not old.isVisible() and new.isVisible()
        assert server.database in new.db_label.text() and SECRET not in new.db_label.text()
        assert station.db is not None and station.db.dialect == "postgresql"
        assert load_profile() == server
        assert keyring.get_password(KEYRING_SERVICE, server.keyring_username) == SECRET
    finally:
        app.setQuitOnLastWindowClosed(False)
        if station.window is not None:
            station.window.close()
        station.close()
        app.setQuitOnLastWindowClosed(True)


def test_an_old_saved_address_with_password_moves_to_profile_and_keyring(
    qtbot: QtBot, pg_url: str, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch,
) -> None:
    from reviewer_app.app import _saved_profile

    server = server_profile(with_user(pg_url))
    QSettings().setValue(TEAM_URL_KEY, server.url(SECRET))  # as the previous version did
    saved = _saved_profile(None, demo=False)
    assert saved == (server, SECRET)
    assert QSettings().value(TEAM_URL_KEY) is None and load_profile() == server
    assert SECRET not in settings_file_text()
    assert _saved_profile("sqlite:////tmp/x.sqlite3", demo=False) is None  # --db wins

    offered: list[int] = []
    monkeypatch.setattr(UserChooserDialog, "exec", lambda d: offered.append(d.list.count())
                        or int(QDialog.DialogCode.Rejected))
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    station = Workstation(app, load_config(server.url()), profile=server, password=SECRET)
    with qtbot.waitSignal(station.finished, timeout=20_000):
        station.begin()
    station.close()
    assert offered == [1]
    assert memory_keyring.entries == {(KEYRING_SERVICE, server.keyring_username): SECRET}


def test_a_switch_that_fails_keeps_the_workstation_on_its_database(
    qtbot: QtBot, sqlite_url: str, empty_pg_url: str, monkeypatch: pytest.MonkeyPatch,
) -> None:
    server = server_profile(empty_pg_url)  # reachable, but no schema: cannot be opened
    with_user(sqlite_url)
    monkeypatch.setattr(UserChooserDialog, "exec", lambda d: int(QDialog.DialogCode.Accepted))
    forms: list[ConnectionDialog] = []
    drive = drive_form(qtbot, server, SECRET, forms)
    reasons: list[str] = []

    def form(dialog: ConnectionDialog) -> int:
        if not forms:
            return drive(dialog)
        reasons.append(dialog.result_label.text())
        return int(QDialog.DialogCode.Rejected)

    monkeypatch.setattr(ConnectionDialog, "exec", form)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    station = Workstation(app, load_config(sqlite_url))
    with qtbot.waitSignal(station.window_shown, timeout=20_000) as first:
        station.begin()
    window = first.args[0]
    try:
        window.actions.connect_database.trigger()
        qtbot.waitUntil(lambda: bool(reasons), timeout=20_000)
        assert "older schema" in reasons[0]  # the form came back and says why
        qtbot.waitUntil(lambda: station.runner.pending == 0, timeout=10_000)
        assert station.window is window and window.isVisible()
        assert station.db is not None and station.db.dialect == "sqlite"
    finally:
        app.setQuitOnLastWindowClosed(False)
        window.close()
        station.close()
        app.setQuitOnLastWindowClosed(True)
