"""Claims benchmark: claim + decide latency and throughput at 1, 4, 16 client processes; JSON.

Every client is its own process (as every reviewer's workstation is): it claims the next
appeal and decides it until the queue is empty. Two ways of doing the same work are timed in
the same run, each on a fresh copy of the same database:

- ``service``: the app's own ``QueueService.claim_next`` + ``ReviewService.decide`` (with an
  idempotency key), on an engine made by the app's ``create_db_engine``;
- ``raw``: a hand-written psycopg (or sqlite3) loop doing the same work: the reads the
  services must do before writing (the user's skills, expired leases, eligibility in the
  ``SELECT ... FOR UPDATE SKIP LOCKED`` claim query, ``BEGIN IMMEDIATE`` on SQLite; before a
  decision the lease, appeal and idempotency key in one locked read and the reason code and
  template redress), then the same writes: the lease row, the status compare-and-set, the
  event row and the change-feed row; then the decision row, the lease deleted, the status,
  the event and the change-feed row;
- ``raw_bare`` (optional, ``--modes service,raw,raw_bare``): the same writes without any of
  those reads (the loop the first figures were compared with).

On PostgreSQL it also times notify-to-visible: from a decision's commit in one process to
another process, blocked in ``LISTEN reviewer_app_changes``, being woken and reading the
decision's row with ``change_feed.read_after``.

    .venv/bin/python benchmarks/claims.py                          # PG and SQLite, 1/4/16
    .venv/bin/python benchmarks/claims.py --engines pg --clients 16 --appeals 4000

Targets (ISSUE 3): p99 of claim + decide under 25 ms at 16 clients, and service throughput at
least half of the raw loop's. Clients work flat out (saturation: with 16 busy processes on
two cores a pair waits for CPU, so its latency is about clients / throughput); an extra
"paced" run at the largest client count pauses ``--think-ms`` after each decision, which is
closer to reviewers, who read a case for minutes between claims. Paced pauses are drawn
from an exponential distribution with mean ``--think-ms`` (reviewers act independently: a
Poisson stream of requests), not a fixed pause that would keep the 16 clients in lockstep.
"""

# ruff: noqa: E402  (imports follow the sys.path fix below)
from __future__ import annotations

import sys
from pathlib import Path

# benchmarks/queue.py sits beside this file: drop the folder from sys.path so ``import queue``
# (stdlib, used by psycopg and multiprocessing) is not that script.
HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]

import argparse
import json
import multiprocessing as mp
import os
import platform
import random
import shutil
import sqlite3
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import create_engine, event, insert, text
from sqlalchemy.engine import make_url

from reviewer_app.data.db import Database, create_db_engine, enable_wal
from reviewer_app.data.orm import (
    AppealRow,
    AppellantRow,
    EnforcementRow,
    PolicyRow,
    QueueDefRow,
    ReasonCodeRow,
    ResponseTemplateRow,
    UserRow,
)
from reviewer_app.data.schema import upgrade

TARGET_P99_MS = 25.0
TARGET_THROUGHPUT_RATIO = 0.5
TARGET_CLIENTS = 16
DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
REDRESS = "You can challenge this decision in court or via an out-of-court settlement body."
REASON = "UPH-BENCH"
WARMUP = 3  # pairs per client left out of the latency figures (connect, first statements)
NOW = datetime(2026, 1, 10, 12, 0, tzinfo=UTC)
CLAIMABLE = "status IN ('new', 'escalated', 'reopened')"


def log(msg: str) -> None:
    """Progress goes to stderr; stdout carries only the JSON."""
    print(f"[bench] {msg}", file=sys.stderr, flush=True)


