"""Dashboards benchmark: compute + draw each dashboard on a year of a 300-person team; JSON.

ISSUE 5: dashboards "stay responsive on a year of data for a 300-person team (about 3 million
decisions): computing and drawing any dashboard under 500 ms ... on SQLite and PostgreSQL".
The year comes from ``year_data.py`` (built once per engine and cached; ``--rebuild`` makes it
again). Each case is a named pair of small callables:

- ``compute``: the service call a dashboard makes (the runner calls the same off the GUI
  thread), e.g. ``DashboardService.personal`` or ``WorkforceService.forecast``;
- ``draw`` (optional): put the result into the real widget (built once beforehand, as the app
  keeps it open) and render it offscreen (``QT_QPA_PLATFORM=offscreen``): process events and
  ``grab()`` the charts, which paints every item.

Each case runs once to warm up (caches, first statements), then ``--reps`` times; the JSON has
the median (and min/max) of compute + draw, each part's median, and the same run's raw
baseline: the cheapest SQL touching the rows the case reads, on a bare DB-API connection of
the same engine: ``SELECT count(*)`` over the case's window and a plain ``GROUP BY`` day of
it. Ratios to the baseline are what to compare between runs (the machine is shared and
noisy); ``under_target`` is the issue's 500 ms. Reports (the KPI report) may legitimately be
long (they show progress and can be cancelled): they are timed and reported, but only cases
of kind "dashboard" decide ``dashboards_under_target``.

    .venv/bin/python benchmarks/dashboards.py                      # 3M decisions, SQLite + PG
    .venv/bin/python benchmarks/dashboards.py --decisions 300000 --engines sqlite --reps 3

Adding a dashboard: append a ``Case`` to ``CASES`` (see the end of the case list), e.g. a
team tab's ``compute`` calling its service and a ``draw`` putting the result into its widget
made by ``bench.widget(name, factory)``.
"""

# ruff: noqa: E402  (imports follow the sys.path and Qt platform set-up below)
from __future__ import annotations

import os
import sys
from pathlib import Path

# benchmarks/queue.py sits beside this file: drop the folder from sys.path so ``import queue``
# (stdlib, used by psycopg, SQLAlchemy's pools and the runner) is not that script.
HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import argparse
import importlib.util
import json
import platform
import sqlite3
import statistics
import time
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from reviewer_app.data.db import Database, create_db_engine
from reviewer_app.domain.dashboard import Granularity
from reviewer_app.domain.kpis import Period
from reviewer_app.services.dashboard import DashboardService
from reviewer_app.services.reports import kpi_report
from reviewer_app.services.workforce import WorkforceService

_spec = importlib.util.spec_from_file_location("year_data", HERE / "year_data.py")
assert _spec and _spec.loader
year_data = importlib.util.module_from_spec(_spec)
sys.modules["year_data"] = year_data  # dataclasses look their module up there
_spec.loader.exec_module(year_data)

TARGET_MS = 500.0
SLOW_MS = 5000.0  # a case slower than this in its warm-up runs only twice more
DASHBOARD, REPORT = "dashboard", "report"


def log(msg: str) -> None:
    """Progress goes to stderr; stdout carries only the JSON."""
    print(f"[bench] {msg}", file=sys.stderr, flush=True)


# ------------------------------------------------------------------------------------------
# What a case gets
# ------------------------------------------------------------------------------------------
@dataclass
class Bench:
    """One engine's database, the year's facts, and widgets built once per run."""

    engine: str
    db: Database
    now: datetime
    busy_reviewer: int
    widgets: dict[str, Any] = field(default_factory=dict)

    def clock(self) -> datetime:
        """The services' clock: the instant the generated year ends."""
        return self.now

    def widget(self, name: str, factory: Callable[[], Any]) -> Any:
        """The widget ``name``, made by ``factory`` the first time (outside the timing) and
        shown offscreen; dashboards stay open and are updated, not rebuilt."""
        if name not in self.widgets:
            made = factory()
            made.show()
            _process_events()
            self.widgets[name] = made
        return self.widgets[name]


@dataclass(frozen=True)
class Baseline:
    """The raw rows a case reads: ``table`` rows with ``column`` in the last ``days`` days."""

    table: str
    column: str
    days: int

    @property
    def key(self) -> str:
        return f"{self.table}_{self.days}d"


