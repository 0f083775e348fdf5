"""The window follows other clients: "Also viewing" names them, the case header updates itself."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from factories import Factory
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from reviewer_app.app import build_main_window, build_services
from reviewer_app.config import load_config
from reviewer_app.data import change_feed
from reviewer_app.data.db import Database, create_db_engine
from reviewer_app.data.orm import PresenceRow
from reviewer_app.domain.enums import AppealStatus, EventType
from reviewer_app.services.handoff import HandOffService
from reviewer_app.services.presence import PresenceService
from reviewer_app.services.queue import QueueService
from reviewer_app.ui import labels
from reviewer_app.ui.main_window import MainWindow
from reviewer_app.workers.runner import Runner

CTRL = Qt.KeyboardModifier.ControlModifier


@dataclass
class Two:
    """This window (signed in as Rita) and a second client's database handle."""

    window: MainWindow
    runner: Runner
    mine: Database
    other: Database
    rita: int
    lena: int
    omar: int
    factory: Factory


@pytest.fixture
def two(qtbot: QtBot, db_url: str) -> Iterator[Two]:
    mine = Database(create_db_engine(db_url))
    other = Database(create_db_engine(db_url))  # another workstation: its own engine
    f = Factory(mine, now=datetime.now(UTC))
    rita, lena, omar = f.user("rita"), f.user("lena"), f.user("omar")
    f.sop("IP_COUNTERFEIT")
    f.appeals(3, sla_due_at=lambda i: f.now + timedelta(hours=i + 1))
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    cfg = load_config(db_url)
    runner = Runner()
    services = build_services(mine, cfg)
    user = next(u for u in services.users.list_users() if u.id == rita)
    window = build_main_window(runner, services, user, cfg, app)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    window.start()
    model = window.queue_panel.model
    # Settled: start-up's lease expiry, first page and counts are all done (a late reload
    # would otherwise race the tests that watch the model's signals).
    qtbot.waitUntil(lambda: runner.pending == 0 and model.rowCount() == 3
                    and not model.is_loading, timeout=10_000)
    assert window.live_sync.watcher.wait_ready(10)
    yield Two(window, runner, mine, other, rita, lena, omar, f)
    window.close()
    runner.shutdown()
    other.dispose()
    mine.dispose()


def claim_next_with_keyboard(qtbot: QtBot, two: Two) -> int:
    qtbot.keyClick(two.window.queue_panel.table, Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: two.window.flow.current is not None, timeout=5000)
    assert two.window.flow.current is not None
    return two.window.flow.current.case.appeal_id


def presence_rows(db: Database, appeal_id: int) -> set[int]:
    with db.read() as s:
        return set(s.scalars(select(PresenceRow.user_id)
                             .where(PresenceRow.appeal_id == appeal_id)))


def test_others_opening_the_case_show_as_also_viewing(qtbot: QtBot, two: Two) -> None:
    appeal_id = claim_next_with_keyboard(qtbot, two)
    viewers = two.window.case_panel.viewers
    # Opening the case is a heartbeat: the database knows Rita is viewing it.
    qtbot.waitUntil(lambda: presence_rows(two.mine, appeal_id) == {two.rita}, timeout=3000)
    assert not viewers.isVisible()

    elsewhere = PresenceService(two.other)
    started = time.monotonic()
    assert [u.id for u in elsewhere.touch(appeal_id, two.lena)] == [two.rita]
    qtbot.waitUntil(lambda: viewers.text() == "Also viewing: Lena", timeout=3000)
    assert viewers.isVisible()
    assert time.monotonic() - started < 1.0
    elsewhere.touch(appeal_id, two.omar)
    qtbot.waitUntil(lambda: viewers.text() == "Also viewing: Lena, Omar", timeout=3000)

    elsewhere.leave(appeal_id, two.lena)
    elsewhere.leave(appeal_id, two.omar)
    qtbot.waitUntil(lambda: not viewers.isVisible(), timeout=3000)
    assert viewers.text() == ""

    # Closing the window tells the others Rita left (and stops the watcher at once).
    started = time.monotonic()
    two.window.close()
    assert time.monotonic() - started < 1.0
    assert not two.window.live_sync.watcher.running
    two.runner.shutdown()
    assert presence_rows(two.mine, appeal_id) == set()


def test_a_heartbeat_keeps_the_viewer_list_without_new_changes(qtbot: QtBot, two: Two) -> None:
    """A viewer who went quiet drops out at the next heartbeat (no feed row for that)."""
    appeal_id = claim_next_with_keyboard(qtbot, two)
    live = two.window.live_sync
    PresenceService(two.other).touch(appeal_id, two.lena)
    viewers = two.window.case_panel.viewers
    qtbot.waitUntil(lambda: viewers.text() == "Also viewing: Lena", timeout=3000)
    # Lena's client dies: her row stays but grows old.
    with two.other.write() as s:
        row = s.get(PresenceRow, (appeal_id, two.lena))
        assert row is not None
        row.seen_at = datetime.now(UTC) - timedelta(minutes=5)
    live._on_heartbeat_timeout()  # the 20 s timer, without waiting 20 s
    qtbot.waitUntil(lambda: not viewers.isVisible(), timeout=3000)