# ------------------------------------------------------------------------------------------
# Databases: one seeded template, a fresh copy per timed run
# ------------------------------------------------------------------------------------------
def seed(url: str, appeals: int, users: int) -> None:
    """Catalog, ``users`` reviewers and ``appeals`` open appeals (SLA and priority spread)."""
    engine = create_db_engine(url)
    enable_wal(engine)
    upgrade(engine)
    db = Database(engine)
    with db.write() as s:
        queue = QueueDefRow(code="general", name="General", description="")
        policy = PolicyRow(code="IP_COUNTERFEIT", name="Counterfeit", severity="medium")
        seller = AppellantRow(ref="S-BENCH", kind="seller", display_name="Shop",
                              account_type="business", market="DE", language="de")
        s.add_all([queue, policy, seller])
        s.flush()
        enforcement = EnforcementRow(
            ref="E-BENCH", appellant_id=seller.id, action="listing_removal", scope="listing",
            policy_id=policy.id, clause="3.1", facts="Facts.", evidence_json="{}",
            automated_detection=True, automated_decision="fully", automation_ref="model-7",
            decided_by_label="", enforced_at=NOW - timedelta(days=3))
        s.add_all([enforcement,
                   ReasonCodeRow(code=REASON, outcome="uphold", policy_id=None, label=REASON,
                                 active=True),
                   ResponseTemplateRow(outcome="uphold", language="en",
                                       body=f"Upheld. {REDRESS}", redress_text=REDRESS)])
        s.add_all([UserRow(login=f"bench{i}", display_name=f"Bench {i}", role="reviewer",
                           active=True, created_at=NOW) for i in range(users)])
        s.flush()
        rows = [{
            "ref": f"AP-{i:07d}", "appellant_id": seller.id, "appellant_ref": seller.ref,
            "enforcement_id": enforcement.id, "round": 1, "received_at": NOW,
            "sla_due_at": NOW + timedelta(minutes=(i * 7919) % 10_000), "status": "new",
            "queue_id": queue.id, "priority": i % 7, "market": "DE", "language": "de",
            "policy_code": policy.code, "statement": "Please reconsider.",
            "plan_of_action": "",
        } for i in range(appeals)]
        s.execute(insert(AppealRow.__table__), rows)
    if db.dialect == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("ANALYZE"))
    db.dispose()


class PgCopies:
    """A seeded template database and cheap copies of it (``CREATE DATABASE ... TEMPLATE``)."""

    def __init__(self, admin_url: str) -> None:
        parsed = make_url(admin_url)
        if parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")
        self.admin_url = parsed
        self.admin = create_engine(parsed, isolation_level="AUTOCOMMIT")
        self.template = f"reviewer_claims_tpl_{uuid.uuid4().hex[:8]}"
        self.made: list[str] = []

    def url(self, name: str) -> str:
        return self.admin_url.set(database=name).render_as_string(hide_password=False)

    def create(self, name: str, template: str | None = None) -> str:
        copy = f' TEMPLATE "{template}"' if template else ""
        with self.admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"{copy}'))
        self.made.append(name)
        return self.url(name)

    def prepare(self, appeals: int, users: int) -> None:
        seed(self.create(self.template), appeals, users)

    def fresh(self) -> str:
        return self.create(f"reviewer_claims_{uuid.uuid4().hex[:8]}", self.template)

    def drop_all(self) -> None:
        with self.admin.connect() as conn:
            for name in reversed(self.made):
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        self.admin.dispose()


class SqliteCopies:
    """A seeded template file and copies of it."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.template = workdir / "claims-template.sqlite3"

    def prepare(self, appeals: int, users: int) -> None:
        seed(f"sqlite:///{self.template}", appeals, users)

    def fresh(self) -> str:
        path = self.workdir / f"claims-{uuid.uuid4().hex[:8]}.sqlite3"
        shutil.copyfile(self.template, path)
        return f"sqlite:///{path}"

    def drop_all(self) -> None:
        for path in self.workdir.glob("claims-*.sqlite3*"):
            path.unlink(missing_ok=True)


# ------------------------------------------------------------------------------------------
# Clients (each runs in its own spawned process)
# ------------------------------------------------------------------------------------------
def service_client(url: str, user_id: int, ready: Any, go: Any, think_s: float = 0.0
                   ) -> dict[str, Any]:
    """Claim next + decide through the app's services until the queue is empty."""
    from reviewer_app.domain.enums import Outcome
    from reviewer_app.domain.errors import NothingToClaimError
    from reviewer_app.domain.models import DecisionDraft
    from reviewer_app.services.queue import QueueService
    from reviewer_app.services.review import ReviewService

    db = Database(create_db_engine(url))
    queue, review = QueueService(db), ReviewService(db)

    def claim() -> int | None:
        try:
            return queue.claim_next(user_id).appeal_id
        except NothingToClaimError:
            return None

    def decide(appeal_id: int) -> None:
        review.decide(user_id, DecisionDraft(
            appeal_id=appeal_id, outcome=Outcome.UPHOLD, reason_code=REASON,
            rationale="checked", response_text=f"Upheld. {REDRESS}",
            idempotency_key=f"bench-{appeal_id}"))

    try:
        return _loop(claim, decide, ready, go, think_s)
    finally:
        db.dispose()


