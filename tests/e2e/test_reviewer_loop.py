"""The whole reviewer loop with the keyboard only, on the real main window (SQLite and PG)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from factories import REDRESS, Factory
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from reviewer_app.app import Workstation
from reviewer_app.config import load_config
from reviewer_app.data.db import Database, create_db_engine
from reviewer_app.data.orm import AppealRow, DecisionRow, EventRow, LeaseRow
from reviewer_app.domain.enums import AppealStatus, EventType, Outcome
from reviewer_app.ui.dialogs.user_chooser import UserChooserDialog
from reviewer_app.ui.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


@dataclass
class Setup:
    db: Database
    window: MainWindow
    station: Workstation
    reviewer_id: int
    sop_id: int
    appeal_ids: list[int]


@pytest.fixture
def setup(qtbot: QtBot, db_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Setup]:
    db = Database(create_db_engine(db_url))
    f = Factory(db, now=datetime.now(UTC))
    f.user("lena", languages={"de"})  # listed first; the test signs in as rita
    rita = f.user("rita", languages={"de"})
    sop_id = f.sop("IP_COUNTERFEIT")
    f.reason_code("UPH-INSUFFICIENT-EVIDENCE", Outcome.UPHOLD, "IP_COUNTERFEIT")
    f.reason_code("OVR-NEW-EVIDENCE", Outcome.OVERTURN, "IP_COUNTERFEIT")
    for outcome in Outcome:
        f.template(outcome, "de", body=f"Sehr geehrte Verkäufer, {outcome.value}. {REDRESS}")
    # Three appeals, most urgent first: SLA due in 1 h, 5 h and 30 h.
    ids = [f.appeal(sla_due_at=f.now + timedelta(hours=h), received_at=f.now - timedelta(hours=2))
           for h in (1, 5, 30)]

    def choose_rita(dialog: UserChooserDialog) -> int:
        for row in range(dialog.list.count()):
            if dialog.list.item(row).data(Qt.ItemDataRole.UserRole) == rita:
                dialog.list.setCurrentRow(row)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(UserChooserDialog, "exec", choose_rita)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    station = Workstation(app, load_config(db_url))
    with qtbot.waitSignal(station.window_shown, timeout=10_000) as shown:
        station.begin()
    window: MainWindow = shown.args[0]
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.waitUntil(lambda: window.queue_panel.model.rowCount() == 3, timeout=5000)
    yield Setup(db, window, station, rita, sop_id, ids)
    window.close()
    station.close()
    db.dispose()


def press(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier) -> None:
    """A key chord where the user is typing (shortcuts resolve from the focus widget)."""
    target = QApplication.focusWidget()
    assert target is not None
    qtbot.keyClick(target, key, modifier)


def wait_idle(qtbot: QtBot, s: Setup) -> None:
    qtbot.waitUntil(lambda: s.station.runner.pending == 0 and not s.window.flow.busy,
                    timeout=10_000)


def claim_with_keyboard(qtbot: QtBot, s: Setup) -> int:
    press(qtbot, Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: s.window.flow.current is not None, timeout=10_000)
    wait_idle(qtbot, s)
    return s.window.flow.current.case.appeal_id


def fill_uphold_with_keyboard(qtbot: QtBot, s: Setup, rationale: str) -> None:
    panel = s.window.decision_panel
    press(qtbot, Qt.Key.Key_1, ALT)  # outcome 1 = uphold
    assert panel.outcome() is Outcome.UPHOLD
    qtbot.waitUntil(lambda: "Sehr geehrte" in panel.response_edit.toPlainText(), timeout=5000)
    assert QApplication.focusWidget() is panel.reason_combo  # the form moves focus on
    press(qtbot, Qt.Key.Key_Down, Qt.KeyboardModifier.NoModifier)
    assert panel.reason_combo.currentData() == "UPH-INSUFFICIENT-EVIDENCE"
    press(qtbot, Qt.Key.Key_Tab, Qt.KeyboardModifier.NoModifier)
    assert QApplication.focusWidget() is panel.rationale_edit
    qtbot.keyClicks(panel.rationale_edit, rationale)


def test_claim_decide_and_next_with_the_keyboard(qtbot: QtBot, setup: Setup) -> None:
    s = setup
    first = claim_with_keyboard(qtbot, s)
    assert first == s.appeal_ids[0]  # the most urgent
    assert s.window.case_panel.case() is not None
    assert s.window.case_panel.case().appeal_id == first
    assert s.window.guidance_panel.sop() is not None

    fill_uphold_with_keyboard(qtbot, s, "Invoices do not match the branded goods.")
    press(qtbot, Qt.Key.Key_Return, CTRL)

    qtbot.waitUntil(lambda: s.window.flow.current is not None
                    and s.window.flow.current.case.appeal_id != first, timeout=10_000)
    wait_idle(qtbot, s)
    second = s.window.flow.current.case.appeal_id
    assert second == s.appeal_ids[1]
    with s.db.read() as session:
        decision = session.scalars(select(DecisionRow).where(DecisionRow.appeal_id == first)).one()
        assert decision.user_id == s.reviewer_id
        assert decision.outcome == Outcome.UPHOLD.value
        assert decision.reason_code == "UPH-INSUFFICIENT-EVIDENCE"
        assert decision.rationale == "Invoices do not match the branded goods."
        assert REDRESS in decision.response_text
        assert decision.sop_document_id == s.sop_id
        assert decision.handle_seconds > 0  # active time: window focused, keys typed
        appeal = session.get(AppealRow, first)
        assert appeal is not None and appeal.status == AppealStatus.DECIDED.value
        events = session.scalars(select(EventRow.type).where(EventRow.appeal_id == first)).all()
        assert EventType.CLAIMED.value in events and EventType.DECIDED.value in events
        lease = session.get(LeaseRow, second)
        assert lease is not None and lease.user_id == s.reviewer_id
    # The decided appeal left the (open) queue; the next one shows as in review.
    model = s.window.queue_panel.model
    qtbot.waitUntil(lambda: model.row_of(first) is None, timeout=5000)
    row = model.row_of(second)
    assert row is not None and model.row_at(row).status is AppealStatus.IN_REVIEW


def test_incomplete_decision_is_refused_next_to_the_field(qtbot: QtBot, setup: Setup) -> None:
    s = setup
    appeal_id = claim_with_keyboard(qtbot, s)
    panel = s.window.decision_panel
    press(qtbot, Qt.Key.Key_1, ALT)
    press(qtbot, Qt.Key.Key_Return, CTRL)  # no reason code, no rationale
    wait_idle(qtbot, s)
    assert panel.field_error("rationale")
    assert panel.field_error("reason_code")
    assert s.window.flow.current is not None and s.window.flow.current.case.appeal_id == appeal_id
    with s.db.read() as session:
        assert session.scalars(select(DecisionRow)).all() == []


def test_lost_lease_refuses_submit_and_keeps_the_form(qtbot: QtBot, setup: Setup) -> None:
    s = setup
    appeal_id = claim_with_keyboard(qtbot, s)
    fill_uphold_with_keyboard(qtbot, s, "Text I do not want to lose.")
    with s.db.write() as session:  # the lease expires behind the reviewer's back
        lease = session.get(LeaseRow, appeal_id)
        assert lease is not None
        lease.expires_at = datetime.now(UTC) - timedelta(minutes=1)
    press(qtbot, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: s.window.banner.isVisible()
                    and s.window.banner.kind() == "warning", timeout=10_000)
    wait_idle(qtbot, s)
    assert "no longer hold" in s.window.banner.text()
    panel = s.window.decision_panel
    assert panel.rationale_edit.toPlainText() == "Text I do not want to lose."
    assert panel.outcome() is Outcome.UPHOLD
    with s.db.read() as session:
        assert session.scalars(select(DecisionRow)).all() == []
        events = session.scalars(select(EventRow.payload_json)).all()
        assert all("Text I do not want" not in json.dumps(e) for e in events)


def test_loop_on_demo_data_with_the_real_catalog(
    qtbot: QtBot, sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same loop on services.demo data: real SOPs, reason codes and templates."""
    from reviewer_app.services.demo import generate_demo
    from reviewer_app.services.users import UserService

    db = Database(create_db_engine(sqlite_url))
    generate_demo(db, appeals=400, seed=3, now=datetime.now(UTC))  # ~100 open
    reviewer = next(u for u in UserService(db).list_users() if u.role.value == "reviewer")

    def choose(dialog: UserChooserDialog) -> int:
        for row in range(dialog.list.count()):
            if dialog.list.item(row).data(Qt.ItemDataRole.UserRole) == reviewer.id:
                dialog.list.setCurrentRow(row)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(UserChooserDialog, "exec", choose)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    station = Workstation(app, load_config(sqlite_url))
    try:
        with qtbot.waitSignal(station.window_shown, timeout=10_000) as shown:
            station.begin()
        window: MainWindow = shown.args[0]
        qtbot.addWidget(window)
        with qtbot.waitActive(window):
            window.activateWindow()
        s = Setup(db, window, station, reviewer.id, 0, [])
        first = claim_with_keyboard(qtbot, s)
        panel = window.decision_panel
        press(qtbot, Qt.Key.Key_1, ALT)
        qtbot.waitUntil(lambda: panel.response_edit.toPlainText().strip() != "", timeout=5000)
        press(qtbot, Qt.Key.Key_Down, Qt.KeyboardModifier.NoModifier)
        assert panel.reason_combo.currentData()
        press(qtbot, Qt.Key.Key_Tab, Qt.KeyboardModifier.NoModifier)
        qtbot.keyClicks(QApplication.focusWidget(), "Evidence reviewed; restriction stays.")
        # The real templates leave a {details} slot; submitting it unfilled is refused.
        press(qtbot, Qt.Key.Key_Return, CTRL)
        qtbot.waitUntil(lambda: panel.blocks["response_text"].error() is not None, timeout=5000)
        assert window.flow.current is not None and window.flow.current.case.appeal_id == first
        edit = panel.response_edit
        assert QApplication.focusWidget() is edit
        assert edit.textCursor().selectedText() == "{details}"  # selected: type over it
        qtbot.keyClicks(edit, "The invoices do not cover the listed quantity.")
        assert "{details}" not in edit.toPlainText()
        press(qtbot, Qt.Key.Key_Return, CTRL)
        qtbot.waitUntil(lambda: window.flow.current is not None
                        and window.flow.current.case.appeal_id != first, timeout=10_000)
        with db.read() as session:
            # The decision just made: the most urgent demo case may carry an earlier step
            # (an escalation or an information request) from the demo's history.
            decision = session.scalars(
                select(DecisionRow).where(DecisionRow.appeal_id == first,
                                          DecisionRow.user_id == reviewer.id)
                .order_by(DecisionRow.id.desc()).limit(1)).one()
            assert decision.sop_document_id is not None
            assert decision.outcome == Outcome.UPHOLD.value
            assert "The invoices do not cover the listed quantity." in decision.response_text
        wait_idle(qtbot, s)
        window.close()
    finally:
        station.close()
        db.dispose()


