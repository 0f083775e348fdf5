"""A year of a big review team, bulk-loaded fast: ~3M decisions by 300 reviewers (reusable).

    from year_data import build_year, cached_year
    info = build_year("sqlite:////tmp/year.sqlite3", decisions=300_000)   # an empty database
    db = cached_year("pg", pg_url="postgresql+psycopg://postgres@127.0.0.1:5432/postgres")

The schema comes from the app's own Alembic migrations and the catalog from
``services.catalog.install_default_catalog``, so tables, indexes, constraints and triggers are
the ones the app ships. Everything else is generated with numpy (vectorised, seeded,
deterministic) and bulk-loaded: ``COPY`` on PostgreSQL (psycopg 3 ``cursor.copy``, text
format), ``executemany`` in 100k-row batches inside one transaction on SQLite
(``synchronous=OFF`` and no rollback journal during the load only). Secondary indexes of the
big tables are dropped for the load and re-made from their own DDL afterwards (much faster
than maintaining ~25 b-trees row by row).

The rows are loaded at schema revision ``LOAD_REVISION`` (0008); the migrations after it then
run on the loaded year (``upgrade`` to head), as on a team database upgraded in place, so
their roll-up backfills and index builds are exercised and their triggers never see a bulk
load. Triggers at 0008 fire on UPDATE/DELETE/TRUNCATE of the append-only logs (``events``,
``qa_events``), on UPDATE of ``leases`` and on INSERT into ``change_feed`` (NOTIFY); a load
only INSERTs, never into ``change_feed`` (clients reload after a load anyway), so it bypasses
none of them. On PostgreSQL the load runs with ``session_replication_role = replica``, which
skips the foreign-key checks COPY would otherwise make row by row: the generator writes only
ids it made itself. ``ANALYZE`` (``VACUUM ANALYZE`` on PostgreSQL) runs after the migrations.

What a year looks like (all rates approximate, per first-round appeal unless said):

- intake with weekly seasonality (weekends about half), daytime peaks and +25 % growth over
  the year; policies, markets and languages weighted like a European marketplace with
  cross-border Chinese sellers; SLA from the catalog's rules (24/36/48/72 h);
- one enforcement per first-round appeal; 10 % of appellants are repeat appellants;
- time to first handling log-normal around a third of the SLA (about 12 % decided late),
  1 % stuck for much longer; decisions after "now" have not happened: those appeals are the
  open backlog (new, in review with a lease, escalated, awaiting info, reopened), some of it
  past SLA;
- 6 % escalated (a handling step by the queue's reviewer, then a final decision by one of the
  escalation specialists; the appeal moves to the ``escalations`` queue), 4 % info requested
  (a step, the appellant's answer a day or so later, then a final decision);
- final outcomes uphold 60 %, overturn 20 %, partial 8 %, inadmissible 12 %;
- 4 % of upheld or partially upheld appeals come back as a 2nd-round appeal (about 5 days
  later), decided by another reviewer, 28 % of them overturned in full or part;
- 0.3 % of decided appeals are reopened (an event by a lead), most decided again;
- handle seconds log-normal around 5.5 minutes, each reviewer with their own speed;
  reviewers' productivity differs (the busiest does about twice the median);
- QA audits of 3 % of final decisions a few days later, 92 % correct (score 60-100), 8 %
  with a critical error (score 0), most published, some disputed or resolved, recent ones
  still drafts;
- the event log: ``created`` per appeal, ``claimed`` + ``decided``/``escalated``/
  ``info_requested`` per decision row, ``info_received``, ``reopened``.
"""

# ruff: noqa: E402  (imports follow the sys.path fix below)
from __future__ import annotations

import sys
from pathlib import Path

# benchmarks/queue.py sits beside this file: drop the folder from sys.path so ``import queue``
# (stdlib, used by psycopg and SQLAlchemy's pools) is not that script.
HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]

import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

import numpy as np
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from reviewer_app.data.db import Database, create_db_engine, enable_wal
from reviewer_app.data.schema import upgrade

GENERATOR_VERSION = 1  # bump when the generated data changes: cached databases are rebuilt
NOW = datetime(2026, 6, 10, 10, 30, tzinfo=UTC)  # a Wednesday morning; the data ends here
DAYS = 365
DEFAULT_SEED = 20260610
DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
CHUNK = 100_000
US = 1_000_000  # microseconds per second
HOUR_US, DAY_US = 3600 * US, 86400 * US

# Big tables whose secondary indexes are dropped during the load and re-made after.
# The data is loaded at this schema revision; every later migration then runs on the loaded
# year, as on a team database upgraded in place: their roll-up backfills and index builds
# are what a real upgrade does. No INSERT trigger exists on the loaded tables at this
# revision (only the append-only guards against UPDATE/DELETE), so a bulk load that skips
# foreign-key checks misses nothing, and a later migration's roll-up triggers never see
# rows arrive one by one.
LOAD_REVISION = "0008"
BIG_TABLES = ("appellants", "enforcements", "appeals", "decisions", "events", "qa_evaluations")

MARKETS = ("DE", "FR", "GB", "ES", "IT", "PL", "NL", "SE", "US", "CN", "JP", "AT")
MARKET_W = (0.22, 0.14, 0.13, 0.09, 0.09, 0.06, 0.06, 0.04, 0.07, 0.04, 0.02, 0.04)
HOME_LANGUAGE = {"DE": "de", "FR": "fr", "GB": "en", "ES": "es", "IT": "it", "PL": "pl",
                 "NL": "nl", "SE": "sv", "US": "en", "CN": "zh-Hans", "JP": "ja", "AT": "de"}
CROSS_BORDER = 0.12  # sellers in an EU market writing in Chinese
ENGLISH = 0.10  # others writing in English anyway
POLICY_W = {"IP_COUNTERFEIT": 0.24, "PROHIBITED_PRODUCT": 0.14, "UNSAFE_PRODUCT": 0.10,
            "MISLEADING_LISTING": 0.28, "INAUTHENTIC_REVIEWS": 0.12, "SELLER_IDENTITY": 0.12}
ACTIONS = ("listing_removal", "listing_demotion", "payment_hold", "selling_restriction",
           "account_suspension", "account_termination")
ACTION_W = (0.55, 0.10, 0.10, 0.12, 0.10, 0.03)
WEEKDAY_FACTOR = (1.10, 1.12, 1.08, 1.05, 0.98, 0.55, 0.50)  # Monday first
HOUR_W = np.array([1, 1, 1, 1, 1, 2, 4, 6, 8, 9, 9, 9, 8, 8, 8, 8, 7, 7, 6, 5, 4, 3, 2, 1],
                  dtype=float)
