"""LISTEN on a dedicated connection: woken by a commit, by wake(), and back after a kill."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime

import pytest
from sqlalchemy import text

from reviewer_app.data import change_feed
from reviewer_app.data.db import Database, create_db_engine
from reviewer_app.data.notify import PgListener, TimerListener, listener_for

pytestmark = pytest.mark.pg

AT = datetime(2026, 1, 10, 12, 0, tzinfo=UTC)


@pytest.fixture
def pg_db(pg_url: str):
    database = Database(create_db_engine(pg_url))
    yield database
    database.dispose()


def commit_change(database: Database) -> None:
    with database.write() as s:
        change_feed.publish(s, kind="claimed", at=AT, appeal_ids=(1,))


def test_a_commit_elsewhere_wakes_the_listener_quickly(pg_db: Database) -> None:
    listener = listener_for(pg_db.engine.url)
    assert isinstance(listener, PgListener)
    try:
        assert listener.connect()
        assert listener.wait(0.05) is False  # nothing yet
        timer = threading.Timer(0.2, commit_change, args=(pg_db,))
        started = time.monotonic()
        timer.start()
        assert listener.wait(5.0) is True
        waited = time.monotonic() - started
        timer.join()
        assert 0.15 < waited < 1.0
    finally:
        listener.close()


def test_wake_interrupts_a_long_wait(pg_db: Database) -> None:
    listener = PgListener(pg_db.engine.url)
    try:
        assert listener.connect()
        threading.Timer(0.1, listener.wake).start()
        started = time.monotonic()
        assert listener.wait(30.0) is False
        assert time.monotonic() - started < 1.0
    finally:
        listener.close()


def test_the_listener_reconnects_after_its_backend_is_terminated(pg_db: Database) -> None:
    listener = PgListener(pg_db.engine.url)
    try:
        assert listener.connect()
        with pg_db.engine.connect() as conn:
            killed = conn.execute(text(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE datname = current_database() "
                "AND application_name = 'reviewer-app listener'")).scalar()
        assert killed == 1
        # The loss is seen (True: the caller must read the feed), then it reconnects.
        assert listener.wait(5.0) is True
        deadline = time.monotonic() + 10
        while not listener.connected and time.monotonic() < deadline:
            listener.wait(0.5)
        assert listener.connected
        assert listener.reconnects == 1
        commit_change(pg_db)
        assert listener.wait(5.0) is True
    finally:
        listener.close()


def test_sqlite_waits_on_a_timer_that_wake_interrupts() -> None:
    listener = TimerListener(interval=0.05)
    started = time.monotonic()
    assert listener.wait(10.0) is True  # time to poll
    assert time.monotonic() - started < 1.0
    listener.wake()
    assert listener.wait(10.0) is False
    listener.close()
    assert listener.wait(10.0) is False
