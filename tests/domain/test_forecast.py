"""Intake forecast and backlog projection on synthetic series whose answer is known."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, timedelta

import numpy as np
import pandas as pd
import pytest

from reviewer_app.domain.errors import InvalidInputError, NotEnoughDataError
from reviewer_app.domain.forecast import (
    DayIntake,
    FallbackReason,
    ForecastMethod,
    daily_series,
    forecast_error,
    forecast_intake,
    project_backlog,
    scale_intake,
)

START = date(2026, 1, 5)  # a Monday
WEEKLY = np.array([100, 120, 110, 105, 95, 30, 20], dtype=float)  # Mon..Sun


def _series(values: np.ndarray | list[float], start: date = START) -> pd.Series:
    return pd.Series(np.asarray(values, dtype=float),
                     index=pd.date_range(start, periods=len(values), freq="D"))


def _intakes(forecast_days: tuple[DayIntake, ...]) -> list[float]:
    return [d.intake for d in forecast_days]


def test_pure_weekly_pattern_is_forecast_almost_exactly() -> None:
    history = _series(np.tile(WEEKLY, 8))  # 8 weeks, last day a Sunday
    result = forecast_intake(history, horizon_days=14)
    assert result.method is ForecastMethod.HOLT_WINTERS
    assert result.fallback is None
    assert result.days[0].day == START + timedelta(days=56)  # the Monday after
    assert _intakes(result.days) == pytest.approx(list(np.tile(WEEKLY, 2)), abs=0.5)
    assert result.holdout is not None
    assert result.holdout.error.mae < 0.5


def test_a_history_is_fitted_once_and_any_horizon_reuses_the_fit() -> None:
    from reviewer_app.domain import forecast

    forecast._fitted.cache_clear()
    history = _series(np.tile(WEEKLY, 9) + np.arange(63) % 5)
    first = forecast_intake(history, horizon_days=14)
    fits = forecast._fitted.cache_info().misses
    assert fits == 2  # the full history and the held-out check's training part
    again = forecast_intake(history, horizon_days=28)
    assert forecast._fitted.cache_info().misses == fits  # no new fit
    assert _intakes(again.days)[:14] == _intakes(first.days)  # the same fit, further out
    assert again.holdout == first.holdout
    changed = history.copy()
    changed.iloc[-1] += 50  # yesterday's count changed: a new fit, a different forecast
    moved = forecast_intake(changed, horizon_days=14)
    # Only the full history changed; the held-out check trains on the days before it.
    assert forecast._fitted.cache_info().misses == fits + 1
    assert _intakes(moved.days) != _intakes(first.days)


def test_flat_series_forecasts_the_flat_value() -> None:
    result = forecast_intake(_series([42.0] * 35), horizon_days=7)
    assert result.method is ForecastMethod.HOLT_WINTERS
    assert _intakes(result.days) == pytest.approx([42.0] * 7)
    assert result.holdout is not None
    assert result.holdout.error.mae == pytest.approx(0)
    assert result.holdout.error.mape == pytest.approx(0)


def test_trend_is_followed_where_the_seasonal_naive_baseline_lags() -> None:
    days = 70
    history = _series(np.tile(WEEKLY, 10) + np.arange(days))  # +1 appeal a day, every day
    result = forecast_intake(history, horizon_days=7)
    expected = WEEKLY + np.arange(days, days + 7)  # the next week continues the line
    assert _intakes(result.days) == pytest.approx(list(expected), abs=2)
    assert result.holdout is not None
    # Repeating the last training week falls behind the line: the held-out fortnight is
    # 7 days one week ahead (7 short) then 7 days two weeks ahead (14 short), so the
    # baseline's MAE is (7·7 + 7·14) ÷ 14 = 10.5.
    assert result.holdout.baseline_error.mae == pytest.approx(10.5)
    assert result.holdout.error.mae < 2


def test_short_history_falls_back_to_seasonal_naive_and_says_so() -> None:
    history = _series([*WEEKLY.tolist(), 101, 119, 111])  # 10 days
    result = forecast_intake(history, horizon_days=7)
    assert result.method is ForecastMethod.SEASONAL_NAIVE
    assert result.fallback is FallbackReason.SHORT_HISTORY
    # The last 7 days were Thu..Sun, Mon, Tue, Wed: [105, 95, 30, 20, 101, 119, 111];
    # the next day is a Thursday, so the forecast repeats them in order.
    assert _intakes(result.days) == [105, 95, 30, 20, 101, 119, 111]
    assert result.holdout is None  # 10 − 14 leaves no week to train on


def test_less_than_a_week_falls_back_to_the_mean() -> None:
    result = forecast_intake(_series([3, 5, 4]), horizon_days=3)
    assert result.method is ForecastMethod.MEAN
    assert result.fallback is FallbackReason.SHORT_HISTORY
    assert _intakes(result.days) == [4.0, 4.0, 4.0]


def test_holdout_error_is_computed_on_exactly_the_held_out_days() -> None:
    values = np.tile(WEEKLY, 4)  # 28 days
    values[-3:] += [10, -20, 30]  # surprises only in the last three days
    result = forecast_intake(_series(values), holdout_days=3)
    check = result.holdout
    assert check is not None
    last = START + timedelta(days=27)
    assert [d.day for d in check.actual] == [last - timedelta(days=2),
                                             last - timedelta(days=1), last]
    assert [d.intake for d in check.actual] == [95 + 10, 30 - 20, 20 + 30]
    # The 25 training days are a pure weekly pattern, so the fit predicts [95, 30, 20];
    # MAE = (10 + 20 + 30) ÷ 3 = 20, MAPE = (10/105 + 20/10 + 30/50) ÷ 3.
    assert check.error.days == 3
    assert check.error.mae == pytest.approx(20, abs=0.1)
    assert check.error.mape == pytest.approx((10 / 105 + 20 / 10 + 30 / 50) / 3, abs=0.01)
    # Baseline: the same weekday one week earlier, i.e. the same [95, 30, 20].
    assert check.baseline_error.mae == pytest.approx(20)


def test_mape_leaves_out_days_without_intake() -> None:
    error = forecast_error([0, 10, 20], [2, 12, 16])
    assert error.mae == pytest.approx((2 + 2 + 4) / 3)
    assert error.mape == pytest.approx((2 / 10 + 4 / 20) / 2)
    assert forecast_error([0, 0], [1, 1]).mape is None


def test_missing_days_are_zero_intake_and_timestamps_are_summed_per_day() -> None:
    history = pd.Series(
        [2, 3, 4],
        index=[datetime(2026, 1, 5, 9, tzinfo=UTC), datetime(2026, 1, 5, 17, tzinfo=UTC),
               datetime(2026, 1, 8, 1, tzinfo=UTC)],
    )
    days = daily_series(history, through=date(2026, 1, 9))
    assert days.tolist() == [5, 0, 0, 4, 0]
    assert days.index[0].date() == date(2026, 1, 5)


def test_spiky_sparse_series_never_crashes_or_goes_negative() -> None:
    values = np.zeros(60)
    values[[3, 17, 40, 41]] = [50, 1, 200, 3]
    result = forecast_intake(_series(values))
    assert all(d.intake >= 0 and math.isfinite(d.intake) for d in result.days)


@pytest.mark.parametrize(
    ("history", "kwargs", "error"),
    [
        (pd.Series(dtype=float), {}, NotEnoughDataError),
        (_series([1, -2, 3]), {}, InvalidInputError),
        (_series([1, 2, 3]), {"horizon_days": 0}, InvalidInputError),
        (_series([1, 2, 3]), {"holdout_days": 0}, InvalidInputError),
    ],
)
def test_unusable_input_is_a_typed_error(history: pd.Series, kwargs: dict[str, int],
                                         error: type[Exception]) -> None:
    with pytest.raises(error):
        forecast_intake(history, **kwargs)


def _days(values: list[float], first: date = date(2026, 2, 1)) -> tuple[DayIntake, ...]:
    return tuple(DayIntake(first + timedelta(days=i), v) for i, v in enumerate(values))


def test_backlog_projection_by_hand() -> None:
    # Capacity 100 a day, SLA 2 days: breach once the end backlog exceeds 200.
    projection = project_backlog(150, _days([120, 130, 140, 90]), capacity_per_day=100,
                                 sla_days=2)
    # 150+120−100 = 170; 170+130−100 = 200 (exactly 2 days: not a breach); 200+140−100 = 240
    assert [d.backlog for d in projection.days] == [170, 200, 240, 230]
    assert [d.decisions for d in projection.days] == [100, 100, 100, 100]
    assert projection.days[2].days_of_work == pytest.approx(2.4)
    assert projection.breach_day == date(2026, 2, 3)
    assert projection.breached_now is False


def test_backlog_drains_to_zero_and_never_goes_negative() -> None:
    projection = project_backlog(50, _days([10, 0]), capacity_per_day=100, sla_days=1)
    assert [d.backlog for d in projection.days] == [0, 0]
    assert [d.decisions for d in projection.days] == [60, 0]
    assert projection.breach_day is None


def test_no_capacity_breaches_on_the_first_day_with_work() -> None:
    projection = project_backlog(0, _days([0, 5]), capacity_per_day=0, sla_days=3)
    assert projection.days[0].days_of_work == 0
    assert math.isinf(projection.days[1].days_of_work)
    assert projection.breach_day == date(2026, 2, 2)


def test_backlog_already_too_big_is_breached_now() -> None:
    projection = project_backlog(500, _days([0]), capacity_per_day=100, sla_days=2)
    assert projection.breached_now is True
    assert projection.breach_day == date(2026, 2, 1)  # 400 left = 4 days of work


def test_scaled_intake_keeps_the_weekday_pattern() -> None:
    days = _days([10, 30, 20])  # mean 20
    assert _intakes(scale_intake(days, 40)) == [20, 60, 40]
    assert [d.day for d in scale_intake(days, 40)] == [d.day for d in days]
    assert _intakes(scale_intake(_days([0, 0]), 3)) == [3, 3]  # nothing to scale: flat
    assert scale_intake((), 5) == ()
    with pytest.raises(InvalidInputError):
        scale_intake(days, -1)


@pytest.mark.parametrize("kwargs", [{"capacity_per_day": -1, "sla_days": 2},
                                    {"capacity_per_day": 10, "sla_days": 0}])
def test_backlog_projection_refuses_bad_input(kwargs: dict[str, float]) -> None:
    with pytest.raises(InvalidInputError):
        project_backlog(10, _days([1]), **kwargs)


def test_a_surge_at_the_end_is_not_extrapolated_without_end() -> None:
    # Eight quiet weeks, then the last five days surge; a fitted trend would run away.
    values = np.concatenate([np.tile([2.0, 1, 2, 1, 2, 0, 0], 8), [11, 22, 25, 67, 214]])
    result = forecast_intake(_series(values), horizon_days=7)
    assert result.method is ForecastMethod.SEASONAL_NAIVE
    assert result.fallback is FallbackReason.IMPLAUSIBLE_FIT
    assert max(_intakes(result.days)) == 214  # the last week repeated
