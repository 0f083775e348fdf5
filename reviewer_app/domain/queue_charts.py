"""The team lead's queue charts: daily series from roll-up rows, aging buckets, SLA figures.

Pure arithmetic over small inputs. The data layer keeps one roll-up row per day and filter
combination with additive figures (DOMAIN.md "Precise rules for reports", each day a period
``P``); the figures that describe *now* (aging, at risk, breached, oldest) come from a live
query of the open appeals.

Per day ``X`` a roll-up row holds:

- ``intake``: appeals received in ``X``;
- ``decided``: appeals decided in ``X`` (their final decision as of the end of ``X`` was
  made in ``X``), and ``decided_within_sla`` of them (decided at or before SLA due);
- ``backlog_delta``: backlog at the end of ``X`` minus backlog at the end of ``X - 1``;
- ``overdue_delta``: the same for "open at the end of ``X`` with SLA due before it", the
  appeals the inclusive SLA variant adds to the denominator.

Backlog and overdue at the end of a day are therefore running sums of the deltas.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from itertools import accumulate, pairwise, product
from typing import Any

from reviewer_app.domain.enums import SlaState
from reviewer_app.domain.kpis import rate
from reviewer_app.domain.models import QueueFilter

# Aging buckets of open appeals by age = now − received_at: (0, 24h], (24h, 48h], (48h, 72h],
# (72h, 7d], (7d, ∞). Upper bounds are inclusive so a bucket is the receipt window
# [now − upper, now − lower), the window a click on its bar filters the queue to.
AGE_EDGES: tuple[timedelta, ...] = (timedelta(hours=24), timedelta(hours=48),
                                    timedelta(hours=72), timedelta(days=7))
AGE_BUCKETS = len(AGE_EDGES) + 1
RANGES = (7, 30, 90, 365)  # days the tab offers
ALL = "*"  # a roll-up dimension that covers every value (a filter left at "any")
ALL_QUEUES = 0


@dataclass(frozen=True, slots=True)
class ChartFilter:
    """What the lead narrowed the charts to; ``None`` means "any"."""

    queue_code: str | None = None
    market: str | None = None
    policy_code: str | None = None
    language: str | None = None

    def cases(self, **narrower: Any) -> QueueFilter:
        """The queue filter for the cases behind a chart element: these dimensions plus
        ``narrower`` (other ``QueueFilter`` fields)."""
        return replace(QueueFilter(queue_code=self.queue_code, market=self.market,
                                   policy_code=self.policy_code, language=self.language),
                       **narrower)


@dataclass(frozen=True, slots=True)
class RollupDay:
    """One day's additive figures for one filter combination (see the module docstring)."""

    day: date
    intake: int = 0
    decided: int = 0
    decided_within_sla: int = 0
    backlog_delta: int = 0
    overdue_delta: int = 0


@dataclass(frozen=True, slots=True)
class DailySeries:
    """Day-by-day values for ``days`` (oldest first); rates are None where undefined."""

    days: tuple[date, ...]
    intake: tuple[int, ...]
    decided: tuple[int, ...]
    backlog: tuple[int, ...]  # open at the end of the day
    overdue: tuple[int, ...]  # open at the end of the day and past SLA due by then
    sla_compliance: tuple[float | None, ...]
    sla_compliance_inclusive: tuple[float | None, ...]


@dataclass(frozen=True, slots=True)
class OpenFigures:
    """The open appeals of one queue (or of all) now.

    ``aging`` counts per ``AGE_EDGES`` bucket; ``oldest_*`` are None when nothing is open.
    """

    queue_code: str | None  # None: every queue together
    queue_name: str
    backlog: int
    at_risk: int
    breached: int
    aging: tuple[int, ...]
    oldest_received_at: datetime | None = None
    oldest_appeal_id: int | None = None
    oldest_ref: str | None = None


@dataclass(frozen=True, slots=True)
class QueueCharts:
    """Everything the queue charts tab draws for one filter and range."""

    filters: ChartFilter
    now: datetime
    series: DailySeries
    overall: OpenFigures
    queues: tuple[OpenFigures, ...] = field(default_factory=tuple)
    stale: bool = False  # days marked as changed were not recomputed before this read

    def oldest_age(self) -> timedelta | None:
        """How long the oldest open appeal has waited, None when nothing is open."""
        at = self.overall.oldest_received_at
        return None if at is None else self.now - at


def day_start(day: date) -> datetime:
    """``day`` 00:00 UTC, the first instant of the day."""
    return datetime.combine(day, time(0), tzinfo=UTC)


def day_window(day: date) -> tuple[datetime, datetime]:
    """The instants of ``day``: ``[00:00, next day 00:00)`` UTC."""
    return day_start(day), day_start(day + timedelta(days=1))


def range_days(last_day: date, days: int) -> list[date]:
    """The ``days`` days ending with ``last_day``, oldest first."""
    if days < 1:
        raise ValueError(f"a range needs at least one day, got {days}")
    return [last_day - timedelta(days=n) for n in range(days - 1, -1, -1)]


