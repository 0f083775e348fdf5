"""Many processes claim and decide from one queue: every appeal is handled exactly once."""

from __future__ import annotations

import multiprocessing as mp
from collections import Counter

import pytest
from factories import REDRESS, Factory
from sqlalchemy import func, select

from reviewer_app.data.db import Database, create_db_engine
from reviewer_app.data.orm import AppealRow, DecisionRow, EventRow
from reviewer_app.domain.enums import EventType, Outcome
from reviewer_app.domain.errors import NothingToClaimError
from reviewer_app.domain.models import DecisionDraft
from reviewer_app.services.queue import QueueService
from reviewer_app.services.review import ReviewService


def _work(url: str, user_id: int) -> list[int]:
    """One reviewer process: its own engine; claim next and decide until the queue is empty."""
    db = Database(create_db_engine(url))
    queue, review = QueueService(db), ReviewService(db)
    decided: list[int] = []
    try:
        while True:
            try:
                lease = queue.claim_next(user_id)
            except NothingToClaimError:
                return decided
            review.decide(user_id, DecisionDraft(
                appeal_id=lease.appeal_id, outcome=Outcome.UPHOLD, reason_code="UPH-MP",
                rationale="checked", response_text=f"Upheld. {REDRESS}",
                idempotency_key=f"mp-{lease.appeal_id}-{user_id}",
            ))
            decided.append(lease.appeal_id)
    finally:
        db.dispose()


def _run(url: str, processes: int, appeals: int) -> None:
    db = Database(create_db_engine(url))
    f = Factory(db)
    f.reason_code("UPH-MP", Outcome.UPHOLD)
    f.template(Outcome.UPHOLD, "en")
    enforcement = f.enforcement()
    ids = f.appeals(appeals, enforcement_id=enforcement, sla_hours=lambda i: i % 97,
                    priority=lambda i: i % 7)
    users = [f.user(f"mp{i}") for i in range(processes)]

    with mp.get_context("spawn").Pool(processes) as pool:
        results = pool.starmap(_work, [(url, u) for u in users], chunksize=1)

    handled = [a for result in results for a in result]
    assert len(handled) == len(set(handled)) == appeals
    assert set(handled) == set(ids)
    assert sum(1 for r in results if r) > 1, "work should be spread over several processes"
    with db.read() as s:
        per_appeal = Counter(s.scalars(select(DecisionRow.appeal_id)))
        claimed = Counter(s.scalars(select(EventRow.appeal_id)
                                    .where(EventRow.type == EventType.CLAIMED.value)))
        undecided = s.scalar(select(func.count()).select_from(AppealRow)
                             .where(AppealRow.status != "decided"))
    assert set(per_appeal) == set(ids) and set(per_appeal.values()) == {1}
    assert set(claimed) == set(ids) and set(claimed.values()) == {1}
    assert undecided == 0
    db.dispose()


@pytest.mark.pg
@pytest.mark.slow
def test_eight_processes_empty_a_postgresql_queue_exactly_once(pg_url: str) -> None:
    _run(pg_url, processes=8, appeals=2000)


@pytest.mark.slow
def test_four_processes_empty_an_sqlite_queue_exactly_once(sqlite_url: str) -> None:
    _run(sqlite_url, processes=4, appeals=300)