FINAL = ("uphold", "overturn", "partial", "reject_inadmissible")
FINAL_W = (0.60, 0.20, 0.08, 0.12)
SECOND_ROUND_W = (0.72, 0.20, 0.08, 0.0)
ESCALATED_W = (0.50, 0.32, 0.10, 0.08)
P_ESCALATE, P_RFI, P_SECOND, P_REOPEN, P_AUDIT, P_STUCK = 0.06, 0.04, 0.04, 0.003, 0.03, 0.01
STATEMENTS = (
    "The item is authentic; I attach the invoice from the authorised distributor.",
    "We corrected the listing the same day. Please restore it.",
    "This product has a valid CE declaration of conformity, attached.",
    "The reviews are from real customers; we never paid for reviews.",
    "Our business registration documents are attached, please verify again.",
    "商品为正品，附上品牌授权书和采购发票，请重新审核。",
)


def log(msg: str) -> None:
    """Progress goes to stderr (the benchmarks keep stdout for their JSON)."""
    print(f"[year] {msg}", file=sys.stderr, flush=True)


@dataclass
class YearInfo:
    """What was generated (and where): the benchmarks read their parameters from here."""

    url: str
    decisions_target: int
    reviewers: int
    seed: int
    now: str
    generator_version: int = GENERATOR_VERSION
    counts: dict[str, int] = field(default_factory=dict)
    busy_reviewer_id: int | None = None
    busy_reviewer_decisions_365d: int | None = None
    timings_s: dict[str, float] = field(default_factory=dict)
    reused: bool = False

    @property
    def now_dt(self) -> datetime:
        return datetime.fromisoformat(self.now)


# ------------------------------------------------------------------------------------------
# Generation (numpy; times are int64 microseconds since the epoch, UTC)
# ------------------------------------------------------------------------------------------
@dataclass
class Catalog:
    queue_ids: dict[str, int]
    policy_ids: dict[str, int]
    policy_queue: dict[str, str]
    sop_ids: dict[str, int]
    sla_hours: dict[tuple[str, str], float]  # (policy, market) -> hours
    reason_codes: dict[str, list[str]]  # outcome -> generic codes
    scorecard_id: int
    criterion_id: int


@dataclass
class Tables:
    """Column arrays (or lists) per table, in load order."""

    rows: dict[str, dict[str, Any]] = field(default_factory=dict)

    def count(self, name: str) -> int:
        cols = self.rows[name]
        return len(next(iter(cols.values())))


def _catalog(db: Database) -> Catalog:
    from reviewer_app.services.catalog import (
        POLICIES,
        SLAS,
        install_default_catalog,
        policy_queue,
        sla_hours,
    )

    install_default_catalog(db)
    with db.engine.connect() as conn:
        queues = dict(conn.execute(text("SELECT code, id FROM queues")).all())
        policies = dict(conn.execute(text("SELECT code, id FROM policies")).all())
        sops = {code: sop for code, sop in conn.execute(text(
            "SELECT p.code, max(s.id) FROM sop_documents s JOIN policies p"
            " ON p.id = s.policy_id GROUP BY p.code"))}
        codes: dict[str, list[str]] = {}
        for code, outcome in conn.execute(text(
                "SELECT code, outcome FROM reason_codes WHERE policy_id IS NULL AND active"
                " ORDER BY code")):
            codes.setdefault(outcome, []).append(code)
        scorecard = conn.execute(text("SELECT max(id) FROM scorecards")).scalar_one()
        criterion = conn.execute(text(
            "SELECT min(id) FROM scorecard_criteria WHERE scorecard_id = :s"),
            {"s": scorecard}).scalar_one()
    pq = {code: policy_queue(code) for code, *_ in POLICIES}
    slas = {(p, m): sla_hours(SLAS, queue_code=pq[p], policy_code=p, market=m)
            for p in pq for m in MARKETS}
    return Catalog(queues, policies, pq, sops, slas, codes, scorecard, criterion)


