"""Submitting while PostgreSQL is down: saved on this computer, shown offline, sent on return."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from factories import REDRESS, Factory
from outbox_support import assert_consistent
from private_pg import PrivateServer, private_pg_url, private_server  # noqa: F401
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from reviewer_app import config
from reviewer_app.app import Workstation
from reviewer_app.config import load_config
from reviewer_app.data.db import Database, create_db_engine
from reviewer_app.data.orm import DecisionRow, LeaseRow
from reviewer_app.domain.enums import Outcome
from reviewer_app.ui.dialogs.user_chooser import UserChooserDialog
from reviewer_app.ui.main_window import MainWindow

pytestmark = pytest.mark.pg
CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
NONE = Qt.KeyboardModifier.NoModifier


@dataclass
class Setup:
    db: Database
    window: MainWindow
    station: Workstation
    rita: int


@pytest.fixture
def setup(qtbot: QtBot, private_pg_url: str,  # noqa: F811
          monkeypatch: pytest.MonkeyPatch) -> Iterator[Setup]:
    db = Database(create_db_engine(private_pg_url))
    f = Factory(db, now=datetime.now(UTC))
    rita = f.user("rita", languages={"de"})
    f.sop("IP_COUNTERFEIT")
    f.reason_code("UPH-INSUFFICIENT-EVIDENCE", Outcome.UPHOLD, "IP_COUNTERFEIT")
    f.template(Outcome.UPHOLD, "de", body=f"Sehr geehrte Verkäufer. {REDRESS}")
    for hours in (1, 5):
        f.appeal(sla_due_at=f.now + timedelta(hours=hours))
    monkeypatch.setattr(UserChooserDialog, "exec", lambda d: QDialog.DialogCode.Accepted)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    station = Workstation(app, load_config(private_pg_url))
    with qtbot.waitSignal(station.window_shown, timeout=20_000) as shown:
        station.begin()
    window: MainWindow = shown.args[0]
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.waitUntil(lambda: window.queue_panel.model.rowCount() == 2, timeout=10_000)
    yield Setup(db, window, station, rita)
    window.close()
    station.close()
    db.dispose()


def press(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = NONE) -> None:
    target = QApplication.focusWidget()
    assert target is not None
    qtbot.keyClick(target, key, modifier)


def indicator(window: MainWindow) -> str:
    label = window.findChild(QLabel, "connectionLabel")
    assert label is not None and label.isVisible()
    return label.text()


def test_offline_submit_goes_to_the_outbox_and_lands_when_the_database_returns(
    qtbot: QtBot, setup: Setup, private_server: PrivateServer  # noqa: F811
) -> None:
    s, window = setup, setup.window
    said: list[str] = []  # the banner also shows later messages; keep every one
    window.flow.message.connect(lambda text, _kind: said.append(text))
    assert window.connection is not None
    window.connection.message.connect(lambda text, _kind: said.append(text))
    qtbot.waitUntil(lambda: indicator(window) == "● Online", timeout=10_000)
    press(qtbot, Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: window.flow.current is not None and not window.flow.busy,
                    timeout=10_000)
    appeal_id = window.flow.current.case.appeal_id
    panel = window.decision_panel
    press(qtbot, Qt.Key.Key_1, ALT)
    qtbot.waitUntil(lambda: "Sehr geehrte" in panel.response_edit.toPlainText(), timeout=5000)
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Tab)
    qtbot.keyClicks(panel.rationale_edit, "Invoices do not match.")

    private_server.stop()
    try:
        press(qtbot, Qt.Key.Key_Return, CTRL)
        qtbot.waitUntil(lambda: any("Saved on this computer" in t for t in said),
                        timeout=15_000)
        assert window.flow.current is None  # closed as far as the reviewer is concerned
        qtbot.waitUntil(lambda: "1 decision waiting" in indicator(window), timeout=10_000)
        qtbot.waitUntil(lambda: indicator(window).startswith("Offline"), timeout=20_000)
        assert indicator(window) == "Offline — 1 decision waiting"
        # Background reads failing offline leave the banner to what the reviewer did.
        assert "Saved on this computer" in window.banner.text()
        with sqlite3.connect(config.data_dir() / "outbox.sqlite3") as conn:
            rows = conn.execute("SELECT appeal_id, state, user_id FROM outbox").fetchall()
        assert rows == [(appeal_id, "pending", s.rita)]
    finally:
        private_server.start()

    # The monitor's next retry finds the server, replays the outbox and refreshes.
    qtbot.waitUntil(lambda: indicator(window) == "● Online", timeout=40_000)
    qtbot.waitUntil(lambda: any("now in the database" in t for t in said), timeout=10_000)
    with s.db.read() as session:
        assert session.scalar(select(func.count()).select_from(DecisionRow)
                              .where(DecisionRow.appeal_id == appeal_id)) == 1
        assert session.scalar(select(LeaseRow.user_id)
                              .where(LeaseRow.appeal_id == appeal_id)) is None
    assert_consistent(s.db)