def raw_client(url: str, user_id: int, ready: Any, go: Any, think_s: float = 0.0,
               checks: bool = True) -> dict[str, Any]:
    """The same work by hand: psycopg with SKIP LOCKED, or sqlite3 with BEGIN IMMEDIATE.

    With ``checks`` (mode ``raw``) it reads what the services must read before writing, in
    as few statements as a hand-written loop would: the user's skills, expired leases,
    eligibility in the claim query (not the enforcement's decider, not the first round's,
    the skills), then the lease + appeal + idempotency key in one locked read and the
    reason code + template redress before a decision. Without (mode ``raw_bare``, the loop
    the first figures were taken with) it only writes.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "postgresql":
        import psycopg

        conn: Any = psycopg.connect(
            parsed.set(drivername="postgresql").render_as_string(hide_password=False))
        lock, ph, begin = " FOR UPDATE OF a SKIP LOCKED", "%s", None
        skip_locked, lock_both = " FOR UPDATE SKIP LOCKED", " FOR UPDATE OF l, a"
    else:
        conn = sqlite3.connect(parsed.database, isolation_level=None, timeout=30)
        conn.execute("PRAGMA foreign_keys=ON")
        lock, ph, begin = "", "?", "BEGIN IMMEDIATE"
        skip_locked = lock_both = ""
    p = ph
    eligible = "" if not checks else (
        f" AND (SELECT e.decided_by_user_id FROM enforcements AS e WHERE e.id = a.enforcement_id)"
        f" IS DISTINCT FROM {p}"
        f" AND (a.previous_appeal_id IS NULL OR NOT EXISTS (SELECT 1 FROM decisions AS d"
        f"  WHERE d.appeal_id = a.previous_appeal_id AND d.user_id = {p}))")
    find = (f"SELECT a.id, a.status, a.version FROM appeals AS a WHERE {CLAIMABLE}"
            " AND NOT EXISTS (SELECT 1 FROM leases AS l WHERE l.appeal_id = a.id)"
            f"{eligible} ORDER BY a.sla_due_at, a.priority DESC, a.id LIMIT 1{lock}")
    skills = (f"SELECT u.active, s.kind, s.value FROM users AS u LEFT JOIN user_skills AS s"
              f" ON s.user_id = u.id WHERE u.id = {p}")
    expired = (f"SELECT appeal_id FROM leases WHERE expires_at < {p} ORDER BY expires_at"
               f" LIMIT 50{skip_locked}")
    held = (f"SELECT l.user_id, l.expires_at, a.status, a.version,"
            f" (SELECT d.id FROM decisions AS d WHERE d.idempotency_key = {p})"
            f" FROM leases AS l JOIN appeals AS a ON a.id = l.appeal_id"
            f" WHERE l.appeal_id = {p}{lock_both}")
    valid = (f"SELECT (SELECT count(*) FROM reason_codes WHERE code = {p} AND active"
             f" AND outcome = 'uphold'), (SELECT redress_text FROM response_templates"
             f" WHERE outcome = 'uphold' AND language = 'en')")
    lease = (f"INSERT INTO leases (appeal_id, user_id, claimed_at, expires_at, return_status,"
             f" held, version) VALUES ({p}, {p}, {p}, {p}, {p}, false, 1)")
    status = (f"UPDATE appeals SET status = {p}, version = version + 1,"
              f" decided_at = {p} WHERE id = {p} AND version = {p}")
    ev = (f"INSERT INTO events (appeal_id, actor_user_id, at, type, before, after, comment,"
          f" payload_json) VALUES ({p}, {p}, {p}, {p}, {p}, {p}, NULL, {p})")
    feed = (f"INSERT INTO change_feed (at, kind, appeal_id, actor_user_id)"
            f" VALUES ({p}, {p}, {p}, {p})")
    decision = (f"INSERT INTO decisions (appeal_id, user_id, outcome, reason_code, rationale,"
                f" what_changes, response_text, response_language, escalation_reason,"
                f" requested_documents_json, handle_seconds, decided_at, idempotency_key)"
                f" VALUES ({p}, {p}, 'uphold', {p}, 'checked', '', {p}, 'en', '', '[]', 0,"
                f" {p}, {p}) RETURNING id")
    unlease = f"DELETE FROM leases WHERE appeal_id = {p} AND user_id = {p}"
    versions: dict[int, int] = {}

    def stamp() -> Any:
        now = datetime.now(UTC)
        # SQLite stores the app's UTC instants as naive text (UtcDateTime); match it.
        return now if begin is None else now.replace(tzinfo=None).isoformat(" ")

    def tx(work: Callable[[Any], Any]) -> Any:
        cur = conn.cursor()
        try:
            if begin:
                cur.execute(begin)
            result = work(cur)
            if begin is None:
                conn.commit()
            else:
                cur.execute("COMMIT")
            return result
        except BaseException:
            if begin is None:
                conn.rollback()
            else:
                cur.execute("ROLLBACK")
            raise
        finally:
            cur.close()

    def claim() -> int | None:
        def work(cur: Any) -> int | None:
            now = stamp()
            if checks:
                cur.execute(skills, (user_id,))
                if not cur.fetchall():
                    raise RuntimeError("no such user")
                cur.execute(expired, (now,))
                cur.fetchall()
                cur.execute(find, (user_id, user_id))
            else:
                cur.execute(find)
            row = cur.fetchone()
            if row is None:
                return None
            appeal_id, before, version = row
            expires = (datetime.now(UTC) + timedelta(minutes=15))
            cur.execute(lease, (appeal_id, user_id, now,
                                expires if begin is None
                                else expires.replace(tzinfo=None).isoformat(" "), before))
            cur.execute(status, ("in_review", None, appeal_id, version))
            if cur.rowcount != 1:
                raise RuntimeError("appeal changed underneath")
            versions[appeal_id] = version + 1
            cur.execute(ev, (appeal_id, user_id, now, "claimed", before, "in_review", "{}"))
            cur.execute(feed, (now, "claimed", appeal_id, user_id))
            return int(appeal_id)
        return tx(work)

    def decide(appeal_id: int) -> None:
        def work(cur: Any) -> None:
            now = stamp()
            version = versions.pop(appeal_id)
            if checks:
                cur.execute(held, (f"bench-{appeal_id}", appeal_id))
                row = cur.fetchone()
                if row is None or row[0] != user_id or row[2] != "in_review" or row[4]:
                    raise RuntimeError(f"not mine to decide: {row}")
                version = row[3]
                cur.execute(valid, (REASON,))
                ok, redress = cur.fetchone()
                if not ok or redress != REDRESS:
                    raise RuntimeError("reason code or template missing")
            cur.execute(decision, (appeal_id, user_id, REASON, f"Upheld. {REDRESS}", now,
                                   f"bench-{appeal_id}"))
            decision_id = cur.fetchone()[0]
            cur.execute(unlease, (appeal_id, user_id))
            cur.execute(status, ("decided", now, appeal_id, version))
            if cur.rowcount != 1:
                raise RuntimeError("appeal changed underneath")
            cur.execute(ev, (appeal_id, user_id, now, "decided", "in_review", "decided",
                             json.dumps({"decision_id": decision_id})))
            cur.execute(feed, (now, "decided", appeal_id, user_id))
        tx(work)

    try:
        return _loop(claim, decide, ready, go, think_s)
    finally:
        conn.close()


def raw_bare_client(url: str, user_id: int, ready: Any, go: Any, think_s: float = 0.0
                    ) -> dict[str, Any]:
    """The raw loop without the reads the services must do first (writes only)."""
    return raw_client(url, user_id, ready, go, think_s, checks=False)


def _loop(claim: Callable[[], int | None], decide: Callable[[int], None], ready: Any, go: Any,
          think_s: float) -> dict[str, Any]:
    """Say ready, wait for the start signal, then claim and decide until nothing is left.

    ``think_s`` is the mean pause after each decision (a reviewer reading the next case);
    0 works flat out, which measures saturation, not the latency a reviewer sees. Pauses are
    drawn from an exponential distribution (seeded per process): reviewers act
    independently, so their requests arrive as a Poisson stream. A fixed pause would keep
    the clients in lockstep after the common start, all 16 claiming in the same millisecond
    every round, which no team does.
    """
    pause = random.Random(os.getpid())
    ready.put(os.getpid())
    go.wait()
    started = time.monotonic()
    claims: list[float] = []
    decides: list[float] = []
    while True:
        t0 = time.perf_counter()
        appeal_id = claim()
        t1 = time.perf_counter()
        if appeal_id is None:
            break
        decide(appeal_id)
        t2 = time.perf_counter()
        claims.append((t1 - t0) * 1000)
        decides.append((t2 - t1) * 1000)
        if think_s:
            time.sleep(pause.expovariate(1 / think_s))
    return {"started": started, "finished": time.monotonic(), "claims_ms": claims,
            "decides_ms": decides}


# ------------------------------------------------------------------------------------------
# Runs
# ------------------------------------------------------------------------------------------
def percentile(values: list[float], q: float) -> float | None:
    """Nearest-rank percentile (``q`` in 0..100) in ms, rounded to 0.01."""
    if not values:
        return None
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(q / 100 * len(ordered) + 0.5) - 1))
    return round(ordered[k], 2)


def summarize(results: list[dict[str, Any]], appeals: int) -> dict[str, Any]:
    """Latency percentiles (warm-up pairs left out) and decisions per second."""
    claims = [c for r in results for c in r["claims_ms"][WARMUP:]]
    decides = [d for r in results for d in r["decides_ms"][WARMUP:]]
    pairs = [c + d for r in results
             for c, d in zip(r["claims_ms"][WARMUP:], r["decides_ms"][WARMUP:], strict=True)]
    decided = sum(len(r["decides_ms"]) for r in results)
    wall = max(r["finished"] for r in results) - min(r["started"] for r in results)
    if decided != appeals:
        raise RuntimeError(f"{decided} decisions for {appeals} appeals: the run is broken")
    return {
        "decisions": decided,
        "seconds": round(wall, 2),
        "decisions_per_s": round(decided / wall, 1),
        "claim_ms": {"p50": percentile(claims, 50), "p99": percentile(claims, 99)},
        "decide_ms": {"p50": percentile(decides, 50), "p99": percentile(decides, 99)},
        "pair_ms": {"p50": percentile(pairs, 50), "p99": percentile(pairs, 99)},
        "per_client_decisions": sorted(len(r["decides_ms"]) for r in results),
    }


def run(url: str, mode: str, clients: int, appeals: int, user_ids: list[int],
        think_s: float = 0.0) -> dict[str, Any]:
    """One timed run: ``clients`` processes empty a fresh queue of ``appeals``."""
    ctx = mp.get_context("spawn")
    manager = ctx.Manager()
    ready, go = manager.Queue(), manager.Event()
    target = {"service": service_client, "raw": raw_client, "raw_bare": raw_bare_client}[mode]
    with ctx.Pool(clients) as pool:
        pending = pool.starmap_async(
            target, [(url, user_ids[i], ready, go, think_s) for i in range(clients)],
            chunksize=1)
        for _ in range(clients):  # every process imported and connected: start together
            ready.get(timeout=300)
        go.set()
        results = pending.get()
    manager.shutdown()
    return summarize(results, appeals)


def statements_per_pair(url: str, user_id: int) -> dict[str, int]:
    """Statements the services send for one claim + decide (pings, BEGIN, COMMIT apart)."""
    from reviewer_app.domain.enums import Outcome
    from reviewer_app.domain.models import DecisionDraft
    from reviewer_app.services.queue import QueueService
    from reviewer_app.services.review import ReviewService

    db = Database(create_db_engine(url))
    sent: list[str] = []
    event.listen(db.engine, "before_cursor_execute",
                 lambda _c, _cu, statement, *_a: sent.append(statement.split()[0].upper()))
    lease = QueueService(db).claim_next(user_id)
    ReviewService(db).decide(user_id, DecisionDraft(
        appeal_id=lease.appeal_id, outcome=Outcome.UPHOLD, reason_code=REASON,
        rationale="checked", response_text=f"Upheld. {REDRESS}", idempotency_key="bench-count"))
    db.dispose()
    return {"total": len(sent),
            "savepoints": sum(s in ("SAVEPOINT", "RELEASE") for s in sent)}


# ------------------------------------------------------------------------------------------
# Notify to visible (PostgreSQL)
# ------------------------------------------------------------------------------------------
def listener(url: str, ready: Any, out: Any, stop: Any) -> None:
    """LISTEN; on each wake read the feed after the last seen row; report decided rows."""
    import psycopg

    from reviewer_app.data.change_feed import latest_seq, read_after

    db = Database(create_db_engine(url))
    raw = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(raw, autocommit=True) as conn:
        conn.execute("LISTEN reviewer_app_changes")
        with db.read() as s:
            last = latest_seq(s)
        ready.set()
        while not stop.is_set():
            for _note in conn.notifies(timeout=0.2, stop_after=1):
                with db.read() as s:
                    rows = read_after(s, last)
                seen = time.monotonic()
                for row in rows:
                    last = max(last, row.seq)
                    if row.kind == "decided":
                        out.put((row.appeal_id, seen))
    db.dispose()


def notify_writer(url: str, user_id: int, samples: int, out: Any) -> None:
    """Claim and decide ``samples`` appeals, one every 50 ms; report each decision's commit."""
    from reviewer_app.domain.enums import Outcome
    from reviewer_app.domain.models import DecisionDraft
    from reviewer_app.services.queue import QueueService
    from reviewer_app.services.review import ReviewService

    db = Database(create_db_engine(url))
    queue, review = QueueService(db), ReviewService(db)
    for _ in range(samples):
        lease = queue.claim_next(user_id)
        time.sleep(0.05)  # the claim's own notification is read and out of the way
        review.decide(user_id, DecisionDraft(
            appeal_id=lease.appeal_id, outcome=Outcome.UPHOLD, reason_code=REASON,
            rationale="checked", response_text=f"Upheld. {REDRESS}",
            idempotency_key=f"notify-{lease.appeal_id}"))
        out.put((lease.appeal_id, time.monotonic()))
        time.sleep(0.05)
    db.dispose()


