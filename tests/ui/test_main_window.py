"""Main window: shortcuts and their sheet, SQL filters and sorts, release, layout persistence."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

import pytest
from factories import Factory
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QInputDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from reviewer_app.app import build_main_window, build_services
from reviewer_app.config import load_config
from reviewer_app.data.db import Database, create_db_engine
from reviewer_app.data.orm import EventRow, LeaseRow
from reviewer_app.domain.enums import AppealStatus, EventType, SlaState, SortKey
from reviewer_app.ui.dialogs.shortcut_sheet import ShortcutSheetDialog, shortcut_rows
from reviewer_app.ui.main_window import MainWindow
from reviewer_app.ui.queue.model import Column
from reviewer_app.workers.runner import Runner

CTRL = Qt.KeyboardModifier.ControlModifier
NONE = Qt.KeyboardModifier.NoModifier


@pytest.fixture
def db(sqlite_url: str) -> Iterator[Database]:
    database = Database(create_db_engine(sqlite_url))
    f = Factory(database, now=datetime.now(UTC))
    f.user("rita")
    f.sop("IP_COUNTERFEIT")
    markets = ("DE", "FR", "PL")
    f.appeals(12, market=lambda i: markets[i % 3], priority=lambda i: (i * 7) % 10,
              sla_due_at=lambda i: f.now + timedelta(hours=i - 3))
    yield database
    database.dispose()


@pytest.fixture
def make_window(qtbot: QtBot, db: Database, sqlite_url: str) -> Iterator[Callable[[], MainWindow]]:
    runners: list[Runner] = []

    def make() -> MainWindow:
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        cfg = load_config(sqlite_url)
        runner = Runner()
        runners.append(runner)
        services = build_services(db, cfg)
        user = services.users.list_users()[0]
        window = build_main_window(runner, services, user, cfg, app)
        qtbot.addWidget(window)
        with qtbot.waitActive(window):
            window.show()
            window.activateWindow()
        window.start()
        qtbot.waitUntil(lambda: window.queue_panel.model.rowCount() == 12, timeout=5000)
        qtbot.waitUntil(lambda: runner.pending == 0, timeout=5000)
        return window

    yield make
    for runner in runners:
        runner.shutdown()


def focus_key(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = NONE) -> None:
    target = QApplication.focusWidget()
    assert target is not None
    qtbot.keyClick(target, key, modifier)


def test_every_action_has_a_distinct_shortcut_and_the_sheet_lists_them(
    qtbot: QtBot, make_window: Callable[[], MainWindow], monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window()
    keys = [k.toString() for a in window.actions.all() for k in a.shortcuts()]
    assert all(keys)
    assert len(keys) == len(set(keys))
    assert not any(k.startswith("Alt+") for k in keys)  # Alt+1..6 belong to the decision form
    opened: list[ShortcutSheetDialog] = []
    monkeypatch.setattr(ShortcutSheetDialog, "exec", lambda d: opened.append(d) or 0)
    focus_key(qtbot, Qt.Key.Key_F1)
    assert len(opened) == 1
    sheet = opened[0]
    shown = {(sheet.table.item(r, 1).text(), sheet.table.item(r, 2).text())
             for r in range(sheet.table.rowCount())}
    for action in window.actions.all():
        assert (action.text().replace("&", ""), action.shortcut().toString()) in {
            (text, keys.split(", ")[0]) for text, keys in shown
        }
    assert ("Claim next appeal", "Ctrl+N") in shown
    assert len(shortcut_rows(window.actions)) == sheet.table.rowCount()


def test_market_filter_and_search_query_the_database(
    qtbot: QtBot, make_window: Callable[[], MainWindow]
) -> None:
    window = make_window()
    panel = window.queue_panel
    combo = panel.filter_bar.combo("market")
    qtbot.waitUntil(lambda: combo.findData("FR") >= 0, timeout=5000)
    with qtbot.waitSignal(panel.model.page_loaded, timeout=5000):
        combo.setCurrentIndex(combo.findData("FR"))
    assert panel.model.rowCount() == 4
    assert {panel.model.row_at(i).market for i in range(4)} == {"FR"}
    qtbot.waitUntil(lambda: panel.counts_label.text().startswith("4 appeals"), timeout=5000)

    target = panel.model.row_at(2).ref
    focus_key(qtbot, Qt.Key.Key_F, CTRL)
    assert QApplication.focusWidget() is panel.filter_bar.search_box
    qtbot.keyClicks(panel.filter_bar.search_box, target)
    with qtbot.waitSignal(panel.model.page_loaded, timeout=5000):
        focus_key(qtbot, Qt.Key.Key_Return)
    assert [panel.model.row_at(i).ref for i in range(panel.model.rowCount())] == [target]
    assert panel.loading_label.text() == ""

    qtbot.keyClicks(panel.filter_bar.search_box, "-no-such-appeal")
    with qtbot.waitSignal(panel.model.page_loaded, timeout=5000):
        focus_key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not panel.model.is_loading, timeout=5000)
    assert panel.model.rowCount() == 0
    assert panel.loading_label.text() == "No appeals match this filter."


def test_header_click_sorts_in_sql_and_unsortable_columns_are_ignored(
    qtbot: QtBot, make_window: Callable[[], MainWindow]
) -> None:
    window = make_window()
    panel = window.queue_panel
    header = panel.table.horizontalHeader()
    pos = QPoint(header.sectionViewportPosition(Column.PRIORITY) + 5, 5)
    with qtbot.waitSignal(panel.model.page_loaded, timeout=5000):
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert panel.model.queue_sort.key is SortKey.PRIORITY
    values = [panel.model.row_at(i).priority for i in range(panel.model.rowCount())]
    assert values == sorted(values, reverse=panel.model.queue_sort.descending)
    pos = QPoint(header.sectionViewportPosition(Column.SELLER) + 5, 5)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert panel.model.queue_sort.key is SortKey.PRIORITY
    assert header.sortIndicatorSection() == Column.PRIORITY


def test_release_asks_for_a_reason_and_returns_the_case(
    qtbot: QtBot, make_window: Callable[[], MainWindow], db: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = make_window()
    focus_key(qtbot, Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: window.flow.current is not None, timeout=5000)
    appeal_id = window.flow.current.case.appeal_id
    monkeypatch.setattr(QInputDialog, "getItem",
                        staticmethod(lambda *a, **k: ("Needs a specialist", True)))
    focus_key(qtbot, Qt.Key.Key_R, CTRL | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: window.flow.current is None and not window.flow.busy, timeout=5000)
    assert window.case_panel.case() is None
    with db.read() as session:
        assert session.get(LeaseRow, appeal_id) is None
        released = session.scalars(select(EventRow).where(
            EventRow.appeal_id == appeal_id, EventRow.type == EventType.RELEASED.value)).one()
        assert released.comment == "Needs a specialist"


def test_dock_layout_and_column_widths_persist(
    qtbot: QtBot, make_window: Callable[[], MainWindow]
) -> None:
    first = make_window()
    # Inside the (small offscreen) screen, so restoring the geometry does not clamp it.
    screen = first.screen().availableGeometry()
    first.resize(min(900, screen.width() - 40), min(700, screen.height() - 60))
    first.queue_panel.table.setColumnWidth(Column.SELLER, 321)
    first.resizeDocks([first.queue_dock], [222], Qt.Orientation.Vertical)
    qtbot.wait(50)
    height = first.queue_dock.height()
    first.close()
    second = make_window()
    assert second.size() == first.size()
    assert second.queue_panel.table.columnWidth(Column.SELLER) == 321
    assert abs(second.queue_dock.height() - height) <= 2


def test_focus_shortcuts_move_between_panels(
    qtbot: QtBot, make_window: Callable[[], MainWindow]
) -> None:
    window = make_window()
    focus_key(qtbot, Qt.Key.Key_K, CTRL)
    assert QApplication.focusWidget() is window.guidance_panel.search_edit
    focus_key(qtbot, Qt.Key.Key_1, CTRL)
    assert QApplication.focusWidget() is window.queue_panel.table
    focus_key(qtbot, Qt.Key.Key_3, CTRL)
    assert QApplication.focusWidget() is window.guidance_panel.browser


def test_lease_is_renewed_while_the_reviewer_is_active(
    qtbot: QtBot, make_window: Callable[[], MainWindow], db: Database
) -> None:
    window = make_window()
    focus_key(qtbot, Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: window.flow.lease is not None and not window.flow.busy, timeout=5000)
    first = window.flow.lease
    assert "Lease:" in window.lease_label.text()
    with db.write() as session:  # pretend most of the lease has been used up
        row = session.get(LeaseRow, first.appeal_id)
        row.expires_at = datetime.now(UTC) + timedelta(minutes=1)
    focus_key(qtbot, Qt.Key.Key_Tab)  # the reviewer is active
    window.flow.renew_now()
    qtbot.waitUntil(lambda: window.flow.lease is not first, timeout=5000)
    with db.read() as session:
        expires = session.get(LeaseRow, first.appeal_id).expires_at
    assert expires > datetime.now(UTC) + timedelta(minutes=10)


def test_a_bug_in_a_worker_reaches_the_error_dialog(
    qtbot: QtBot, make_window: Callable[[], MainWindow], monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    window = make_window()
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec",
                        lambda box: shown.append(box.detailedText()) or 0)

    def broken() -> None:
        raise KeyError("surprise")

    window._runner.submit(broken)
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert "KeyError: 'surprise'" in shown[0]
    assert "Traceback" in shown[0]


def test_ctrl_end_jumps_to_the_last_page(
    qtbot: QtBot, make_window: Callable[[], MainWindow], db: Database
) -> None:
    window = make_window()
    model = window.queue_panel.model
    first_ids = [model.row_at(i).appeal_id for i in range(model.rowCount())]
    window.queue_panel.table.setFocus()
    with qtbot.waitSignal(model.page_loaded, timeout=5000):
        focus_key(qtbot, Qt.Key.Key_End, CTRL)
    ids = [model.row_at(i).appeal_id for i in range(model.rowCount())]
    # Twelve rows fit on one page, so the last page is the whole queue in the same order.
    assert ids == first_ids
    assert not model.canFetchMore()


@pytest.mark.parametrize("name", ["market", "policy", "language", "status", "round", "sla"])
def test_each_filter_box_runs_its_query(
    qtbot: QtBot, make_window: Callable[[], MainWindow], name: str
) -> None:
    window = make_window()
    panel = window.queue_panel
    combo = panel.filter_bar.combo(name)
    qtbot.waitUntil(lambda: combo.count() > 1, timeout=5000)
    with qtbot.waitSignal(panel.model.page_loaded, timeout=5000):
        combo.setCurrentIndex(1)
    flt = panel.model.queue_filter
    chosen = combo.itemData(1)
    values = {"market": flt.market, "policy": flt.policy_code, "language": flt.language,
              "status": flt.status, "round": flt.round, "sla": flt.sla_state}
    assert values[name] == chosen
    if name == "status":
        assert isinstance(flt.status, AppealStatus)
        assert all(panel.model.row_at(i).status is flt.status
                   for i in range(panel.model.rowCount()))
    if name == "sla":
        assert flt.sla_state is SlaState.BREACHED
        now = datetime.now(UTC)
        assert panel.model.rowCount() >= 3
        assert all(panel.model.row_at(i).sla_due_at <= now
                   for i in range(panel.model.rowCount()))
    qtbot.waitUntil(lambda: window._runner.pending == 0, timeout=5000)
    assert panel.counts_label.text().startswith(f"{panel.model.rowCount()} appeals")


def test_closing_the_window_releases_the_open_case(
    qtbot: QtBot, make_window: Callable[[], MainWindow], db: Database
) -> None:
    window = make_window()
    focus_key(qtbot, Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: window.flow.current is not None and not window.flow.busy,
                    timeout=5000)
    appeal_id = window.flow.current.case.appeal_id
    window.close()
    window._runner.shutdown()  # what the app does on exit: queued writes still run
    with db.read() as session:
        assert session.get(LeaseRow, appeal_id) is None
        comments = session.scalars(select(EventRow.comment).where(
            EventRow.appeal_id == appeal_id, EventRow.type == EventType.RELEASED.value)).all()
    assert comments == ["Closed the workstation"]


def test_enter_on_a_queue_row_claims_that_appeal(
    qtbot: QtBot, make_window: Callable[[], MainWindow]
) -> None:
    window = make_window()
    table = window.queue_panel.table
    focus_key(qtbot, Qt.Key.Key_1, CTRL)
    for _ in range(3):
        focus_key(qtbot, Qt.Key.Key_Down)
    wanted = window.queue_panel.model.row_at(table.currentIndex().row()).appeal_id
    focus_key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.flow.current is not None, timeout=5000)
    assert window.flow.current.case.appeal_id == wanted
    assert window.case_panel.case().appeal_id == wanted


def test_a_held_enter_does_not_claim_and_no_action_repeats(
    qtbot: QtBot, make_window: Callable[[], MainWindow], db: Database
) -> None:
    # Enter held on the sign-in dialog auto-repeats into the queue once the window opens
    # (seen under Xvfb): the repeats must not claim the top appeal for the reviewer.
    window = make_window()
    table = window.queue_panel.table
    focus_key(qtbot, Qt.Key.Key_1, CTRL)
    focus_key(qtbot, Qt.Key.Key_Down)
    assert table.currentIndex().isValid()
    held = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Return, NONE, "\r", True)
    for _ in range(5):
        QApplication.sendEvent(table, held)
    qtbot.wait(500)
    assert window.flow.current is None
    with db.read() as s:
        assert s.scalars(select(LeaseRow)).first() is None
    fresh = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Return, NONE, "\r", False)
    QApplication.sendEvent(table, fresh)  # a real press still claims
    qtbot.waitUntil(lambda: window.flow.current is not None, timeout=5000)
    assert not any(a.autoRepeat() for a in window.actions.all())  # held Ctrl+N claims once


def test_language_menu_stores_the_preference(
    make_window: Callable[[], MainWindow]
) -> None:
    from PySide6.QtCore import QSettings

    from reviewer_app.ui.i18n import LANGUAGE_KEY, preferred_locale

    window = make_window()
    chinese = next(a for a in window.language_menu.actions() if a.data() == "zh_CN")
    chinese.trigger()
    assert QSettings().value(LANGUAGE_KEY) == "zh_CN"
    assert preferred_locale().name() == "zh_CN"
    assert "next start" in window.banner.text()


def test_sop_search_shows_hits_and_opens_a_result(
    qtbot: QtBot, make_window: Callable[[], MainWindow]
) -> None:
    window = make_window()
    guidance = window.guidance_panel
    focus_key(qtbot, Qt.Key.Key_K, CTRL)
    qtbot.keyClicks(guidance.search_edit, "evidence")
    focus_key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: guidance.results_list.count() > 0, timeout=5000)
    guidance.results_list.setCurrentRow(0)
    guidance.results_list.setFocus()
    focus_key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: guidance.sop() is not None, timeout=5000)
    assert guidance.sop().policy_code == "IP_COUNTERFEIT"


def test_f5_returns_abandoned_leases_to_the_queue(
    qtbot: QtBot, make_window: Callable[[], MainWindow], db: Database
) -> None:
    from reviewer_app.data.orm import AppealRow

    window = make_window()
    focus_key(qtbot, Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: window.flow.current is not None and not window.flow.busy,
                    timeout=5000)
    appeal_id = window.flow.current.case.appeal_id
    with db.write() as session:  # the lease ran out long ago
        session.get(LeaseRow, appeal_id).expires_at = datetime.now(UTC) - timedelta(hours=1)
    model = window.queue_panel.model
    with qtbot.waitSignal(model.page_loaded, timeout=5000):
        focus_key(qtbot, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window._runner.pending == 0, timeout=5000)
    row = model.row_of(appeal_id)
    assert row is not None and model.row_at(row).leased_by is None
    with db.read() as session:
        assert session.get(AppealRow, appeal_id).status == "new"


def test_renewal_stops_once_the_runner_is_shut_down(
    qtbot: QtBot, make_window: Callable[[], MainWindow]
) -> None:
    window = make_window()
    runner = window.flow._runner
    focus_key(qtbot, Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: window.flow.lease is not None and not window.flow.busy, timeout=5000)
    assert window.flow._renew.isActive()
    runner.shutdown()
    focus_key(qtbot, Qt.Key.Key_Tab)  # active, so only the closed runner stops the renewal
    window.flow.renew_now()  # a timer tick after shutdown must not raise in the event loop
    assert not window.flow._renew.isActive()


def test_expiry_timer_after_runner_shutdown_does_nothing(
    make_window: Callable[[], MainWindow]
) -> None:
    window = make_window()
    window._runner.shutdown()
    window._expire_leases()  # a late tick: no RuntimeError from a closed runner
    assert not window._expire_timer.isActive()


def test_the_empty_case_pane_names_the_keys_that_start_work(
    make_window: Callable[[], MainWindow],
) -> None:
    window = make_window()
    hint = window.case_panel.empty_label
    assert hint.isVisible() and window.case_panel.case() is None
    a = window.actions
    for key in (a.claim_next.shortcut(), a.open_selected.shortcut(), a.shortcuts.shortcut()):
        assert key.toString() in hint.text()  # the hint follows the shortcuts it names
