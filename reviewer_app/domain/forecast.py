"""Daily intake forecast (Holt-Winters, weekly seasonality) and the backlog it projects.

Definitions (README "Staffing and forecast"):
- A day is a UTC calendar day; a day without appeals is a day of zero intake.
- With at least two full weeks of history the forecast is Holt-Winters with additive weekly
  seasonality (statsmodels), with a damped additive trend once there are four weeks to
  estimate it from; a fit that fails, or forecasts more than twice the busiest day seen, is
  replaced by the seasonal-naive forecast. With one to two weeks it repeats the last week
  (seasonal naive); with less than a week it is the mean of the days there are. The result
  names the method and why a simpler one was used.
- The last ``holdout_days`` days are held out: the same method is fitted on the days before
  them and its error is measured on exactly those days (MAE, and MAPE over the held-out
  days with intake above 0), next to the error of the seasonal-naive baseline.
- Projected backlog: day by day, end backlog = max(0, backlog + intake − capacity). The
  queue breaches SLA on the first day whose end backlog would take longer than the SLA to
  clear at that capacity (backlog ÷ capacity > SLA days): first in, first out, the appeal
  received last that day would be decided late.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from reviewer_app.domain.errors import InvalidInputError, NotEnoughDataError

WEEK = 7
FIT_CACHE_SIZE = 256  # two fits per queue and history; a team has tens of queues
HOLT_WINTERS_MIN_DAYS = 2 * WEEK  # two full seasons to separate level from weekday pattern
TREND_MIN_DAYS = 4 * WEEK  # a trend estimated from two weeks mostly chases noise
# From here on the initial level, trend and weekday pattern come from statsmodels'
# heuristic (Hyndman's decomposition of the first weeks) and only the smoothing parameters
# are optimised, from their defaults rather than a brute-force grid: a fit of half a year
# takes ~15 ms instead of ~300 ms (10 fits per forecast of five queues). Shorter histories
# estimate the initial states too (the heuristic needs 10 + 2·⌊7/2⌋ days).
HEURISTIC_INIT_MIN_DAYS = 10 + 2 * (WEEK // 2)
# A trend fitted to a sudden surge in the last days extrapolates it without end (seen on the
# demo data: 214 appeals yesterday, 1,200 a day forecast within a week). A forecast above
# this multiple of the busiest day in the history is not used.
PLAUSIBLE_PEAK_FACTOR = 2.0
DEFAULT_HOLDOUT_DAYS = 14
DEFAULT_HORIZON_DAYS = 14


class ForecastMethod(StrEnum):
    """How the forecast was made."""

    HOLT_WINTERS = "holt_winters"
    SEASONAL_NAIVE = "seasonal_naive"
    MEAN = "mean"


class FallbackReason(StrEnum):
    """Why a simpler method than Holt-Winters was used."""

    SHORT_HISTORY = "short_history"  # fewer than two full weeks of days
    FIT_FAILED = "fit_failed"  # statsmodels raised or returned non-finite values
    IMPLAUSIBLE_FIT = "implausible_fit"  # above PLAUSIBLE_PEAK_FACTOR × the busiest day


@dataclass(frozen=True, slots=True)
class DayIntake:
    """Appeals on one UTC day (forecast values are fractional)."""

    day: date
    intake: float


@dataclass(frozen=True, slots=True)
class ForecastError:
    """Error of a forecast on held-out days.

    Attributes:
        mae: mean absolute error in appeals per day.
        mape: mean absolute percentage error as a fraction, over held-out days whose actual
            intake is above 0; None when every held-out day had no intake.
        days: held-out days the MAE is over.
    """

    mae: float
    mape: float | None
    days: int


@dataclass(frozen=True, slots=True)
class HoldoutCheck:
    """The forecast refitted without the last days, compared with what happened."""

    method: ForecastMethod
    actual: tuple[DayIntake, ...]
    predicted: tuple[DayIntake, ...]
    error: ForecastError
    baseline_error: ForecastError  # seasonal naive: the same weekday one week earlier


@dataclass(frozen=True, slots=True)
class IntakeForecast:
    """The forecast from all the history, and how well the method did on held-out days.

    ``holdout`` is None when the days before the held-out ones are less than a week (the
    baseline needs one).
    """

    method: ForecastMethod
    fallback: FallbackReason | None
    history_days: int
    last_day: date
    days: tuple[DayIntake, ...]
    holdout: HoldoutCheck | None


def daily_series(history: pd.Series, *, through: date | None = None) -> pd.Series:
    """One value per UTC day from the first day to ``through`` (or the last day), gaps as 0.

    The index may hold dates, datetimes or timestamps; several values on one day are added.
    """
    if history.empty and through is None:
        raise NotEnoughDataError("There is no intake history to forecast from")
    values = pd.to_numeric(history, errors="coerce")
    if values.isna().any() or (values < 0).any():
        raise InvalidInputError("Daily intake must be numbers of 0 or more")
    index = pd.to_datetime(pd.Index(history.index))
    if index.tz is not None:
        index = index.tz_convert("UTC").tz_localize(None)
    days = pd.Series(values.to_numpy(dtype=float), index=index.normalize())
    days = days.groupby(level=0).sum()
    start = days.index.min() if not days.empty else pd.Timestamp(through)
    end = pd.Timestamp(through) if through is not None else days.index.max()
    if end < start:
        raise InvalidInputError("The intake history ends after the day it should run through")
    return days.reindex(pd.date_range(start, end, freq="D"), fill_value=0.0)


def forecast_intake(history: pd.Series, *, horizon_days: int = DEFAULT_HORIZON_DAYS,
                    holdout_days: int = DEFAULT_HOLDOUT_DAYS, trend: bool = True,
                    through: date | None = None) -> IntakeForecast:
    """Forecast daily intake ``horizon_days`` ahead of the history's last day."""
    if horizon_days < 1:
        raise InvalidInputError("Forecast at least 1 day ahead")
    if holdout_days < 1:
        raise InvalidInputError("Hold out at least 1 day to measure the forecast error")
    series = daily_series(history, through=through)
    values = series.to_numpy(dtype=float)
    last_day = series.index[-1].date()
    predicted, method, fallback = _predict(values, horizon_days, trend=trend)
    return IntakeForecast(
        method=method, fallback=fallback, history_days=len(values), last_day=last_day,
        days=_dated(last_day + timedelta(days=1), predicted),
        holdout=_holdout(values, last_day, holdout_days, trend=trend),
    )