def notify_latency(url: str, samples: int, user_id: int) -> dict[str, Any]:
    """Commit in one process to the row read in another, woken by NOTIFY; p50/p99/max ms."""
    ctx = mp.get_context("spawn")
    manager = ctx.Manager()
    ready, stop = manager.Event(), manager.Event()
    seen_q, commit_q = manager.Queue(), manager.Queue()
    watch = ctx.Process(target=listener, args=(url, ready, seen_q, stop))
    watch.start()
    if not ready.wait(60):
        raise RuntimeError("the listener did not start")
    write = ctx.Process(target=notify_writer, args=(url, user_id, samples, commit_q))
    write.start()
    write.join()
    committed = dict(commit_q.get() for _ in range(samples))
    seen: dict[int, float] = {}
    deadline = time.monotonic() + 10
    while len(seen) < samples and time.monotonic() < deadline:
        with suppress(Exception):
            appeal_id, at = seen_q.get(timeout=1)
            seen[appeal_id] = at
    stop.set()
    watch.join(10)
    # The listener can read the row before the writer's commit call has returned to Python,
    # so a sample may be slightly negative: the two clocks are the same, the order is not.
    delays = [(seen[a] - t) * 1000 for a, t in committed.items() if a in seen]
    return {"samples": samples, "seen": len(delays), "p50_ms": percentile(delays, 50),
            "p99_ms": percentile(delays, 99),
            "max_ms": round(max(delays), 2) if delays else None}


