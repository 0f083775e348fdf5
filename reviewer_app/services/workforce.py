"""Workforce planning: intake forecast and projected backlog per queue, staffing what-ifs.

The history runs to the last complete UTC day (today is partial and would read as a dip)
and starts at the queue's first appeal inside the window, so days before a queue existed
do not read as days without intake. The projection starts from today's backlog, which
already holds today's arrivals so far, so only the rest of today's forecast intake is added
on the first day (else today's appeals would be counted twice).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pandas as pd

from reviewer_app.data import workload_store
from reviewer_app.data.db import Database
from reviewer_app.data.workload_store import QueueIntake, QueueWorkload
from reviewer_app.domain.clock import Clock, utc_now
from reviewer_app.domain.errors import InvalidInputError, NotFoundError
from reviewer_app.domain.forecast import (
    DEFAULT_HOLDOUT_DAYS,
    DEFAULT_HORIZON_DAYS,
    BacklogProjection,
    DayIntake,
    IntakeForecast,
    forecast_intake,
    project_backlog,
    scale_intake,
)
from reviewer_app.domain.staffing import (
    BackOfficeInputs,
    BackOfficeStaffing,
    StaffingWhatIf,
    backoffice_staffing,
    decisions_per_day,
    staffing_what_if,
)

HISTORY_DAYS = 182  # half a year: enough weeks for the seasonal pattern, recent enough to matter
AHT_DAYS = 28  # recent handle time and headcount: four full weeks
PRODUCTIVE_HOURS = 5.5  # DOMAIN.md's known-answer figure


@dataclass(frozen=True, slots=True)
class PlanningAssumptions:
    """What-if inputs; None means "measured from the database".

    Attributes:
        reviewers: reviewers working the queue each day (default: the people-equivalents
            with final decisions in it over the last ``aht_days`` days: a person counts for
            the share of their final decisions made in this queue).
        aht_seconds: handle time per decision (default: the queue's recent AHT).
        productive_hours: hours a reviewer decides per day.
        shrinkage: share of paid time lost (staffing only).
        days_to_clear: days to clear today's backlog (staffing only).
        horizon_days: days to forecast and project, from today.
        holdout_days: last complete days held out to measure the forecast error.
        history_days: complete days of intake history read.
        aht_days: days of decisions the AHT and the headcount are measured over.
    """

    reviewers: float | None = None
    aht_seconds: float | None = None
    productive_hours: float = PRODUCTIVE_HOURS
    shrinkage: float = 0.0
    days_to_clear: float = 5.0
    horizon_days: int = DEFAULT_HORIZON_DAYS
    holdout_days: int = DEFAULT_HOLDOUT_DAYS
    history_days: int = HISTORY_DAYS
    aht_days: int = AHT_DAYS


@dataclass(frozen=True, slots=True)
class QueueForecast:
    """One queue's forecast, the figures it used, and where its backlog is heading.

    ``capacity_per_day`` and ``projection`` are None when the AHT is unknown (no final
    decisions in the window and none given). ``history`` is the daily intake the forecast
    was made from (complete UTC days, from the queue's first appeal in the window).
    """

    queue_code: str
    forecast: IntakeForecast
    workload: QueueWorkload
    received_today: int  # already in the backlog; taken off the first forecast day
    reviewers: float
    aht_seconds: float | None
    capacity_per_day: float | None
    projection: BacklogProjection | None
    history: tuple[DayIntake, ...]


class WorkforceService:
    """Forecast intake and backlog per queue; staffing for what-if inputs."""

    def __init__(self, db: Database, *, clock: Clock = utc_now) -> None:
        self._db = db
        self._clock = clock

    def forecast(self, queue_code: str | None = None,
                 assume: PlanningAssumptions | None = None) -> tuple[QueueForecast, ...]:
        """Forecast every queue (or ``queue_code``) ``assume.horizon_days`` ahead."""
        assume = assume or PlanningAssumptions()
        if assume.history_days < 1 or assume.aht_days < 1:
            raise InvalidInputError("History and AHT windows must be at least 1 day")
        today = self._clock().date()
        last_day = today - timedelta(days=1)
        with self._db.read() as s:
            if queue_code is not None and queue_code not in workload_store.queue_codes(s):
                raise NotFoundError(f"No queue {queue_code!r}")
            intakes = workload_store.daily_intake(
                s, first_day=last_day - timedelta(days=assume.history_days - 1),
                last_day=last_day, queue_code=queue_code)
            loads = workload_store.workload(
                s, since=self._clock() - timedelta(days=assume.aht_days), queue_code=queue_code)
            today_so_far = workload_store.received_since(
                s, datetime.combine(today, datetime.min.time(), UTC), queue_code=queue_code)
        by_code = {w.queue_code: w for w in loads}
        return tuple(self._queue_forecast(i, by_code[i.queue_code],
                                          today_so_far.get(i.queue_code, 0), assume)
                     for i in intakes)

    def _queue_forecast(self, intake: QueueIntake, load: QueueWorkload, received_today: int,
                        assume: PlanningAssumptions) -> QueueForecast:
        history = _history(intake)
        forecast = forecast_intake(history, horizon_days=assume.horizon_days,
                                   holdout_days=assume.holdout_days)
        reviewers = assume.reviewers if assume.reviewers is not None else float(load.reviewers)
        aht = assume.aht_seconds if assume.aht_seconds is not None else load.aht_seconds
        capacity = projection = None
        if aht is not None:
            capacity = decisions_per_day(reviewers, assume.productive_hours, aht)
            projection = project_backlog(load.backlog,
                                         _rest_of_today(forecast.days, received_today),
                                         capacity_per_day=capacity,
                                         sla_days=load.sla_hours / 24.0)
        return QueueForecast(
            intake.queue_code, forecast, load, received_today, reviewers, aht, capacity,
            projection,
            history=tuple(DayIntake(t.date(), float(n)) for t, n in history.items()),
        )

    def staffing(self, queue_code: str, assume: PlanningAssumptions | None = None, *,
                 aht_seconds: float | None = None, shrinkage: float | None = None,
                 days_to_clear: float | None = None) -> StaffingWhatIf:
        """Reviewers the back-office formula asks for from today's backlog, the mean
        forecast intake and the recent AHT (or ``assume``'s), next to a what-if with any
        of AHT, shrinkage and target days changed."""
        assume = assume or PlanningAssumptions()
        (queue,) = self.forecast(queue_code, assume)
        return staffing_what_if(backoffice_baseline(queue, assume), aht_seconds=aht_seconds,
                                shrinkage=shrinkage, days_to_clear=days_to_clear)


def mean_intake(queue: QueueForecast) -> float:
    """The queue's forecast intake per day, averaged over the forecast days."""
    days = queue.forecast.days
    return sum(d.intake for d in days) / len(days)


def backoffice_baseline(queue: QueueForecast,
                        assume: PlanningAssumptions | None = None) -> BackOfficeInputs:
    """The back-office inputs of a queue as it stands: today's backlog, the mean forecast
    intake, its AHT, and ``assume``'s days to clear, productive hours and shrinkage.

    Raises:
        InvalidInputError: the queue's AHT is unknown (no final decisions in the window).
    """
    assume = assume or PlanningAssumptions()
    if queue.aht_seconds is None:
        raise InvalidInputError(f"Queue {queue.queue_code!r} has no final decisions in the "
                                f"last {assume.aht_days} days; give the AHT to plan with")
    return BackOfficeInputs(
        backlog=queue.workload.backlog, days_to_clear=assume.days_to_clear,
        daily_intake=mean_intake(queue), aht_seconds=queue.aht_seconds,
        productive_hours=assume.productive_hours, shrinkage=assume.shrinkage,
    )


@dataclass(frozen=True, slots=True)
class WhatIfPlan:
    """Headcount and projected backlog under the planner's own figures.

    Attributes:
        staffing: the back-office formula on the what-if inputs.
        reviewers: the reviewers the projection assumes are working.
        capacity_per_day: their decisions a day at the what-if AHT and productive hours.
        projection: the backlog from the what-if backlog over the queue's forecast days,
            their intake scaled to the what-if daily intake (the weekday pattern kept);
            None without a queue.
    """

    staffing: BackOfficeStaffing
    reviewers: float
    capacity_per_day: float
    projection: BacklogProjection | None


def plan_what_if(inputs: BackOfficeInputs, reviewers: float,
                 queue: QueueForecast | None = None) -> WhatIfPlan:
    """The back-office answer for ``inputs``, and the backlog ``reviewers`` would leave in
    ``queue`` (its forecast days and SLA) at the what-if AHT and productive hours."""
    staffing = backoffice_staffing(inputs)
    capacity = decisions_per_day(reviewers, inputs.productive_hours, inputs.aht_seconds)
    projection = None if queue is None else project_backlog(
        inputs.backlog,
        _rest_of_today(scale_intake(queue.forecast.days, inputs.daily_intake),
                       queue.received_today),
        capacity_per_day=capacity, sla_days=queue.workload.sla_hours / 24.0)
    return WhatIfPlan(staffing, reviewers, capacity, projection)


def _rest_of_today(days: tuple[DayIntake, ...], received_today: int
                   ) -> tuple[DayIntake, ...]:
    """The forecast with today's arrivals so far taken off its first day (today)."""
    if not days:
        return days
    first = days[0]
    return (DayIntake(first.day, max(0.0, first.intake - received_today)), *days[1:])


def _history(intake: QueueIntake) -> pd.Series:
    counts = list(intake.counts)
    # Leading zero days are before the queue's first appeal in the window: no data, not
    # quiet days. A queue with no appeals at all keeps them (its forecast is 0).
    skip = next((i for i, n in enumerate(counts) if n), 0)
    first = pd.Timestamp(intake.first_day) + pd.Timedelta(days=skip)
    return pd.Series(counts[skip:], index=pd.date_range(first, periods=len(counts) - skip),
                     dtype=float)
