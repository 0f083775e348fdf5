"""Every logged event publishes a change-feed row; the event log refuses UPDATE and DELETE."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from reviewer_app.data import change_feed
from reviewer_app.services.queue import QueueService
from tests.factories import Factory, ManualClock


def test_a_claim_publishes_its_appeal_in_commit_order(database) -> None:
    f = Factory(database)
    ana = f.user("ana")
    first, second = f.appeal(), f.appeal()
    with database.read() as s:
        start = change_feed.latest_seq(s)
    queue = QueueService(database, clock=ManualClock())
    queue.claim(second, ana)
    queue.claim(first, ana)
    with database.read() as s:
        entries = change_feed.read_after(s, start)
        again = change_feed.read_seqs(s, [e.seq for e in entries])
    assert [(e.appeal_id, e.kind, e.actor_user_id) for e in entries] == [
        (second, "claimed", ana), (first, "claimed", ana)]
    assert again == entries


@pytest.mark.parametrize("statement", ["UPDATE events SET comment = 'rewritten'",
                                       "DELETE FROM events"])
def test_the_event_log_refuses_changes(database, statement: str) -> None:
    f = Factory(database)
    queue = QueueService(database, clock=ManualClock())
    queue.claim(f.appeal(), f.user("ana"))
    with pytest.raises(DBAPIError, match="append-only"), database.engine.begin() as conn:
        conn.execute(text(statement))
    with database.read() as s:
        assert s.execute(text("SELECT count(*) FROM events")).scalar() == 1
