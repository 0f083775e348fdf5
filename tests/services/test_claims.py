"""Claims and leases on SQLite and PostgreSQL: order, eligibility, expiry, release."""

from __future__ import annotations

import json
import threading
from datetime import timedelta

import pytest
from factories import NOW, Factory, ManualClock
from sqlalchemy import select

from reviewer_app.data.db import Database
from reviewer_app.data.orm import AppealRow, EventRow, LeaseRow
from reviewer_app.domain.enums import AppealStatus, EventType, Outcome
from reviewer_app.domain.errors import (
    ConflictError,
    LeaseLostError,
    NotFoundError,
    NothingToClaimError,
    PermissionDeniedError,
)
from reviewer_app.services.queue import QueueService


@pytest.fixture
def svc(database: Database, clock: ManualClock) -> QueueService:
    return QueueService(database, clock=clock, lease_minutes=15)


@pytest.fixture
def f(database: Database) -> Factory:
    return Factory(database)


def _status(db: Database, appeal_id: int) -> str:
    with db.read() as s:
        return s.scalar(select(AppealRow.status).where(AppealRow.id == appeal_id))


def _events(db: Database, appeal_id: int) -> list:
    """Event rows as plain named tuples (readable after the session ends)."""
    cols = EventRow.__table__.c
    with db.read() as s:
        return list(s.execute(select(cols.type, cols.before, cols.after, cols.actor_user_id,
                                     cols.at, cols.comment, cols.payload_json)
                              .where(cols.appeal_id == appeal_id).order_by(cols.id)))


def test_claim_next_order_sla_then_priority_then_id(f: Factory, svc: QueueService) -> None:
    user = f.user()
    later = f.appeal(sla_due_at=NOW + timedelta(hours=5), priority=100)
    low = f.appeal(sla_due_at=NOW + timedelta(hours=1), priority=10)
    high_b = f.appeal(sla_due_at=NOW + timedelta(hours=1), priority=90)
    high_a = f.appeal(sla_due_at=NOW + timedelta(hours=1), priority=90)
    breached = f.appeal(sla_due_at=NOW - timedelta(hours=1), priority=0)
    f.appeal(sla_due_at=NOW - timedelta(hours=9), status=AppealStatus.DECIDED)
    f.appeal(sla_due_at=NOW - timedelta(hours=9), status=AppealStatus.AWAITING_INFO)
    order = [svc.claim_next(user).appeal_id for _ in range(5)]
    assert order == [breached, min(high_a, high_b), max(high_a, high_b), low, later]
    with pytest.raises(NothingToClaimError):
        svc.claim_next(user)


def test_claim_writes_lease_status_and_event(database: Database, f: Factory,
                                             svc: QueueService) -> None:
    user = f.user()
    appeal = f.appeal(status=AppealStatus.ESCALATED)
    lease = svc.claim_next(user)
    assert (lease.appeal_id, lease.user_id, lease.claimed_at) == (appeal, user, NOW)
    assert lease.expires_at == NOW + timedelta(minutes=15)
    assert _status(database, appeal) == "in_review"
    with database.read() as s:
        assert s.scalar(select(LeaseRow.return_status)) == "escalated"
    (event,) = _events(database, appeal)
    assert (event.type, event.before, event.after, event.actor_user_id, event.at) == (
        "claimed", "escalated", "in_review", user, NOW)


@pytest.mark.parametrize("status", [AppealStatus.NEW, AppealStatus.ESCALATED,
                                    AppealStatus.REOPENED])
def test_release_returns_previous_status_with_reason(database: Database, f: Factory,
                                                     svc: QueueService,
                                                     status: AppealStatus) -> None:
    user = f.user()
    appeal = f.appeal(status=status)
    svc.claim(appeal, user)
    changes = svc.release(appeal, user, "need a German speaker")
    assert changes.appeal_ids == {appeal}
    assert _status(database, appeal) == status.value
    last = _events(database, appeal)[-1]
    assert (last.type, last.before, last.after, last.comment) == (
        "released", "in_review", status.value, "need a German speaker")
    with pytest.raises(LeaseLostError):
        svc.release(appeal, user, "again")


