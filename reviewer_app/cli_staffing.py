"""``reviewer-app staffing`` (Erlang C, back-office headcount) and ``reviewer-app forecast``.

Kept apart from ``cli.py`` so the command line module stays about dispatch; the maths is
``domain.staffing`` and ``domain.forecast``, imported only when a command runs. Numbers are
read here rather than by argparse so a bad one is the usual one-line error.
"""

from __future__ import annotations

import argparse
import json
import math
from typing import TYPE_CHECKING, Any

from reviewer_app.domain.errors import InvalidInputError

if TYPE_CHECKING:  # the service (and pandas, statsmodels) loads only when forecast runs
    from reviewer_app.services.workforce import QueueForecast

DECIMALS = 4


def add_staffing_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``reviewer-app staffing {erlang,backoffice}`` and ``reviewer-app forecast``."""
    staffing = commands.add_parser("staffing", help="staffing calculators (no database needed)")
    sub = staffing.add_subparsers(dest="staffing_command", metavar="ACTION", required=True)
    erlang = sub.add_parser(
        "erlang",
        help="Erlang C: waiting probability, service level and ASA of a live queue",
        description="Print {\"p_wait\", \"service_level\", \"asa_seconds\"} for TRAFFIC "
        "Erlangs (arrivals per second × AHT) answered by N agents: the probability an "
        "arrival waits, the share answered within the target time, and the average speed "
        "of answer (null when the queue is overloaded, N ≤ traffic).",
    )
    erlang.add_argument("--traffic", required=True, metavar="E", help="offered load, Erlangs")
    erlang.add_argument("--agents", required=True, metavar="N", help="agents answering")
    erlang.add_argument("--target-seconds", required=True, metavar="T",
                        help="answer-time target of the service level, seconds")
    erlang.add_argument("--aht-seconds", required=True, metavar="A",
                        help="average handle time, seconds")
    backoffice = sub.add_parser(
        "backoffice",
        help="reviewers needed to clear a backlog while keeping up with intake",
        description="Print {\"reviewers\", \"reviewers_before_shrinkage\"}: before = "
        "ceil((B ÷ D + I) ÷ (H × 3600 ÷ (M × 60))); reviewers = ceil(before ÷ (1 − S)).",
    )
    backoffice.add_argument("--backlog", required=True, metavar="B", help="open appeals now")
    backoffice.add_argument("--days", required=True, metavar="D",
                            help="days in which to clear the backlog")
    backoffice.add_argument("--intake", required=True, metavar="I", help="appeals per day")
    backoffice.add_argument("--aht-minutes", required=True, metavar="M",
                            help="average handle time, minutes")
    backoffice.add_argument("--hours", required=True, metavar="H",
                            help="productive hours per reviewer per day")
    backoffice.add_argument("--shrinkage", default="0", metavar="S",
                            help="share of paid time lost, 0 to below 1 (default 0)")

    forecast = commands.add_parser(
        "forecast",
        help="intake forecast, its held-out error and the projected SLA breach per queue",
        description="Forecast daily intake per queue from the complete UTC days of the last "
        "half year (Holt-Winters with weekly seasonality; simpler methods, named in "
        "\"method\" and \"fallback\", for short histories), measure the method on the last "
        "--holdout days, and project each queue's backlog at its current staffing "
        "(people-equivalents: each reviewer with a final decision in the last 28 days counts "
        "for their share of decisions made in the queue; their AHT, --hours a day). "
        "\"breach_day\" is the first day whose backlog ÷ daily capacity exceeds the queue's "
        "SLA in days.",
    )
    forecast.add_argument("--db", metavar="URL", dest="sub_db", help="database URL")
    forecast.add_argument("--days", default="14", metavar="N",
                          help="days to forecast (default 14)")
    forecast.add_argument("--holdout", default="14", metavar="N",
                          help="last days held out to measure the error (default 14)")
    forecast.add_argument("--queue", metavar="CODE", help="only this queue")
    forecast.add_argument("--reviewers", metavar="N",
                          help="what-if: reviewers per day instead of the measured number")
    forecast.add_argument("--aht-seconds", metavar="A",
                          help="what-if: handle time per decision instead of the recent AHT")
    forecast.add_argument("--hours", default="5.5", metavar="H",
                          help="productive hours per reviewer per day (default 5.5)")


def run_staffing(args: argparse.Namespace) -> int:
    """Run a ``staffing`` action and print its JSON line."""
    from reviewer_app.domain import staffing

    if args.staffing_command == "erlang":
        result = staffing.erlang_c(
            _number("--traffic", args.traffic), int(_number("--agents", args.agents, whole=True)),
            _number("--target-seconds", args.target_seconds),
            _number("--aht-seconds", args.aht_seconds),
        )
        out: dict[str, Any] = {"p_wait": result.p_wait, "service_level": result.service_level,
                               "asa_seconds": result.asa_seconds}
    else:
        answer = staffing.backoffice_staffing(staffing.BackOfficeInputs(
            backlog=_number("--backlog", args.backlog), days_to_clear=_number("--days", args.days),
            daily_intake=_number("--intake", args.intake),
            aht_seconds=_number("--aht-minutes", args.aht_minutes) * 60,
            productive_hours=_number("--hours", args.hours),
            shrinkage=_number("--shrinkage", args.shrinkage),
        ))
        out = {"reviewers": answer.reviewers,
               "reviewers_before_shrinkage": answer.reviewers_before_shrinkage}
    print(json.dumps(_rounded(out)))
    return 0


def run_forecast(url: str, args: argparse.Namespace) -> int:
    """Run ``forecast`` against the database at ``url`` and print one JSON object."""
    from reviewer_app.services.workforce import PlanningAssumptions, WorkforceService
    from reviewer_app.services.workspace import open_workspace

    assume = PlanningAssumptions(
        reviewers=None if args.reviewers is None else _number("--reviewers", args.reviewers),
        aht_seconds=None if args.aht_seconds is None
        else _number("--aht-seconds", args.aht_seconds),
        productive_hours=_number("--hours", args.hours),
        horizon_days=int(_number("--days", args.days, whole=True)),
        holdout_days=int(_number("--holdout", args.holdout, whole=True)),
    )
    database = open_workspace(url, embedded=False, create=False)
    try:
        queues = WorkforceService(database).forecast(args.queue, assume)
    finally:
        database.dispose()
    print(json.dumps(_rounded({"queues": [_queue_json(q) for q in queues]})))
    return 0


def _queue_json(queue: QueueForecast) -> dict[str, Any]:
    forecast, projection, check = queue.forecast, queue.projection, queue.forecast.holdout
    return {
        "queue": queue.queue_code,
        "method": forecast.method.value,
        "fallback": forecast.fallback.value if forecast.fallback else None,
        "history_days": forecast.history_days,
        "forecast": [{"day": d.day.isoformat(), "intake": d.intake} for d in forecast.days],
        "holdout": None if check is None else {
            "days": check.error.days, "method": check.method.value,
            "mae": check.error.mae, "mape": check.error.mape,
            "baseline_mae": check.baseline_error.mae, "baseline_mape": check.baseline_error.mape,
        },
        "backlog": queue.workload.backlog,
        "received_today": queue.received_today,
        "sla_hours": queue.workload.sla_hours,
        "reviewers": round(queue.reviewers, 2),
        "aht_seconds": queue.aht_seconds,
        "capacity_per_day": queue.capacity_per_day,
        "projection": None if projection is None else [
            {"day": d.day.isoformat(), "intake": d.intake, "decisions": d.decisions,
             "backlog": d.backlog, "days_of_work": d.days_of_work} for d in projection.days
        ],
        "breached_now": None if projection is None else projection.breached_now,
        "breach_day": None if projection is None or projection.breach_day is None
        else projection.breach_day.isoformat(),
    }


def _rounded(value: Any) -> Any:
    """Floats to ``DECIMALS`` places; infinity (no capacity, overloaded queue) as null."""
    if isinstance(value, float):
        return round(value, DECIMALS) if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    return value


def _number(option: str, text: str, *, whole: bool = False) -> float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or (whole and not value.is_integer()):
        kind = "a whole number" if whole else "a number"
        raise InvalidInputError(f"{option}: {text!r} is not {kind}")
    return value
