"""Hold for help, hand-off and the expiry warning, driven by keyboard on the real main window."""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from factories import REDRESS, Factory, ManualClock
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from reviewer_app.app import build_main_window, build_services
from reviewer_app.config import load_config
from reviewer_app.data.db import Database, create_db_engine
from reviewer_app.data.orm import DecisionRow, EventRow, LeaseRow
from reviewer_app.domain.enums import EventType, Outcome
from reviewer_app.domain.handle_time import HandleTimeMeter
from reviewer_app.domain.models import DecisionDraft, OtherChange, QueueFilter, QueueSort
from reviewer_app.services.guidance import GuidanceService
from reviewer_app.services.handoff import HandOffService
from reviewer_app.services.queue import QueueService
from reviewer_app.services.review import ReviewService
from reviewer_app.services.users import UserService
from reviewer_app.ui.dialogs.errors import describe_error
from reviewer_app.ui.dialogs.hand_off import HandOffDialog
from reviewer_app.ui.dialogs.held_cases import HeldCasesDialog
from reviewer_app.ui.dialogs.hold import HoldDialog
from reviewer_app.ui.main_window import MainWindow
from reviewer_app.workers.ops import Services
from reviewer_app.workers.runner import Runner

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = CTRL | Qt.KeyboardModifier.ShiftModifier


@dataclass
class Team:
    db: Database
    rita: int
    lena: int
    ivan: int  # no German: never offered for these appeals


@pytest.fixture
def team(sqlite_url: str) -> Iterator[Team]:
    db = Database(create_db_engine(sqlite_url))
    f = Factory(db, now=datetime.now(UTC))
    team = Team(db, rita=f.user("rita"), lena=f.user("lena", languages={"de"}),
                ivan=f.user("ivan", languages={"fr"}))
    f.sop("IP_COUNTERFEIT")
    f.reason_code("OVR-NEW-EVIDENCE", Outcome.OVERTURN)
    f.reason_code("UPH-DOCS-INVALID", Outcome.UPHOLD)
    for outcome in (Outcome.UPHOLD, Outcome.OVERTURN):
        f.template(outcome, "de")
    f.appeals(3, language="de", sla_due_at=lambda i: f.now + timedelta(hours=i + 1))
    yield team
    db.dispose()


def press(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier) -> None:
    """A chord where the user is typing (window shortcuts resolve from the focus widget)."""
    target = QApplication.focusWidget()
    assert target is not None
    qtbot.keyClick(target, key, modifier)


def typing_into(qtbot: QtBot, widget: QWidget) -> None:
    """Wait until the dialog is up and ``widget`` has the keyboard focus, as a user would."""
    qtbot.waitUntil(widget.isVisible, timeout=2000)
    widget.window().activateWindow()
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus, timeout=2000)


def back_to(qtbot: QtBot, window: MainWindow) -> None:
    """Focus the main window again after a dialog (offscreen Qt does not give it back)."""
    with qtbot.waitActive(window):
        window.activateWindow()
    window.queue_panel.table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.queue_panel.table,
                    timeout=2000)


def when_modal(kind: type[QWidget], act: Callable[[QWidget], None]) -> QTimer:
    """Run ``act`` on the modal dialog of ``kind`` as soon as it is open (inside its exec).

    A failing ``act`` must not leave the dialog blocking the test forever: the dialog is
    then rejected and the error kept on ``timer.error`` for the test to raise.
    """
    timer = QTimer()
    timer.setInterval(20)
    timer.error = None  # type: ignore[attr-defined]

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind):
            timer.stop()
            try:
                act(dialog)
            except Exception as exc:  # handed to the test by settled()
                traceback.print_exc()
                timer.error = exc  # type: ignore[attr-defined]
                dialog.reject()  # type: ignore[attr-defined]
                return
            QTimer.singleShot(3000, dialog, lambda: stuck(dialog))  # cancelled if deleted

    def stuck(dialog: QWidget) -> None:
        if dialog.isVisible():  # the keys did not close it: fail instead of hanging
            timer.error = AssertionError(f"{kind.__name__} stayed open")  # type: ignore[attr-defined]
            dialog.reject()  # type: ignore[attr-defined]

    timer.timeout.connect(poll)
    timer.start()
    return timer