def test_only_the_holder_may_release_or_renew(f: Factory, svc: QueueService,
                                             clock: ManualClock) -> None:
    ana, bob = f.user(), f.user()
    appeal = f.appeal()
    svc.claim(appeal, ana)
    with pytest.raises(LeaseLostError):
        svc.release(appeal, bob, "not mine")
    with pytest.raises(LeaseLostError):
        svc.renew(appeal, bob)
    clock.now += timedelta(minutes=10)
    assert svc.renew(appeal, ana).expires_at == clock.now + timedelta(minutes=15)
    clock.now += timedelta(minutes=16)
    with pytest.raises(LeaseLostError):
        svc.renew(appeal, ana)


def test_expired_lease_returns_case_and_does_not_block(
    database: Database, f: Factory, svc: QueueService, clock: ManualClock
) -> None:
    ana, bob = f.user("ana"), f.user("bob")
    appeal = f.appeal()
    svc.claim_next(ana)
    with pytest.raises(NothingToClaimError):
        svc.claim_next(bob)
    clock.now += timedelta(minutes=15)
    with pytest.raises(NothingToClaimError):  # expiry is strict: at 15:00 still held
        svc.claim_next(bob)
    clock.now += timedelta(seconds=1)
    lease = svc.claim_next(bob)  # expired lease is cleared in the same transaction
    assert lease.appeal_id == appeal and lease.user_id == bob
    types = [e.type for e in _events(database, appeal)]
    assert types == ["claimed", "lease_expired", "claimed"]
    with pytest.raises(LeaseLostError):
        svc.release(appeal, ana, "too late")


def test_expire_leases_reports_changes(database: Database, f: Factory, svc: QueueService,
                                       clock: ManualClock) -> None:
    user = f.user()
    a, b = f.appeals(2, status=lambda i: [AppealStatus.NEW, AppealStatus.REOPENED][i])
    svc.claim(a, user)
    clock.now += timedelta(minutes=10)
    svc.claim(b, user)
    assert svc.expire_leases().appeal_ids == frozenset()
    clock.now += timedelta(minutes=6)
    assert svc.expire_leases().appeal_ids == {a}
    assert _status(database, a) == "new" and _status(database, b) == "in_review"
    clock.now += timedelta(minutes=10)
    assert svc.expire_leases().appeal_ids == {b}
    assert _status(database, b) == "reopened"
    expired = _events(database, b)[-1]
    assert (expired.type, expired.before, expired.after) == ("lease_expired", "in_review",
                                                             "reopened")
    assert json.loads(expired.payload_json)["lease_user_id"] == user


def test_original_decider_is_never_offered_their_case(f: Factory, svc: QueueService) -> None:
    ana, bob = f.user(), f.user()
    mine = f.appeal(decided_by_user_id=ana, sla_due_at=NOW - timedelta(hours=3))
    other = f.appeal(sla_due_at=NOW)
    assert svc.claim_next(ana).appeal_id == other
    with pytest.raises(NothingToClaimError):
        svc.claim_next(ana)
    with pytest.raises(PermissionDeniedError, match="original_decider"):
        svc.claim(mine, ana)
    assert svc.claim_next(bob).appeal_id == mine


def test_first_round_reviewer_excluded_from_second_round(f: Factory, svc: QueueService) -> None:
    ana, bob = f.user(), f.user()
    first = f.appeal(status=AppealStatus.DECIDED, decided_at=NOW - timedelta(days=2))
    f.decision(first, ana, Outcome.UPHOLD)
    with f.db.read() as s:
        enforcement = s.scalar(select(AppealRow.enforcement_id).where(AppealRow.id == first))
    second = f.appeal(enforcement_id=enforcement, round=2, previous_appeal_id=first)
    with pytest.raises(NothingToClaimError):
        svc.claim_next(ana)
    with pytest.raises(PermissionDeniedError, match="first_round_reviewer"):
        svc.claim(second, ana)
    assert svc.claim_next(bob).appeal_id == second