def _holdout(values: np.ndarray, last_day: date, holdout_days: int, *,
             trend: bool) -> HoldoutCheck | None:
    train, actual = values[:-holdout_days], values[-holdout_days:]
    if len(train) < WEEK:
        return None
    predicted, method, _ = _predict(train, holdout_days, trend=trend)
    first = last_day - timedelta(days=holdout_days - 1)
    return HoldoutCheck(
        method=method, actual=_dated(first, actual), predicted=_dated(first, predicted),
        error=forecast_error(actual, predicted),
        baseline_error=forecast_error(actual, _seasonal_naive(train, holdout_days)),
    )


def forecast_error(actual: Sequence[float] | np.ndarray,
                   predicted: Sequence[float] | np.ndarray) -> ForecastError:
    """MAE over all days; MAPE (a fraction) over the days whose actual value is above 0."""
    a = np.asarray(actual, dtype=float)
    p = np.asarray(predicted, dtype=float)
    if a.shape != p.shape or a.size == 0:
        raise InvalidInputError("Actual and predicted values must be the same, non-zero length")
    absolute = np.abs(a - p)
    positive = a > 0
    mape = float(np.mean(absolute[positive] / a[positive])) if positive.any() else None
    return ForecastError(mae=float(np.mean(absolute)), mape=mape, days=int(a.size))


def _predict(values: np.ndarray, horizon: int, *,
             trend: bool) -> tuple[np.ndarray, ForecastMethod, FallbackReason | None]:
    if len(values) >= HOLT_WINTERS_MIN_DAYS:
        fitted = _holt_winters(values, horizon, trend=trend and len(values) >= TREND_MIN_DAYS)
        if fitted is None:
            reason = FallbackReason.FIT_FAILED
        elif fitted.max() > PLAUSIBLE_PEAK_FACTOR * max(float(values.max()), 1.0):
            reason = FallbackReason.IMPLAUSIBLE_FIT
        else:
            return fitted, ForecastMethod.HOLT_WINTERS, None
    else:
        reason = FallbackReason.SHORT_HISTORY
    if len(values) >= WEEK:
        return _seasonal_naive(values, horizon), ForecastMethod.SEASONAL_NAIVE, reason
    return np.full(horizon, float(np.mean(values))), ForecastMethod.MEAN, reason


def _holt_winters(values: np.ndarray, horizon: int, *, trend: bool) -> np.ndarray | None:
    if np.ptp(values) == 0:
        # A constant history has nothing to fit (the optimiser divides by zero variance);
        # its Holt-Winters forecast is the constant itself.
        return np.full(horizon, float(values[0]))
    fitted = _fitted(values.astype(float).tobytes(), trend)
    if fitted is None:
        return None
    forecast = np.asarray(fitted.forecast(horizon), dtype=float)
    if not np.all(np.isfinite(forecast)):
        return None
    # Intake cannot be negative; a trend or a deep weekend dip can take the curve below 0.
    return np.clip(forecast, 0.0, None)