# ------------------------------------------------------------------------------------------
# Report
# ------------------------------------------------------------------------------------------
def machine_info(pg_admin: str | None) -> dict[str, Any]:
    """Hardware and software the figures were taken on (the load average matters here)."""
    info: dict[str, Any] = {
        "cpu_count": os.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    with suppress(OSError):
        info["load_avg"] = [round(x, 2) for x in os.getloadavg()]
    if pg_admin:
        engine = create_engine(make_url(pg_admin).set(drivername="postgresql+psycopg"))
        with engine.connect() as conn:
            info["postgresql"] = conn.execute(text("SHOW server_version")).scalar_one()
            info["synchronous_commit"] = conn.execute(
                text("SHOW synchronous_commit")).scalar_one()
        engine.dispose()
    return info


def verdict(runs: dict[str, Any]) -> dict[str, Any]:
    """p99 per pair at 16 clients < 25 ms; service throughput >= half the raw loop's."""
    service = runs.get("service", {}).get(str(TARGET_CLIENTS))
    raw = runs.get("raw", {}).get(str(TARGET_CLIENTS))
    if not service:
        return {"measured": False}
    p99 = service["pair_ms"]["p99"]
    out: dict[str, Any] = {"measured": True, "pair_p99_ms": p99,
                           "p99_under_target": p99 is not None and p99 < TARGET_P99_MS}
    paced = runs.get("service_paced", {}).get(str(TARGET_CLIENTS))
    if paced:
        out["paced_pair_p99_ms"] = paced["pair_ms"]["p99"]
        out["paced_p99_under_target"] = (paced["pair_ms"]["p99"] or 1e9) < TARGET_P99_MS
    if raw:
        out["throughput_ratio"] = round(service["decisions_per_s"] / raw["decisions_per_s"], 2)
        out["throughput_meets_target"] = out["throughput_ratio"] >= TARGET_THROUGHPUT_RATIO
    bare = runs.get("raw_bare", {}).get(str(TARGET_CLIENTS))
    if bare:  # for reference: against a loop that writes without reading anything first
        out["throughput_ratio_vs_raw_bare"] = round(
            service["decisions_per_s"] / bare["decisions_per_s"], 2)
    return out


def ratios(runs: dict[str, Any]) -> dict[str, Any]:
    """Service over raw, per client count: latency ratios (p50, p99) and throughput ratio."""
    out: dict[str, Any] = {}
    pairs = [(str(n), "service", "raw") for n in runs.get("service", {})]
    pairs += [(f"{n}_paced", "service_paced", "raw_paced") for n in runs.get("service_paced", {})]
    for label, s_mode, r_mode in pairs:
        n = label.split("_")[0]
        service, raw = runs.get(s_mode, {}).get(n), runs.get(r_mode, {}).get(n)
        if not service or not raw:
            continue
        entry: dict[str, Any] = {"throughput": round(
            service["decisions_per_s"] / raw["decisions_per_s"], 2)}
        for op in ("claim_ms", "decide_ms", "pair_ms"):
            for q in ("p50", "p99"):
                s, r = service[op][q], raw[op][q]
                entry[f"{op[:-3]}_{q}"] = round(s / r, 2) if s and r else None
        out[label] = entry
    return out


@contextmanager
def copies_for(name: str, pg_url: str, workdir: Path) -> Iterator[Any]:
    """The template-and-copies helper for an engine; drops everything afterwards."""
    copies: Any = PgCopies(pg_url) if name == "pg" else SqliteCopies(workdir)
    try:
        yield copies
    finally:
        copies.drop_all()


def bench_engine(name: str, copies: Any, clients: list[int], appeals: int, modes: list[str],
                 notify_samples: int, think_ms: float) -> dict[str, Any]:
    """Every mode at every client count on fresh copies of one seeded database.

    With ``think_ms`` the largest client count runs once more with that pause between a
    client's decisions ("paced"): the latency a reviewer sees when the server is not
    saturated by every client working flat out.
    """
    users = max(clients) + 1
    log(f"{name}: seeding a template with {appeals} appeals")
    copies.prepare(appeals, users)
    user_ids = list(range(1, users + 1))
    runs: dict[str, dict[str, Any]] = {mode: {} for mode in modes}
    for n in clients:
        for mode in modes:  # interleaved, so a burst of load elsewhere hits both alike
            result = run(copies.fresh(), mode, n, appeals, user_ids)
            log(f"{name}: {mode} x{n}: {result['decisions_per_s']}/s, pair p50 "
                f"{result['pair_ms']['p50']} p99 {result['pair_ms']['p99']} ms")
            runs[mode][str(n)] = result
    if think_ms:
        n = max(clients)
        for mode in modes:
            result = run(copies.fresh(), mode, n, appeals, user_ids, think_ms / 1000)
            log(f"{name}: {mode} x{n} paced ({think_ms} ms think): pair p50 "
                f"{result['pair_ms']['p50']} p99 {result['pair_ms']['p99']} ms")
            runs.setdefault(f"{mode}_paced", {})[str(n)] = result
    report: dict[str, Any] = {"think_ms_paced": think_ms, "runs": runs,
                              "ratios_service_over_raw": ratios(runs),
                              "statements_per_pair": statements_per_pair(copies.fresh(), 1)}
    if name == "pg" and notify_samples:
        report["notify_to_visible_ms"] = notify_latency(copies.fresh(), notify_samples,
                                                        user_ids[-1])
        log(f"{name}: notify to visible {report['notify_to_visible_ms']}")
    report["meets_targets"] = verdict(runs)
    return report


def main(argv: list[str] | None = None) -> int:
    """Parse options, seed, time every run, print JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", default="1,4,16", help="comma list of process counts")
    parser.add_argument("--appeals", type=int, default=2000, help="appeals per run")
    parser.add_argument("--engines", default="pg,sqlite", help="comma list: pg,sqlite")
    parser.add_argument("--modes", default="service,raw", help="comma list: service,raw,raw_bare")
    parser.add_argument("--notify-samples", type=int, default=100)
    parser.add_argument("--think-ms", type=float, default=100.0,
                        help="pause between decisions in the extra paced run (0: none)")
    parser.add_argument("--pg-url", default=os.environ.get("REVIEWER_APP_TEST_PG_URL", DEFAULT_PG),
                        help="an admin URL; the benchmark creates (and drops) its own databases")
    parser.add_argument("--workdir", type=Path, default=None,
                        help="where the SQLite files go (default: a temp dir)")
    args = parser.parse_args(argv)
    clients = [int(c) for c in args.clients.split(",") if c.strip()]
    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    for name in engines:
        if name not in ("pg", "sqlite"):
            parser.error(f"unknown engine {name!r}")

    tmp = None if args.workdir else tempfile.TemporaryDirectory(prefix="reviewer-claims-")
    workdir = args.workdir or Path(tmp.name)  # type: ignore[union-attr]
    workdir.mkdir(parents=True, exist_ok=True)
    report: dict[str, Any] = {
        "appeals_per_run": args.appeals, "clients": clients, "warmup_pairs_per_client": WARMUP,
        "targets": {"pair_p99_ms_at_16": TARGET_P99_MS,
                    "service_over_raw_throughput_min": TARGET_THROUGHPUT_RATIO},
        "load_avg_before": [round(x, 2) for x in os.getloadavg()],
        "engines": {},
    }
    try:
        for name in engines:
            with copies_for(name, args.pg_url, workdir) as copies:
                report["engines"][name] = bench_engine(name, copies, clients, args.appeals,
                                                       modes, args.notify_samples,
                                                       args.think_ms)
        report["machine"] = machine_info(args.pg_url if "pg" in engines else None)
    finally:
        if tmp is not None:
            tmp.cleanup()
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
