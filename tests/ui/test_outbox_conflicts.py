"""The conflicts dialog: a refused replay is listed with its text; Try again and Discard work."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from factories import ManualClock
from outbox_support import Stack, SwitchableDatabase, assert_consistent, build_stack, seed, uphold
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from reviewer_app.data.db import create_db_engine
from reviewer_app.data.orm import DecisionRow
from reviewer_app.domain.outbox import OutboxState
from reviewer_app.ui.dialogs.outbox_conflicts import OutboxConflictsDialog
from reviewer_app.workers.runner import Runner


@pytest.fixture
def stack(sqlite_url: str, tmp_path: Path) -> Iterator[Stack]:
    db = SwitchableDatabase(create_db_engine(sqlite_url))
    yield build_stack(db, tmp_path / "outbox.sqlite3", ManualClock())
    db.dispose()


@pytest.fixture
def runner() -> Iterator[Runner]:
    r = Runner()
    yield r
    r.shutdown()


def _conflicts(stack: Stack, clock: ManualClock, appeals: list[int], user: int) -> None:
    """Decisions saved while offline whose leases run out before the link returns."""
    for n, appeal in enumerate(appeals):
        stack.queue.claim(appeal, user)
        stack.db.down = True  # type: ignore[attr-defined]
        stack.outbox.submit(user, uphold(appeal, f"c{n}"), f"APL-{n}")
        stack.db.down = False  # type: ignore[attr-defined]
    clock.now += timedelta(minutes=20)
    assert len(stack.outbox.replay(user).conflicts) == len(appeals)


def test_conflicts_are_listed_copied_retried_and_discarded(
    qtbot: QtBot, stack: Stack, runner: Runner
) -> None:
    clock = stack.outbox._clock
    assert isinstance(clock, ManualClock)
    appeals, (ana,) = seed(stack.db, 2)
    _conflicts(stack, clock, appeals, ana)
    dialog = OutboxConflictsDialog(runner, stack.outbox, ana)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.reload()
    qtbot.waitUntil(lambda: dialog.list.count() == 2, timeout=5000)
    assert dialog.list.item(0).text() == "APL-0 · Uphold"
    assert "lease ran out" in dialog.problem_label.text()
    assert "Invoice forged" in dialog.text_view.toPlainText()
    assert "Appeal: APL-0" in dialog.text_view.toPlainText()

    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert "Invoice forged" in QGuiApplication.clipboard().text()

    with qtbot.waitSignal(dialog.queue_changed, timeout=5000):
        qtbot.mouseClick(dialog.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.list.count() == 1, timeout=5000)
    assert "now in the database" in dialog.status_label.text()
    assert dialog.list.item(0).text() == "APL-1 · Uphold"

    with qtbot.waitSignal(dialog.resolved, timeout=5000):
        qtbot.mouseClick(dialog.discard_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.list.count() == 0, timeout=5000)
    assert not dialog.retry_button.isEnabled()
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=5000)

    with stack.db.read() as s:
        decided = dict(s.execute(select(DecisionRow.appeal_id, func.count())
                                 .group_by(DecisionRow.appeal_id)).all())
    assert decided == {appeals[0]: 1}
    (discarded,) = stack.outbox._store.entries(stack.outbox.database, ana,
                                               [OutboxState.DISCARDED])
    assert discarded.appeal_id == appeals[1]
    assert_consistent(stack.db)
