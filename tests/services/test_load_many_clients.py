"""Load proof: 32 client processes empty a 20,000-appeal PostgreSQL queue through the services.

Each process is one reviewer workstation: its own engine (one pooled connection, like a
desktop client), ``QueueService.claim_next`` then ``ReviewService.decide`` with an
idempotency key, until nothing is left. Some decisions are sent twice (a client retrying
after a lost reply) to prove a replay never stores a second decision. Afterwards the
database itself is the witness: decisions, appeals, leases, the append-only event log and
the change feed must all tell the same story, exactly once per appeal.
"""

from __future__ import annotations

import multiprocessing as mp
import time
from collections import Counter, defaultdict
from datetime import timedelta

import pytest
from factories import NOW, REDRESS, Factory
from sqlalchemy import create_engine, func, insert, select

from reviewer_app.data.db import Database, create_db_engine
from reviewer_app.data.orm import AppealRow, ChangeFeedRow, DecisionRow, EventRow, LeaseRow
from reviewer_app.domain.enums import EventType, Outcome
from reviewer_app.domain.errors import NothingToClaimError
from reviewer_app.domain.models import DecisionDraft
from reviewer_app.services.queue import QueueService
from reviewer_app.services.review import ReviewService

CLIENTS = 32
APPEALS = 20_000
REPLAY_EVERY = 97  # every 97th decision of a client is sent a second time, same key


def _client(url: str, user_id: int) -> tuple[list[int], int]:
    """One reviewer process; returns the appeals it decided and how many replays it sent."""
    # One connection per client: 32 processes must not exhaust the server's connections.
    db = Database(create_engine(url, pool_size=1, max_overflow=0, pool_pre_ping=True))
    queue, review = QueueService(db), ReviewService(db)
    decided: list[int] = []
    replays = 0
    try:
        while True:
            try:
                lease = queue.claim_next(user_id)
            except NothingToClaimError:
                return decided, replays
            draft = DecisionDraft(
                appeal_id=lease.appeal_id, outcome=Outcome.UPHOLD, reason_code="UPH-LOAD",
                rationale="checked under load", response_text=f"Upheld. {REDRESS}",
                idempotency_key=f"load-{lease.appeal_id}-{user_id}",
            )
            review.decide(user_id, draft)
            decided.append(lease.appeal_id)
            if len(decided) % REPLAY_EVERY == 0:
                review.decide(user_id, draft)  # the retry must change nothing
                replays += 1
    finally:
        db.dispose()


def _seed(db: Database) -> tuple[list[int], list[int]]:
    """Catalog and users through the factory; the appeals in one multi-row INSERT (seconds,
    where 20,000 ORM objects take half a minute on this machine)."""
    f = Factory(db)
    f.reason_code("UPH-LOAD", Outcome.UPHOLD)
    f.template(Outcome.UPHOLD, "en")
    enforcement = f.enforcement()
    template = f.appeal(enforcement_id=enforcement)  # the parents every appeal shares
    with db.write() as s:
        first = s.execute(select(AppealRow.__table__).where(AppealRow.id == template)).one()
        base = {k: v for k, v in first._asdict().items() if k != "id"}
        s.execute(insert(AppealRow.__table__), [
            {**base, "ref": f"AP-LOAD-{i:06d}", "sla_due_at": NOW + timedelta(hours=i % 211),
             "priority": i % 7}
            for i in range(APPEALS - 1)
        ])
        ids = list(s.scalars(select(AppealRow.id)))
    users = [f.user(f"load{i}") for i in range(CLIENTS)]
    return ids, users


def _check_database(db: Database, ids: list[int], users: list[int]) -> None:
    """Every table agrees: one claim, one decision, one DECIDED event per appeal."""
    wanted = set(ids)
    with db.read() as s:
        decisions = s.execute(select(DecisionRow.appeal_id, DecisionRow.user_id,
                                     DecisionRow.id)).all()
        events = s.execute(select(EventRow.id, EventRow.appeal_id, EventRow.actor_user_id,
                                  EventRow.type, EventRow.payload_json)
                           .order_by(EventRow.id)).all()
        feed = Counter(s.execute(select(ChangeFeedRow.appeal_id, ChangeFeedRow.kind)).all())
        leases_left = s.scalar(select(func.count()).select_from(LeaseRow))
        statuses = Counter(s.scalars(select(AppealRow.status)))
        unstamped = s.scalar(select(func.count()).select_from(AppealRow)
                             .where(AppealRow.decided_at.is_(None)))

    # Zero lost or duplicated decisions.
    per_appeal = Counter(a for a, _u, _id in decisions)
    assert set(per_appeal) == wanted, "every appeal has a decision"
    assert set(per_appeal.values()) == {1}, "no appeal has two decisions"
    assert statuses == {"decided": APPEALS} and unstamped == 0
    assert leases_left == 0, "no lease is left behind"

    # The event log: per appeal exactly CLAIMED then DECIDED, by the decider, naming it.
    decider = {a: (u, d) for a, u, d in decisions}
    per_appeal_events: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for _id, appeal_id, actor, kind, payload in events:
        per_appeal_events[appeal_id].append((kind, actor))
        if kind == EventType.DECIDED.value:
            assert f'"decision_id": {decider[appeal_id][1]}' in payload
    assert set(per_appeal_events) == wanted
    for appeal_id, seq in per_appeal_events.items():
        user = decider[appeal_id][0]
        assert seq == [(EventType.CLAIMED.value, user), (EventType.DECIDED.value, user)], (
            f"appeal {appeal_id}: events {seq}"
        )

    # Claims never overlap: each client's own events alternate claim, decide of that claim.
    by_user: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for _id, appeal_id, actor, kind, _payload in events:
        by_user[actor].append((kind, appeal_id))
    assert set(by_user) <= set(users)
    for user, seq in by_user.items():
        kinds = [k for k, _a in seq]
        assert kinds == [EventType.CLAIMED.value, EventType.DECIDED.value] * (len(seq) // 2), (
            f"user {user} held two claims at once"
        )
        assert all(seq[i][1] == seq[i + 1][1] for i in range(0, len(seq), 2))

    # The change feed carries each logged change once (what other clients' views follow).
    expected_feed = Counter({(a, k): 1 for a in ids
                             for k in (EventType.CLAIMED.value, EventType.DECIDED.value)})
    assert feed == expected_feed


@pytest.mark.pg
@pytest.mark.slow
def test_32_client_processes_decide_20000_appeals_exactly_once(pg_url: str) -> None:
    db = Database(create_db_engine(pg_url))
    try:
        started = time.perf_counter()
        ids, users = _seed(db)
        seeded = time.perf_counter()
        with mp.get_context("spawn").Pool(CLIENTS) as pool:
            results = pool.starmap(_client, [(pg_url, u) for u in users], chunksize=1)
        worked = time.perf_counter()

        handled = [a for decided, _r in results for a in decided]
        assert len(handled) == len(set(handled)) == APPEALS, "no appeal decided by two clients"
        assert set(handled) == set(ids)
        busy = sum(1 for decided, _r in results if decided)
        assert busy >= CLIENTS // 2, f"work should be spread over the clients, {busy} worked"
        replays = sum(r for _d, r in results)
        assert replays > 0
        _check_database(db, ids, users)
        print(f"\nload: seeded {APPEALS} in {seeded - started:.1f} s; {CLIENTS} clients "
              f"decided them in {worked - seeded:.1f} s "
              f"({APPEALS / (worked - seeded):.0f}/s, {replays} replays); "
              f"checked in {time.perf_counter() - worked:.1f} s")
    finally:
        db.dispose()
