"""Translated words for the forecast: how it was made, why a simpler method, its error."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from reviewer_app.domain.forecast import (
    BacklogProjection,
    FallbackReason,
    ForecastError,
    ForecastMethod,
)
from reviewer_app.services.workforce import QueueForecast

# Spelled out literally (not through an alias) so pyside6-lupdate finds every string.


def method(value: ForecastMethod) -> str:
    """Translated name of a forecast method."""
    return {
        ForecastMethod.HOLT_WINTERS: QCoreApplication.translate(
            "forecast_labels", "Holt-Winters with weekly seasonality"),
        ForecastMethod.SEASONAL_NAIVE: QCoreApplication.translate(
            "forecast_labels", "seasonal naive (each weekday repeats last week's)"),
        ForecastMethod.MEAN: QCoreApplication.translate(
            "forecast_labels", "the mean of the days there are"),
    }[value]


def fallback(value: FallbackReason) -> str:
    """Why a simpler method than Holt-Winters was used."""
    return {
        FallbackReason.SHORT_HISTORY: QCoreApplication.translate(
            "forecast_labels", "there are fewer than two full weeks of history"),
        FallbackReason.FIT_FAILED: QCoreApplication.translate(
            "forecast_labels", "the Holt-Winters fit failed"),
        FallbackReason.IMPLAUSIBLE_FIT: QCoreApplication.translate(
            "forecast_labels", "Holt-Winters forecast more than twice the busiest day seen"),
    }[value]


def error(value: ForecastError) -> str:
    """MAE and MAPE of a forecast, e.g. "MAE 3.2 a day, MAPE 8.5%"."""
    mape = ("—" if value.mape is None else f"{value.mape:.1%}")
    return QCoreApplication.translate("forecast_labels", "MAE {mae} a day, MAPE {mape}").format(
        mae=f"{value.mae:.1f}", mape=mape)


def summary(queue: QueueForecast) -> str:
    """The forecast's method in words, why, and how it did on the held-out days."""
    forecast = queue.forecast
    parts = [QCoreApplication.translate(
        "forecast_labels", "Forecast by {method}, from {days} days of history.").format(
        method=method(forecast.method), days=forecast.history_days)]
    if forecast.fallback is not None:
        parts.append(QCoreApplication.translate(
            "forecast_labels", "Simpler than Holt-Winters because {reason}.").format(
            reason=fallback(forecast.fallback)))
    check = forecast.holdout
    if check is None:
        parts.append(QCoreApplication.translate(
            "forecast_labels",
            "Too little history to hold days out and measure the error (a week is needed "
            "before them)."))
    else:
        parts.append(QCoreApplication.translate(
            "forecast_labels",
            "On the last {days} held-out days, refitted by {method}: {error}; seasonal naive: "
            "{baseline}.").format(days=check.error.days, method=method(check.method),
                                  error=error(check.error),
                                  baseline=error(check.baseline_error)))
    if not any(d.intake for d in queue.history):
        parts.append(QCoreApplication.translate(
            "forecast_labels", "No appeals arrived in these days: the forecast is 0."))
    return " ".join(parts)


def breach(projection: BacklogProjection | None) -> str:
    """When a projected backlog breaches its SLA, as a lead reads it: "already in breach",
    "today", a date, or "not within N days" (None: no projection, the AHT is unknown)."""
    if projection is None:
        return QCoreApplication.translate("forecast_labels", "unknown: no decisions, no AHT")
    if projection.breached_now:
        return QCoreApplication.translate("forecast_labels", "already in breach")
    if projection.breach_day is None:
        return QCoreApplication.translate("forecast_labels", "not within {n} days").format(
            n=len(projection.days))
    today = projection.days[0].day  # the first projected day is today
    if projection.breach_day == today:
        return QCoreApplication.translate("forecast_labels", "today ({day})").format(
            day=today.isoformat())
    if (projection.breach_day - today).days == 1:
        return QCoreApplication.translate("forecast_labels", "{day} (tomorrow)").format(
            day=projection.breach_day.isoformat())
    return QCoreApplication.translate("forecast_labels", "{day} (in {n} days)").format(
        day=projection.breach_day.isoformat(), n=(projection.breach_day - today).days)