def settled(timer: QTimer) -> None:
    """Raise what went wrong inside the dialog, if anything."""
    assert not timer.isActive(), "the dialog never opened"
    if timer.error is not None:  # type: ignore[attr-defined]
        raise timer.error  # type: ignore[attr-defined]


@pytest.fixture
def open_window(qtbot: QtBot, team: Team, sqlite_url: str
                ) -> Iterator[Callable[..., MainWindow]]:
    runners: list[Runner] = []

    def make(services: Services | None = None, **window_kw: object) -> MainWindow:
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        cfg = load_config(sqlite_url)
        runner = Runner()
        runners.append(runner)
        services = services or build_services(team.db, cfg)
        rita = services.users.get(team.rita)
        if window_kw:
            window = MainWindow(runner, services, rita, database_label="test",
                                meter=HandleTimeMeter(cfg.idle_seconds), **window_kw)
        else:
            window = build_main_window(runner, services, rita, cfg, app)
        qtbot.addWidget(window)
        with qtbot.waitActive(window):
            window.show()
            window.activateWindow()
        window.start()
        qtbot.waitUntil(lambda: window.queue_panel.model.rowCount() == 3, timeout=5000)
        qtbot.waitUntil(lambda: runner.pending == 0, timeout=5000)
        return window

    yield make
    for runner in runners:
        runner.shutdown()


def test_claim_hold_with_a_note_then_hand_off_to_a_colleague(
    qtbot: QtBot, team: Team, open_window: Callable[..., MainWindow]
) -> None:
    window = open_window()
    press(qtbot, Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: window.flow.current is not None and not window.flow.busy,
                    timeout=5000)
    appeal_id = window.flow.current.case.appeal_id

    def write_hold_note(dialog: QWidget) -> None:
        assert isinstance(dialog, HoldDialog)
        assert not dialog.ok_button.isEnabled()  # a note is required
        typing_into(qtbot, dialog.note_edit)
        qtbot.keyClicks(dialog.note_edit, "Invoice looks forged, asking Lena")
        assert dialog.ok_button.isEnabled()
        qtbot.keyClick(dialog.note_edit, Qt.Key.Key_Return, CTRL)

    timer = when_modal(HoldDialog, write_hold_note)
    press(qtbot, Qt.Key.Key_H, CTRL_SHIFT)
    qtbot.waitUntil(lambda: window.flow.lease is not None and window.flow.lease.held,
                    timeout=5000)
    settled(timer)
    status = window.lease_label.text()
    assert status.startswith("Held for help: Invoice looks forged, asking Lena")
    header = window.case_panel.header.lease_label
    assert header.isVisible() and "Held for help: Invoice looks forged" in header.text()
    log = window.case_panel.events_section.table  # the case events show the note
    qtbot.waitUntil(lambda: any(
        log.item(r, 4) is not None and log.item(r, 4).text() == "Invoice looks forged, asking Lena"
        for r in range(log.rowCount())), timeout=5000)
    assert "Held for help" in window.case_panel.header.lease_label.text()

    def pick_lena(dialog: QWidget) -> None:
        assert isinstance(dialog, HandOffDialog)
        box = dialog.colleague_box
        offered = [box.itemData(i) for i in range(box.count())]
        assert offered == [team.lena]  # Ivan lacks German; Rita is me
        typing_into(qtbot, box.lineEdit())
        qtbot.keyClicks(box.lineEdit(), "len")  # type to filter
        popup = box.completer().popup()
        qtbot.waitUntil(popup.isVisible, timeout=2000)
        qtbot.keyClick(popup, Qt.Key.Key_Down)
        qtbot.keyClick(popup, Qt.Key.Key_Return)
        assert dialog.colleague_id() == team.lena
        assert not dialog.ok_button.isEnabled()  # still needs a note
        typing_into(qtbot, dialog.note_edit)
        qtbot.keyClicks(dialog.note_edit, "You read German invoices better")
        qtbot.keyClick(dialog.note_edit, Qt.Key.Key_Return, CTRL)

    timer = when_modal(HandOffDialog, pick_lena)
    back_to(qtbot, window)
    press(qtbot, Qt.Key.Key_O, CTRL_SHIFT)
    qtbot.waitUntil(lambda: window.flow.current is None and not window.flow.busy,
                    timeout=5000)
    settled(timer)
    assert window.case_panel.case() is None
    assert "Case handed to Lena" in window.banner.text()
    assert window.lease_label.text() == "No case leased"

    with team.db.read() as session:
        lease = session.get(LeaseRow, appeal_id)
        assert (lease.user_id, lease.note, lease.held) == (
            team.lena, "You read German invoices better", False)
        events = session.execute(
            select(EventRow.type, EventRow.actor_user_id, EventRow.before, EventRow.after,
                   EventRow.comment)
            .where(EventRow.appeal_id == appeal_id).order_by(EventRow.id)).all()
    assert [tuple(e) for e in events[1:]] == [
        ("held", team.rita, None, None, "Invoice looks forged, asking Lena"),
        ("handed_off", team.rita, "rita", "lena", "You read German invoices better"),
    ]


