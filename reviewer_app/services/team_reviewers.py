"""The team lead's reviewer table: per-person figures over a range, and alerts."""

from __future__ import annotations

from datetime import UTC, timedelta

from reviewer_app.data import reviewer_stats_store as store
from reviewer_app.data.db import Database
from reviewer_app.domain.clock import Clock, utc_now
from reviewer_app.domain.reviewer_stats import (
    BASELINE_DAYS,
    RECENT_DAYS,
    ReviewerCounts,
    ReviewerRow,
    ReviewerTable,
    reviewer_alerts,
    reviewer_figures,
)

RANGES = (7, 30, 90, 365)  # days the tab offers


class TeamReviewersService:
    """Reads for the reviewer table; one short read transaction per call."""

    def __init__(self, db: Database, *, clock: Clock = utc_now) -> None:
        self._db = db
        self._clock = clock

    def table(self, days: int) -> ReviewerTable:
        """Every active reviewer (and anyone else who decided in the range) with their
        figures over the last ``days`` UTC days, today included, by display name.

        Whole days, so every figure comes from the per-day roll-up (data/
        reviewer_stats_store.py) without reading a decision. Alerts compare each person's
        last ``RECENT_DAYS`` days with the ``BASELINE_DAYS`` before them, whatever the
        range (see ``domain.reviewer_stats.rate_jump``).

        Raises:
            ValueError: ``days`` < 1.
        """
        if days < 1:
            raise ValueError(f"a range of at least one day is needed, got {days}")
        now = self._clock().astimezone(UTC)
        end = now.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=1)
        start = end - timedelta(days=days)
        recent_start = end - timedelta(days=RECENT_DAYS)
        baseline_start = recent_start - timedelta(days=BASELINE_DAYS)
        with self._db.read() as s:
            counts = store.window_counts(s, start, end)
            recent = (counts if days == RECENT_DAYS
                      else store.window_counts(s, recent_start, end))
            baseline = store.window_counts(s, baseline_start, recent_start)
            users = store.people(s, counts.keys() | recent.keys())
        none = ReviewerCounts()
        rows = tuple(
            ReviewerRow(user_id=u.id, login=u.login, display_name=u.display_name,
                        figures=reviewer_figures(counts.get(u.id, none)),
                        alerts=reviewer_alerts(recent.get(u.id, none),
                                               baseline.get(u.id, none)))
            for u in users)
        return ReviewerTable(days=days, start=start, end=end, recent_start=recent_start,
                             baseline_start=baseline_start, rows=rows)