def test_skills_route_work(f: Factory, svc: QueueService) -> None:
    german = f.user(languages={"de"}, markets={"DE", "AT"})
    ip_only = f.user(policies={"IP_COUNTERFEIT"})
    fr = f.appeal(market="FR", language="fr", sla_due_at=NOW - timedelta(hours=5))
    de_unsafe = f.appeal(market="DE", language="de", policy_code="UNSAFE_PRODUCT",
                         sla_due_at=NOW - timedelta(hours=4))
    at_ip = f.appeal(market="AT", language="de", policy_code="IP_COUNTERFEIT",
                     sla_due_at=NOW - timedelta(hours=3))
    assert svc.claim_next(german).appeal_id == de_unsafe
    assert svc.claim_next(ip_only).appeal_id == fr
    assert svc.claim_next(german).appeal_id == at_ip
    with pytest.raises(NothingToClaimError):
        svc.claim_next(german)
    f2 = f.appeal(market="FR", language="fr", policy_code="UNSAFE_PRODUCT")
    with pytest.raises(PermissionDeniedError, match="missing_skill"):
        svc.claim(f2, german)


def test_explicit_claim_conflicts(f: Factory, svc: QueueService) -> None:
    ana, bob = f.user(), f.user()
    appeal = f.appeal()
    decided = f.appeal(status=AppealStatus.DECIDED)
    svc.claim(appeal, ana)
    with pytest.raises(ConflictError, match="already claimed"):
        svc.claim(appeal, bob)
    with pytest.raises(ConflictError, match="decided"):
        svc.claim(decided, bob)
    with pytest.raises(NotFoundError):
        svc.claim(999_999, bob)


def test_concurrent_claims_never_share_an_appeal(database: Database, f: Factory,
                                                 clock: ManualClock) -> None:
    users = [f.user() for _ in range(4)]
    appeals = f.appeals(30, sla_hours=lambda i: i % 3)
    claimed: list[int] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def work(user: int) -> None:
        svc = QueueService(database, clock=clock)
        try:
            while True:
                try:
                    lease = svc.claim_next(user)
                except NothingToClaimError:
                    return
                with lock:
                    claimed.append(lease.appeal_id)
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(u,)) for u in users]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sorted(claimed) == sorted(appeals)
    with database.read() as s:
        assert s.scalar(select(EventRow.id).where(EventRow.type != EventType.CLAIMED.value)) \
            is None


def test_claim_tidies_a_bounded_number_of_expired_leases(
    database: Database, f: Factory, svc: QueueService, clock: ManualClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import reviewer_app.services.queue as queue_module

    monkeypatch.setattr(queue_module, "EXPIRE_PER_CLAIM", 1)
    ana, bob = f.user(), f.user()
    first, second, fresh = f.appeals(3, sla_hours=lambda i: 10 + i)
    svc.claim(first, ana)
    clock.now += timedelta(minutes=1)
    svc.claim(second, ana)
    clock.now += timedelta(minutes=20)
    # One claim returns only the oldest lapsed lease, then takes the most urgent claimable.
    assert svc.claim_next(bob).appeal_id == first
    assert _status(database, second) == "in_review"
    assert svc.expire_leases().appeal_ids == {second}
    assert svc.claim_next(bob).appeal_id == second
    assert svc.claim_next(bob).appeal_id == fresh


def test_claim_skips_the_expiry_pass_when_no_lease_has_lapsed(
    f: Factory, svc: QueueService, clock: ManualClock, monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The claimer lookup also says whether any lease lapsed: the expiry pass (a locked read
    # of the leases) runs only then, a round trip saved on almost every claim.
    import reviewer_app.services.queue as queue_module

    passes: list[object] = []
    real = queue_module.leases.expire_leases
    monkeypatch.setattr(queue_module.leases, "expire_leases",
                        lambda *a, **k: passes.append(a) or real(*a, **k))
    ana, bob = f.user(), f.user()
    first, _second = f.appeals(2, sla_hours=lambda i: 10 + i)
    svc.claim_next(ana)
    assert passes == []
    clock.now += timedelta(minutes=16)
    assert svc.claim_next(bob).appeal_id == first  # ana's lapsed lease was tidied first
    assert len(passes) == 1