def test_the_open_case_header_follows_a_change_made_elsewhere(qtbot: QtBot, two: Two) -> None:
    appeal_id = claim_next_with_keyboard(qtbot, two)
    header = two.window.case_panel.header
    assert header.status_label.text() == labels.appeal_status(AppealStatus.IN_REVIEW)
    tab = two.window.case_panel.tabs.currentIndex()
    events = two.window.case_panel.events_section.table
    events_before = events.rowCount()
    # Another client tidies up leases with a clock an hour ahead: Rita's lease has expired.
    later = datetime.now(UTC) + timedelta(hours=1)
    changes = QueueService(two.other, clock=lambda: later).expire_leases()
    assert appeal_id in changes.appeal_ids
    qtbot.waitUntil(
        lambda: header.status_label.text() == labels.appeal_status(AppealStatus.NEW),
        timeout=3000,
    )
    assert two.window.case_panel.tabs.currentIndex() == tab  # the reviewer's place is kept
    assert events.rowCount() == events_before + 1  # the expiry, in the event log
    last = events.item(events.rowCount() - 1, 1).text()
    assert last == labels.event_type(EventType.LEASE_EXPIRED)
    # The queue row changed too, without a manual refresh.
    model = two.window.queue_panel.model
    row = model.row_of(appeal_id)
    assert row is not None
    qtbot.waitUntil(lambda: model.row_at(row).status is AppealStatus.NEW, timeout=3000)


def test_a_bulk_change_elsewhere_reloads_the_queue(qtbot: QtBot, two: Two) -> None:
    """An import elsewhere publishes one "bulk" change: the view reloads and shows new rows."""
    f = two.factory  # rows written without a feed row each, as an import does
    f.appeals(2, sla_due_at=lambda i: f.now + timedelta(minutes=10 + i))
    with two.other.write() as s:
        change_feed.publish(s, kind=change_feed.BULK, at=datetime.now(UTC), appeal_ids=(None,))
    model = two.window.queue_panel.model
    qtbot.waitUntil(lambda: model.rowCount() == 5, timeout=3000)
    qtbot.waitUntil(
        lambda: two.window.queue_panel.counts_label.text().startswith("5 "), timeout=3000)


def choose_status(qtbot: QtBot, two: Two, status: AppealStatus) -> None:
    """Pick a status in the filter bar with the keyboard-reachable combo box."""
    combo = two.window.queue_panel.filter_bar.findChild(QComboBox, "filter_status")
    assert combo is not None
    model = two.window.queue_panel.model
    with qtbot.waitSignal(model.page_loaded, timeout=5000):
        combo.setCurrentIndex(combo.findData(status.value))


def test_an_appeal_released_elsewhere_appears_in_the_view_at_its_place(
        qtbot: QtBot, two: Two) -> None:
    """Lena claims the middle appeal (it leaves "New"), then releases it: the row comes
    back live, between its neighbours, and Rita's selection stays on her appeal."""
    choose_status(qtbot, two, AppealStatus.NEW)
    panel = two.window.queue_panel
    model = panel.model
    assert model.rowCount() == 3
    first, middle, last = (model.row_at(i).appeal_id for i in range(3))
    panel.table.setFocus()
    panel.table.selectRow(2)  # Rita looks at the last one
    elsewhere = QueueService(two.other)
    elsewhere.claim(middle, two.lena)
    qtbot.waitUntil(lambda: model.row_of(middle) is None, timeout=3000)
    assert [model.row_at(i).appeal_id for i in range(2)] == [first, last]
    assert panel.table.currentIndex().row() == 1  # still on "last"

    started = time.monotonic()
    elsewhere.release(middle, two.lena, "not my market")
    qtbot.waitUntil(lambda: model.row_of(middle) is not None, timeout=3000)
    assert time.monotonic() - started < 1.0
    assert [model.row_at(i).appeal_id for i in range(3)] == [first, middle, last]
    current = panel.table.currentIndex()
    assert current.row() == 2 and model.row_at(current.row()).appeal_id == last
    assert [i.row() for i in panel.table.selectionModel().selectedRows()] == [2]
    qtbot.waitUntil(lambda: panel.counts_label.text().startswith("3 "), timeout=3000)


def test_a_new_appeal_elsewhere_appears_above_the_first_row(qtbot: QtBot, two: Two) -> None:
    """An appeal created elsewhere (with its feed row) that is more urgent than every loaded
    row is inserted at the top without reloading the view."""
    model = two.window.queue_panel.model
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    f = two.factory
    new_id = f.appeal(sla_due_at=f.now + timedelta(minutes=5))
    with (qtbot.waitSignal(model.rowsInserted, timeout=3000) as inserted,
          two.other.write() as s):
        change_feed.publish(s, kind="appeal_created", at=datetime.now(UTC),
                            appeal_ids=(new_id,))
    assert inserted.args[1:] == [0, 0]  # one row, at the top
    assert model.rowCount() == 4 and model.row_at(0).appeal_id == new_id
    assert resets == []  # inserted, not reloaded


def test_a_case_handed_to_me_is_announced_and_ctrl_n_opens_it(qtbot: QtBot, two: Two) -> None:
    """Lena, at another workstation, hands Rita a case: Rita's banner names Lena, the case
    and the note without a refresh, and Ctrl+N opens exactly that case."""
    banner = two.window.banner
    queue = QueueService(two.other)
    handoff = HandOffService(two.other)
    to_omar = queue.claim_next(two.lena).appeal_id
    handoff.hand_off(to_omar, two.lena, two.omar, "For Omar only")
    lease = queue.claim_next(two.lena)
    ref = next(h.ref for h in handoff.held_by(two.lena) if h.lease.appeal_id == lease.appeal_id)

    started = time.monotonic()
    handoff.hand_off(lease.appeal_id, two.lena, two.rita, "Please check the invoice")
    expected = f"Lena handed you {ref}: Please check the invoice — press Ctrl+N to open it"
    qtbot.waitUntil(lambda: banner.text() == expected, timeout=3000)
    assert time.monotonic() - started < 1.0
    assert banner.isVisible() and "Omar" not in banner.text()

    assert claim_next_with_keyboard(qtbot, two) == lease.appeal_id