def test_a_case_handed_to_me_is_listed_and_ctrl_n_resumes_it(
    qtbot: QtBot, team: Team, open_window: Callable[..., MainWindow], sqlite_url: str
) -> None:
    lena_desktop = build_services(team.db, load_config(sqlite_url))
    least_urgent = lena_desktop.queue.page(QueueFilter(), QueueSort()).rows[-1].appeal_id
    lena_desktop.queue.claim(least_urgent, team.lena)
    lena_desktop.handoff.hand_off(least_urgent, team.lena, team.rita, "Needs your market")
    window = open_window()

    listed: list[str] = []

    def look(dialog: QWidget) -> None:
        assert isinstance(dialog, HeldCasesDialog)
        listed.extend(dialog.list.item(i).text() for i in range(dialog.list.count()))
        qtbot.keyClick(dialog.list, Qt.Key.Key_Escape)

    timer = when_modal(HeldCasesDialog, look)
    press(qtbot, Qt.Key.Key_M, CTRL_SHIFT)
    qtbot.waitUntil(lambda: bool(listed), timeout=5000)
    settled(timer)
    assert len(listed) == 1 and listed[0].endswith("Note: Needs your market")
    back_to(qtbot, window)
    press(qtbot, Qt.Key.Key_N, CTRL)  # resumes the handed-off case before new work
    qtbot.waitUntil(lambda: window.flow.current is not None, timeout=5000)
    assert window.flow.current.case.appeal_id == least_urgent
    assert "Note: Needs your market" in window.banner.text()
    assert "Note: Needs your market" in window.case_panel.header.lease_label.text()


def test_closing_the_window_keeps_a_held_case_held(
    qtbot: QtBot, team: Team, open_window: Callable[..., MainWindow]
) -> None:
    window = open_window()
    press(qtbot, Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: window.flow.lease is not None and not window.flow.busy,
                    timeout=5000)
    appeal_id = window.flow.lease.appeal_id
    window.flow.hold("Waiting for legal")
    qtbot.waitUntil(lambda: window.flow.lease.held, timeout=5000)
    window.close()
    window._runner.shutdown()
    with team.db.read() as session:
        lease = session.get(LeaseRow, appeal_id)
        assert (lease.user_id, lease.held, lease.note) == (team.rita, True, "Waiting for legal")
        released = session.scalars(select(EventRow).where(
            EventRow.appeal_id == appeal_id, EventRow.type == EventType.RELEASED.value)).all()
    assert released == []


def _services_on(db: Database, clock: ManualClock) -> Services:
    return Services(
        queue=QueueService(db, clock=clock), review=ReviewService(db, clock=clock),
        guidance=GuidanceService(db), users=UserService(db),
        handoff=HandOffService(db, clock=clock),
    )