@dataclass(frozen=True)
class Case:
    """A dashboard (or report) to time: ``compute`` returns what ``draw`` shows."""

    name: str
    kind: str  # DASHBOARD (must be under the target) or REPORT (timed, may be long)
    compute: Callable[[Bench], Any]
    baseline: Baseline
    draw: Callable[[Bench, Any], None] | None = None
    note: str = ""
    setup: Callable[[Bench], object] | None = None  # e.g. build the widget, untimed


class _NoRunner:
    """Widgets take the app's runner for their own reloads; the benchmark calls their
    ``show_*`` methods directly, so nothing is ever submitted."""

    def submit(self, *_args: Any, **_kwargs: Any) -> None:
        raise AssertionError("the benchmark draws results itself")


def _qt_app() -> Any:
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication(["dashboards-bench"])


def _process_events() -> None:
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()


# ------------------------------------------------------------------------------------------
# The cases
# ------------------------------------------------------------------------------------------
def _personal(days: int, granularity: Granularity) -> Callable[[Bench], Any]:
    def compute(b: Bench) -> Any:
        return DashboardService(b.db, clock=b.clock).personal(b.busy_reviewer, days,
                                                              granularity)
    return compute


def _personal_widget(b: Bench) -> Any:
    from reviewer_app.ui.dashboards.personal_dashboard import PersonalDashboard

    return b.widget("personal", lambda: PersonalDashboard(
        _NoRunner(), DashboardService(b.db, clock=b.clock), b.busy_reviewer))  # type: ignore[arg-type]


def _draw_personal(b: Bench, stats: Any) -> None:
    panel = _personal_widget(b)
    panel.show_stats(stats)
    _process_events()
    panel.charts.grab()  # paints every plot item, as a visible window would


def _last_full_week(now: datetime) -> Period:
    monday = now.date() - timedelta(days=now.weekday() + 7)
    return Period(monday, monday + timedelta(days=6))


def _last_year(now: datetime) -> Period:
    yesterday = now.date() - timedelta(days=1)
    return Period(yesterday - timedelta(days=364), yesterday)


def _kpi(period: Callable[[datetime], Period], by: str | None) -> Callable[[Bench], Any]:
    def compute(b: Bench) -> Any:
        return kpi_report(b.db, period(b.now), by)
    return compute


def _forecast(b: Bench) -> Any:
    return WorkforceService(b.db, clock=b.clock).forecast()


def _forecast_widget(b: Bench) -> Any:
    from reviewer_app.ui.dashboards.forecast_tab import ForecastTab

    return b.widget("forecast", lambda: ForecastTab(
        _NoRunner(), WorkforceService(b.db, clock=b.clock)))  # type: ignore[arg-type]


def _draw_forecast(b: Bench, queues: Any) -> None:
    tab = _forecast_widget(b)
    tab.show_forecast(queues)
    _process_events()
    tab.grab()


def _queue_charts(days: int) -> Callable[[Bench], Any]:
    """Every queue's charts over ``days`` days, as the tab asks for them: the roll-up is
    brought up to date first (settled after the warm-up, as in an open app), then read."""
    def compute(b: Bench) -> Any:
        from reviewer_app.domain.queue_charts import ChartFilter
        from reviewer_app.services.team_dashboard import TeamDashboardService

        return TeamDashboardService(b.db, clock=b.clock).queue_charts(ChartFilter(), days)
    return compute


def _queue_charts_widget(b: Bench) -> Any:
    from reviewer_app.services.team_dashboard import TeamDashboardService
    from reviewer_app.ui.dashboards.queue_charts_tab import QueueChartsTab

    return b.widget("queue_charts", lambda: QueueChartsTab(
        _NoRunner(), TeamDashboardService(b.db, clock=b.clock)))  # type: ignore[arg-type]


def _draw_queue_charts(b: Bench, charts: Any) -> None:
    tab = _queue_charts_widget(b)
    tab.show_charts(charts)
    _process_events()
    tab.grab()


def _reviewers(days: int) -> Callable[[Bench], Any]:
    def compute(b: Bench) -> Any:
        from reviewer_app.services.team_reviewers import TeamReviewersService

        return TeamReviewersService(b.db, clock=b.clock).table(days)
    return compute


def _reviewers_widget(b: Bench) -> Any:
    from types import SimpleNamespace

    from reviewer_app.services.team_reviewers import TeamReviewersService
    from reviewer_app.ui.dashboards.reviewers_tab import ReviewersTab

    services = SimpleNamespace(team_reviewers=TeamReviewersService(b.db, clock=b.clock))
    return b.widget("reviewers", lambda: ReviewersTab(_NoRunner(), services))  # type: ignore[arg-type]


