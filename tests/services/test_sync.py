"""The change-feed reader: new rows, late-committed gaps on PostgreSQL, bulk and presence kinds."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from reviewer_app.data import change_feed
from reviewer_app.data.db import Database, create_db_engine
from reviewer_app.data.notify import TimerListener
from reviewer_app.services import sync
from reviewer_app.services.sync import GAP_SECONDS, ChangeFeedReader

AT = datetime(2026, 1, 10, 12, 0, tzinfo=UTC)


class Ticks:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def publish(session, *appeal_ids: int, kind: str = "claimed") -> None:
    change_feed.publish(session, kind=kind, at=AT, appeal_ids=appeal_ids, actor_user_id=None)


def reader_for(database: Database, ticks: Ticks | None = None) -> ChangeFeedReader:
    return ChangeFeedReader(database, listener=TimerListener(), monotonic=ticks or Ticks())


def test_poll_reports_appeals_changed_since_the_last_poll(database: Database) -> None:
    with database.write() as s:
        publish(s, 1)  # before start: not reported
    reader = reader_for(database)
    start = reader.start()
    assert start > 0
    assert not reader.poll()
    with database.write() as s:
        publish(s, 7, 8)
    with database.write() as s:
        publish(s, 8)
        publish(s, 7, kind=change_feed.PRESENCE)
    batch = reader.poll()
    assert batch.appeal_ids == {7, 8}
    assert batch.presence_ids == {7}
    assert not batch.reload_all
    assert batch.last_seq == start + 4
    assert not reader.poll()


def test_hand_offs_are_reported_with_who_handed_them(database: Database) -> None:
    reader = reader_for(database)
    reader.start()
    with database.write() as s:
        change_feed.publish(s, kind="handed_off", at=AT, appeal_ids=(5,), actor_user_id=42)
        publish(s, 6)
    batch = reader.poll()
    assert batch.handoffs == {5: 42}  # the receiving window checks whether it got the case
    assert batch.appeal_ids == {5, 6}  # and the row refreshes like any other change


def test_a_bulk_change_asks_for_a_reload(database: Database) -> None:
    reader = reader_for(database)
    reader.start()
    with database.write() as s:
        publish(s, None, kind=change_feed.BULK)  # type: ignore[arg-type]
    assert reader.poll().reload_all


@pytest.mark.pg
def test_a_transaction_that_commits_late_is_reported_when_it_commits(pg_url: str) -> None:
    """Two real PostgreSQL transactions: the one with the smaller seq commits second."""
    database = Database(create_db_engine(pg_url))
    ticks = Ticks()
    reader = reader_for(database, ticks)
    reader.start()
    try:
        with database.write() as early:
            publish(early, 1)
            early.flush()
            with database.write() as late:
                publish(late, 2)
            # The later transaction is committed, the earlier one (smaller seq) is not.
            batch = reader.poll()
            assert batch.appeal_ids == {2}
            assert len(reader.pending_gaps) == 1
            (gap,) = reader.pending_gaps
            assert gap < batch.last_seq
            ticks.now += GAP_SECONDS / 2
            assert not reader.poll()  # still invisible, still remembered
            assert reader.pending_gaps == {gap}
        batch = reader.poll()
        assert batch.appeal_ids == {1}
        assert reader.pending_gaps == frozenset()
    finally:
        database.dispose()


@pytest.mark.pg
def test_a_rolled_back_gap_is_given_up_after_the_gap_time(pg_url: str) -> None:
    database = Database(create_db_engine(pg_url))
    ticks = Ticks()
    reader = reader_for(database, ticks)
    reader.start()
    try:
        with pytest.raises(RuntimeError, match="abandoned"), database.write() as doomed:
            publish(doomed, 1)
            doomed.flush()
            with database.write() as other:
                publish(other, 2)
            assert reader.poll().appeal_ids == {2}
            raise RuntimeError("abandoned")
        assert len(reader.pending_gaps) == 1
        ticks.now += GAP_SECONDS - 1
        assert not reader.poll()
        assert len(reader.pending_gaps) == 1
        ticks.now += 2
        assert not reader.poll()
        assert reader.pending_gaps == frozenset()
    finally:
        database.dispose()


def test_more_rows_than_a_poll_reads_ask_for_a_reload(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sync, "READ_LIMIT", 2)
    monkeypatch.setattr(sync, "MAX_READS_PER_POLL", 2)
    reader = reader_for(database)
    reader.start()
    with database.write() as s:
        publish(s, 1, 2, 3)
    assert reader.poll().appeal_ids == {1, 2, 3}  # two reads of two rows cover it
    with database.write() as s:
        publish(s, 4, 5, 6, 7, 8)
    batch = reader.poll()
    assert batch.reload_all
    with database.write() as s:
        publish(s, 9)
    assert reader.poll() == sync.FeedBatch(appeal_ids=frozenset({9}), last_seq=batch.last_seq + 1)
