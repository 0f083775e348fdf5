"""The connection dialog, driven by keyboard against the real PostgreSQL server."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from connection_driver import fill, press, wait_for_result
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from reviewer_app.domain.connection import ConnectionProfile, SslMode, profile_from_url
from reviewer_app.ui.dialogs.connection import ConnectionDialog
from reviewer_app.workers.runner import Runner

PASSWORD = "Tr0ub4dor&3 s3cret"


@pytest.fixture
def runner(qapp: QApplication) -> Iterator[Runner]:
    r = Runner()
    yield r
    r.shutdown()


@pytest.fixture
def server(pg_url: str) -> ConnectionProfile:
    """The test server as a profile (it has no TLS, so sslmode=disable works)."""
    parsed = profile_from_url(pg_url)
    assert parsed is not None
    return dataclasses.replace(parsed[0], sslmode=SslMode.DISABLE)


def open_dialog(qtbot: QtBot, runner: Runner, **kwargs: object) -> ConnectionDialog:
    dialog = ConnectionDialog(runner, **kwargs)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):  # shortcuts (Alt+letter) and focus need an active window
        dialog.show()
        dialog.activateWindow()
    return dialog


def visible_text(dialog: ConnectionDialog) -> str:
    texts = [w.text() for w in dialog.findChildren(QLabel) if w.isVisible()]
    texts.append(dialog.windowTitle())
    return "\n".join(texts)


@pytest.mark.pg
def test_test_connection_by_keyboard_says_connected(
    qtbot: QtBot, runner: Runner, server: ConnectionProfile
) -> None:
    dialog = open_dialog(qtbot, runner)
    fill(qtbot, dialog, server, PASSWORD)
    press(qtbot, dialog, Qt.Key.Key_T)  # &Test connection
    assert wait_for_result(qtbot, dialog).startswith("Connected to PostgreSQL 1")
    assert dialog.isVisible()  # testing does not close the form
    assert PASSWORD not in visible_text(dialog)
    assert dialog.profile() == server and dialog.password() == PASSWORD


@pytest.mark.pg
def test_connect_closes_the_form_only_after_a_successful_try(
    qtbot: QtBot, runner: Runner, server: ConnectionProfile
) -> None:
    dialog = open_dialog(qtbot, runner)
    fill(qtbot, dialog, dataclasses.replace(server, port=1), PASSWORD)
    press(qtbot, dialog, Qt.Key.Key_N)  # Co&nnect
    text = wait_for_result(qtbot, dialog)
    assert "connection refused" in text and "port 1" in text
    assert dialog.isVisible() and dialog.result() == 0
    assert dialog.port_spin.hasFocus()  # the cursor goes where the fix is
    assert PASSWORD not in visible_text(dialog)
    fill(qtbot, dialog, server, PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=15_000):
        press(qtbot, dialog, Qt.Key.Key_N)


@pytest.mark.pg
def test_tls_required_on_a_server_without_tls_is_a_clear_tls_message(
    qtbot: QtBot, runner: Runner, server: ConnectionProfile
) -> None:
    dialog = open_dialog(qtbot, runner)
    fill(qtbot, dialog, dataclasses.replace(server, sslmode=SslMode.REQUIRE), PASSWORD)
    press(qtbot, dialog, Qt.Key.Key_T)
    text = wait_for_result(qtbot, dialog)
    assert text.startswith("The secure (TLS) connection failed")
    assert "server does not support SSL" in text
    fill(qtbot, dialog, server, PASSWORD)  # sslmode=disable
    press(qtbot, dialog, Qt.Key.Key_T)
    assert wait_for_result(qtbot, dialog).startswith("Connected to PostgreSQL")


@pytest.mark.pg
def test_verify_full_with_a_ca_file_still_refuses_a_server_without_tls(
    qtbot: QtBot, runner: Runner, server: ConnectionProfile, tmp_path: Path
) -> None:
    ca = tmp_path / "team-ca.crt"
    ca.write_text("-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n")
    dialog = open_dialog(qtbot, runner)
    fill(qtbot, dialog, dataclasses.replace(server, sslmode=SslMode.VERIFY_FULL,
                                            sslrootcert=str(ca)), PASSWORD)
    press(qtbot, dialog, Qt.Key.Key_T)
    assert wait_for_result(qtbot, dialog).startswith("The secure (TLS) connection failed")


def test_verify_full_without_a_ca_file_is_a_field_error_and_tries_nothing(
    qtbot: QtBot, runner: Runner, tmp_path: Path
) -> None:
    tried: list[str] = []
    profile = ConnectionProfile(host="db.example", database="appeals", user="ana",
                                sslmode=SslMode.VERIFY_FULL)
    dialog = open_dialog(qtbot, runner, check=lambda p, pw: tried.append(p.host) or "15")
    fill(qtbot, dialog, profile, PASSWORD)
    press(qtbot, dialog, Qt.Key.Key_T)
    error = dialog.errors["sslrootcert"]
    assert error.isVisible()
    assert error.text() == (
        "Choose the CA certificate file: “verify-full” checks the server with it.")
    assert dialog.ca_edit.hasFocus()
    assert not tried and runner.pending == 0

    fill(qtbot, dialog, dataclasses.replace(profile, sslrootcert=str(tmp_path / "no.crt")),
         PASSWORD)
    press(qtbot, dialog, Qt.Key.Key_N)
    assert error.text() == "There is no file at this path."
    assert not tried and dialog.isVisible()


def test_empty_fields_are_named(qtbot: QtBot, runner: Runner) -> None:
    dialog = open_dialog(qtbot, runner)
    press(qtbot, dialog, Qt.Key.Key_T)
    shown = {name for name, label in dialog.errors.items() if label.isVisible()}
    assert shown == {"host", "database", "user"}
    assert dialog.host_edit.hasFocus()


def test_without_a_keyring_the_form_says_so_and_cannot_remember(
    qtbot: QtBot, runner: Runner
) -> None:
    dialog = open_dialog(qtbot, runner, keyring_available=False)
    assert dialog.keyring_note.isVisible()
    assert "No system keyring is available" in dialog.keyring_note.text()
    assert not dialog.remember_check.isEnabled() and not dialog.remember_password()


def test_the_password_field_never_shows_the_password(qtbot: QtBot, runner: Runner) -> None:
    dialog = open_dialog(qtbot, runner, password=PASSWORD,
                         profile=ConnectionProfile(host="h", database="d", user="u"))
    assert dialog.password_edit.displayText() != PASSWORD
    assert dialog.password_edit.hasFocus()  # prefilled form: straight to the password