def test_server_side_refusal_shows_field_errors_and_keeps_the_case(
    qtbot: QtBot, setup: Setup
) -> None:
    """If a draft slips past the form, the service's IncompleteDecisionError still lands
    next to the fields and nothing is written."""
    from reviewer_app.domain.models import DecisionDraft

    s = setup
    appeal_id = claim_with_keyboard(qtbot, s)
    press(qtbot, Qt.Key.Key_1, ALT)  # the form shows the uphold fields
    s.window.flow.submit(DecisionDraft(appeal_id=appeal_id, outcome=Outcome.UPHOLD))
    qtbot.waitUntil(lambda: s.window.decision_panel.field_error("rationale") is not None,
                    timeout=10_000)
    wait_idle(qtbot, s)
    assert s.window.banner.kind() == "warning"
    assert s.window.flow.current is not None
    with s.db.read() as session:
        assert session.scalars(select(DecisionRow)).all() == []


def test_a_decision_moves_my_dashboard(qtbot: QtBot, setup: Setup) -> None:
    s = setup
    press(qtbot, Qt.Key.Key_G, CTRL | Qt.KeyboardModifier.ShiftModifier)  # My dashboard
    qtbot.waitUntil(lambda: s.window.dashboards.personal is not None
                    and s.window.dashboards.personal.stats is not None, timeout=10_000)
    dashboard = s.window.dashboards.personal
    bars = dashboard.decisions_bars
    assert float(bars.opts["height"].sum()) == 0 and dashboard.today.value() == 0
    with qtbot.waitActive(s.window):
        s.window.activateWindow()
    s.window.queue_panel.table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is s.window.queue_panel.table,
                    timeout=2000)
    claim_with_keyboard(qtbot, s)
    fill_uphold_with_keyboard(qtbot, s, "Invoices do not match the branded goods.")
    press(qtbot, Qt.Key.Key_Return, CTRL)
    # Without a refresh by hand: the chart's bar data and today's progress follow.
    qtbot.waitUntil(lambda: float(bars.opts["height"].sum()) == 1, timeout=10_000)
    assert dashboard.today.value() == 1
    assert dashboard.stats is not None and dashboard.stats.aht_seconds is not None
    assert "1 decisions" in dashboard.figures.text()
