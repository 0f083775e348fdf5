"""Shared by the outbox tests: a switchable database, a ready queue, and the consistency check.

A plain module (not a conftest) so process entry points and several test folders import it.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from factories import REDRESS, Factory
from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from reviewer_app.data.db import Database, create_db_engine
from reviewer_app.data.orm import AppealRow, DecisionRow, EventRow, LeaseRow
from reviewer_app.data.outbox_store import OutboxStore
from reviewer_app.domain.clock import Clock, utc_now
from reviewer_app.domain.enums import AppealStatus, Outcome
from reviewer_app.domain.errors import DatabaseUnavailableError
from reviewer_app.domain.models import DecisionDraft
from reviewer_app.services.outbox import OutboxService
from reviewer_app.services.queue import QueueService
from reviewer_app.services.review import ReviewService

REASON = "UPH-OUTBOX"


class SwitchableDatabase(Database):
    """The real database behind a switch: ``down = True`` is a pulled network cable.

    Used where a test needs "unreachable" on SQLite too; the PostgreSQL proofs cut real
    connections instead (pg_terminate_backend, a stopped server).
    """

    down = False

    @contextmanager
    def read(self) -> Iterator[Session]:
        self._check()
        with super().read() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        self._check()
        with super().write() as session:
            yield session

    @contextmanager
    def write_core(self) -> Iterator[Connection]:
        self._check()
        with super().write_core() as conn:
            yield conn

    def ping(self) -> None:
        self._check()
        super().ping()

    def _check(self) -> None:
        if self.down:
            raise DatabaseUnavailableError("Cannot use the database: switched off by the test")


@dataclass
class Stack:
    """Services over one database and one outbox file, as the app builds them."""

    db: Database
    queue: QueueService
    review: ReviewService
    outbox: OutboxService


def build_stack(db: Database, outbox_file: Path, clock: Clock = utc_now) -> Stack:
    """Queue, review and outbox services like ``app.build_services`` makes them."""
    queue = QueueService(db, clock=clock)
    review = ReviewService(db, clock=clock)
    outbox = OutboxService(OutboxStore(outbox_file), db, review, queue, clock=clock)
    return Stack(db, queue, review, outbox)


def seed(db: Database, appeals: int, reviewers: int = 1, **kw: object) -> tuple[list[int],
                                                                               list[int]]:
    """Appeals that reviewers may uphold with ``REASON``; returns (appeal ids, user ids)."""
    f = Factory(db, **kw)  # type: ignore[arg-type]
    f.reason_code(REASON, Outcome.UPHOLD)
    f.template(Outcome.UPHOLD, "en")
    users = [f.user(f"rev{i}") for i in range(reviewers)]
    ids = f.appeals(appeals, sla_hours=lambda i: 1 + i)
    return ids, users


def uphold(appeal_id: int, key: str) -> DecisionDraft:
    """A complete uphold decision with an idempotency key."""
    return DecisionDraft(
        appeal_id=appeal_id, outcome=Outcome.UPHOLD, reason_code=REASON,
        rationale="Invoice forged", response_text=f"We keep the removal. {REDRESS}",
        response_language="en", handle_seconds=42.0, idempotency_key=key,
    )


def assert_consistent(db: Database) -> Counter[int]:
    """Every decision once, an event per decision, an unbroken event chain, one holder.

    Returns the number of decisions per appeal (each 1) for further checks.
    """
    with db.read() as s:
        decisions = list(s.execute(select(DecisionRow.id, DecisionRow.appeal_id)))
        events = list(s.execute(select(EventRow.appeal_id, EventRow.before, EventRow.after,
                                       EventRow.payload_json).order_by(EventRow.id)))
        statuses = {a: st for a, st in s.execute(select(AppealRow.id, AppealRow.status))}
        leases = list(s.execute(select(LeaseRow.appeal_id, LeaseRow.user_id)))
    per_appeal = Counter(appeal for _id, appeal in decisions)
    assert all(n == 1 for n in per_appeal.values()), f"decided twice: {per_appeal}"
    for appeal, status in statuses.items():
        if status == AppealStatus.DECIDED.value:
            assert per_appeal[appeal] == 1, f"appeal {appeal} decided without a decision"
    payloads = [json.loads(p) for _a, _b, _after, p in events]
    logged = Counter(int(p["decision_id"]) for p in payloads if "decision_id" in p)
    assert logged == Counter(i for i, _ in decisions), "each decision is logged exactly once"
    last: dict[int, str] = {}
    for appeal, before, after, _p in events:
        if appeal in last:
            assert before == last[appeal], f"event chain of appeal {appeal} is broken"
        last[appeal] = after
    for appeal, after in last.items():
        assert statuses[appeal] == after, f"appeal {appeal} status disagrees with its log"
    holders = Counter(appeal for appeal, _u in leases)
    assert all(n == 1 for n in holders.values())
    for appeal, _user in leases:
        assert statuses[appeal] == AppealStatus.IN_REVIEW.value
    return per_appeal


def client_process(url: str, outbox_file: str, user_id: int, appeal_id: int, key: str,
                   mode: str, marker: str) -> None:
    """A reviewer's app process that submits one decision and then hangs to be SIGKILLed.

    ``mode`` says where it stops: ``"before_apply"`` (saved in the outbox, the database not
    yet tried), ``"in_transaction"`` (inside decide's transaction, which the test holds up
    with a table lock) or ``"after_commit"`` (the database has it; the outbox does not know).
    ``marker`` is a file written when that point is reached.
    """
    import time

    db = Database(create_db_engine(url))
    stack = build_stack(db, Path(outbox_file))
    real_decide = stack.review.decide
    real_mark = OutboxStore.mark

    def reached() -> None:
        Path(marker).write_text("reached")

    def decide(uid: int, draft: DecisionDraft) -> object:
        reached()
        if mode == "before_apply":
            time.sleep(3600)
        return real_decide(uid, draft)

    def mark(store: OutboxStore, entry_id: int, state: object, **kw: object) -> None:
        if mode == "after_commit" and state == "applied":
            reached()
            time.sleep(3600)
        real_mark(store, entry_id, state, **kw)  # type: ignore[arg-type]

    if mode in ("before_apply", "in_transaction"):
        stack.review.decide = decide  # type: ignore[method-assign]
    else:
        OutboxStore.mark = mark  # type: ignore[method-assign]
    stack.outbox.submit(user_id, uphold(appeal_id, key), f"ref-{appeal_id}")
    time.sleep(3600)  # never reached in the test: it kills us first
