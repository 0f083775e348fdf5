"""Import speed: ``reviewer-app import`` of a CRM CSV against a raw pandas + bulk insert.

Issue 6's target: 1,000,000 rows at no less than half the rate of ``pandas.read_csv`` plus
a bulk insert of the same rows into the same engine, in the same run (a ratio, because this
machine is noisy). ``rate_ratio`` compares with the raw baseline the issue names: the same
rows, vectorised by pandas, bulk-inserted (COPY on PostgreSQL, executemany on SQLite) into
the same tables (appellants, enforcements, appeals, with their indexes and triggers) of a
migrated database: no validation, no per-row checks, no events. ``flat_rate_ratio`` compares
with the floor of any import: the file's text columns into one flat table without index.

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
from reviewer_app.data.demo_store import catalog_refs
from reviewer_app.domain.appeal_row import COLUMNS
from reviewer_app.services.catalog import install_default_catalog, policy_queue, sla_hours
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


def flat_baseline(url: str, path: Path) -> float:
    """Seconds for pandas.read_csv + one bulk insert of every row into a flat table.

    The floor of any import (the benchmark's first baseline): one table with the file's
    text columns, no index, no key, no trigger.
    """
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


def _bulk(conn: Any, table: str, frame: pd.DataFrame) -> None:
    """The driver's fastest bulk path: COPY (CSV text) on PostgreSQL, executemany on SQLite."""
    cols = ", ".join(f'"{c}"' for c in frame.columns)
    if conn.dialect.name == "postgresql":
        data = frame.to_csv(index=False, header=False, na_rep="\\N")
        raw = conn.connection.driver_connection
        with raw.cursor() as cur, cur.copy(
                f"COPY {table} ({cols}) FROM STDIN (FORMAT csv, NULL '\\N')") as copy:
            copy.write(data)
    else:
        marks = ", ".join("?" for _ in frame.columns)
        conn.exec_driver_sql(f"INSERT INTO {table} ({cols}) VALUES ({marks})",
                             list(frame.itertuples(index=False, name=None)))


def tables_baseline(url: str, path: Path) -> float:
    """Seconds for pandas.read_csv + a bulk insert of the same rows into the same tables.

    No validation and no events: the file's rows go, vectorised by pandas, into appellants
    (one per appellant id), enforcements and appeals of a migrated database with the
    default catalog (queue and SLA due time from the policy, as the import decides them),
    through the driver's fastest path: ``COPY`` straight into the tables on PostgreSQL (as
    the owner, whom row security does not apply to), ``executemany`` on SQLite. The same
    indexes, keys and triggers as the import pays; one transaction for the whole file.
    """
    upgrade_database(url, create=True)
    db = Database(create_db_engine(url))
    install_default_catalog(db)
    refs = catalog_refs(db)
    db.dispose()
    engine = create_engine(url)
    pg = engine.dialect.name == "postgresql"
    try:
        started = time.perf_counter()
        f = pd.read_csv(path, dtype=str, keep_default_na=False)
        received = pd.to_datetime(f["received_at"], utc=True, format="ISO8601")
        enforced = pd.to_datetime(f["enforced_at"], utc=True, format="ISO8601")
        pairs = f[["policy_code", "market"]].drop_duplicates()
        hours = {(p, m): sla_hours(refs.slas, queue_code=policy_queue(p), policy_code=p,
                                   market=m) for p, m in pairs.itertuples(index=False)}
        due_hours = pd.Series([hours[k] for k in zip(f["policy_code"], f["market"],
                                                     strict=True)], index=f.index)
        due = received + pd.to_timedelta(due_hours, unit="h")

        def stamp(values: pd.Series) -> pd.Series:
            return values.dt.strftime("%Y-%m-%d %H:%M:%S.%f" + ("+00:00" if pg else ""))

        with engine.begin() as conn:
            owners = f.drop_duplicates("appellant_id")
            _bulk(conn, "appellants", pd.DataFrame({
                "ref": owners["appellant_id"], "kind": owners["appellant_type"],
                "display_name": owners["appellant_id"], "account_type": owners["account_type"],
                "market": owners["market"], "language": owners["language"]}))
            appellant_ids = f["appellant_id"].map(dict(conn.exec_driver_sql(
                "SELECT ref, id FROM appellants").all()))
            _bulk(conn, "enforcements", pd.DataFrame({
                "ref": f["enforcement_id"], "appellant_id": appellant_ids,
                "action": f["enforcement_action"], "scope": "",
                "policy_id": f["policy_code"].map(refs.policy_ids), "clause": "",
                "facts": f["decision_facts"], "evidence_json": "{}",
                "automated_detection": f["automated_detection"].str.lower() == "true",
                "automated_decision": f["automated_decision"], "decided_by_label": "",
                "enforced_at": stamp(enforced), "listing_id": f["listing_id"],
                "is_strike": False}))
            enforcement_ids = f["enforcement_id"].map(dict(conn.exec_driver_sql(
                "SELECT ref, id FROM enforcements").all()))
            queue_ids = {p: refs.queue_ids[policy_queue(p)] for p in refs.policy_ids}
            _bulk(conn, "appeals", pd.DataFrame({
                "ref": f["appeal_id"], "appellant_id": appellant_ids,
                "appellant_ref": f["appellant_id"], "enforcement_id": enforcement_ids,
                "round": f["round"].astype(int), "received_at": stamp(received),
                "sla_due_at": stamp(due), "status": "new",
                "queue_id": f["policy_code"].map(queue_ids),
                "priority": f["priority"].astype(int), "market": f["market"],
                "language": f["language"], "policy_code": f["policy_code"],
                "listing_id": f["listing_id"], "statement": f["appeal_text"],
                "plan_of_action": "", "version": 1}))
        seconds = time.perf_counter() - started
        with engine.connect() as conn:
            stored = conn.exec_driver_sql("SELECT count(*) FROM appeals").scalar()
        if stored != len(f):
            raise SystemExit(f"baseline stored {stored} appeals of {len(f)}")
        return seconds
    finally:
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
    names: list[str] = []

    def database(label: str) -> str:
        if engine == "sqlite":
            return f"sqlite:///{workdir / f'{label}.sqlite3'}"
        url, name = pg_database(pg_url)
        names.append(name)
        return url

    try:
        app_url = database("import")
        log(f"{engine}: raw pandas.read_csv + bulk insert into one flat table")
        flat = flat_baseline(app_url, path)
        log(f"{engine}: raw pandas.read_csv + bulk insert into the same tables")
        raw = tables_baseline(database("raw"), path)
        log(f"{engine}: reviewer-app import")
        app, counts = app_import(app_url, path, rows)
    finally:
        for name in names:
            drop_pg(pg_url, name)
    figures: dict[str, Any] = {
        "raw_seconds": round(raw, 2), "raw_rows_per_second": round(rows / raw),
        "import_seconds": round(app, 2), "import_rows_per_second": round(rows / app),
        "rate_ratio": round(raw / app, 3), "target_ratio": TARGET_RATIO,
        "meets_target": raw / app >= TARGET_RATIO,
        "flat_seconds": round(flat, 2), "flat_rate_ratio": round(flat / app, 3),
        "counts": counts,
    }
    with suppress(OSError):
        figures["load_avg_after"] = [round(x, 2) for x in os.getloadavg()]
    return figures


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
