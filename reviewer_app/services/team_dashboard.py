"""Team dashboard use cases: the team lead's queue charts (roll-up refresh, series, figures)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date
from typing import Any

from reviewer_app.data import queue_repository
from reviewer_app.data import queue_rollup_store as store
from reviewer_app.data.db import Database
from reviewer_app.domain.clock import Clock, utc_now
from reviewer_app.domain.queue_charts import (
    AGE_BUCKETS,
    ChartFilter,
    OpenFigures,
    QueueCharts,
    aging_from_cumulative,
    daily_series,
    range_days,
)
from reviewer_app.domain.sla import at_risk_cutoff

Progress = Callable[[int, int], None]
# Days recomputed per write transaction (a day of a big team takes 0.1–0.3 s): a first
# build of a year commits as it goes, reports progress and can stop between batches, and
# never holds SQLite's write lock for long.
REFRESH_BATCH = 4


@dataclass(frozen=True, slots=True)
class ChartOptions:
    """What the chart filters offer: queues as (code, name), and the other dimensions."""

    queues: tuple[tuple[str, str], ...]
    markets: tuple[str, ...]
    policies: tuple[str, ...]
    languages: tuple[str, ...]


class TeamDashboardService:
    """Figures for the team lead's queue charts.

    ``queue_charts(filters, days)`` is the one call the tab (and the dashboard benchmark)
    makes: it brings the daily roll-up up to date, then reads the last ``days`` days of
    it and the live figures of the open appeals.
    """

    def __init__(self, db: Database, *, clock: Clock = utc_now,
                 at_risk_hours: float = 4.0) -> None:
        self._db = db
        self._clock = clock
        self._at_risk_hours = at_risk_hours

    def _today(self) -> date:
        return self._clock().astimezone(UTC).date()

    def refresh(self, progress: Progress | None = None) -> int:
        """Recompute the roll-up of every marked day up to today; returns how many.

        Quick when little changed (today, a back-dated decision); the first run on an
        existing database computes its whole history, ``REFRESH_BATCH`` days per
        transaction, calling ``progress(done, total)`` after each.
        """
        today = self._today()
        with self._db.read() as session:
            todo = store.pending_days(session, today)
        done = 0
        for first in range(0, len(todo), REFRESH_BATCH):
            days = todo[first:first + REFRESH_BATCH]
            with self._db.write() as session:
                store.refresh_days(session, days)
            done += len(days)
            if progress is not None:
                progress(done, len(todo))
        return done

    def queue_charts(self, filters: ChartFilter, days: int, progress: Progress | None = None,
                     *, refresh: bool = True) -> QueueCharts:
        """The charts for ``filters`` over the ``days`` days ending today (UTC), by day.

        Brings the roll-up up to date first (``refresh``, reporting to ``progress``), unless
        ``refresh`` is False: then it only reads, and ``QueueCharts.stale`` says whether
        marked days were left for a ``refresh`` (the tab draws at once and refreshes after).
        """
        if refresh:
            self.refresh(progress)
        now = self._clock()
        today = now.astimezone(UTC).date()
        risk = at_risk_cutoff(now, self._at_risk_hours)
        flt = filters.cases(open_only=True)
        with self._db.read() as session:
            stale = bool(store.pending_days(session, today, limit=1))
            rows = store.rollup_days(session, filters, today)
            names = store.queues(session)
            per_queue = store.open_by_queue(session, flt, now=now, at_risk_until=risk)
            oldest = {
                row[0]: store.oldest_open(session, flt, row[0], now=now, at_risk_until=risk)
                for row in per_queue
            }
        queues = sorted((_figures(row, names, oldest[row[0]]) for row in per_queue),
                        key=lambda f: f.queue_code or "")
        return QueueCharts(filters=filters, now=now,
                           series=daily_series(rows, range_days(today, days)),
                           overall=_overall(queues), queues=tuple(queues), stale=stale)

    def options(self) -> ChartOptions:
        """Values the chart filters offer."""
        with self._db.read() as session:
            markets, policies, languages = queue_repository.filter_options(session)
            names = store.queues(session)
        return ChartOptions(queues=tuple(sorted(names.values())), markets=markets,
                            policies=policies, languages=languages)


def _figures(row: tuple[Any, ...], names: dict[int, tuple[str, str]],
             oldest: tuple[int, str, Any] | None) -> OpenFigures:
    queue_id, backlog, *since, breached, at_risk, _first = row
    code, name = names.get(queue_id, (str(queue_id), str(queue_id)))
    return OpenFigures(
        queue_code=code, queue_name=name, backlog=int(backlog), at_risk=int(at_risk),
        breached=int(breached), aging=aging_from_cumulative(int(backlog), [int(n) for n in since]),
        oldest_received_at=None if oldest is None else oldest[2],
        oldest_appeal_id=None if oldest is None else oldest[0],
        oldest_ref=None if oldest is None else oldest[1],
    )


def _overall(queues: list[OpenFigures]) -> OpenFigures:
    """Every queue together; the oldest is the oldest of the queues' oldest."""
    aging = tuple(sum(q.aging[i] for q in queues) for i in range(AGE_BUCKETS))
    oldest = min((q for q in queues if q.oldest_received_at is not None),
                 key=lambda q: (q.oldest_received_at, q.oldest_appeal_id), default=None)
    return OpenFigures(
        queue_code=None, queue_name="", backlog=sum(q.backlog for q in queues),
        at_risk=sum(q.at_risk for q in queues), breached=sum(q.breached for q in queues),
        aging=aging,
        oldest_received_at=None if oldest is None else oldest.oldest_received_at,
        oldest_appeal_id=None if oldest is None else oldest.oldest_appeal_id,
        oldest_ref=None if oldest is None else oldest.oldest_ref,
    )
