"""A reviewer's own figures: throughput, accuracy, handle time and today's progress.

Pure arithmetic over small inputs (one person's decisions and audits in a date range, the
team's per-person handle times); the data layer aggregates everything larger.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import TypeVar

from reviewer_app.domain.qa_stats import wilson_interval

_T = TypeVar("_T")


class Granularity(StrEnum):
    """How the time axis is cut."""

    HOUR = "hour"
    DAY = "day"
    WEEK = "week"


@dataclass(frozen=True, slots=True)
class MyDecision:
    """One of my final decisions: when, how long I actively handled it, and whether it was
    later overturned (on 2nd-round appeal or by QA)."""

    decided_at: datetime
    handle_seconds: float
    overturned: bool


@dataclass(frozen=True, slots=True)
class MyAudit:
    """A published QA audit of one of my decisions (by the decision's time)."""

    decided_at: datetime
    correct: bool


@dataclass(frozen=True, slots=True)
class PersonalStats:
    """Everything the personal dashboard draws, bucket by bucket.

    ``bucket_starts`` are the left edges (UTC); per bucket: ``decisions``, ``accuracy``
    with its Wilson 95% band (None where nothing was audited). Scalars cover the range.
    """

    granularity: Granularity
    bucket_starts: tuple[datetime, ...]
    decisions: tuple[int, ...]
    accuracy: tuple[float | None, ...]
    accuracy_low: tuple[float | None, ...]
    accuracy_high: tuple[float | None, ...]
    total_decisions: int
    overturned_share: float | None
    decisions_per_productive_hour: float | None
    aht_seconds: float | None
    team_median_aht_seconds: float | None
    handle_minutes: tuple[float, ...]  # every decision's handle time, for the histogram
    today: int
    daily_goal: int


def bucket_start(at: datetime, granularity: Granularity) -> datetime:
    """The left edge of ``at``'s bucket (weeks start on Monday, UTC)."""
    at = at.astimezone(UTC)
    if granularity is Granularity.HOUR:
        return at.replace(minute=0, second=0, microsecond=0)
    day = at.replace(hour=0, minute=0, second=0, microsecond=0)
    if granularity is Granularity.DAY:
        return day
    return day - timedelta(days=day.weekday())


STEPS = {Granularity.HOUR: timedelta(hours=1), Granularity.DAY: timedelta(days=1),
         Granularity.WEEK: timedelta(days=7)}


def buckets(start: datetime, end: datetime, granularity: Granularity) -> list[datetime]:
    """Every bucket edge from the one holding ``start`` to the one before ``end``."""
    step = STEPS[granularity]
    edges, edge = [], bucket_start(start, granularity)
    while edge < end:
        edges.append(edge)
        edge += step
    return edges


def per_productive_hour(completed: int, handle_seconds: float) -> float | None:
    """Throughput per productive hour: ``completed ÷ (Σ active handle seconds ÷ 3600)``.

    Productive hours are the hours actually spent on cases (DOMAIN.md's throughput), so
    this is None when no handle time was recorded. Shared by the personal dashboard and
    the team's reviewer table, so both show the same number for the same person.
    """
    return completed / (handle_seconds / 3600) if handle_seconds else None


def aht_seconds(handle_seconds: float, completed: int) -> float | None:
    """AHT = Σ active handle seconds ÷ cases completed (None when nothing was completed)."""
    return handle_seconds / completed if completed else None


def personal_stats(decisions: Sequence[MyDecision], audits: Sequence[MyAudit],
                   team_aht: Sequence[float], *, start: datetime, end: datetime,
                   granularity: Granularity, now: datetime, daily_goal: int) -> PersonalStats:
    """The dashboard's figures for decisions in ``[start, end)``.

    Decisions per productive hour = decisions ÷ (Σ active handle seconds ÷ 3600): the hours
    the person actually spent on cases, as DOMAIN.md's throughput. The overturned share is
    over my final decisions in the range; the team median is the median of each active
    reviewer's own AHT over the same range.
    """
    edges = buckets(start, end, granularity)
    counts = [0] * len(edges)
    for i, _ in _in_buckets(edges, granularity, ((d.decided_at, 1) for d in decisions)):
        counts[i] += 1
    audited, correct = [0] * len(edges), [0] * len(edges)
    for i, ok in _in_buckets(edges, granularity, ((a.decided_at, a.correct) for a in audits)):
        audited[i] += 1
        correct[i] += ok
    accuracy, low, high = [], [], []
    for n, c in zip(audited, correct, strict=True):
        if n == 0:
            accuracy.append(None)
            low.append(None)
            high.append(None)
            continue
        lo, hi = wilson_interval(c, n)
        accuracy.append(c / n)
        low.append(lo)
        high.append(hi)
    handled = sum(d.handle_seconds for d in decisions)
    today_start = bucket_start(now, Granularity.DAY)
    return PersonalStats(
        granularity=granularity, bucket_starts=tuple(edges), decisions=tuple(counts),
        accuracy=tuple(accuracy), accuracy_low=tuple(low), accuracy_high=tuple(high),
        total_decisions=len(decisions),
        overturned_share=(sum(d.overturned for d in decisions) / len(decisions)
                          if decisions else None),
        decisions_per_productive_hour=per_productive_hour(len(decisions), handled),
        aht_seconds=aht_seconds(handled, len(decisions)),
        team_median_aht_seconds=statistics.median(team_aht) if team_aht else None,
        handle_minutes=tuple(d.handle_seconds / 60 for d in decisions),
        today=sum(today_start <= d.decided_at < today_start + timedelta(days=1)
                  for d in decisions),
        daily_goal=daily_goal)


def _in_buckets(edges: Sequence[datetime], granularity: Granularity,
                items: Iterable[tuple[datetime, _T]]) -> Iterator[tuple[int, _T]]:
    """``(bucket index, value)`` for each ``(instant, value)`` inside ``edges``' buckets.

    The edges are evenly spaced in UTC, so an instant's bucket is its offset from the first
    edge floor-divided by the step (exact timedelta arithmetic): the same bucket as
    ``bucket_start``, without building and hashing an edge per item (a busy reviewer's year
    is ~20,000 decisions, redrawn after each new one).
    """
    if not edges:
        return
    first, step, n = edges[0], STEPS[granularity], len(edges)
    for at, value in items:
        i = (at - first) // step
        if 0 <= i < n:
            yield i, value


def histogram(values: Sequence[float], bins: int = 12) -> tuple[list[float], list[int]]:
    """Bin edges and counts for handle times (minutes); empty input gives one empty bin."""
    if not values:
        return [0.0, 1.0], [0]
    top = max(values)
    width = max(1.0, math.ceil(top / bins))
    edges = [i * width for i in range(bins + 1)]
    counts = [0] * bins
    for v in values:
        counts[min(bins - 1, int(v // width))] += 1
    return edges, counts