def daily_series(rows: Iterable[RollupDay], days: Sequence[date]) -> DailySeries:
    """The series for ``days`` (consecutive, oldest first) from roll-up rows.

    ``rows`` must hold every day up to the last of ``days`` that has figures (the days
    before the first one too: backlog and overdue at its end are sums over all history);
    days without a row had no change.
    """
    wanted = {d: i for i, d in enumerate(days)}
    n = len(days)
    intake, decided, within = [0] * n, [0] * n, [0] * n
    backlog_change, overdue_change = [0] * n, [0] * n
    backlog_before = overdue_before = 0
    first = days[0] if days else None
    for row in rows:
        i = wanted.get(row.day)
        if i is None:
            if first is not None and row.day < first:
                backlog_before += row.backlog_delta
                overdue_before += row.overdue_delta
            continue
        intake[i] += row.intake
        decided[i] += row.decided
        within[i] += row.decided_within_sla
        backlog_change[i] += row.backlog_delta
        overdue_change[i] += row.overdue_delta
    backlog = list(accumulate(backlog_change, initial=backlog_before))[1:]
    overdue = list(accumulate(overdue_change, initial=overdue_before))[1:]
    return DailySeries(
        days=tuple(days), intake=tuple(intake), decided=tuple(decided),
        backlog=tuple(backlog), overdue=tuple(overdue),
        sla_compliance=tuple(rate(w, d) for w, d in zip(within, decided, strict=True)),
        sla_compliance_inclusive=tuple(
            rate(w, d + o) for w, d, o in zip(within, decided, overdue, strict=True)),
    )


def age_bucket(received_at: datetime, now: datetime) -> int:
    """The aging bucket (index into ``AGE_EDGES`` buckets) of an appeal open now."""
    age = now - received_at
    for i, edge in enumerate(AGE_EDGES):
        if age <= edge:
            return i
    return len(AGE_EDGES)


def age_window(bucket: int, now: datetime) -> tuple[datetime | None, datetime | None]:
    """``(received_from, received_before)`` of an aging bucket: the first is open at the
    young end (appeals received "now" or later), the last at the old end."""
    if not 0 <= bucket < AGE_BUCKETS:
        raise ValueError(f"no aging bucket {bucket}")
    lower = None if bucket == 0 else AGE_EDGES[bucket - 1]
    upper = AGE_EDGES[bucket] if bucket < len(AGE_EDGES) else None
    return (None if upper is None else now - upper,
            None if lower is None else now - lower)


def aging_from_cumulative(backlog: int, received_since: Sequence[int]) -> tuple[int, ...]:
    """Bucket counts from ``received_since[i]`` = open appeals received at or after
    ``now − AGE_EDGES[i]`` (counts that only grow with ``i``)."""
    if len(received_since) != len(AGE_EDGES):
        raise ValueError("one count per aging edge is needed")
    edges = [*received_since, backlog]
    return (edges[0], *(b - a for a, b in pairwise(edges)))


class Element(StrEnum):
    """A clickable part of the charts; ``cases_behind`` says which appeals it stands for."""

    BACKLOG = "backlog"  # a day's point of the backlog line
    INTAKE = "intake"  # a day's intake bar
    DECIDED = "decided"  # a day's decisions bar, or its point on either SLA line
    AGING = "aging"  # an aging bucket's bar
    AT_RISK = "at_risk"
    BREACHED = "breached"


def cases_behind(charts: QueueCharts, element: Element, index: int = 0) -> QueueFilter:
    """The queue filter listing the appeals behind a chart element (``index``: the day in
    the series, or the aging bucket), within the charts' own filters.

    A day's backlog point lists the appeals received by the end of that day that are still
    open now: which of them were open at that day's end is history the queue cannot filter
    on cheaply. Every other element lists exactly the appeals it counts (at-risk and
    breached as of when the queue reads them).
    """
    f = charts.filters
    if element is Element.AGING:
        received_from, received_before = age_window(index, charts.now)
        return f.cases(received_from=received_from, received_before=received_before)
    if element is Element.AT_RISK:
        return f.cases(sla_state=SlaState.AT_RISK)
    if element is Element.BREACHED:
        return f.cases(sla_state=SlaState.BREACHED)
    start, end = day_window(charts.series.days[index])
    if element is Element.BACKLOG:
        return f.cases(received_before=end)
    if element is Element.INTAKE:
        return f.cases(received_from=start, received_before=end, open_only=False)
    return f.cases(decided_in=(start, end), open_only=False)


def cube_keys(queue_id: int, market: str, policy_code: str, language: str
              ) -> list[tuple[int, str, str, str]]:
    """The 16 roll-up keys a fine row counts towards: each dimension as is, or ``ALL``."""
    return [
        (q, m, p, lang)
        for q, m, p, lang in product((queue_id, ALL_QUEUES), (market, ALL),
                                     (policy_code, ALL), (language, ALL))
    ]