def _draw_reviewers(b: Bench, table: Any) -> None:
    tab = _reviewers_widget(b)
    tab.show_table(table)
    _process_events()
    tab.grab()


CASES: list[Case] = [
    Case("personal_30d", DASHBOARD, _personal(30, Granularity.DAY),
         Baseline("decisions", "decided_at", 30), draw=_draw_personal,
         setup=_personal_widget,
         note="the busiest reviewer's dashboard, 30 days by day (the default range)"),
    Case("personal_365d", DASHBOARD, _personal(365, Granularity.WEEK),
         Baseline("decisions", "decided_at", 365), draw=_draw_personal,
         setup=_personal_widget,
         note="the busiest reviewer's dashboard, a year by week"),
    Case("forecast_all_queues", DASHBOARD, _forecast,
         Baseline("appeals", "received_at", 182), draw=_draw_forecast,
         setup=_forecast_widget,
         note="WorkforceService.forecast() for every queue (182 days of intake history, "
              "28 days of handle time, Holt-Winters per queue), drawn in the forecast tab"),
    Case("queue_charts_30d", DASHBOARD, _queue_charts(30),
         Baseline("decisions", "decided_at", 30), draw=_draw_queue_charts,
         setup=_queue_charts_widget,
         note="the Queues tab, every queue, 30 days by day (roll-up settled by the warm-up; "
              "its first build on an existing database runs once, in the background)"),
    Case("queue_charts_365d", DASHBOARD, _queue_charts(365),
         Baseline("decisions", "decided_at", 365), draw=_draw_queue_charts,
         setup=_queue_charts_widget,
         note="the Queues tab, every queue, a year by day"),
    Case("reviewers_30d", DASHBOARD, _reviewers(30),
         Baseline("decisions", "decided_at", 30), draw=_draw_reviewers,
         setup=_reviewers_widget,
         note="the Reviewers tab: 300 people's figures and alerts over 30 days"),
    Case("reviewers_365d", DASHBOARD, _reviewers(365),
         Baseline("decisions", "decided_at", 365), draw=_draw_reviewers,
         setup=_reviewers_widget,
         note="the Reviewers tab over a year"),
    Case("kpi_week", REPORT, _kpi(_last_full_week, None),
         Baseline("decisions", "decided_at", 7), note="last full Monday-Sunday week"),
    Case("kpi_year", REPORT, _kpi(_last_year, None),
         Baseline("decisions", "decided_at", 365), note="the last 365 complete days"),
    Case("kpi_year_by_queue", REPORT, _kpi(_last_year, "queue"),
         Baseline("decisions", "decided_at", 365),
         note="the last 365 complete days, overall and --by queue"),
    # More dashboards: append Case(name, DASHBOARD, compute, Baseline(...), draw=...) here.
]


# ------------------------------------------------------------------------------------------
# Timing
# ------------------------------------------------------------------------------------------
def _ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def _median(values: list[float]) -> float:
    return round(statistics.median(values), 2)


def run_case(b: Bench, case: Case, reps: int) -> dict[str, Any]:
    """Warm up once, then time ``reps`` runs (two when the warm-up took over 5 s)."""
    if case.setup is not None:
        case.setup(b)
    computes: list[float] = []
    draws: list[float] = []
    totals: list[float] = []
    warm = None
    runs = 1 + reps
    i = 0
    while i < runs:
        t0 = time.perf_counter()
        result = case.compute(b)
        t1 = time.perf_counter()
        if case.draw is not None:
            case.draw(b, result)
        t2 = time.perf_counter()
        if warm is None:
            warm = _ms(t2 - t0)
            if warm > SLOW_MS:
                runs = 1 + min(reps, 2)
        else:
            computes.append(_ms(t1 - t0))
            draws.append(_ms(t2 - t1))
            totals.append(_ms(t2 - t0))
        i += 1
    out: dict[str, Any] = {
        "kind": case.kind, "ms": _median(totals), "min_ms": min(totals),
        "max_ms": max(totals), "compute_ms": _median(computes),
        "draw_ms": _median(draws) if case.draw is not None else None,
        "drawn": case.draw is not None, "warmup_ms": warm, "runs": len(totals),
        "under_target": _median(totals) < TARGET_MS,
    }
    if case.note:
        out["note"] = case.note
    return out