def generate(cat: Catalog, *, decisions: int, reviewers: int, seed: int, now: datetime,
             user_base: int = 0) -> Tables:
    """Every row of the year, as column arrays; deterministic for the same arguments."""
    rng = np.random.default_rng(seed)
    now_us = int(now.timestamp()) * US
    start_us = now_us - DAYS * DAY_US
    t = Tables()
    queue_codes = [q for q in cat.queue_ids if q != "escalations"]

    # -- people -----------------------------------------------------------------------------
    n_qa, n_lead = max(3, reviewers // 25), max(2, reviewers // 20)
    n_spec = max(2, reviewers // 12)  # escalation specialists (among the reviewers)
    uid = user_base + np.arange(1, reviewers + n_qa + n_lead + 2)
    roles = (["reviewer"] * reviewers + ["qa"] * n_qa + ["lead"] * n_lead + ["admin"])
    t.rows["users"] = {
        "id": uid, "login": [f"{r}{i:04d}" for r, i in zip(roles, uid, strict=True)],
        "display_name": [f"{r.title()} {i}" for r, i in zip(roles, uid, strict=True)],
        "role": roles, "active": [True] * len(uid),
        "created_at": np.full(len(uid), start_us - 60 * DAY_US),
    }
    rev_ids = uid[:reviewers]
    qa_ids = uid[reviewers:reviewers + n_qa]
    lead_ids = uid[reviewers + n_qa:reviewers + n_qa + n_lead]
    queue_volume = np.array([sum(w for p, w in POLICY_W.items() if cat.policy_queue[p] == q)
                             for q in queue_codes])
    rev_queue = np.empty(reviewers, dtype=object)
    rev_queue[:n_spec] = "escalations"
    rev_queue[n_spec:] = rng.choice(queue_codes, size=reviewers - n_spec,
                                    p=queue_volume / queue_volume.sum())
    productivity = rng.lognormal(0.0, 0.35, reviewers)
    speed = rng.lognormal(0.0, 0.25, reviewers)  # handle-time multiplier
    pool = {q: np.flatnonzero(rev_queue == q) for q in cat.queue_ids}
    langs = sorted(set(HOME_LANGUAGE.values()))
    skills = []
    for i, u in enumerate(rev_ids):
        picks = {"en", *rng.choice(langs, size=2, replace=False)}
        skills += [(int(u), "language", lang) for lang in sorted(picks)]
        if i % 7 == 0:
            skills.append((int(u), "language", "zh-Hans"))
    skills = sorted(set(skills))
    t.rows["user_skills"] = {"user_id": [s[0] for s in skills], "kind": [s[1] for s in skills],
                             "value": [s[2] for s in skills]}

    def pick_reviewers(queues: np.ndarray, avoid: np.ndarray | None = None) -> np.ndarray:
        out = np.empty(len(queues), dtype=np.int64)
        for q, members in pool.items():
            where = np.flatnonzero(queues == q)
            if not len(where):
                continue
            w = productivity[members]
            out[where] = members[rng.choice(len(members), size=len(where), p=w / w.sum())]
            if avoid is not None:  # a 2nd round goes to someone else than the 1st's decider
                clash = where[rev_ids[out[where]] == avoid[where]]
                pos = np.searchsorted(members, out[clash])
                out[clash] = members[(pos + 1) % len(members)]
        return rev_ids[out]

    # -- first-round appeals ----------------------------------------------------------------
    per_first = (1 + P_ESCALATE + P_RFI + P_SECOND * 0.68 * (1 + P_ESCALATE) + P_REOPEN)
    n1 = max(10, round(decisions / per_first * 1.006))  # about 0.6 % are still open
    day0 = datetime.fromtimestamp(start_us // US, UTC)
    weekday = (day0.weekday() + np.arange(DAYS + 1)) % 7
    day_w = (np.array(WEEKDAY_FACTOR)[weekday] * np.linspace(0.88, 1.12, DAYS + 1)
             * rng.lognormal(0, 0.08, DAYS + 1))
    day = rng.choice(DAYS + 1, size=n1, p=day_w / day_w.sum())
    hour = rng.choice(24, size=n1, p=HOUR_W / HOUR_W.sum())
    midnight0 = (start_us // DAY_US) * DAY_US
    received = (midnight0 + day * DAY_US + hour * HOUR_US
                + rng.integers(0, HOUR_US, size=n1))
    received = received[(received >= start_us) & (received < now_us)]
    received.sort()
    n1 = len(received)

    n_appellants = max(50, int(n1 * 0.9))
    ap_midx = rng.choice(len(MARKETS), size=n_appellants, p=np.array(MARKET_W) / sum(MARKET_W))
    ap_market = np.array(MARKETS, dtype=object)[ap_midx]
    home = np.array([HOME_LANGUAGE[m] for m in MARKETS], dtype=object)[ap_midx]
    roll = rng.random(n_appellants)
    ap_lang = np.where(roll < CROSS_BORDER, "zh-Hans",
                       np.where(roll < CROSS_BORDER + ENGLISH, "en", home))
    ap_kind = np.where(rng.random(n_appellants) < 0.85, "seller", "creator")
    ap_ids = np.arange(1, n_appellants + 1)
    t.rows["appellants"] = {
        "id": ap_ids, "ref": [f"S-{i:08d}" for i in ap_ids], "kind": ap_kind,
        "display_name": [f"Shop {i}" for i in ap_ids],
        "account_type": np.where(rng.random(n_appellants) < 0.8, "business", "private"),
        "market": ap_market, "language": ap_lang,
    }
    appellant = rng.integers(1, n_appellants + 1, size=n1)
    policies = list(POLICY_W)
    pidx = rng.choice(len(policies), size=n1, p=np.array(list(POLICY_W.values())))
    policy = np.array(policies, dtype=object)[pidx]
    midx = ap_midx[appellant - 1]
    market = np.array(MARKETS, dtype=object)[midx]
    language = ap_lang[appellant - 1]
    queue = np.array([cat.policy_queue[p] for p in policies], dtype=object)[pidx]
    sla_table = np.array([[cat.sla_hours[(p, m)] for m in MARKETS] for p in policies])
    sla_h = sla_table[pidx, midx]
    sla_due = received + (sla_h * HOUR_US).astype(np.int64)
    action = rng.choice(ACTIONS, size=n1, p=np.array(ACTION_W))
    enf_ids = np.arange(1, n1 + 1)
    enforced = received - rng.lognormal(np.log(2 * DAY_US), 0.8, n1).astype(np.int64)
    automated = rng.random(n1)
    listing = np.where(np.isin(action, ACTIONS[:2]), np.char.add("L-", enf_ids.astype(str)),
                       None)
    t.rows["enforcements"] = {
        "id": enf_ids, "ref": [f"E-{i:08d}" for i in enf_ids], "appellant_id": appellant,
        "action": action, "scope": np.where(np.isin(action, ACTIONS[:2]), "listing", "account"),
        "policy_id": np.array([cat.policy_ids[p] for p in policies])[pidx],
        "clause": np.full(n1, "3.1"), "facts": np.full(n1, "Detected by the listing scanner."),
        "evidence_json": np.full(n1, "{}"),
        "automated_detection": automated < 0.7,
        "automated_decision": np.where(automated < 0.45, "fully",
                                       np.where(automated < 0.7, "partially", "not")),
        "automation_ref": np.where(automated < 0.7, "model-7", None),
        "decided_by_user_id": np.full(n1, None, dtype=object),
        "decided_by_label": np.where(automated < 0.45, "", "Trust & Safety agent"),
        "enforced_at": enforced, "listing_id": listing,
        "is_strike": rng.random(n1) < 0.3,
    }

    # -- what happens to each first-round appeal -------------------------------------------
    path = rng.random(n1)
    escalate = path < P_ESCALATE
    rfi = (path >= P_ESCALATE) & (path < P_ESCALATE + P_RFI)
    ttd1 = rng.lognormal(np.log(sla_h * 0.3 * HOUR_US), 0.9)
    stuck = rng.random(n1) < P_STUCK
    ttd1 = np.where(stuck, ttd1 * 6, ttd1)
    t_first = received + np.maximum(ttd1, 10 * 60 * US).astype(np.int64)
    reply = t_first + rng.lognormal(np.log(30 * HOUR_US), 0.7, n1).astype(np.int64)
    t_final = np.where(escalate,
                       t_first + rng.lognormal(np.log(20 * HOUR_US), 0.8, n1).astype(np.int64),
                       np.where(rfi, reply + rng.lognormal(np.log(6 * HOUR_US), 0.8, n1)
                                .astype(np.int64), t_first))
    final_queue = np.where(escalate, "escalations", queue)
    out1 = np.where(escalate, rng.choice(FINAL, size=n1, p=ESCALATED_W),
                    rng.choice(FINAL, size=n1, p=FINAL_W))

    # -- 2nd-round appeals (of decided, upheld or partially upheld ones) ---------------------
    second = ((t_final <= now_us) & np.isin(out1, ("uphold", "partial"))
              & (rng.random(n1) < P_SECOND / 0.68))
    first_of = np.flatnonzero(second)
    received2 = t_final[first_of] + rng.lognormal(np.log(5 * DAY_US), 0.7,
                                                  len(first_of)).astype(np.int64)
    keep = received2 < now_us
    first_of, received2 = first_of[keep], received2[keep]
    n2 = len(first_of)
    sla2 = sla_h[first_of]
    t_final2 = received2 + np.maximum(
        rng.lognormal(np.log(sla2 * 0.3 * HOUR_US), 0.9), 10 * 60 * US).astype(np.int64)
    out2 = rng.choice(FINAL, size=n2, p=SECOND_ROUND_W)

    # -- all appeals in arrival order: ids ---------------------------------------------------
    recv_all = np.concatenate([received, received2])
    order = np.argsort(recv_all, kind="stable")
    new_id = np.empty(n1 + n2, dtype=np.int64)
    new_id[order] = np.arange(1, n1 + n2 + 1)
    id1, id2 = new_id[:n1], new_id[n1:]

    # -- decision steps ----------------------------------------------------------------------
    # Each step: appeal id, time, outcome, queue (whose reviewers decide), handle median.
    steps_appeal: list[np.ndarray] = []
    steps_at: list[np.ndarray] = []
    steps_outcome: list[np.ndarray] = []
    steps_user: list[np.ndarray] = []
    steps_prev: list[np.ndarray] = []  # status before the step's claim
    first_user = pick_reviewers(queue)

    def add(appeal: np.ndarray, at: np.ndarray, outcome: np.ndarray, user: np.ndarray,
            prev: str) -> None:
        live = at <= now_us
        steps_appeal.append(appeal[live])
        steps_at.append(at[live])
        steps_outcome.append(np.asarray(outcome, dtype=object)[live])
        steps_user.append(user[live])
        steps_prev.append(np.full(int(live.sum()), prev, dtype=object))

    e_idx, r_idx = np.flatnonzero(escalate), np.flatnonzero(rfi)
    plain = np.flatnonzero(~escalate & ~rfi)
    # handling steps, by the queue's own reviewer
    add(id1[e_idx], t_first[e_idx], np.full(len(e_idx), "escalate"),
        first_user[e_idx], "new")
    add(id1[r_idx], t_first[r_idx], np.full(len(r_idx), "request_info"),
        first_user[r_idx], "new")
    # final decisions of the first round
    final_user = first_user.copy()
    final_user[e_idx] = pick_reviewers(np.full(len(e_idx), "escalations", dtype=object))
    final_user[r_idx] = pick_reviewers(queue[r_idx])
    add(id1[plain], t_final[plain], out1[plain], final_user[plain], "new")
    add(id1[e_idx], t_final[e_idx], out1[e_idx], final_user[e_idx], "escalated")
    add(id1[r_idx], t_final[r_idx], out1[r_idx], final_user[r_idx], "new")
    # 2nd rounds
    user2 = pick_reviewers(queue[first_of], avoid=final_user[first_of])
    add(id2, t_final2, out2, user2, "new")
    # reopened, then (mostly) decided again
    decided1 = t_final <= now_us
    reopen_idx = np.flatnonzero(decided1 & (rng.random(n1) < P_REOPEN))
    t_reopen = t_final[reopen_idx] + rng.lognormal(np.log(3 * DAY_US), 0.8,
                                                   len(reopen_idx)).astype(np.int64)
    live_reopen = t_reopen <= now_us
    reopen_idx, t_reopen = reopen_idx[live_reopen], t_reopen[live_reopen]
    t_redecide = t_reopen + rng.lognormal(np.log(10 * HOUR_US), 0.8,
                                          len(reopen_idx)).astype(np.int64)
    out_re = rng.choice(FINAL, size=len(reopen_idx), p=(0.45, 0.40, 0.10, 0.05))
    user_re = pick_reviewers(final_queue[reopen_idx], avoid=final_user[reopen_idx])
    add(id1[reopen_idx], t_redecide, out_re, user_re, "reopened")

    d_appeal = np.concatenate(steps_appeal)
    d_at = np.concatenate(steps_at)
    d_outcome = np.concatenate(steps_outcome)
    d_user = np.concatenate(steps_user)
    d_prev = np.concatenate(steps_prev)
    d_order = np.argsort(d_at, kind="stable")
    d_appeal, d_at, d_outcome, d_user, d_prev = (a[d_order] for a in
                                                 (d_appeal, d_at, d_outcome, d_user, d_prev))
    nd = len(d_at)
    d_ids = np.arange(1, nd + 1)
    is_step = np.isin(d_outcome, ("escalate", "request_info"))
    handle = (rng.lognormal(np.log(330.0), 0.55, nd)
              * speed[np.searchsorted(rev_ids, d_user)])
    handle = np.round(np.where(is_step, handle * 0.6, handle), 1)

    # -- appeal rows (status and decided_at as of now) ---------------------------------------
    n_all = n1 + n2
    a_status = np.empty(n_all, dtype=object)
    a_decided = np.full(n_all, -1, dtype=np.int64)
    a_queue = np.empty(n_all, dtype=object)
    st1 = np.where(t_final <= now_us, "decided", "new").astype(object)
    st1[escalate & (t_first <= now_us) & (t_final > now_us)] = "escalated"
    st1[rfi & (t_first <= now_us) & (reply > now_us)] = "awaiting_info"
    dec1 = np.where(t_final <= now_us, t_final, -1)
    reopened_open = reopen_idx[t_redecide > now_us]
    st1[reopened_open] = "reopened"
    dec1[reopened_open] = -1
    redone = reopen_idx[t_redecide <= now_us]
    dec1[redone] = t_redecide[t_redecide <= now_us]
    q1 = np.where(escalate & (t_first <= now_us), "escalations", queue)
    a_status[id1 - 1], a_decided[id1 - 1], a_queue[id1 - 1] = st1, dec1, q1
    st2 = np.where(t_final2 <= now_us, "decided", "new").astype(object)
    a_status[id2 - 1] = st2
    a_decided[id2 - 1] = np.where(t_final2 <= now_us, t_final2, -1)
    a_queue[id2 - 1] = queue[first_of]
    # some of the new ones are in review right now (a lease each)
    open_new = np.flatnonzero(a_status == "new")
    in_review = rng.choice(open_new, size=min(len(open_new), int(reviewers * 0.7)),
                           replace=False) if len(open_new) else np.array([], dtype=np.int64)
    a_status[in_review] = "in_review"

    src = np.concatenate([np.arange(n1), first_of])  # first-round row behind each appeal
    a_recv = np.empty(n_all, dtype=np.int64)
    a_recv[id1 - 1], a_recv[id2 - 1] = received, received2
    a_sla = np.empty(n_all, dtype=np.int64)
    a_sla[id1 - 1] = sla_due
    a_sla[id2 - 1] = received2 + (sla2 * HOUR_US).astype(np.int64)
    base = np.empty(n_all, dtype=np.int64)
    base[new_id - 1] = src
    prev_appeal = np.full(n_all, None, dtype=object)
    prev_appeal[id2 - 1] = id1[first_of]
    round_ = np.ones(n_all, dtype=np.int64)
    round_[id2 - 1] = 2
    a_ids = np.arange(1, n_all + 1)
    priority = np.clip(rng.normal(50, 20, n_all).round(), 0, 100).astype(np.int64)
    t.rows["appeals"] = {
        "id": a_ids, "ref": [f"AP-{i:08d}" for i in a_ids],
        "appellant_id": appellant[base],
        "appellant_ref": [f"S-{i:08d}" for i in appellant[base]],
        "enforcement_id": enf_ids[base], "previous_appeal_id": prev_appeal, "round": round_,
        "received_at": a_recv, "sla_due_at": a_sla, "status": a_status,
        "queue_id": np.array([cat.queue_ids[q] for q in a_queue]), "priority": priority,
        "market": market[base], "language": language[base], "policy_code": policy[base],
        "listing_id": listing[base],
        "statement": np.array(STATEMENTS, dtype=object)[rng.integers(0, len(STATEMENTS),
                                                                     n_all)],
        "plan_of_action": np.full(n_all, ""), "decided_at": a_decided,
        "version": np.full(n_all, 3),
    }

    # -- decision rows -----------------------------------------------------------------------
    appeal_lang = language[base][d_appeal - 1]
    reply_lang = np.where(appeal_lang == "zh-Hans", "zh-CN", "en")
    reason = np.empty(nd, dtype=object)
    for outcome in FINAL:
        where = np.flatnonzero(d_outcome == outcome)
        codes = cat.reason_codes.get(outcome) or [None]
        reason[where] = np.array(codes, dtype=object)[rng.integers(0, len(codes), len(where))]
    d_pidx = pidx[base][d_appeal - 1]
    t.rows["decisions"] = {
        "id": d_ids, "appeal_id": d_appeal, "user_id": d_user, "outcome": d_outcome,
        "reason_code": reason,
        "rationale": np.where(is_step, "Needs a specialist / documents.",
                              "Checked the evidence against the SOP."),
        "what_changes": np.where(d_outcome == "partial", "The listing may stay online.", ""),
        "response_text": np.full(nd, "Thank you for your appeal."),
        "response_language": reply_lang,
        "escalation_reason": np.where(d_outcome == "escalate", "Legal question", ""),
        "requested_documents_json": np.where(d_outcome == "request_info", '["invoice"]',
                                             "[]"),
        "sop_document_id": np.array([cat.sop_ids[p] for p in policies])[d_pidx],
        "handle_seconds": handle, "decided_at": d_at,
        "idempotency_key": np.full(nd, None, dtype=object),
    }

    # -- QA audits ---------------------------------------------------------------------------
    finals = np.flatnonzero(~is_step)
    audited = finals[rng.random(len(finals)) < P_AUDIT]
    created = d_at[audited] + rng.integers(DAY_US, 5 * DAY_US, len(audited))
    ok = created < now_us
    audited, created = audited[ok], created[ok]
    na = len(audited)
    recent = created > now_us - 2 * DAY_US
    roll = rng.random(na)
    q_status = np.where(recent, "draft", np.where(roll < 0.90, "published",
                                                  np.where(roll < 0.93, "disputed",
                                                           "resolved"))).astype(object)
    critical = rng.random(na) < 0.08
    score = np.where(critical, 0.0, rng.integers(60, 101, na).astype(float))
    published = np.where(q_status == "draft", -1, created + HOUR_US)
    q_ids = np.arange(1, na + 1)
    t.rows["qa_evaluations"] = {
        "id": q_ids, "appeal_id": d_appeal[audited], "decision_id": d_ids[audited],
        "reviewer_user_id": d_user[audited],
        "auditor_user_id": qa_ids[rng.integers(0, len(qa_ids), na)], "status": q_status,
        "score": np.where(q_status == "draft", None, score), "created_at": created,
        "published_at": published, "version": np.full(na, 2),
        "scorecard_id": np.full(na, cat.scorecard_id),
        "blind_outcome": d_outcome[audited], "blind_notes": np.full(na, ""),
        "error_type": np.where(critical & (q_status != "draft"), "wrong_uphold", None),
        "comment": np.full(na, ""),
        "dispute_until": np.where(q_status == "draft", -1, created + 49 * HOUR_US),
        "resolution": np.where(q_status == "resolved", "rejected", None),
        "resolved_by": np.where(q_status == "resolved",
                                lead_ids[rng.integers(0, len(lead_ids), na)], None),
        "resolved_at": np.where(q_status == "resolved", created + 3 * DAY_US, -1),
        "kind": np.full(na, "audit"),
    }
    disputed = np.flatnonzero(np.isin(q_status, ("disputed", "resolved")))
    t.rows["qa_disputes"] = {
        "id": np.arange(1, len(disputed) + 1), "evaluation_id": q_ids[disputed],
        "criterion_id": np.full(len(disputed), cat.criterion_id),
        "raised_by": d_user[audited][disputed], "raised_at": created[disputed] + 2 * HOUR_US,
        "reason": np.full(len(disputed), "I followed the SOP."),
        "resolution": np.where(q_status[disputed] == "resolved", "rejected", None),
        "resolution_note": np.full(len(disputed), ""),
        "resolved_by": t.rows["qa_evaluations"]["resolved_by"][disputed],
        "resolved_at": np.where(q_status[disputed] == "resolved",
                                created[disputed] + 3 * DAY_US, -1),
    }

    # -- leases of the appeals in review -----------------------------------------------------
    holders = rev_ids[rng.choice(reviewers, size=len(in_review), replace=False)] \
        if len(in_review) <= reviewers else rev_ids[rng.integers(0, reviewers, len(in_review))]
    claimed_at = now_us - rng.integers(0, 10 * 60 * US, len(in_review))
    t.rows["leases"] = {
        "appeal_id": a_ids[in_review], "user_id": holders, "claimed_at": claimed_at,
        "expires_at": claimed_at + 15 * 60 * US, "return_status": np.full(len(in_review), "new"),
        "note": np.full(len(in_review), None, dtype=object),
        "held": np.zeros(len(in_review), dtype=bool), "version": np.ones(len(in_review), int),
    }

    # -- the event log -----------------------------------------------------------------------
    step_type = {"escalate": "escalated", "request_info": "info_requested"}
    step_after = {"escalate": "escalated", "request_info": "awaiting_info"}
    d_type = np.array([step_type.get(o, "decided") for o in d_outcome], dtype=object)
    d_after = np.array([step_after.get(o, "decided") for o in d_outcome], dtype=object)
    claim_at = d_at - (handle * US).astype(np.int64) - rng.integers(5 * US, 120 * US, nd)
    rfi_reply = np.flatnonzero(rfi & (reply <= now_us))
    ev_parts = [
        # (appeal, actor, at, type, before, after, payload)
        (a_ids, None, a_recv, "created", None, "new", None),
        (d_appeal, d_user, claim_at, "claimed", d_prev, "in_review", None),
        (d_appeal, d_user, d_at, d_type, "in_review", d_after, d_ids),
        (id1[rfi_reply], None, reply[rfi_reply], "info_received", "awaiting_info", "new", None),
        (id1[reopen_idx], lead_ids[rng.integers(0, len(lead_ids), len(reopen_idx))], t_reopen,
         "reopened", "decided", "reopened", None),
        (a_ids[in_review], holders, claimed_at, "claimed", "new", "in_review", None),
    ]

    def col(value: Any, n: int) -> np.ndarray:
        if isinstance(value, np.ndarray):
            return value.astype(object) if value.dtype != object else value
        return np.full(n, value, dtype=object)

    ev = {k: [] for k in ("appeal_id", "actor_user_id", "at", "type", "before", "after",
                          "payload")}
    for appeal, actor, at, typ, before, after, payload in ev_parts:
        n = len(appeal)
        ev["appeal_id"].append(appeal.astype(np.int64))
        ev["actor_user_id"].append(col(actor, n))
        ev["at"].append(at.astype(np.int64))
        ev["type"].append(col(typ, n))
        ev["before"].append(col(before, n))
        ev["after"].append(col(after, n))
        ev["payload"].append(col(payload, n))
    e_at = np.concatenate(ev["at"])
    e_order = np.argsort(e_at, kind="stable")
    payload_ids = np.concatenate(ev["payload"])[e_order]
    t.rows["events"] = {
        "id": np.arange(1, len(e_at) + 1),
        "appeal_id": np.concatenate(ev["appeal_id"])[e_order],
        "actor_user_id": np.concatenate(ev["actor_user_id"])[e_order],
        "at": e_at[e_order],
        "type": np.concatenate(ev["type"])[e_order],
        "before": np.concatenate(ev["before"])[e_order],
        "after": np.concatenate(ev["after"])[e_order],
        "comment": np.full(len(e_at), None, dtype=object),
        "payload_json": payload_ids,  # decision ids; turned into JSON text when loaded
    }
    q_events_at = np.concatenate([created, published[published >= 0]])
    q_events_eval = np.concatenate([q_ids, q_ids[published >= 0]])
    q_events_type = np.array(["created"] * na + ["published"] * int((published >= 0).sum()),
                             dtype=object)
    t.rows["qa_events"] = {
        "id": np.arange(1, len(q_events_at) + 1), "evaluation_id": q_events_eval,
        "actor_user_id": qa_ids[rng.integers(0, len(qa_ids), len(q_events_at))],
        "at": q_events_at, "type": q_events_type,
        "before": np.where(q_events_type == "published", "draft", None),
        "after": np.where(q_events_type == "published", "published", "draft"),
        "comment": np.full(len(q_events_at), None, dtype=object),
        "payload_json": np.full(len(q_events_at), "{}"),
    }
    return t


# Which columns hold instants (int64 microseconds; negative = NULL).
TIME_COLUMNS = {"created_at", "enforced_at", "received_at", "sla_due_at", "decided_at", "at",
                "claimed_at", "expires_at", "published_at", "dispute_until", "resolved_at",
                "raised_at"}


_TIME_OF_DAY = np.array([f"{h:02d}:{m:02d}:{x:02d}.000000" for h in range(24)
                        for m in range(60) for x in range(60)], dtype=object)


def _times(values: np.ndarray) -> list[str | None]:
    """'YYYY-MM-DD HH:MM:SS.000000', to the second (how the app stores UTC instants on
    SQLite; PostgreSQL reads it as UTC in a session with ``TimeZone = UTC``); negative
    values become NULL. Built from per-day and per-second strings: a vectorised lookup,
    twenty times faster than formatting each instant."""
    seconds = np.maximum(values, 0) // US
    days = seconds // 86400
    first = int(days.min()) if len(days) else 0
    day_strs = np.array([f"{d} " for d in np.arange(first, int(days.max(initial=first)) + 1)
                         .astype("datetime64[D]").astype(str)], dtype=object)
    out = list(map(str.__add__, day_strs[days - first].tolist(),
                   _TIME_OF_DAY[seconds % 86400].tolist()))
    if (values < 0).any():
        for i in np.flatnonzero(values < 0).tolist():
            out[i] = None
    return out


def _column(name: str, values: Any, lo: int, hi: int) -> list[Any]:
    part = values[lo:hi]
    if name in TIME_COLUMNS:
        return _times(np.asarray(part, dtype=np.int64))
    if name == "payload_json" and isinstance(part, np.ndarray) and part.dtype == object \
            and len(part) and not isinstance(part[0], str):
        return ["{}" if v is None else f'{{"decision_id": {v}}}' for v in part.tolist()]
    if isinstance(part, np.ndarray):
        return part.tolist()
    return list(part)


def _chunks(cols: dict[str, Any], n: int) -> Iterator[list[tuple[Any, ...]]]:
    for lo in range(0, n, CHUNK):
        hi = min(n, lo + CHUNK)
        yield list(zip(*(_column(c, v, lo, hi) for c, v in cols.items()), strict=True))


def _pg_text(name: str, values: Any, lo: int, hi: int) -> list[str]:
    """One column of a chunk in COPY text format (the generator writes no tab, newline or
    backslash inside a value, so nothing needs escaping)."""
    part = values[lo:hi]
    if name in TIME_COLUMNS:
        return [r"\N" if v is None else v for v in _times(np.asarray(part, dtype=np.int64))]
    if isinstance(part, np.ndarray) and part.dtype == bool:
        return np.where(part, "t", "f").tolist()
    if isinstance(part, np.ndarray) and part.dtype.kind in "iuf":
        return part.astype(str).tolist()
    return [r"\N" if v is None else str(v) for v in _column(name, values, lo, hi)]


def _pg_chunks(cols: dict[str, Any], n: int) -> Iterator[str]:
    for lo in range(0, n, CHUNK):
        hi = min(n, lo + CHUNK)
        lines = map("\t".join, zip(*(_pg_text(c, v, lo, hi) for c, v in cols.items()),
                                    strict=True))
        yield "\n".join(lines) + "\n"


# ------------------------------------------------------------------------------------------
# Loading
# ------------------------------------------------------------------------------------------
def _index_ddl_sqlite(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    marks = ",".join("?" * len(BIG_TABLES))
    return conn.execute(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
        f" AND tbl_name IN ({marks})", BIG_TABLES).fetchall()


def _index_ddl_pg(cur: Any) -> list[tuple[str, str]]:
    cur.execute(
        "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = 'public'"
        " AND i.tablename = ANY(%s) AND NOT EXISTS (SELECT 1 FROM pg_constraint c"
        " WHERE c.conname = i.indexname)", (list(BIG_TABLES),))
    return cur.fetchall()


def _load_sqlite(path: str, tables: Tables, timings: dict[str, float]) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode=OFF")  # a failed load is simply rebuilt
        conn.execute("PRAGMA synchronous=OFF")
        conn.execute("PRAGMA cache_size=-400000")  # 400 MB for the index builds
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute("BEGIN")
        ddl = _index_ddl_sqlite(conn)
        for name, _sql in ddl:
            conn.execute(f'DROP INDEX "{name}"')
        for name, cols in tables.rows.items():
            t0 = time.perf_counter()
            n = tables.count(name)
            sql = (f"INSERT INTO {name} ({', '.join(cols)}) VALUES "
                   f"({', '.join('?' * len(cols))})")
            for rows in _chunks(cols, n):
                conn.executemany(sql, rows)
            timings[f"load_{name}"] = round(time.perf_counter() - t0, 2)
            log(f"sqlite: {name}: {n:,} rows in {timings[f'load_{name}']} s")
        t0 = time.perf_counter()
        for _name, sql in ddl:
            conn.execute(sql)
        timings["index_build"] = round(time.perf_counter() - t0, 2)
        conn.execute("COMMIT")
        conn.execute("PRAGMA journal_mode=WAL")
    finally:
        conn.close()


def _pg_dsn(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def _load_pg(url: str, tables: Tables, timings: dict[str, float]) -> None:
    import psycopg

    with psycopg.connect(_pg_dsn(url)) as conn:
        cur = conn.cursor()
        cur.execute("SET TIME ZONE 'UTC'")
        cur.execute("SET session_replication_role = replica")  # no row-by-row FK checks
        cur.execute("SET maintenance_work_mem = '512MB'")
        ddl = _index_ddl_pg(cur)
        for name, _sql in ddl:
            cur.execute(f'DROP INDEX "{name}"')
        for name, cols in tables.rows.items():
            t0 = time.perf_counter()
            n = tables.count(name)
            with cur.copy(f"COPY {name} ({', '.join(cols)}) FROM STDIN") as copy:
                for block in _pg_chunks(cols, n):
                    copy.write(block)
            timings[f"load_{name}"] = round(time.perf_counter() - t0, 2)
            log(f"pg: {name}: {n:,} rows in {timings[f'load_{name}']} s")
        t0 = time.perf_counter()
        for _name, sql in ddl:
            cur.execute(sql)
        timings["index_build"] = round(time.perf_counter() - t0, 2)
        for name in (n for n, cols in tables.rows.items() if "id" in cols):
            cur.execute("SELECT pg_get_serial_sequence(%s, 'id')", (name,))
            seq = cur.fetchone()[0]
            if seq:
                cur.execute(f"SELECT setval(%s, (SELECT coalesce(max(id), 1) FROM {name}))",
                            (seq,))
        cur.execute("SET session_replication_role = DEFAULT")
        conn.commit()


def _analyze(url: str) -> None:
    """Planner statistics after a load or a migration (VACUUM on PostgreSQL also sets the
    visibility map, as on a settled production table)."""
    engine = create_db_engine(url)
    try:
        with engine.connect() as conn:
            if engine.dialect.name == "sqlite":
                # On the driver connection: the app's hook would wrap it in a transaction.
                conn.connection.driver_connection.execute("ANALYZE")
            else:
                conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql(
                    "VACUUM ANALYZE")
    finally:
        engine.dispose()


def _upgrade_to(engine: Any, revision: str) -> None:
    """Alembic upgrade to ``revision`` (the app's own ``upgrade`` only knows "head")."""
    from alembic import command

    from reviewer_app.data.schema import _alembic_config

    cfg = _alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def _busy_reviewer(url: str, now: datetime) -> tuple[int | None, int | None]:
    """The reviewer with the most final decisions in the year (for the personal dashboard)."""
    from sqlalchemy import bindparam

    from reviewer_app.data.types import UtcDateTime

    engine = create_db_engine(url)
    try:
        with engine.connect() as conn:
            row = conn.execute(text(
                "SELECT user_id, count(*) FROM decisions"
                " WHERE outcome IN ('uphold', 'overturn', 'partial', 'reject_inadmissible')"
                " AND decided_at >= :since GROUP BY user_id ORDER BY 2 DESC, 1 LIMIT 1")
                .bindparams(bindparam("since", type_=UtcDateTime())),
                {"since": datetime.fromtimestamp(now.timestamp() - DAYS * 86400, UTC)}).first()
    finally:
        engine.dispose()
    return (int(row[0]), int(row[1])) if row else (None, None)


def build_year(db_url: str, *, decisions: int = 3_000_000, reviewers: int = 300,
               seed: int = DEFAULT_SEED, now: datetime = NOW) -> YearInfo:
    """Migrate the empty database at ``db_url`` and fill it with a year ending at ``now``."""
    timings: dict[str, float] = {}
    t_all = time.perf_counter()
    engine = create_db_engine(db_url)
    enable_wal(engine)
    _upgrade_to(engine, LOAD_REVISION)
    db = Database(engine)
    with engine.connect() as conn:
        if conn.execute(text("SELECT count(*) FROM appeals")).scalar_one():
            raise RuntimeError(f"{db_url} already holds appeals: build_year needs an empty one")
    cat = _catalog(db)
    dialect = engine.dialect.name
    db.dispose()
    plain = create_engine(db_url)
    with plain.connect() as conn:
        user_base = int(conn.execute(text("SELECT coalesce(max(id), 0) FROM users"))
                        .scalar_one())
    plain.dispose()
    t0 = time.perf_counter()
    tables = generate(cat, decisions=decisions, reviewers=reviewers, seed=seed, now=now,
                      user_base=user_base)
    timings["generate"] = round(time.perf_counter() - t0, 2)
    counts = {name: tables.count(name) for name in tables.rows}
    log(f"{dialect}: generated in {timings['generate']} s: {counts}")
    if dialect == "sqlite":
        _load_sqlite(make_url(db_url).database or "", tables, timings)
    else:
        _load_pg(db_url, tables, timings)
    del tables
    t0 = time.perf_counter()
    engine = create_db_engine(db_url)
    upgrade(engine)  # later migrations (roll-ups, indexes) run on the loaded year
    engine.dispose()
    timings["migrate_after_load"] = round(time.perf_counter() - t0, 2)
    t0 = time.perf_counter()
    _analyze(db_url)
    timings["analyze"] = round(time.perf_counter() - t0, 2)
    busy, busy_n = _busy_reviewer(db_url, now)
    timings["total"] = round(time.perf_counter() - t_all, 2)
    return YearInfo(url=db_url, decisions_target=decisions, reviewers=reviewers, seed=seed,
                    now=now.isoformat(), counts=counts, busy_reviewer_id=busy,
                    busy_reviewer_decisions_365d=busy_n, timings_s=timings)


# ------------------------------------------------------------------------------------------
# Cached databases
# ------------------------------------------------------------------------------------------
def cache_key(decisions: int, reviewers: int, seed: int, now: datetime) -> str:
    """Short, stable name part for these parameters and this generator version."""
    raw = f"{decisions}|{reviewers}|{seed}|{now.isoformat()}|{GENERATOR_VERSION}"
    return hashlib.sha1(raw.encode()).hexdigest()[:8]


def _label(decisions: int) -> str:
    if decisions % 1_000_000 == 0:
        return f"{decisions // 1_000_000}m"
    if decisions % 1000 == 0:
        return f"{decisions // 1000}k"
    return str(decisions)


def default_cache_dir() -> Path:
    """``$REVIEWER_BENCH_CACHE`` or ``~/.cache/reviewer-app-bench`` (outside the repo)."""
    env = os.environ.get("REVIEWER_BENCH_CACHE")
    return Path(env) if env else Path.home() / ".cache" / "reviewer-app-bench"


def _after_reuse(url: str) -> bool:
    """Bring a cached database up to this checkout's migrations (then ANALYZE); True when
    it can be used, False when its schema is one this checkout does not know (rebuild)."""
    from reviewer_app.data.schema import current_revision, head_revision
    from reviewer_app.domain.errors import SchemaMismatchError

    engine = create_db_engine(url)
    try:
        if current_revision(engine) == head_revision():
            return True
        log(f"migrating the cached database to {head_revision()}")
        try:
            upgrade(engine)
        except SchemaMismatchError:
            log("its schema is newer than this checkout's: rebuilding")
            return False
    finally:
        engine.dispose()
    _analyze(url)
    return True


def cached_year(engine: str, *, decisions: int = 3_000_000, reviewers: int = 300,
                seed: int = DEFAULT_SEED, now: datetime = NOW, pg_url: str = DEFAULT_PG,
                cache_dir: Path | None = None, rebuild: bool = False) -> YearInfo:
    """A database holding this year, built once and reused (``rebuild`` makes it again).

    SQLite: ``<cache_dir>/year-<label>-<key>.sqlite3`` with a ``.json`` beside it.
    PostgreSQL: database ``bench_year_<label>_<key>`` on ``pg_url``'s server, its info in
    the database's comment. A build goes to a temporary name and is renamed when complete,
    so an interrupted build is never reused.
    """
    key = cache_key(decisions, reviewers, seed, now)
    name = f"bench_year_{_label(decisions)}_{key}"
    params = {"decisions": decisions, "reviewers": reviewers, "seed": seed, "now": now}
    if engine == "sqlite":
        folder = cache_dir or default_cache_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path, meta = folder / f"{name}.sqlite3", folder / f"{name}.json"
        if not rebuild and path.exists() and meta.exists() \
                and _after_reuse(f"sqlite:///{path}"):
            info = YearInfo(**json.loads(meta.read_text()))
            info.url, info.reused = f"sqlite:///{path}", True
            log(f"sqlite: reusing {path}")
            return info
        tmp = folder / f"{name}.building.sqlite3"
        for p in (path, meta, tmp):
            for suffix in ("", "-wal", "-shm"):
                Path(f"{p}{suffix}").unlink(missing_ok=True)
        log(f"sqlite: building {path}")
        info = build_year(f"sqlite:///{tmp}", **params)
        tmp.rename(path)
        info.url = f"sqlite:///{path}"
        meta.write_text(json.dumps(asdict(info), indent=1))
        return info
    if engine != "pg":
        raise ValueError(f"unknown engine {engine!r}")
    admin_url = make_url(pg_url)
    if admin_url.drivername == "postgresql":
        admin_url = admin_url.set(drivername="postgresql+psycopg")
    url = admin_url.set(database=name).render_as_string(hide_password=False)
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            comment = conn.execute(text(
                "SELECT shobj_description(oid, 'pg_database') FROM pg_database"
                " WHERE datname = :n"), {"n": name}).first()
            if comment is not None and comment[0] and not rebuild and _after_reuse(url):
                info = YearInfo(**json.loads(comment[0]))
                info.url, info.reused = url, True
                log(f"pg: reusing database {name}")
                return info
            building = f"{name}_building"
            for db_name in (name, building):
                conn.execute(text(f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{building}"'))
        log(f"pg: building database {name}")
        info = build_year(admin_url.set(database=building).render_as_string(
            hide_password=False), **params)
        info.url = url
        with admin.connect() as conn:
            conn.execute(text(f'ALTER DATABASE "{building}" RENAME TO "{name}"'))
            literal = json.dumps(asdict(info)).replace("'", "''")
            conn.execute(text(f"COMMENT ON DATABASE \"{name}\" IS '{literal}'"))
        return info
    finally:
        admin.dispose()


def main(argv: Sequence[str] | None = None) -> int:
    """Build (or reuse) the cached year databases; print their info as JSON."""
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engines", default="sqlite,pg")
    parser.add_argument("--decisions", type=int, default=3_000_000)
    parser.add_argument("--reviewers", type=int, default=300)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--pg-url", default=os.environ.get("REVIEWER_APP_TEST_PG_URL",
                                                           DEFAULT_PG))
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args(argv)
    out = {}
    for engine in (e.strip() for e in args.engines.split(",") if e.strip()):
        out[engine] = asdict(cached_year(engine, decisions=args.decisions,
                                         reviewers=args.reviewers, seed=args.seed,
                                         pg_url=args.pg_url, rebuild=args.rebuild))
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())


__all__ = ["NOW", "YearInfo", "build_year", "cache_key", "cached_year", "generate"]
