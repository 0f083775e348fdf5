"""Import speed: ``reviewer-app import`` of a CRM CSV against a raw pandas + bulk insert.

Issue 6's target: 1,000,000 rows at no less than half the rate of ``pandas.read_csv`` plus
a bulk insert of the same rows into the same engine, in the same run (a ratio, because this
machine is noisy). The raw baseline inserts into one flat table with the file's columns: no
validation, no appellants or enforcements, no events — the floor any import pays.

    .venv/bin/python benchmarks/imports.py [--rows 1000000] [--engines sqlite,pg]
                                           [--pg-url postgresql+psycopg://postgres@127.0.0.1/postgres]

Prints one JSON document on stdout (progress on stderr).
"""

from __future__ import annotations

import sys
from pathlib import Path

# benchmarks/queue.py would shadow the standard library's queue (psycopg needs it), so the
# folder leaves sys.path before anything else is imported.
# ruff: noqa: E402
HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]

import argparse
import csv
import json
import os
import platform
import tempfile
import time
import uuid
from contextlib import suppress
from datetime import UTC, datetime, timedelta
from typing import Any

import pandas as pd
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from reviewer_app.data.db import Database, create_db_engine
from reviewer_app.domain.appeal_row import COLUMNS
from reviewer_app.services.importer import import_appeals
from reviewer_app.services.workspace import upgrade_database

POLICIES = ("IP_COUNTERFEIT", "PROHIBITED_PRODUCT", "UNSAFE_PRODUCT", "MISLEADING_LISTING")
MARKETS = ("DE", "FR", "PL", "ES", "IT", "NL")
TARGET_RATIO = 0.5


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def write_file(path: Path, rows: int) -> None:
    """A CRM export: ``rows`` valid appeals, ~10 per appellant, Chinese and emoji text."""
    start = datetime(2026, 1, 1, tzinfo=UTC)
    with path.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(COLUMNS[:20])  # the appeal columns (no historical decision)
        for n in range(rows):
            received = start + timedelta(minutes=n % 400_000)
            out.writerow((
                f"AP-{n}", received.isoformat(), MARKETS[n % 6], "zh-CN" if n % 3 else "de",
                f"SLR-{n // 10}", "seller", "business", f"ENF-{n}", "listing_removal",
                POLICIES[n % 4], (received - timedelta(days=1)).isoformat(), "false", "not",
                "Rights owner notice", f"我们是授权经销商 🙂 appeal {n}", "1", str(n % 100),
                f"LST{n}", "", ""))


def raw_baseline(url: str, path: Path) -> float:
    """Seconds for pandas.read_csv + one bulk insert of every row into a flat table."""
    engine = create_engine(url)
    table = f"bench_raw_{uuid.uuid4().hex[:8]}"
    try:
        started = time.perf_counter()
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        with engine.begin() as conn:
            columns = ", ".join(f'"{c}" TEXT' for c in frame.columns)
            conn.execute(text(f"CREATE TABLE {table} ({columns})"))
            if engine.dialect.name == "postgresql":
                raw = conn.connection.driver_connection
                with raw.cursor().copy(f"COPY {table} FROM STDIN") as copy:  # type: ignore[union-attr]
                    for record in frame.itertuples(index=False, name=None):
                        copy.write_row(record)
            else:
                marks = ", ".join("?" for _ in frame.columns)
                conn.exec_driver_sql(f"INSERT INTO {table} VALUES ({marks})",
                                     list(frame.itertuples(index=False, name=None)))
        return time.perf_counter() - started
    finally:
        with engine.begin() as conn:
            conn.execute(text(f"DROP TABLE IF EXISTS {table}"))
        engine.dispose()


def app_import(url: str, path: Path, rows: int) -> tuple[float, dict[str, int]]:
    upgrade_database(url, create=True)
    db = Database(create_db_engine(url))
    try:
        started = time.perf_counter()
        last = [0.0]

        def progress(done: int, total: int) -> None:
            if time.perf_counter() - last[0] > 10:
                last[0] = time.perf_counter()
                log(f"  import: {done:,}/{total:,} rows")

        summary = import_appeals(db, path, now=datetime.now(UTC), admin_login="bench",
                                 progress=progress)
        seconds = time.perf_counter() - started
    finally:
        db.dispose()
    if summary.imported != rows:
        raise SystemExit(f"expected {rows} imported rows, got {summary.counts()}")
    return seconds, summary.counts()


def pg_database(admin_url: str) -> tuple[str, str]:
    name = f"bench_import_{uuid.uuid4().hex[:8]}"
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return make_url(admin_url).set(database=name).render_as_string(hide_password=False), name


def drop_pg(admin_url: str, name: str) -> None:
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()


def bench_engine(engine: str, path: Path, rows: int, workdir: Path, pg_url: str
                 ) -> dict[str, Any]:
    if engine == "sqlite":
        url, cleanup = f"sqlite:///{workdir / 'import.sqlite3'}", None
    else:
        url, name = pg_database(pg_url)
        cleanup = name
    try:
        log(f"{engine}: raw pandas.read_csv + bulk insert")
        raw = raw_baseline(url, path)
        log(f"{engine}: reviewer-app import")
        app, counts = app_import(url, path, rows)
    finally:
        if cleanup:
            drop_pg(pg_url, cleanup)
    return {
        "raw_seconds": round(raw, 2), "raw_rows_per_second": round(rows / raw),
        "import_seconds": round(app, 2), "import_rows_per_second": round(rows / app),
        "rate_ratio": round(raw / app, 3), "target_ratio": TARGET_RATIO,
        "meets_target": raw / app >= TARGET_RATIO, "counts": counts,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--engines", default="sqlite,pg")
    parser.add_argument("--pg-url", default=os.environ.get(
        "REVIEWER_APP_BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"))
    args = parser.parse_args()
    results: dict[str, Any] = {"rows": args.rows, "machine": {
        "cpu_count": os.cpu_count(), "platform": platform.platform(),
        "python": platform.python_version(),
        "when": datetime.now(UTC).isoformat(timespec="seconds")}}
    with suppress(OSError):
        results["machine"]["load_avg"] = [round(x, 2) for x in os.getloadavg()]
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        path = workdir / "crm.csv"
        log(f"writing {args.rows:,} rows to {path}")
        write_file(path, args.rows)
        results["file_mb"] = round(path.stat().st_size / 1e6, 1)
        for engine in args.engines.split(","):
            results[engine] = bench_engine(engine, path, args.rows, workdir, args.pg_url)
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
