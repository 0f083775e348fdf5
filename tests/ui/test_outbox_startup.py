"""At start-up the window replays what a previous run left in the outbox (e.g. after SIGKILL)."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from outbox_support import assert_consistent, seed, uphold
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from reviewer_app import config
from reviewer_app.app import build_main_window, build_services
from reviewer_app.config import load_config
from reviewer_app.data.db import Database, create_db_engine
from reviewer_app.data.orm import DecisionRow
from reviewer_app.data.outbox_store import FILE_NAME, OutboxStore
from reviewer_app.domain.outbox import OutboxState
from reviewer_app.services.queue import QueueService
from reviewer_app.workers.runner import Runner


def test_a_pending_decision_from_a_previous_run_is_sent_at_start_up(
    qtbot: QtBot, sqlite_url: str
) -> None:
    db = Database(create_db_engine(sqlite_url))
    (appeal,), (ana,) = seed(db, 1, now=datetime.now(UTC))
    QueueService(db).claim(appeal, ana)
    # What a killed app left behind: saved in the outbox, never applied.
    OutboxStore(config.data_dir() / FILE_NAME).add(
        user_id=ana, database=db.identity, appeal_ref="APL-1",
        draft=uphold(appeal, "left-over"), now=datetime.now(UTC))

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    cfg = load_config(sqlite_url)
    runner = Runner()
    services = build_services(db, cfg)
    user = next(u for u in services.users.list_users() if u.id == ana)
    window = build_main_window(runner, services, user, cfg, app)
    qtbot.addWidget(window)
    window.show()
    said: list[str] = []
    assert window.connection is not None
    window.connection.message.connect(lambda text, _kind: said.append(text))
    window.start()
    label = window.findChild(QLabel, "connectionLabel")
    assert label is not None
    qtbot.waitUntil(lambda: said == [
        "1 decision saved on this computer is now in the database."], timeout=10_000)
    qtbot.waitUntil(lambda: label.text() == "● Online", timeout=5000)
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=5000)
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(DecisionRow)) == 1
    assert_consistent(db)
    window.close()
    runner.shutdown()
    db.dispose()


def test_start_up_forgets_applied_entries_older_than_a_week(
    qtbot: QtBot, sqlite_url: str
) -> None:
    db = Database(create_db_engine(sqlite_url))
    (appeal,), (ana,) = seed(db, 1, now=datetime.now(UTC))
    store = OutboxStore(config.data_dir() / FILE_NAME)
    ids = {}
    for key, days in (("old", 8), ("recent", 2)):
        when = datetime.now(UTC) - timedelta(days=days)
        entry = store.add(user_id=ana, database=db.identity, appeal_ref="APL-1",
                          draft=uphold(appeal, key), now=when)
        store.mark(entry.id, OutboxState.APPLIED, now=when)
        ids[key] = entry.id

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    cfg = load_config(sqlite_url)
    runner = Runner()
    services = build_services(db, cfg)
    user = next(u for u in services.users.list_users() if u.id == ana)
    window = build_main_window(runner, services, user, cfg, app)
    qtbot.addWidget(window)
    window.show()
    window.start()
    qtbot.waitUntil(lambda: store.get(ids["old"]) is None, timeout=5000)
    recent = store.get(ids["recent"])
    assert recent is not None and recent.state is OutboxState.APPLIED
    window.close()
    runner.shutdown()
    db.dispose()


def test_the_indicator_says_connecting_until_the_database_answers(
    qtbot: QtBot, sqlite_url: str
) -> None:
    db = Database(create_db_engine(sqlite_url))
    (_appeal,), (ana,) = seed(db, 1, now=datetime.now(UTC))
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    cfg = load_config(sqlite_url)
    runner = Runner()
    services = build_services(db, cfg)
    assert services.outbox is not None
    answer = threading.Event()
    real_probe = services.outbox.probe

    def slow_probe() -> None:  # a server far away: the first answer takes a while
        answer.wait(5)
        real_probe()

    services.outbox.probe = slow_probe  # type: ignore[method-assign]
    user = next(u for u in services.users.list_users() if u.id == ana)
    window = build_main_window(runner, services, user, cfg, app)
    qtbot.addWidget(window)
    window.show()
    window.start()
    label = window.findChild(QLabel, "connectionLabel")
    assert label is not None
    qtbot.wait(100)
    assert label.text() == "Connecting…"
    answer.set()
    qtbot.waitUntil(lambda: label.text() == "● Online", timeout=5000)
    window.close()
    runner.shutdown()
    db.dispose()
