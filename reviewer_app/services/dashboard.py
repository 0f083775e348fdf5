"""Dashboard use cases: a reviewer's personal figures over a chosen range."""

from __future__ import annotations

from datetime import timedelta

from reviewer_app.data import dashboard_store as store
from reviewer_app.data.db import Database
from reviewer_app.domain.clock import Clock, utc_now
from reviewer_app.domain.dashboard import Granularity, PersonalStats, personal_stats

DAILY_GOAL = 40  # decisions a day, until the reviewer sets their own (personal dashboard)


class DashboardService:
    """Figures for the charts; every read is one short transaction."""

    def __init__(self, db: Database, *, clock: Clock = utc_now) -> None:
        self._db = db
        self._clock = clock

    def personal(self, user_id: int, days: int, granularity: Granularity,
                 daily_goal: int = DAILY_GOAL) -> PersonalStats:
        """The user's own figures for the last ``days`` days up to now."""
        now = self._clock()
        start = now - timedelta(days=days)
        end = now + timedelta(seconds=1)  # a decision made this second counts
        with self._db.read() as s:
            decisions = store.my_decisions(s, user_id, start, end)
            audits = store.my_audits(s, user_id, start, end)
            team = store.team_aht(s, start, end)
        return personal_stats(decisions, audits, team, start=start, end=end,
                              granularity=granularity, now=now, daily_goal=daily_goal)