class RawBaseline:
    """The cheapest SQL over a case's rows, on a bare DB-API connection of the engine."""

    def __init__(self, b: Bench) -> None:
        self.dialect = b.db.engine.dialect.name
        self.conn = b.db.engine.raw_connection()
        self.now = b.now

    def close(self) -> None:
        with suppress(Exception):
            self.conn.rollback()
        self.conn.close()

    def _bound(self, at: datetime) -> Any:
        if self.dialect == "sqlite":  # how UtcDateTime stores instants on SQLite
            return at.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")
        return at

    def statements(self, base: Baseline) -> dict[str, str]:
        p = "?" if self.dialect == "sqlite" else "%s"
        col, table = base.column, base.table
        day = (f"date({col})" if self.dialect == "sqlite"
               else f"({col} AT TIME ZONE 'UTC')::date")
        where = f"{col} >= {p} AND {col} < {p}"
        return {"count": f"SELECT count(*) FROM {table} WHERE {where}",
                "group_by_day": f"SELECT {day}, count(*) FROM {table} WHERE {where}"
                                f" GROUP BY {day}"}

    def time(self, base: Baseline, reps: int) -> dict[str, Any]:
        args = (self._bound(self.now - timedelta(days=base.days)),
                self._bound(self.now + timedelta(seconds=1)))
        out: dict[str, Any] = {}
        for label, sql in self.statements(base).items():
            times = []
            rows = 0
            for i in range(1 + reps):
                cur = self.conn.cursor()
                t0 = time.perf_counter()
                cur.execute(sql, args)
                fetched = cur.fetchall()
                elapsed = time.perf_counter() - t0
                cur.close()
                if self.dialect == "postgresql":
                    self.conn.rollback()  # no transaction left open between runs
                if i:
                    times.append(_ms(elapsed))
                rows = fetched[0][0] if label == "count" else len(fetched)
            out[f"{label}_ms"] = _median(times)
            out["rows" if label == "count" else "days"] = rows
        return out


def bench_engine(engine: str, args: argparse.Namespace, cases: list[Case]) -> dict[str, Any]:
    """Build or reuse the year on ``engine``, time every case and its baseline."""
    t0 = time.perf_counter()
    info = year_data.cached_year(engine, decisions=args.decisions, reviewers=args.reviewers,
                                 seed=args.seed, pg_url=args.pg_url, cache_dir=args.cache_dir,
                                 rebuild=args.rebuild)
    prepare_s = round(time.perf_counter() - t0, 1)
    log(f"{engine}: data ready in {prepare_s} s ({info.counts.get('decisions'):,} decisions)")
    db = Database(create_db_engine(info.url))
    bench = Bench(engine, db, info.now_dt, int(info.busy_reviewer_id or 1))
    raw = RawBaseline(bench)
    baselines: dict[str, Any] = {}
    results: dict[str, Any] = {}
    try:
        for case in cases:
            base = case.baseline
            if base.key not in baselines:
                baselines[base.key] = raw.time(base, args.reps)
                log(f"{engine}: baseline {base.key}: {baselines[base.key]}")
            result = run_case(bench, case, args.reps)
            ref = baselines[base.key]
            result["baseline"] = base.key
            result["baseline_group_by_day_ms"] = ref["group_by_day_ms"]
            result["baseline_count_ms"] = ref["count_ms"]
            result["ratio_to_group_by_day"] = (round(result["ms"] / ref["group_by_day_ms"], 2)
                                               if ref["group_by_day_ms"] else None)
            result["ratio_to_count"] = (round(result["ms"] / ref["count_ms"], 2)
                                        if ref["count_ms"] else None)
            results[case.name] = result
            log(f"{engine}: {case.name}: {result['ms']} ms (compute {result['compute_ms']},"
                f" draw {result['draw_ms']}; baseline {ref['group_by_day_ms']} ms,"
                f" x{result['ratio_to_group_by_day']})"
                f"{'' if result['under_target'] else '  OVER 500 ms'}")
    finally:
        raw.close()
        for widget in bench.widgets.values():
            widget.close()
            widget.deleteLater()
        _process_events()
        db.dispose()
    data = {"url": _safe_url(info.url), "reused": info.reused, "counts": info.counts,
            "now": info.now, "busy_reviewer_id": info.busy_reviewer_id,
            "busy_reviewer_decisions_365d": info.busy_reviewer_decisions_365d,
            "build_timings_s": info.timings_s, "prepare_s": prepare_s}
    return {"data": data, "baselines": baselines, "cases": results}


