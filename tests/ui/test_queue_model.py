"""Queue model: Qt model contract, keyset paging, stale pages dropped, server-side sort."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush
from pytestqt.qtbot import QtBot
from queue_fakes import NOW, FakeQueue, make_rows

from reviewer_app.domain.enums import SortKey
from reviewer_app.domain.models import QueueFilter
from reviewer_app.ui.queue.model import Column, QueueModel
from reviewer_app.workers.runner import Runner


@pytest.fixture
def runner(qtbot: QtBot):
    r = Runner()
    yield r
    r.shutdown()


def loaded_model(qtbot: QtBot, runner: Runner, fake: FakeQueue, page_size: int = 10) -> QueueModel:
    model = QueueModel(runner, fake, clock=lambda: NOW, page_size=page_size)  # type: ignore[arg-type]
    with qtbot.waitSignal(model.page_loaded, timeout=5000):
        model.reload()
    return model


def test_model_passes_qtmodeltester(qtbot: QtBot, qtmodeltester, runner: Runner) -> None:
    model = loaded_model(qtbot, runner, FakeQueue(make_rows(25)))
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() >= 10


def test_fetch_more_pages_with_the_cursor(qtbot: QtBot, runner: Runner) -> None:
    fake = FakeQueue(make_rows(25))
    model = loaded_model(qtbot, runner, fake)
    assert model.rowCount() == 10
    assert model.canFetchMore(QModelIndex())
    with qtbot.waitSignal(model.page_loaded, timeout=5000):
        model.fetchMore(QModelIndex())
    assert fake.calls[-1][2] is not None and fake.calls[-1][2].appeal_id == 10
    with qtbot.waitSignal(model.page_loaded, timeout=5000):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == 25
    assert not model.canFetchMore(QModelIndex())
    ids = [model.row_at(i).appeal_id for i in range(25)]
    assert ids == sorted(ids)  # the fake's SLA order equals the id order
    assert len(set(ids)) == 25


def test_stale_page_after_filter_change_is_dropped(qtbot: QtBot, runner: Runner) -> None:
    fake = FakeQueue(make_rows(30))
    model = loaded_model(qtbot, runner, fake)
    held = threading.Event()
    fake.gate = held
    model.fetchMore(QModelIndex())  # held: its page arrives after the filter changed
    qtbot.waitUntil(lambda: len(fake.calls) == 2)
    fake.gate = None
    with qtbot.waitSignal(model.page_loaded, timeout=5000):
        model.set_filter(QueueFilter(market="FR"))
    held.set()
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=5000)
    markets = {model.row_at(i).market for i in range(model.rowCount())}
    assert markets == {"FR"}
    assert model.rowCount() == 10
    assert not model.is_loading


def test_sort_by_header_asks_the_service(qtbot: QtBot, runner: Runner) -> None:
    fake = FakeQueue(make_rows(12))
    model = loaded_model(qtbot, runner, fake)
    with qtbot.waitSignal(model.page_loaded, timeout=5000):
        model.sort(Column.PRIORITY, Qt.SortOrder.DescendingOrder)
    _flt, sort, cursor = fake.calls[-1]
    assert sort.key is SortKey.PRIORITY and sort.descending and cursor is None
    priorities = [model.row_at(i).priority for i in range(model.rowCount())]
    assert priorities == sorted(priorities, reverse=True)


def test_unsortable_column_does_not_query(qtbot: QtBot, runner: Runner) -> None:
    fake = FakeQueue(make_rows(5))
    model = loaded_model(qtbot, runner, fake)
    before = len(fake.calls)
    model.sort(Column.SELLER, Qt.SortOrder.AscendingOrder)
    assert len(fake.calls) == before
    assert model.queue_sort.key is SortKey.SLA_DUE


def test_sla_column_shows_countdown_and_colour(qtbot: QtBot, runner: Runner) -> None:
    model = loaded_model(qtbot, runner, FakeQueue(make_rows(12)), page_size=20)
    # Row 1 is due 263 minutes before NOW: breached, red; row 12 is due 144 minutes after.
    first = model.index(0, Column.SLA)
    assert first.data(Qt.ItemDataRole.DisplayRole) == "\u22124h 23m"
    assert isinstance(first.data(Qt.ItemDataRole.ForegroundRole), QBrush)
    last = model.index(model.rowCount() - 1, Column.SLA)
    assert last.data(Qt.ItemDataRole.DisplayRole) == "2h 24m"


def test_jump_to_last_shows_final_rows(qtbot: QtBot, runner: Runner) -> None:
    fake = FakeQueue(make_rows(25))
    model = loaded_model(qtbot, runner, fake)
    with qtbot.waitSignal(model.page_loaded, timeout=5000):
        model.jump_to_last()
    assert model.row_at(model.rowCount() - 1).appeal_id == 25
    assert not model.canFetchMore(QModelIndex())


def test_apply_rows_updates_and_removes(qtbot: QtBot, runner: Runner) -> None:
    rows = make_rows(5)
    model = loaded_model(qtbot, runner, FakeQueue(rows))

    updated = rows[1]._replace(leased_by="alice")
    model.apply_rows({2: updated, 3: None})
    assert model.rowCount() == 4
    assert model.index(1, Column.LEASED_BY).data(Qt.ItemDataRole.DisplayRole) == "alice"
    assert model.row_of(3) is None


def test_insert_rows_places_new_matches_inside_the_loaded_range(
        qtbot: QtBot, qtmodeltester, runner: Runner) -> None:
    """Rows that newly match go between loaded rows (or above the first), never past the
    last loaded row while more pages follow; the model contract holds throughout."""
    rows = make_rows(30)
    shown = [r for r in rows if r.appeal_id not in (3, 7, 20)]  # 3 and 7 are "elsewhere"
    fake = FakeQueue(shown)
    model = loaded_model(qtbot, runner, fake)  # ids 1 2 4 5 6 8 9 10 11 12, more follow
    assert model.canFetchMore(QModelIndex())

    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    assert model.insert_rows([rows[6], rows[2], rows[19]]) == 2  # 20 is past the last row
    assert [model.row_at(i).appeal_id for i in range(model.rowCount())] == [
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
    assert model.insert_rows([rows[6]]) == 0  # already shown
    assert resets == []
    qtmodeltester.check(model, force_py=True)


def test_insert_rows_follows_a_descending_sort_and_the_final_page(
        qtbot: QtBot, runner: Runner) -> None:
    rows = make_rows(25)
    fake = FakeQueue([r for r in rows if r.appeal_id not in (1, 20, 25)])
    model = loaded_model(qtbot, runner, fake)
    with qtbot.waitSignal(model.page_loaded, timeout=5000):
        model.sort(Column.SLA, Qt.SortOrder.DescendingOrder)
    # 24 23 22 21 19 ... 14 (ten rows): 20 goes between 21 and 19, 25 above the first.
    assert model.insert_rows([rows[19], rows[24]]) == 2
    assert [model.row_at(i).appeal_id for i in range(6)] == [25, 24, 23, 22, 21, 20]

    with qtbot.waitSignal(model.page_loaded, timeout=5000):
        model.jump_to_last()
    # The final page in descending order ends with 2; 1 goes below it (nothing follows),
    # but a row above the final page's first row is not loaded territory.
    first = model.row_at(0).appeal_id
    assert model.insert_rows([rows[0]]) == 1
    assert model.row_at(model.rowCount() - 1).appeal_id == 1
    assert model.row_at(0).appeal_id == first
