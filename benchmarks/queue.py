"""Queue benchmark: first page, filter change, sort change, last page on 1M appeals; prints JSON.

Each operation is timed through the app's own ``QueueService`` (and, when available, through
the UI's ``QueueModel`` with the real worker runner), beside the raw SQL of the same query: the
exact statements the service sent, captured from the engine and replayed on a raw DB-API
connection in the same run. Medians of ``--reps`` repetitions.

    .venv/bin/python benchmarks/queue.py                       # 1,000,000 rows, SQLite + PG
    .venv/bin/python benchmarks/queue.py --rows 100000 --engines sqlite --keep

Targets (ISSUE 2): first page and any filter/sort change < 150 ms, within 2x of the raw query.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
# This file is named queue.py: drop its folder from sys.path so ``import queue`` (stdlib, used
# by threading pools) is not this script.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]

import argparse  # noqa: E402
import importlib.util  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import platform  # noqa: E402
import sqlite3  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from contextlib import contextmanager, suppress  # noqa: E402
from datetime import UTC, datetime  # noqa: E402
from typing import Any  # noqa: E402

from sqlalchemy import create_engine, event, text  # noqa: E402
from sqlalchemy.engine import Engine, make_url  # noqa: E402

from reviewer_app.data.db import Database, create_db_engine, enable_wal  # noqa: E402
from reviewer_app.data.schema import upgrade  # noqa: E402
from reviewer_app.domain.enums import SortKey  # noqa: E402
from reviewer_app.domain.models import QueueFilter, QueueSort  # noqa: E402
from reviewer_app.services.queue import QueueService  # noqa: E402

_spec = importlib.util.spec_from_file_location("bench_generate", HERE / "generate.py")
assert _spec and _spec.loader
generate_mod = importlib.util.module_from_spec(_spec)
sys.modules["bench_generate"] = generate_mod  # dataclasses look their module up there
_spec.loader.exec_module(generate_mod)

TARGET_MS = 150.0
TARGET_RATIO = 2.0
PAGE = 200
DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"

# name -> (filter, sort, which call); "counts" is informational (not part of the targets).
OPERATIONS: dict[str, tuple[QueueFilter, QueueSort, str]] = {
    "first_page": (QueueFilter(), QueueSort(), "page"),
    "filter_change": (QueueFilter(market="DE"), QueueSort(), "page"),
    "sort_change": (QueueFilter(), QueueSort(SortKey.PRIORITY, descending=True), "page"),
    "last_page": (QueueFilter(), QueueSort(), "last_page"),
    "counts_all": (QueueFilter(), QueueSort(), "counts"),
    "counts_filtered": (QueueFilter(market="DE"), QueueSort(), "counts"),
}
TARGETED = ("first_page", "filter_change", "sort_change")


def log(msg: str) -> None:
    """Progress goes to stderr; stdout carries only the JSON."""
    print(f"[bench] {msg}", file=sys.stderr, flush=True)


# ------------------------------------------------------------------------------------------
# Databases
# ------------------------------------------------------------------------------------------
def _appeal_count(engine: Engine) -> int | None:
    try:
        with engine.connect() as conn:
            return int(conn.execute(text("SELECT count(*) FROM appeals")).scalar_one())
    except Exception:
        return None


def prepare_sqlite(rows: int, keep: bool, workdir: Path) -> tuple[str, dict[str, Any]]:
    """A migrated SQLite file with ``rows`` appeals (reused with --keep when it matches)."""
    path = workdir / f"queue-bench-{rows}.sqlite3"
    url = f"sqlite:///{path}"
    if keep and path.exists():
        engine = create_db_engine(url)
        if _appeal_count(engine) == rows:
            engine.dispose()
            log(f"sqlite: reusing {path}")
            return url, {"reused": True}
        engine.dispose()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    engine = create_db_engine(url)
    enable_wal(engine)
    upgrade(engine)
    log(f"sqlite: generating {rows:,} appeals in {path}")
    timings = generate_mod.generate(engine, rows)
    engine.dispose()
    log(f"sqlite: generated {timings}")
    return url, timings


def prepare_pg(admin_url: str, rows: int, keep: bool) -> tuple[str, dict[str, Any]]:
    """A migrated PostgreSQL database ``reviewer_bench_<rows>`` (reused with --keep)."""
    name = f"reviewer_bench_{rows}"
    admin_url = make_url(admin_url)
    if admin_url.drivername == "postgresql":
        admin_url = admin_url.set(drivername="postgresql+psycopg")
    url = admin_url.set(database=name).render_as_string(hide_password=False)
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        exists = conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"),
                              {"n": name}).first() is not None
    if keep and exists:
        engine = create_db_engine(url)
        count = _appeal_count(engine)
        engine.dispose()
        if count == rows:
            admin.dispose()
            log(f"pg: reusing database {name}")
            return url, {"reused": True}
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    engine = create_db_engine(url)
    upgrade(engine)
    log(f"pg: generating {rows:,} appeals in database {name}")
    timings = generate_mod.generate(engine, rows)
    engine.dispose()
    log(f"pg: generated {timings}")
    return url, timings


def drop_pg(admin_url: str, rows: int) -> None:
    """Remove the benchmark database (without --keep)."""
    admin_url = make_url(admin_url)
    if admin_url.drivername == "postgresql":
        admin_url = admin_url.set(drivername="postgresql+psycopg")
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "reviewer_bench_{rows}" WITH (FORCE)'))
    admin.dispose()


# ------------------------------------------------------------------------------------------
# Timing
# ------------------------------------------------------------------------------------------
class StatementRecorder:
    """Records the SQL text and parameters an engine sends while ``recording()`` is active."""

    def __init__(self, engine: Engine) -> None:
        self.statements: list[tuple[str, Any]] = []
        self._on = False
        event.listen(engine, "before_cursor_execute", self._capture)

    def _capture(self, _conn: Any, _cursor: Any, statement: str, parameters: Any,
                 _context: Any, _executemany: bool) -> None:
        if self._on:
            self.statements.append((statement, parameters))

    @contextmanager
    def recording(self) -> Any:
        self.statements = []
        self._on = True
        try:
            yield self
        finally:
            self._on = False

    def queries(self) -> list[tuple[str, Any]]:
        """The recorded statements minus transaction control (BEGIN/ROLLBACK/COMMIT)."""
        control = ("BEGIN", "ROLLBACK", "COMMIT", "SAVEPOINT", "RELEASE")
        return [(s, p) for s, p in self.statements if not s.lstrip().upper().startswith(control)]


def median_ms(fn: Callable[[], Any], reps: int) -> tuple[float, list[float]]:
    """Median wall time of ``fn`` over ``reps`` runs after one warm-up run."""
    fn()
    samples = []
    for _ in range(reps):
        t = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t) * 1000)
    return round(statistics.median(samples), 2), [round(s, 2) for s in samples]


def _service_call(service: QueueService, flt: QueueFilter, sort: QueueSort, call: str
                  ) -> Callable[[], Any]:
    if call == "page":
        return lambda: service.page(flt, sort, None, PAGE)
    if call == "last_page":
        return lambda: service.last_page(flt, sort, PAGE)
    return lambda: service.counts(flt)


def _raw_call(raw: Any, dialect: str, queries: list[tuple[str, Any]]) -> Callable[[], int]:
    def run() -> int:
        n = 0
        cur = raw.cursor()
        try:
            for sql, params in queries:
                cur.execute(sql, params)
                n += len(cur.fetchall())
        finally:
            cur.close()
        if dialect == "postgresql":
            raw.rollback()  # the service's read session ends with a rollback too
        return n
    return run


def bench_engine(name: str, url: str, reps: int, with_model: bool) -> dict[str, Any]:
    """Time every operation on one database."""
    db = Database(create_db_engine(url))
    recorder = StatementRecorder(db.engine)
    service = QueueService(db)
    raw_proxy = db.engine.raw_connection()
    raw = raw_proxy.driver_connection
    ops: dict[str, Any] = {}
    try:
        for op, (flt, sort, call) in OPERATIONS.items():
            fn = _service_call(service, flt, sort, call)
            with recorder.recording():
                result = fn()
            queries = recorder.queries()
            raw_fn = _raw_call(raw, db.dialect, queries)
            service_ms, service_samples = median_ms(fn, reps)
            raw_ms, raw_samples = median_ms(raw_fn, reps)
            entry: dict[str, Any] = {
                "service_ms": service_ms,
                "raw_ms": raw_ms,
                "ratio": round(service_ms / raw_ms, 2) if raw_ms else None,
                "rows": len(result.rows) if hasattr(result, "rows") else None,
                "statements": len(queries),
                "sql": " ".join(queries[0][0].split()) if queries else None,
                "service_samples_ms": service_samples,
                "raw_samples_ms": raw_samples,
            }
            log(f"{name}: {op}: service {service_ms} ms, raw {raw_ms} ms")
            ops[op] = entry
        if with_model:
            model_times = bench_model(service, reps)
            for op, ms in model_times.items():
                entry = ops.setdefault(op, {})
                entry["model_ms"] = ms
                raw_ms = entry.get("raw_ms")
                entry["model_ratio"] = round(ms / raw_ms, 2) if ms and raw_ms else None
    finally:
        raw_proxy.close()
        db.dispose()
    return ops


def bench_model(service: QueueService, reps: int) -> dict[str, float | None]:
    """Through the UI's QueueModel: from the request to rows in the model (offscreen Qt)."""
    # Loaded only when asked for, so the service/raw figures never need Qt.
    spec = importlib.util.spec_from_file_location("bench_model", HERE / "model_bench.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules["bench_model"] = mod
    spec.loader.exec_module(mod)
    return mod.time_model(service, OPERATIONS, PAGE, reps)


# ------------------------------------------------------------------------------------------
# Report
# ------------------------------------------------------------------------------------------
def machine_info(engines: dict[str, str]) -> dict[str, Any]:
    """Hardware and software the figures were taken on."""
    info: dict[str, Any] = {
        "cpu_count": os.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    with suppress(OSError):
        info["load_avg"] = [round(x, 2) for x in os.getloadavg()]
    if "pg" in engines:
        engine = create_engine(engines["pg"])
        with engine.connect() as conn:
            info["postgresql"] = conn.execute(text("SHOW server_version")).scalar_one()
        engine.dispose()
    return info


def verdict(ops: dict[str, Any]) -> dict[str, bool]:
    """Whether each targeted operation meets < 150 ms and ratio <= 2."""
    out = {}
    for op in (*TARGETED, "last_page"):
        entry = ops.get(op, {})
        ms = max(entry.get("service_ms") or 0, entry.get("model_ms") or 0)
        ratio = entry.get("ratio")
        out[op] = bool(entry) and ms < TARGET_MS and ratio is not None and ratio <= TARGET_RATIO
    return out


def main(argv: list[str] | None = None) -> int:
    """Parse options, build or reuse the databases, time, print JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--engines", default="sqlite,pg", help="comma list: sqlite,pg")
    parser.add_argument("--pg-url", default=os.environ.get("REVIEWER_APP_TEST_PG_URL", DEFAULT_PG),
                        help="an admin URL; the benchmark creates its own database there")
    parser.add_argument("--keep", action="store_true",
                        help="keep the generated databases and reuse them on the next run")
    parser.add_argument("--reps", type=int, default=7)
    parser.add_argument("--no-model", action="store_true", help="skip the Qt model timings")
    parser.add_argument("--workdir", type=Path, default=None,
                        help="where the SQLite file goes (default: a temp dir)")
    args = parser.parse_args(argv)
    engines = [e.strip() for e in args.engines.split(",") if e.strip()]

    tmp = None
    if args.workdir is not None:
        workdir = args.workdir
    elif args.keep:
        workdir = Path(tempfile.gettempdir()) / "reviewer-app-bench"
    else:
        tmp = tempfile.TemporaryDirectory(prefix="reviewer-bench-")
        workdir = Path(tmp.name)
    workdir.mkdir(parents=True, exist_ok=True)

    with_model = not args.no_model and model_available()
    urls: dict[str, str] = {}
    report: dict[str, Any] = {"rows": args.rows, "page_size": PAGE, "reps": args.reps,
                              "targets": {"max_ms": TARGET_MS, "max_ratio_to_raw": TARGET_RATIO,
                                          "applies_to": list(TARGETED)},
                              "engines": {}}
    try:
        for name in engines:
            if name == "sqlite":
                url, gen = prepare_sqlite(args.rows, args.keep, workdir)
            elif name == "pg":
                url, gen = prepare_pg(args.pg_url, args.rows, args.keep)
            else:
                parser.error(f"unknown engine {name!r}")
            urls[name] = url
            ops = bench_engine(name, url, args.reps, with_model)
            report["engines"][name] = {"generate": gen, "operations": ops,
                                       "meets_targets": verdict(ops)}
        report["machine"] = machine_info(urls)
        report["model_timed"] = with_model
    finally:
        if not args.keep and "pg" in urls:
            drop_pg(args.pg_url, args.rows)
        if tmp is not None:
            tmp.cleanup()
    print(json.dumps(report, indent=2))
    return 0


def model_available() -> bool:
    """True once the UI's queue model exists (it is built alongside this benchmark)."""
    return (HERE.parent / "reviewer_app" / "ui" / "queue" / "model.py").exists() and (
        HERE / "model_bench.py"
    ).exists()


if __name__ == "__main__":
    raise SystemExit(main())
