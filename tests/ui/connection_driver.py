"""Fills the connection dialog the way a person does: keys into its fields."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reviewer_app.domain.connection import ConnectionProfile, SslMode
from reviewer_app.ui.dialogs.connection import ConnectionDialog


def retype(qtbot: QtBot, widget: object, text: str) -> None:
    """Select what is in the field and type ``text`` over it."""
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    if text:
        qtbot.keyClicks(widget, text)


def choose_sslmode(qtbot: QtBot, dialog: ConnectionDialog, mode: SslMode) -> None:
    """Home, then Down to the wanted mode (the list is in SslMode order)."""
    combo = dialog.sslmode_combo
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(list(SslMode).index(mode)):
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentData() == mode


def fill(
    qtbot: QtBot, dialog: ConnectionDialog, profile: ConnectionProfile, password: str
) -> None:
    """Type every field of ``profile`` and the password."""
    retype(qtbot, dialog.host_edit, profile.host)
    retype(qtbot, dialog.port_spin, str(profile.port))
    retype(qtbot, dialog.database_edit, profile.database)
    retype(qtbot, dialog.user_edit, profile.user)
    retype(qtbot, dialog.password_edit, password)
    choose_sslmode(qtbot, dialog, profile.sslmode)
    retype(qtbot, dialog.ca_edit, profile.sslrootcert)


def press(qtbot: QtBot, dialog: ConnectionDialog, mnemonic: Qt.Key) -> None:
    """Alt+letter, as underlined on the button."""
    target = QApplication.focusWidget() or dialog
    qtbot.keyClick(target, mnemonic, Qt.KeyboardModifier.AltModifier)
    qtbot.wait(250)  # a mnemonic "animates" the click: the button fires 100 ms later


def wait_for_result(qtbot: QtBot, dialog: ConnectionDialog) -> str:
    """Wait until the try through the runner has answered; the text shown."""
    qtbot.waitUntil(lambda: dialog.test_button.isEnabled()
                    and dialog.result_label.text() not in ("", dialog.tr("Connecting…")),
                    timeout=15_000)
    return dialog.result_label.text()