def _safe_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


# ------------------------------------------------------------------------------------------
# Report
# ------------------------------------------------------------------------------------------
def machine_info(pg_url: str | None) -> dict[str, Any]:
    """Hardware and software the figures were taken on (the load average matters here)."""
    info: dict[str, Any] = {
        "cpu_count": os.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    with suppress(OSError):
        text = Path("/proc/cpuinfo").read_text()
        models = [line.split(":", 1)[1].strip() for line in text.splitlines()
                  if line.startswith("model name")]
        if models:
            info["cpu_model"] = models[0]
    with suppress(OSError, ValueError, IndexError):
        mem = Path("/proc/meminfo").read_text().splitlines()[0].split()
        info["memory_gb"] = round(int(mem[1]) / 1024 / 1024, 1)
    with suppress(OSError):
        info["load_avg"] = [round(x, 2) for x in os.getloadavg()]
    if pg_url:
        with suppress(Exception):
            from sqlalchemy import create_engine
            from sqlalchemy import text as sql
            from sqlalchemy.engine import make_url

            engine = create_engine(make_url(pg_url).set(drivername="postgresql+psycopg"))
            with engine.connect() as conn:
                info["postgresql"] = conn.execute(sql("SHOW server_version")).scalar_one()
                for setting in ("shared_buffers", "work_mem", "max_parallel_workers_per_gather",
                                "jit"):
                    info[f"pg_{setting}"] = conn.execute(sql(f"SHOW {setting}")).scalar_one()
            engine.dispose()
    return info


def verdict(engines: dict[str, Any]) -> dict[str, Any]:
    """Dashboards under 500 ms on every engine; reports listed apart."""
    over = [f"{e}:{name}" for e, r in engines.items() for name, c in r["cases"].items()
            if c["kind"] == DASHBOARD and not c["under_target"]]
    reports_over = [f"{e}:{name}" for e, r in engines.items() for name, c in r["cases"].items()
                    if c["kind"] == REPORT and not c["under_target"]]
    return {"dashboards_under_target": not over, "dashboards_over": over,
            "reports_over_target": reports_over}


def main(argv: list[str] | None = None) -> int:
    """Parse options, prepare the data, time every case, print JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engines", default="sqlite,pg", help="comma list: sqlite,pg")
    parser.add_argument("--decisions", type=int, default=3_000_000)
    parser.add_argument("--reviewers", type=int, default=300)
    parser.add_argument("--seed", type=int, default=year_data.DEFAULT_SEED)
    parser.add_argument("--reps", type=int, default=5, help="timed runs after one warm-up")
    parser.add_argument("--cases", default="", help="comma list of case names (default: all)")
    parser.add_argument("--pg-url", default=os.environ.get("REVIEWER_APP_TEST_PG_URL",
                                                           year_data.DEFAULT_PG),
                        help="a server URL; the year lives in its own database there")
    parser.add_argument("--cache-dir", type=Path, default=None,
                        help="where SQLite years are kept (default: "
                             "$REVIEWER_BENCH_CACHE or ~/.cache/reviewer-app-bench)")
    parser.add_argument("--rebuild", action="store_true", help="generate the year again")
    args = parser.parse_args(argv)
    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    for name in engines:
        if name not in ("pg", "sqlite"):
            parser.error(f"unknown engine {name!r}")
    wanted = {c.strip() for c in args.cases.split(",") if c.strip()}
    unknown = wanted - {c.name for c in CASES}
    if unknown:
        parser.error(f"unknown cases: {', '.join(sorted(unknown))}")
    cases = [c for c in CASES if not wanted or c.name in wanted]

    _qt_app()
    report: dict[str, Any] = {
        "decisions": args.decisions, "reviewers": args.reviewers, "seed": args.seed,
        "reps": args.reps, "target_ms": TARGET_MS,
        "load_avg_before": [round(x, 2) for x in os.getloadavg()],
        "engines": {},
    }
    for name in engines:
        report["engines"][name] = bench_engine(name, args, cases)
    report["load_avg_after"] = [round(x, 2) for x in os.getloadavg()]
    report["machine"] = machine_info(args.pg_url if "pg" in engines else None)
    report["verdict"] = verdict(report["engines"])
    print(json.dumps(report, indent=2, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())


__all__ = ["CASES", "Baseline", "Bench", "Case"]
