"""Change watcher: feed changes arrive on the GUI thread, survive a lost listener, stop fast."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from reviewer_app.data import change_feed
from reviewer_app.data.db import Database, create_db_engine
from reviewer_app.domain.errors import DatabaseUnavailableError
from reviewer_app.domain.models import Changes
from reviewer_app.services.sync import PG_FALLBACK_SECONDS, ChangeFeedReader, FeedBatch
from reviewer_app.workers import change_watcher
from reviewer_app.workers.change_watcher import ChangeWatcher

AT = datetime(2026, 1, 10, 12, 0, tzinfo=UTC)


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = Database(create_db_engine(db_url))
    yield database
    database.dispose()


@pytest.fixture
def watcher(db: Database) -> Iterator[ChangeWatcher]:
    w = ChangeWatcher(ChangeFeedReader(db))
    w.start()
    assert w.wait_ready(10)
    yield w
    w.stop()


def publish(db: Database, *appeal_ids: int, kind: str = "claimed") -> None:
    with db.write() as s:
        change_feed.publish(s, kind=kind, at=AT, appeal_ids=appeal_ids)


def collect(watcher: ChangeWatcher) -> tuple[list[Changes], list[frozenset[int]]]:
    changes: list[Changes] = []
    presence: list[frozenset[int]] = []
    gui = threading.get_ident()

    def on_changes(c: Changes) -> None:
        assert threading.get_ident() == gui, "delivered off the GUI thread"
        changes.append(c)

    watcher.changes_arrived.connect(on_changes)
    watcher.presence_changed.connect(presence.append)
    return changes, presence


def test_changes_and_presence_arrive_on_the_gui_thread(
    qtbot: QtBot, db: Database, watcher: ChangeWatcher
) -> None:
    changes, presence = collect(watcher)
    publish(db, 3, 4)
    publish(db, 4, kind=change_feed.PRESENCE)
    qtbot.waitUntil(lambda: {a for c in changes for a in c.appeal_ids} == {3, 4}, timeout=3000)
    qtbot.waitUntil(lambda: frozenset({4}) in presence, timeout=3000)
    publish(db, None, kind=change_feed.BULK)  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: any(c.reload_all for c in changes), timeout=3000)


def test_stop_returns_quickly_and_nothing_arrives_afterwards(
    qtbot: QtBot, db: Database, watcher: ChangeWatcher
) -> None:
    changes, _ = collect(watcher)
    started = time.monotonic()
    assert watcher.stop()
    took = time.monotonic() - started
    assert took < 0.5, f"stop took {took:.3f} s"
    assert not watcher.running
    publish(db, 9)
    qtbot.wait(700)
    assert changes == []


@pytest.mark.pg
def test_changes_still_arrive_after_the_listener_connection_is_killed(
    qtbot: QtBot, pg_url: str
) -> None:
    db = Database(create_db_engine(pg_url))
    watcher = ChangeWatcher(ChangeFeedReader(db))
    watcher.start()
    try:
        assert watcher.wait_ready(10)
        changes, _ = collect(watcher)
        with db.engine.connect() as conn:
            killed = conn.execute(text(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE datname = current_database() "
                "AND application_name = 'reviewer-app listener'")).scalar()
        assert killed == 1
        publish(db, 11)  # possibly while the listener is away: the feed still has it
        qtbot.waitUntil(lambda: any(11 in c.appeal_ids for c in changes), timeout=5000)
        qtbot.wait(1500)  # the listener is back by now
        started = time.monotonic()
        publish(db, 12)
        qtbot.waitUntil(lambda: any(12 in c.appeal_ids for c in changes), timeout=5000)
        # Notified again, not merely found by the 3 s fallback read.
        assert time.monotonic() - started < 1.0
    finally:
        assert watcher.stop()
        db.dispose()


@pytest.mark.pg
def test_a_change_without_a_notification_is_found_by_the_fallback_read(
    qtbot: QtBot, pg_url: str
) -> None:
    db = Database(create_db_engine(pg_url))
    with db.engine.begin() as conn:  # this test's own database: no NOTIFY from now on
        conn.execute(text("ALTER TABLE change_feed DISABLE TRIGGER change_feed_notify"))
    watcher = ChangeWatcher(ChangeFeedReader(db))
    watcher.start()
    try:
        assert watcher.wait_ready(10)
        changes, _ = collect(watcher)
        publish(db, 21)
        started = time.monotonic()
        qtbot.waitUntil(lambda: any(21 in c.appeal_ids for c in changes), timeout=6000)
        assert time.monotonic() - started < PG_FALLBACK_SECONDS + 1.0
    finally:
        assert watcher.stop()
        db.dispose()


class FlakyReader:
    """A reader whose database is away for the first two polls."""

    fallback_seconds = 0.01

    def __init__(self) -> None:
        self.polls = 0
        self.closed = False

    def start(self) -> int:
        return 0

    def wait(self, timeout: float) -> bool:
        time.sleep(min(timeout, 0.01))
        return True

    def wake(self) -> None:
        pass

    def close(self) -> None:
        self.closed = True

    def poll(self) -> FeedBatch:
        self.polls += 1
        if self.polls <= 2:
            raise DatabaseUnavailableError("Cannot use the database: connection refused")
        return FeedBatch(appeal_ids=frozenset({5}), last_seq=self.polls)


def test_the_watcher_carries_on_once_the_database_is_back(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(change_watcher, "RETRY_SECONDS", (0.05, 0.1))
    reader = FlakyReader()
    watcher = ChangeWatcher(reader)  # type: ignore[arg-type]
    changes, _ = collect(watcher)
    watcher.start()
    try:
        qtbot.waitUntil(lambda: bool(changes), timeout=3000)
    finally:
        assert watcher.stop()
    assert changes[0].appeal_ids == {5}
    assert reader.closed
    assert "connection refused" in caplog.text


class _SlowReader:
    """A reader stuck in a slow database call when the window closes (a busy server)."""

    fallback_seconds = 0.01

    def __init__(self) -> None:
        self.in_call = threading.Event()
        self.release = threading.Event()

    def start(self) -> int:
        return 0

    def wait(self, timeout: float) -> None:
        self.in_call.set()
        self.release.wait(5)

    def poll(self) -> FeedBatch:
        return FeedBatch(appeal_ids=frozenset({1}), last_seq=1)

    def wake(self) -> None:
        """A stuck call does not notice the wake-up (that is the point of the test)."""

    def close(self) -> None:
        pass


def test_a_watcher_stuck_in_a_slow_call_outlives_its_window_without_crashing(
    qtbot: QtBot,
) -> None:
    from PySide6.QtCore import QObject

    window = QObject()
    reader = _SlowReader()
    w = ChangeWatcher(reader, parent=window)  # type: ignore[arg-type]
    w.start()
    assert reader.in_call.wait(5)
    assert not w.stop(timeout=0.05)  # still inside the slow call
    assert w.parent() is None and w in change_watcher._OUTLIVING
    window.deleteLater()  # the window goes; the watcher must not go with it
    qtbot.wait(50)
    reader.release.set()  # the slow call returns on the watcher thread
    qtbot.waitUntil(lambda: not w.running, timeout=3000)
    qtbot.wait(100)  # an emit into a deleted object would have crashed by now


class _BusyReader(_SlowReader):
    """Has a change on every poll, so an unstopped thread would emit continuously."""

    def wait(self, timeout: float) -> None:
        self.in_call.set()
        time.sleep(0.005)


@pytest.mark.filterwarnings("error::pytest.PytestUnhandledThreadExceptionWarning")
def test_a_watcher_destroyed_with_its_window_unstopped_stops_its_thread(qtbot: QtBot) -> None:
    """Without the guard the thread emits into the deleted object (an error, or a crash)."""
    from PySide6.QtCore import QObject

    window = QObject()
    reader = _BusyReader()
    w = ChangeWatcher(reader, parent=window)  # type: ignore[arg-type]
    w.start()
    thread = w._thread
    assert thread is not None and reader.in_call.wait(5)
    window.deleteLater()  # destroyed without anyone calling stop()
    qtbot.waitUntil(lambda: not thread.is_alive(), timeout=3000)
    qtbot.wait(100)  # an emit into the deleted watcher would have crashed by now
