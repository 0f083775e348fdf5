"""Outbox-first decisions on SQLite and PostgreSQL: saved locally, applied once, conflicts kept."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from factories import ManualClock
from outbox_support import Stack, SwitchableDatabase, assert_consistent, build_stack, seed, uphold
from sqlalchemy import func, select

from reviewer_app.data.db import Database, create_db_engine
from reviewer_app.data.orm import DecisionRow, LeaseRow
from reviewer_app.domain.enums import Outcome
from reviewer_app.domain.errors import ConflictError, IncompleteDecisionError
from reviewer_app.domain.models import DecisionDraft
from reviewer_app.domain.outbox import OutboxState, draft_from_json, draft_to_json
from reviewer_app.services.outbox import SubmitStatus


@pytest.fixture
def flaky(db_url: str) -> Iterator[SwitchableDatabase]:
    db = SwitchableDatabase(create_db_engine(db_url))
    yield db
    db.dispose()


@pytest.fixture
def stack(flaky: SwitchableDatabase, tmp_path: Path, clock: ManualClock) -> Stack:
    return build_stack(flaky, tmp_path / "outbox.sqlite3", clock)


def _decisions(db: Database, appeal_id: int) -> int:
    with db.read() as s:
        return int(s.scalar(select(func.count()).select_from(DecisionRow)
                            .where(DecisionRow.appeal_id == appeal_id)))


def _holder(db: Database, appeal_id: int) -> int | None:
    with db.read() as s:
        return s.scalar(select(LeaseRow.user_id).where(LeaseRow.appeal_id == appeal_id))


def test_online_submit_applies_and_marks_the_entry(stack: Stack) -> None:
    (appeal,), (ana,) = seed(stack.db, 1)
    stack.queue.claim(appeal, ana)
    result = stack.outbox.submit(ana, uphold(appeal, "k1"), "A-1")
    assert result.status is SubmitStatus.APPLIED
    assert result.changes.appeal_ids == {appeal}
    assert _decisions(stack.db, appeal) == 1
    assert stack.outbox.counts(ana).pending == 0
    assert stack.outbox.replay(ana).applied == ()  # nothing left to send
    assert_consistent(stack.db)


def test_offline_submit_is_kept_and_replayed_exactly_once(stack: Stack) -> None:
    (appeal,), (ana,) = seed(stack.db, 1)
    stack.queue.claim(appeal, ana)
    stack.db.down = True  # type: ignore[attr-defined]
    result = stack.outbox.submit(ana, uphold(appeal, "k1"), "A-1")
    assert result.status is SubmitStatus.SAVED_LOCALLY
    assert stack.outbox.counts(ana).pending == 1
    report = stack.outbox.replay(ana)
    assert report.offline and report.applied == ()
    stack.db.down = False  # type: ignore[attr-defined]
    assert _decisions(stack.db, appeal) == 0 and _holder(stack.db, appeal) == ana
    report = stack.outbox.replay(ana)
    assert [e.appeal_id for e in report.applied] == [appeal] and not report.offline
    assert report.changes.appeal_ids == {appeal}
    assert stack.outbox.replay(ana).applied == ()
    assert _decisions(stack.db, appeal) == 1 and _holder(stack.db, appeal) is None
    assert stack.outbox.counts(ana).pending == 0
    assert_consistent(stack.db)


def test_pending_entries_replay_in_order_and_stop_when_offline(stack: Stack) -> None:
    appeals, (ana,) = seed(stack.db, 3)
    for n, appeal in enumerate(appeals):
        stack.queue.claim(appeal, ana)
        stack.db.down = True  # type: ignore[attr-defined]
        stack.outbox.submit(ana, uphold(appeal, f"k{n}"))
        stack.db.down = False  # type: ignore[attr-defined]
    report = stack.outbox.replay(ana)
    assert [e.appeal_id for e in report.applied] == appeals
    assert_consistent(stack.db)


def test_expired_lease_becomes_a_conflict_and_try_again_claims_and_applies(
    stack: Stack, clock: ManualClock
) -> None:
    (appeal,), (ana,) = seed(stack.db, 1)
    stack.queue.claim(appeal, ana)
    stack.db.down = True  # type: ignore[attr-defined]
    stack.outbox.submit(ana, uphold(appeal, "k1"), "A-1")
    stack.db.down = False  # type: ignore[attr-defined]
    clock.now += timedelta(minutes=16)  # past the 15-minute lease
    report = stack.outbox.replay(ana)
    assert [e.appeal_id for e in report.conflicts] == [appeal]
    (conflict,) = stack.outbox.conflicts(ana)
    assert (conflict.problem, conflict.appeal_ref) == ("LeaseLostError", "A-1")
    assert conflict.draft == uphold(appeal, "k1")
    assert stack.outbox.counts(ana).conflicts == 1
    assert _decisions(stack.db, appeal) == 0
    stack.outbox.retry(conflict.id)
    assert _decisions(stack.db, appeal) == 1
    assert stack.outbox.counts(ana).conflicts == 0
    stack.outbox.retry(conflict.id)  # an applied entry is not sent again
    assert_consistent(stack.db)


def test_appeal_taken_by_someone_else_stays_a_conflict_until_discarded(
    stack: Stack, clock: ManualClock
) -> None:
    (appeal,), (ana, ben) = seed(stack.db, 1, reviewers=2)
    stack.queue.claim(appeal, ana)
    stack.db.down = True  # type: ignore[attr-defined]
    stack.outbox.submit(ana, uphold(appeal, "k1"))
    stack.db.down = False  # type: ignore[attr-defined]
    clock.now += timedelta(minutes=16)
    stack.queue.expire_leases()
    stack.queue.claim(appeal, ben)
    stack.review.decide(ben, uphold(appeal, "ben-key"))
    (conflict,) = stack.outbox.replay(ana).conflicts
    with pytest.raises(ConflictError):
        stack.outbox.retry(conflict.id)
    (still,) = stack.outbox.conflicts(ana)
    assert still.problem == "ConflictError"
    stack.outbox.discard(still.id)
    assert stack.outbox.conflicts(ana) == ()
    assert stack.outbox.counts(ana).conflicts == 0
    assert _decisions(stack.db, appeal) == 1  # Ben's, nobody else's
    assert_consistent(stack.db)


def test_a_refused_submit_is_shown_now_and_not_kept(stack: Stack) -> None:
    (appeal,), (ana,) = seed(stack.db, 1)
    stack.queue.claim(appeal, ana)
    with pytest.raises(IncompleteDecisionError):
        stack.outbox.submit(ana, DecisionDraft(appeal, Outcome.UPHOLD, idempotency_key="k"))
    assert stack.outbox.counts(ana).pending == 0
    assert stack.outbox.replay(ana).applied == ()
    assert _holder(stack.db, appeal) == ana


def test_entries_belong_to_one_database_and_one_user(stack: Stack, tmp_path: Path) -> None:
    appeals, (ana, ben) = seed(stack.db, 2, reviewers=2)
    stack.queue.claim(appeals[0], ana)
    stack.queue.claim(appeals[1], ben)
    stack.db.down = True  # type: ignore[attr-defined]
    stack.outbox.submit(ana, uphold(appeals[0], "a"))
    stack.outbox.submit(ben, uphold(appeals[1], "b"))
    stack.db.down = False  # type: ignore[attr-defined]
    other_db = Database(create_db_engine(f"sqlite:///{tmp_path / 'other.sqlite3'}"))
    other = build_stack(other_db, tmp_path / "outbox.sqlite3")
    assert other.outbox.counts(ana).pending == 0  # same file, another database
    assert [e.appeal_id for e in stack.outbox.replay(ana).applied] == [appeals[0]]
    assert stack.outbox.counts(ben).pending == 1
    other_db.dispose()


def test_the_outbox_file_is_durable_and_keeps_every_field(stack: Stack, tmp_path: Path) -> None:
    (appeal,), (ana,) = seed(stack.db, 1)
    draft = DecisionDraft(
        appeal_id=appeal, outcome=Outcome.REQUEST_INFO, rationale="需要发票",
        requested_documents=("invoice", "licence"), response_language="zh",
        sop_document_id=7, handle_seconds=12.5, idempotency_key="k-\u00e9",
    )
    assert draft_from_json(draft_to_json(draft)) == draft
    stack.db.down = True  # type: ignore[attr-defined]
    entry_id = stack.outbox.submit(ana, draft, "A-9").entry_id
    with sqlite3.connect(tmp_path / "outbox.sqlite3") as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        state, url = conn.execute("SELECT state, database FROM outbox WHERE id = ?",
                                  (entry_id,)).fetchone()
    assert state == OutboxState.PENDING.value
    assert url == stack.db.identity


def test_applied_entries_older_than_a_week_are_forgotten_others_kept(
        stack: Stack, flaky: SwitchableDatabase, clock: ManualClock) -> None:
    (a1, a2, a3), (ana,) = seed(stack.db, 3)
    for appeal in (a1, a2):
        stack.queue.claim(appeal, ana)
    old_applied = stack.outbox.submit(ana, uphold(a1, "old"), "A-1")
    flaky.down = True
    old_pending = stack.outbox.submit(ana, uphold(a2, "pending"), "A-2")
    flaky.down = False
    assert old_pending.status is SubmitStatus.SAVED_LOCALLY
    clock.now += timedelta(days=6)
    stack.queue.claim(a3, ana)
    recent_applied = stack.outbox.submit(ana, uphold(a3, "recent"), "A-3")
    clock.now += timedelta(days=2)  # "old" was applied 8 days ago, "recent" 2 days ago

    assert stack.outbox.prune_applied() == 1
    store = stack.outbox._store  # the file itself, as support would look at it
    assert store.get(old_applied.entry_id) is None
    assert store.get(recent_applied.entry_id).state is OutboxState.APPLIED  # type: ignore[union-attr]
    assert store.get(old_pending.entry_id).state is OutboxState.PENDING  # type: ignore[union-attr]
    assert stack.outbox.prune_applied() == 0
    # The key is still honoured by the database: replaying a forgotten entry adds nothing.
    flaky.down = True
    stack.outbox.submit(ana, uphold(a1, "old"), "A-1")
    flaky.down = False
    report = stack.outbox.replay(ana)
    assert a1 in {e.appeal_id for e in report.applied}
    assert _decisions(stack.db, a1) == 1
    assert_consistent(stack.db)
