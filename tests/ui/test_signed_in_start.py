"""Start-up on PostgreSQL: a database login that is an app user skips the user chooser."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from factories import Factory
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot
from rls_support import Roles

from reviewer_app.app import EXIT_OK, Workstation
from reviewer_app.config import load_config
from reviewer_app.data.db import Database
from reviewer_app.domain.enums import Role
from reviewer_app.ui.dialogs.user_chooser import UserChooserDialog

pytestmark = pytest.mark.pg


@pytest.fixture
def chooser_shown(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many users each user chooser offered; the chooser is cancelled."""
    offered: list[int] = []

    def fake_exec(dialog: UserChooserDialog) -> int:
        offered.append(dialog.list.count())
        return int(QDialog.DialogCode.Rejected)

    monkeypatch.setattr(UserChooserDialog, "exec", fake_exec)
    return offered


def test_a_mapped_login_opens_straight_into_its_own_window(
        qtbot: QtBot, qapp: QApplication, admin_db: Database, roles: Roles,
        chooser_shown: list[int]) -> None:
    Factory(admin_db, now=datetime.now(UTC)).appeal()
    lee = roles.person("lee", Role.LEAD)
    roles.person("ana")  # another user the chooser would have offered
    station = Workstation(qapp, load_config(lee.url))
    try:
        with qtbot.waitSignal(station.window_shown, timeout=15_000) as shown:
            station.begin()
        window = shown.args[0]
        assert window.user_label.text().startswith("Lee")
        assert chooser_shown == []
        window.close()
    finally:
        station.close()
        qapp.setQuitOnLastWindowClosed(True)  # show_window changed it for the app's life


def test_the_superuser_without_a_users_row_still_chooses(
        qtbot: QtBot, qapp: QApplication, admin_db: Database, roles: Roles, pg_url: str,
        chooser_shown: list[int]) -> None:
    Factory(admin_db, now=datetime.now(UTC)).appeal()
    roles.person("lee", Role.LEAD)
    roles.person("ana")
    station = Workstation(qapp, load_config(pg_url))
    try:
        with qtbot.waitSignal(station.finished, timeout=15_000) as done:
            station.begin()
        assert done.args == [EXIT_OK]  # the chooser was cancelled
        assert chooser_shown == [2]  # Lee and Ana: postgres is nobody in the app
    finally:
        station.close()