def test_expiry_warning_appears_and_one_key_keeps_the_case(
    qtbot: QtBot, team: Team, open_window: Callable[..., MainWindow]
) -> None:
    clock = ManualClock(datetime.now(UTC))
    window = open_window(_services_on(team.db, clock), clock=clock)
    press(qtbot, Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: window.flow.lease is not None and not window.flow.busy,
                    timeout=5000)
    appeal_id = window.flow.lease.appeal_id
    indicator = window.lease_indicator
    assert indicator.state == ""
    assert window.lease_label.property("leaseState") == ""

    clock.now += timedelta(minutes=13, seconds=30)  # the reviewer walked away
    qtbot.waitUntil(lambda: indicator.state == "warning", timeout=3000)
    assert window.banner.isVisible() and window.banner.kind() == "warning"
    assert "ends in 1m 30s" in window.banner.text()
    assert "Ctrl+Shift+K" in window.banner.text()
    assert window.lease_label.property("leaseState") == "warning"
    assert window.lease_label.styleSheet()  # highlighted
    assert window.case_panel.header.lease_label.property("leaseState") == "warning"

    press(qtbot, Qt.Key.Key_K, CTRL_SHIFT)
    qtbot.waitUntil(lambda: indicator.state == "", timeout=5000)
    assert not window.banner.isVisible()
    assert window.lease_label.styleSheet() == ""
    with team.db.read() as session:
        assert session.get(LeaseRow, appeal_id).expires_at == clock.now + timedelta(minutes=15)

    clock.now += timedelta(minutes=16)  # ignored the warning this time
    qtbot.waitUntil(lambda: indicator.state == "expired", timeout=3000)
    assert "has run out" in window.banner.text()


def _draft(appeal_id: int, outcome: Outcome, code: str) -> DecisionDraft:
    return DecisionDraft(appeal_id=appeal_id, outcome=outcome, reason_code=code,
                         rationale="Checked", response_text=f"Done. {REDRESS}",
                         response_language="de")


def test_a_late_submit_is_refused_and_names_who_decided_first(
    qtbot: QtBot, team: Team, open_window: Callable[..., MainWindow]
) -> None:
    clock = ManualClock(datetime.now(UTC))
    window = open_window(_services_on(team.db, clock), clock=clock)
    press(qtbot, Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: window.flow.lease is not None and not window.flow.busy,
                    timeout=5000)
    appeal_id = window.flow.lease.appeal_id
    clock.now += timedelta(minutes=16)  # Rita's lease ran out while she read
    lena_desktop = _services_on(team.db, clock)  # another client on the same database
    lena_desktop.queue.claim(appeal_id, team.lena)
    lena_desktop.review.decide(team.lena, _draft(appeal_id, Outcome.OVERTURN,
                                                 "OVR-NEW-EVIDENCE"))
    window.flow.submit(_draft(appeal_id, Outcome.UPHOLD, "UPH-DOCS-INVALID"))
    qtbot.waitUntil(lambda: "decided this appeal" in window.banner.text(), timeout=5000)
    local = clock.now.astimezone().strftime("%H:%M")
    assert window.banner.text().startswith(f"Lena decided this appeal at {local} (Overturn).")
    assert "not saved" in window.banner.text()
    assert window.banner.kind() == "warning"
    with team.db.read() as session:
        deciders = session.scalars(select(DecisionRow.user_id)
                                   .where(DecisionRow.appeal_id == appeal_id)).all()
    assert deciders == [team.lena]  # nothing overwritten


def test_refused_change_names_the_other_change() -> None:
    at = datetime.now(UTC).replace(hour=14, minute=2)
    from reviewer_app.domain.errors import ConflictError, LeaseLostError

    decided = OtherChange(kind=EventType.DECIDED, at=at, actor="Maria Chen",
                          detail=Outcome.OVERTURN.value)
    text = describe_error(LeaseLostError("lost", other=decided))
    local = at.astimezone().strftime("%H:%M")
    assert text.startswith(f"Maria Chen decided this appeal at {local} (Overturn).")
    assert "Your change was not saved" in text
    handed = OtherChange(kind=EventType.HANDED_OFF, at=at, actor="Ana", to_actor="Bob")
    assert describe_error(ConflictError("x", other=handed)).startswith(
        f"Ana handed this appeal to Bob at {local}.")
    assert "changed this case meanwhile" in describe_error(ConflictError("x"))
