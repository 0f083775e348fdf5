"""Pruning the change feed: old rows go, the newest stays, readers behind the cut reload."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from reviewer_app.cli import main
from reviewer_app.cli_db import PRUNE_DAYS as CLI_PRUNE_DAYS
from reviewer_app.data import change_feed
from reviewer_app.data.db import Database, create_db_engine
from reviewer_app.data.notify import TimerListener
from reviewer_app.data.orm import ChangeFeedRow
from reviewer_app.domain.enums import Role
from reviewer_app.domain.errors import PermissionDeniedError
from reviewer_app.services.sync import PRUNE_DAYS, ChangeFeedReader, prune_change_feed

NOW = datetime.now(UTC)


def publish_at(db: Database, at: datetime, *appeal_ids: int) -> None:
    with db.write() as s:
        change_feed.publish(s, kind="claimed", at=at, appeal_ids=appeal_ids)


def feed(db: Database) -> list[tuple[int, int | None]]:
    with db.read() as s:
        return [(r.seq, r.appeal_id) for r in s.execute(
            select(ChangeFeedRow.seq, ChangeFeedRow.appeal_id).order_by(ChangeFeedRow.seq))]


def test_rows_older_than_the_limit_are_deleted_the_newest_always_stays(
        database: Database) -> None:
    publish_at(database, NOW - timedelta(days=30), 1, 2)
    publish_at(database, NOW - timedelta(days=8), 3)
    publish_at(database, NOW - timedelta(days=6), 4)
    assert prune_change_feed(database, now=NOW) == 3
    assert [a for _seq, a in feed(database)] == [4, None]  # None: the "pruned" marker
    assert prune_change_feed(database, now=NOW) == 0  # nothing old left: no new marker
    # Even a feed that is all old keeps its newest row, so sequence numbers never restart.
    assert prune_change_feed(database, now=NOW + timedelta(days=30)) == 1  # the marker stays
    newest = feed(database)[-1][0]
    assert [a for _seq, a in feed(database)] == [None, None]
    publish_at(database, NOW, 5)
    assert feed(database)[-1] == (newest + 1, 5)
    assert PRUNE_DAYS == CLI_PRUNE_DAYS == 7


def test_a_reader_behind_the_pruned_range_reloads_everything(database: Database) -> None:
    reader = ChangeFeedReader(database, listener=TimerListener())
    reader.start()
    publish_at(database, NOW - timedelta(days=10), 1)  # the reader sleeps through these
    publish_at(database, NOW - timedelta(days=9), 2)
    publish_at(database, NOW - timedelta(days=1), 3)
    assert prune_change_feed(database, now=NOW) == 2
    batch = reader.poll()
    assert batch.reload_all  # changes to 1 and 2 are gone: only a reload shows them
    assert 3 in batch.appeal_ids
    assert reader.pending_gaps == frozenset()
    publish_at(database, NOW, 4)
    batch = reader.poll()
    assert batch.appeal_ids == {4} and not batch.reload_all


def test_db_prune_and_db_upgrade_prune_the_feed(
        sqlite_url: str, capsys: pytest.CaptureFixture[str]) -> None:


    database = Database(create_db_engine(sqlite_url))
    try:
        publish_at(database, NOW - timedelta(days=3), 1)
        publish_at(database, NOW - timedelta(days=1), 2)
        publish_at(database, NOW, 3)
        assert main(["db", "prune", "--days", "2", "--db", sqlite_url]) == 0
        assert "pruned 1 change-feed rows older than 2 days" in capsys.readouterr().out
        publish_at(database, NOW - timedelta(days=8), 4)
        publish_at(database, NOW, 5)
        assert main(["db", "upgrade", "--db", sqlite_url]) == 0
        out = capsys.readouterr().out
        assert "nothing to migrate" in out and "pruned 1 change-feed rows older than 7" in out
        assert [a for _s, a in feed(database)] == [2, 3, None, 5, None]
    finally:
        database.dispose()
    assert main(["db", "prune", "--days", "-1", "--db", sqlite_url]) == 2
    assert "must not be negative" in capsys.readouterr().err


@pytest.mark.pg
def test_app_roles_may_not_prune_and_are_told_who_may(
        roles, admin_db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    publish_at(admin_db, NOW - timedelta(days=30), 1)
    publish_at(admin_db, NOW, 2)
    for role in (Role.REVIEWER, Role.ADMIN):
        person = roles.person(f"pruner_{role.value}", role)
        with pytest.raises(PermissionDeniedError):
            prune_change_feed(roles.database(person), now=NOW)
        assert main(["db", "prune", "--db", person.url]) == 2
        err = capsys.readouterr().err
        assert "may not delete" in err and "as the owner of the tables" in err
    with admin_db.read() as s:
        assert s.scalar(select(func.count()).select_from(ChangeFeedRow)) >= 2
    # The owner (who runs db upgrade) may.
    owner_url = make_url(str(admin_db.engine.url.render_as_string(hide_password=False)))
    assert main(["db", "prune", "--db", owner_url.render_as_string(False)]) == 0
    assert "pruned 1 change-feed rows" in capsys.readouterr().out


def test_a_reader_that_kept_up_does_not_reload_after_a_prune(database: Database) -> None:
    reader = ChangeFeedReader(database, listener=TimerListener())
    reader.start()
    publish_at(database, NOW - timedelta(days=10), 1)
    publish_at(database, NOW - timedelta(days=9), 2)
    assert reader.poll().appeal_ids == {1, 2}
    assert prune_change_feed(database, now=NOW) == 1
    batch = reader.poll()  # only the marker: nothing it had not read went
    assert not batch.reload_all and not batch.appeal_ids
