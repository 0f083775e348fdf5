"""Presence: a heartbeat per viewer, a one-minute freshness window, feed rows only on join/leave."""

from __future__ import annotations

from datetime import timedelta

from factories import Factory, ManualClock

from reviewer_app.data import change_feed
from reviewer_app.data.db import Database
from reviewer_app.services.presence import STALE_SECONDS, PresenceService


def presence_feed(database: Database, after: int) -> list[tuple[int | None, int | None]]:
    with database.read() as s:
        return [(e.appeal_id, e.actor_user_id) for e in change_feed.read_after(s, after)
                if e.kind == change_feed.PRESENCE]


def test_viewers_are_the_fresh_others_and_only_joins_and_leaves_publish(
    database: Database, clock: ManualClock
) -> None:
    f = Factory(database)
    ana, ben, cleo = f.user("ana"), f.user("ben"), f.user("cleo")
    appeal, other_appeal = f.appeal(), f.appeal()
    with database.read() as s:
        start = change_feed.latest_seq(s)
    presence = PresenceService(database, clock=clock)

    assert presence.touch(appeal, ana) == ()
    assert [u.login for u in presence.touch(appeal, ben)] == ["ana"]
    presence.touch(other_appeal, cleo)
    assert [u.login for u in presence.viewers(appeal)] == ["ana", "ben"]
    assert [u.login for u in presence.viewers(appeal, excluding=ben)] == ["ana"]

    clock.now += timedelta(seconds=20)
    presence.touch(appeal, ana)  # a heartbeat: no new feed row
    assert presence_feed(database, start) == [(appeal, ana), (appeal, ben), (other_appeal, cleo)]

    # Ben's client went quiet: after the freshness window he is no longer listed.
    clock.now += timedelta(seconds=STALE_SECONDS - 10)
    assert [u.login for u in presence.viewers(appeal, excluding=ana)] == []
    # Coming back after being stale counts as joining again.
    presence.touch(appeal, ben)
    presence.leave(appeal, ana)
    presence.leave(appeal, ana)  # twice: nothing more to say
    assert presence_feed(database, start)[3:] == [(appeal, ben), (appeal, ana)]
    assert [u.login for u in presence.viewers(appeal)] == ["ben"]
