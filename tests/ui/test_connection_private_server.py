"""Passwords and TLS on a private server: wrong password, verify-full with the team's CA."""

from __future__ import annotations

import dataclasses
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from connection_driver import fill, press, wait_for_result
from private_pg import PrivateServer, running_server
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from reviewer_app.data.db import create_db_engine
from reviewer_app.domain.connection import (
    ConnectionFailedError,
    ConnectionProblem,
    ConnectionProfile,
    SslMode,
)
from reviewer_app.services.connection import try_connection
from reviewer_app.ui.dialogs.connection import ConnectionDialog
from reviewer_app.workers.runner import Runner

pytestmark = pytest.mark.pg

SUPERUSER_PASSWORD = "su-Pw 9!"


@pytest.fixture(scope="module")
def server() -> Iterator[PrivateServer]:
    with running_server(password=SUPERUSER_PASSWORD, tls=True) as started:
        yield started


@pytest.fixture
def profile(server: PrivateServer) -> ConnectionProfile:
    return ConnectionProfile(host="localhost", port=server.port, database=server.database,
                             user=server.user, sslmode=SslMode.VERIFY_FULL,
                             sslrootcert=str(server.ca_file))


def problem(profile: ConnectionProfile, password: str) -> ConnectionFailedError:
    with pytest.raises(ConnectionFailedError) as failed:
        try_connection(profile, password)
    assert password not in str(failed.value) if password else True
    return failed.value


def test_verify_full_with_the_team_ca_connects_over_tls(
    server: PrivateServer, profile: ConnectionProfile
) -> None:
    assert try_connection(profile, SUPERUSER_PASSWORD).startswith(server.major)
    engine = create_db_engine(profile.url(SUPERUSER_PASSWORD))
    try:
        with engine.connect() as conn:
            ssl = conn.execute(text(
                "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")).scalar_one()
        assert ssl is True
    finally:
        engine.dispose()


def test_wrong_and_missing_passwords_are_told_apart(
    server: PrivateServer, profile: ConnectionProfile
) -> None:
    assert problem(profile, "not-the-password").problem is ConnectionProblem.WRONG_PASSWORD
    assert problem(profile, "").problem is ConnectionProblem.NO_PASSWORD


def test_a_certificate_for_another_name_fails_verify_full_but_passes_verify_ca(
    server: PrivateServer, profile: ConnectionProfile
) -> None:
    by_address = dataclasses.replace(profile, host="127.0.0.1")  # the cert names localhost
    failed = problem(by_address, SUPERUSER_PASSWORD)
    assert failed.problem is ConnectionProblem.TLS
    assert "does not match host name" in str(failed)
    assert try_connection(dataclasses.replace(by_address, sslmode=SslMode.VERIFY_CA),
                          SUPERUSER_PASSWORD)


def test_another_ca_is_a_tls_failure(
    server: PrivateServer, profile: ConnectionProfile, tmp_path: Path
) -> None:
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=someone-else", "-keyout", "o.key", "-out", "other.crt"],
                   check=True, capture_output=True, cwd=tmp_path)
    failed = problem(dataclasses.replace(profile, sslrootcert=str(tmp_path / "other.crt")),
                     SUPERUSER_PASSWORD)
    assert failed.problem is ConnectionProblem.TLS
    assert "certificate verify failed" in str(failed)


def test_the_form_says_the_password_was_refused_and_never_shows_it(
    qtbot: QtBot, qapp: QApplication, server: PrivateServer, profile: ConnectionProfile
) -> None:
    runner = Runner()
    try:
        dialog = ConnectionDialog(runner)
        qtbot.addWidget(dialog)
        with qtbot.waitActive(dialog):
            dialog.show()
            dialog.activateWindow()
        fill(qtbot, dialog, profile, "Wr0ng pass")
        press(qtbot, dialog, Qt.Key.Key_T)
        shown = wait_for_result(qtbot, dialog)
        assert shown.startswith("The password was refused for this user.")
        assert "password authentication failed" in shown and "Wr0ng pass" not in shown
        assert dialog.password_edit.hasFocus()
        fill(qtbot, dialog, profile, SUPERUSER_PASSWORD)
        press(qtbot, dialog, Qt.Key.Key_T)
        assert wait_for_result(qtbot, dialog).startswith(
            f"Connected to PostgreSQL {server.major}")
    finally:
        runner.shutdown()
