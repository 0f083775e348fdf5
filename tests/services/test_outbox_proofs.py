"""Proofs on real PostgreSQL: cut connections, a server restart, a killed client, replay twice.

After each: every decision present exactly once, the event log consistent (one event per
decision, an unbroken before/after chain), no appeal held by two people.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from outbox_support import Stack, assert_consistent, build_stack, seed, uphold
from private_pg import PrivateServer, private_pg_url, private_server  # noqa: F401
from sqlalchemy import Engine, create_engine, func, select, text
from sqlalchemy.engine import make_url

from reviewer_app.data.db import Database, create_db_engine
from reviewer_app.data.orm import DecisionRow, LeaseRow
from reviewer_app.domain.errors import DatabaseUnavailableError
from reviewer_app.services.outbox import SubmitResult, SubmitStatus

pytestmark = pytest.mark.pg
TESTS = Path(__file__).resolve().parents[1]


@pytest.fixture
def db(pg_url: str) -> Iterator[Database]:
    database = Database(create_db_engine(pg_url))
    yield database
    database.dispose()


@pytest.fixture
def admin(pg_url: str) -> Iterator[Engine]:
    """A second connection to the same database (not the app's), to lock and to terminate."""
    engine = create_engine(make_url(pg_url), isolation_level="AUTOCOMMIT")
    yield engine
    engine.dispose()


def _decisions(db: Database) -> dict[int, int]:
    with db.read() as s:
        return dict(s.execute(select(DecisionRow.appeal_id, func.count())
                              .group_by(DecisionRow.appeal_id)).all())


def _holder(db: Database, appeal_id: int) -> int | None:
    with db.read() as s:
        return s.scalar(select(LeaseRow.user_id).where(LeaseRow.appeal_id == appeal_id))


def _wait_for(check: Callable[[], object], timeout: float = 30.0) -> object:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        found = check()
        if found:
            return found
        time.sleep(0.05)
    raise AssertionError("timed out")


def _blocked_insert_pid(admin: Engine, dbname: str) -> int | None:
    """The backend whose INSERT INTO decisions waits for our table lock (mid-decide)."""
    with admin.connect() as conn:
        return conn.execute(text(
            "SELECT pid FROM pg_stat_activity WHERE datname = :d AND wait_event_type = 'Lock'"
            " AND query LIKE 'INSERT INTO decisions%'"), {"d": dbname}).scalar()


@pytest.fixture
def decisions_locked(pg_url: str) -> Iterator[Callable[[], None]]:
    """Hold decide() half-way: a lock that makes its INSERT INTO decisions wait.

    Yields a function that releases the lock (also called at the end).
    """
    engine = create_engine(make_url(pg_url), connect_args={"application_name": "locker"})
    conn = engine.connect()
    conn.execute(text("LOCK TABLE decisions IN SHARE MODE"))

    def release() -> None:
        if conn.in_transaction():
            conn.rollback()

    yield release
    release()
    conn.close()
    engine.dispose()


def test_terminated_connections_mid_decision_leave_nothing_half_written_and_replay_once(
    db: Database, admin: Engine, pg_url: str, tmp_path: Path,
    decisions_locked: Callable[[], None],
) -> None:
    appeals, (ana,) = seed(db, 2)
    stack = build_stack(db, tmp_path / "outbox.sqlite3")
    stack.queue.claim(appeals[0], ana)
    dbname = make_url(pg_url).database
    result: list[SubmitResult] = []
    worker = threading.Thread(target=lambda: result.append(
        stack.outbox.submit(ana, uphold(appeals[0], "cut-1"), "A-1")))
    worker.start()
    _wait_for(lambda: _blocked_insert_pid(admin, dbname))
    # Every connection of the app to this database goes: the one inside decide() and the
    # idle ones in its pool.
    with admin.connect() as conn:
        cut = conn.execute(text(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
            " WHERE datname = :d AND pid <> pg_backend_pid()"
            " AND application_name NOT LIKE 'locker%'"), {"d": dbname}).scalar()
    worker.join(30)
    decisions_locked()
    assert cut and cut >= 1
    assert result and result[0].status is SubmitStatus.SAVED_LOCALLY
    assert _decisions(db) == {}  # nothing half-written: the transaction was rolled back
    assert _holder(db, appeals[0]) == ana  # the lease stays until replay or expiry
    assert stack.outbox.counts(ana).pending == 1
    assert_consistent(db)

    report = stack.outbox.replay(ana)
    assert [e.appeal_id for e in report.applied] == [appeals[0]]
    assert stack.outbox.replay(ana).applied == ()
    assert _decisions(db) == {appeals[0]: 1}
    assert_consistent(db)


def test_a_postgresql_restart_during_a_session(private_pg_url: str,  # noqa: F811
                                               private_server: PrivateServer,  # noqa: F811
                                               tmp_path: Path) -> None:
    db = Database(create_db_engine(private_pg_url))
    appeals, (ana,) = seed(db, 4)
    stack = build_stack(db, tmp_path / "outbox.sqlite3")
    stack.queue.claim(appeals[0], ana)
    assert stack.outbox.submit(ana, uphold(appeals[0], "r0")).status is SubmitStatus.APPLIED
    stack.queue.claim(appeals[1], ana)

    private_server.stop()
    try:
        saved = stack.outbox.submit(ana, uphold(appeals[1], "r1"), "A-2")
        assert saved.status is SubmitStatus.SAVED_LOCALLY
        with pytest.raises(DatabaseUnavailableError):
            stack.queue.claim(appeals[2], ana)
        with pytest.raises(DatabaseUnavailableError):
            stack.outbox.probe()
        report = stack.outbox.replay(ana)
        assert report.offline and report.applied == ()
        assert stack.outbox.counts(ana).pending == 1
    finally:
        private_server.start()

    stack.outbox.probe()  # the same engine reconnects on its own
    report = stack.outbox.replay(ana)
    assert [e.appeal_id for e in report.applied] == [appeals[1]]
    assert stack.outbox.replay(ana).applied == ()
    assert _decisions(db) == {appeals[0]: 1, appeals[1]: 1}
    stack.queue.claim(appeals[2], ana)  # work simply goes on
    assert_consistent(db)
    db.dispose()


def _spawn_client(url: str, outbox: Path, user: int, appeal: int, key: str, mode: str,
                  marker: Path) -> subprocess.Popen[bytes]:
    code = (f"import sys; sys.path.insert(0, {str(TESTS)!r}); "
            "from outbox_support import client_process; "
            f"client_process({url!r}, {str(outbox)!r}, {user}, {appeal}, {key!r}, "
            f"{mode!r}, {str(marker)!r})")
    return subprocess.Popen([sys.executable, "-c", code], env=os.environ.copy())


@pytest.mark.parametrize("mode", ["before_apply", "in_transaction", "after_commit"])
def test_sigkill_of_a_client_after_submit_loses_nothing(
    db: Database, admin: Engine, pg_url: str, tmp_path: Path, mode: str,
    decisions_locked: Callable[[], None],
) -> None:
    appeals, (ana,) = seed(db, 1)
    outbox_file = tmp_path / "outbox.sqlite3"
    build_stack(db, outbox_file).queue.claim(appeals[0], ana)
    if mode != "in_transaction":
        decisions_locked()
    marker = tmp_path / "reached"
    client = _spawn_client(pg_url, outbox_file, ana, appeals[0], "kill-1", mode, marker)
    try:
        _wait_for(marker.exists, timeout=60)
        if mode == "in_transaction":
            _wait_for(lambda: _blocked_insert_pid(admin, make_url(pg_url).database))
        client.send_signal(signal.SIGKILL)
        assert client.wait(30) == -signal.SIGKILL
    finally:
        if client.poll() is None:
            client.kill()
    decisions_locked()  # the dead client's transaction now ends (rolled back)

    expected_before = {appeals[0]: 1} if mode == "after_commit" else {}
    assert _decisions(db) == expected_before
    assert_consistent(db)
    # "On restart": a new app process, the same outbox file.
    restarted = build_stack(Database(create_db_engine(pg_url)), outbox_file)
    assert restarted.outbox.counts(ana).pending == 1
    report = restarted.outbox.replay(ana)
    assert [e.appeal_id for e in report.applied] == [appeals[0]]
    assert restarted.outbox.counts(ana).pending == 0
    assert _decisions(db) == {appeals[0]: 1}
    assert _holder(db, appeals[0]) is None
    assert_consistent(db)
    restarted.db.dispose()


def test_outbox_replayed_twice_and_by_two_instances_at_once_applies_each_decision_once(
    db: Database, pg_url: str, tmp_path: Path
) -> None:
    appeals, (ana, ben) = seed(db, 12, reviewers=2)
    outbox_file = tmp_path / "outbox.sqlite3"
    stack = build_stack(db, outbox_file)
    for n, appeal in enumerate(appeals):
        user = ana if n % 2 == 0 else ben
        stack.queue.claim(appeal, user)
        stack.outbox._store.add(user_id=user, database=stack.outbox.database, appeal_ref="",
                                draft=uphold(appeal, f"twice-{n}"), now=stack.outbox._clock())

    second_db = Database(create_db_engine(pg_url))
    second = build_stack(second_db, outbox_file)  # another app instance, same computer
    reports: list[object] = []
    barrier = threading.Barrier(4)

    def replay(s: Stack, user: int) -> None:
        barrier.wait()
        reports.append(s.outbox.replay(user))

    threads = [threading.Thread(target=replay, args=(s, u))
               for s in (stack, second) for u in (ana, ben)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert len(reports) == 4
    for user in (ana, ben):
        assert stack.outbox.replay(user).applied == ()  # and a third time: nothing left
        assert stack.outbox.counts(user).pending == 0
        assert stack.outbox.conflicts(user) == ()
    assert _decisions(db) == dict.fromkeys(appeals, 1)
    assert_consistent(db)
    second_db.dispose()