@lru_cache(maxsize=FIT_CACHE_SIZE)
def _fitted(history: bytes, trend: bool) -> Any:
    """The Holt-Winters fit of a history (float64 bytes), remembered.

    Fitting is 90 % of a forecast (about 0.1 s a fit, two per queue: the held-out check and
    the full history) and the history is complete days only, so it is the same all day:
    a later refresh, another horizon or a what-if reuses the fit. The fit is deterministic,
    so a remembered one is exactly what fitting again would give.
    """
    from statsmodels.tsa.holtwinters import ExponentialSmoothing  # slow import: only here

    values = np.frombuffer(history, dtype=float)
    try:
        with warnings.catch_warnings():
            # Convergence warnings on short or spiky histories are expected; the finite
            # check of the forecast is what decides whether the fit is used.
            warnings.simplefilter("ignore")
            heuristic = len(values) >= HEURISTIC_INIT_MIN_DAYS
            model = ExponentialSmoothing(
                values, trend="add" if trend else None, damped_trend=trend,
                seasonal="add", seasonal_periods=WEEK,
                initialization_method="heuristic" if heuristic else "estimated",
            )
            # least_squares: on 12 synthetic histories of 60-182 days it reached the same or
            # a lower squared error than the default L-BFGS-B in a tenth of the time (8 ms
            # against 83 ms a fit); SLSQP was faster still but stopped at up to 1.5x the error.
            return (model.fit(use_brute=False, method="least_squares") if heuristic
                    else model.fit())
    except (ValueError, np.linalg.LinAlgError):
        return None


def _seasonal_naive(values: np.ndarray, horizon: int) -> np.ndarray:
    last_week = values[-WEEK:]
    return np.array([last_week[h % WEEK] for h in range(horizon)], dtype=float)


def _dated(first: date, values: np.ndarray) -> tuple[DayIntake, ...]:
    return tuple(DayIntake(first + timedelta(days=i), float(v)) for i, v in enumerate(values))


def scale_intake(days: Sequence[DayIntake], mean: float) -> tuple[DayIntake, ...]:
    """The same days with their intake scaled to average ``mean`` a day (a what-if level
    that keeps the weekday pattern); days forecast at 0 throughout become ``mean`` each."""
    if not (math.isfinite(mean) and mean >= 0):
        raise InvalidInputError("Daily intake must be 0 appeals or more")
    if not days:
        return ()
    current = sum(d.intake for d in days) / len(days)
    if current <= 0:
        return tuple(DayIntake(d.day, mean) for d in days)
    return tuple(DayIntake(d.day, d.intake * mean / current) for d in days)


# --- projected backlog --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ProjectedDay:
    """One forecast day: what arrives, what gets decided, what is left.

    ``days_of_work`` is the end backlog ÷ daily capacity (``math.inf`` with no capacity
    and a backlog); the queue is in breach when it exceeds the SLA in days.
    """

    day: date
    intake: float
    decisions: float
    backlog: float
    days_of_work: float


@dataclass(frozen=True, slots=True)
class BacklogProjection:
    """The backlog day by day at a fixed daily capacity."""

    start_backlog: float
    capacity_per_day: float
    sla_days: float
    days: tuple[ProjectedDay, ...]
    breached_now: bool  # today's backlog already takes longer than the SLA to clear
    breach_day: date | None  # first projected day in breach; None if none in the horizon


def project_backlog(backlog: float, intake: Sequence[DayIntake], *, capacity_per_day: float,
                    sla_days: float) -> BacklogProjection:
    """Project the backlog over the forecast days; see the module docstring for the rule."""
    if not (math.isfinite(backlog) and backlog >= 0):
        raise InvalidInputError("The backlog must be 0 appeals or more")
    if not (math.isfinite(capacity_per_day) and capacity_per_day >= 0):
        raise InvalidInputError("Daily capacity must be 0 decisions or more")
    if not (math.isfinite(sla_days) and sla_days > 0):
        raise InvalidInputError("The SLA must be longer than 0 days")
    days: list[ProjectedDay] = []
    open_now = float(backlog)
    for forecast in intake:
        waiting = open_now + forecast.intake
        decided = min(waiting, capacity_per_day)
        open_now = waiting - decided
        days.append(ProjectedDay(forecast.day, forecast.intake, decided, open_now,
                                 _days_of_work(open_now, capacity_per_day)))
    breach = next((d.day for d in days if d.days_of_work > sla_days), None)
    return BacklogProjection(
        start_backlog=float(backlog), capacity_per_day=capacity_per_day, sla_days=sla_days,
        days=tuple(days), breach_day=breach,
        breached_now=_days_of_work(float(backlog), capacity_per_day) > sla_days,
    )


def _days_of_work(backlog: float, capacity_per_day: float) -> float:
    if backlog <= 0:
        return 0.0
    return backlog / capacity_per_day if capacity_per_day > 0 else math.inf
