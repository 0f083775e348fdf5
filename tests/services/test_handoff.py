"""Hold for help, resume, hand-off and the conflict info of refusals (SQLite and PostgreSQL)."""

from __future__ import annotations

import pickle
import threading
from datetime import timedelta

import pytest
from factories import NOW, REDRESS, Factory, ManualClock
from sqlalchemy import select

from reviewer_app.data.db import Database, create_db_engine
from reviewer_app.data.orm import AppealRow, EventRow, LeaseRow
from reviewer_app.domain.enums import EventType, Outcome
from reviewer_app.domain.errors import (
    ConflictError,
    HandOffRefusedError,
    LeaseLostError,
    NoteRequiredError,
    NotFoundError,
)
from reviewer_app.domain.models import DecisionDraft
from reviewer_app.domain.rules import MISSING_SKILL, ORIGINAL_DECIDER
from reviewer_app.services.handoff import HandOffService
from reviewer_app.services.queue import QueueService
from reviewer_app.services.review import ReviewService


@pytest.fixture
def f(database: Database) -> Factory:
    return Factory(database)


@pytest.fixture
def queue(database: Database, clock: ManualClock) -> QueueService:
    return QueueService(database, clock=clock, lease_minutes=15)


@pytest.fixture
def handoff(database: Database, clock: ManualClock) -> HandOffService:
    return HandOffService(database, clock=clock, lease_minutes=15, hold_hours=8)


def _lease_row(db: Database, appeal_id: int) -> tuple | None:
    c = LeaseRow.__table__.c
    with db.read() as s:
        return s.execute(select(c.user_id, c.expires_at, c.held, c.note, c.version)
                         .where(c.appeal_id == appeal_id)).one_or_none()


def _ref(db: Database, appeal_id: int) -> str:
    with db.read() as s:
        return s.scalar(select(AppealRow.ref).where(AppealRow.id == appeal_id))


def _events(db: Database, appeal_id: int) -> list:
    c = EventRow.__table__.c
    with db.read() as s:
        return list(s.execute(select(c.type, c.actor_user_id, c.before, c.after, c.comment,
                                     c.payload_json)
                              .where(c.appeal_id == appeal_id).order_by(c.id)))


def test_hold_keeps_the_case_longer_with_a_note_and_resume_returns_to_normal(
    database: Database, f: Factory, queue: QueueService, handoff: HandOffService,
    clock: ManualClock,
) -> None:
    ana = f.user("ana")
    appeal = f.appeal()
    lease = queue.claim_next(ana)
    assert (lease.held, lease.note, lease.version) == (False, None, 1)
    clock.now += timedelta(minutes=5)
    held = handoff.hold(appeal, ana, "  Need a lead's view on the invoice  ",
                        expected_version=lease.version)
    assert held.held and held.note == "Need a lead's view on the invoice"
    assert held.expires_at == clock.now + timedelta(hours=8)
    assert held.version == 2
    assert _lease_row(database, appeal) == (ana, held.expires_at, True, held.note, 2)
    # The automatic renewal of a still-active client never shortens the hold.
    assert queue.renew(appeal, ana).expires_at == held.expires_at
    clock.now += timedelta(hours=3)  # a 15-minute lease would long have expired
    assert queue.expire_leases().appeal_ids == frozenset()
    resumed = handoff.unhold(appeal, ana, expected_version=held.version)
    assert (resumed.held, resumed.note, resumed.version) == (False, None, 3)
    assert resumed.expires_at == clock.now + timedelta(minutes=15)
    kinds = [(e.type, e.actor_user_id, e.comment) for e in _events(database, appeal)]
    assert kinds[1:] == [("held", ana, "Need a lead's view on the invoice"),
                         ("resumed", ana, None)]


def test_hold_needs_a_note_and_the_lease(f: Factory, queue: QueueService,
                                        handoff: HandOffService) -> None:
    ana, bob = f.user(), f.user()
    appeal = f.appeal()
    queue.claim(appeal, ana)
    with pytest.raises(NoteRequiredError):
        handoff.hold(appeal, ana, "   ")
    with pytest.raises(LeaseLostError):
        handoff.hold(appeal, bob, "not mine")


def test_hand_off_gives_the_lease_to_the_colleague_who_resumes_it_first(
    database: Database, f: Factory, queue: QueueService, handoff: HandOffService,
    clock: ManualClock,
) -> None:
    ana, bob = f.user("ana"), f.user("bob")
    urgent = f.appeal(sla_due_at=NOW - timedelta(hours=1))
    later = f.appeal(sla_due_at=NOW + timedelta(hours=5))
    # Bob has something more urgent waiting in the queue than what Ana hands him.
    lease = queue.claim(later, ana)
    clock.now += timedelta(minutes=10)
    changes = handoff.hand_off(later, ana, bob, "German invoice, you read it better",
                               expected_version=lease.version)
    assert changes.appeal_ids == frozenset({later})
    user_id, expires, held, note, version = _lease_row(database, later)
    assert (user_id, held, note, version) == (bob, False, "German invoice, you read it better", 2)
    assert expires == clock.now + timedelta(hours=8)
    event = _events(database, later)[-1]
    assert (event.type, event.actor_user_id, event.before, event.after, event.comment) == (
        "handed_off", ana, "ana", "bob", "German invoice, you read it better")
    assert f'"to_user_id": {bob}' in event.payload_json
    assert [(h.lease.appeal_id, h.ref) for h in handoff.held_by(bob)] == [
        (later, _ref(database, later))]
    assert handoff.held_by(ana) == ()
    # Ana's lease is gone: she cannot act on it any more.
    with pytest.raises(LeaseLostError) as lost:
        queue.renew(later, ana)
    assert (lost.value.other.kind, lost.value.other.to_actor) == (EventType.HANDED_OFF, "Bob")
    resumed = queue.claim_next(bob, resume=True)
    assert resumed.appeal_id == later  # before the more urgent new appeal
    assert resumed.note == "German invoice, you read it better"
    assert resumed.expires_at == expires  # resuming never shortens the hand-off expiry
    assert queue.claim_next(bob, resume=True).appeal_id == later  # still his until he finishes it
    queue.release(later, bob, "not today")
    assert queue.claim_next(bob, resume=True).appeal_id == urgent


def test_hand_off_refusals_are_typed(database: Database, f: Factory, queue: QueueService,
                                     handoff: HandOffService) -> None:
    ana = f.user("ana")
    bob = f.user("bob")
    retired = f.user("ret", active=False)
    french = f.user("fr", languages={"fr"})
    enforcer = f.user("enf")
    appeal = f.appeal(language="de", decided_by_user_id=enforcer)
    lease = queue.claim(appeal, ana)
    with pytest.raises(NoteRequiredError):
        handoff.hand_off(appeal, ana, bob, "")
    for colleague, reason in ((ana, HandOffRefusedError.SAME_USER),
                              (retired, HandOffRefusedError.INACTIVE),
                              (french, MISSING_SKILL), (enforcer, ORIGINAL_DECIDER)):
        with pytest.raises(HandOffRefusedError) as refused:
            handoff.hand_off(appeal, ana, colleague, "please")
        assert refused.value.reason == reason
    assert refused.value.colleague == "Enf"
    with pytest.raises(NotFoundError):
        handoff.hand_off(appeal, ana, 999_999, "please")
    with pytest.raises(LeaseLostError):
        handoff.hand_off(appeal, bob, ana, "not mine to give")
    # Nothing changed: Ana still holds version 1, and the picker offers only Bob.
    assert _lease_row(database, appeal)[0::4] == (ana, lease.version)
    assert [u.id for u in handoff.colleagues_for(appeal, ana)] == [bob]


def test_stale_version_is_refused_with_the_winning_change(
    database: Database, f: Factory, queue: QueueService, handoff: HandOffService,
) -> None:
    ana, bob = f.user("ana"), f.user("bob")
    appeal = f.appeal()
    seen = queue.claim(appeal, ana)
    handoff.hold(appeal, ana, "asked the lead", expected_version=seen.version)
    # Another window of Ana's still has version 1 and tries to hand the case off.
    with pytest.raises(ConflictError) as refused:
        handoff.hand_off(appeal, ana, bob, "over to you", expected_version=seen.version)
    other = refused.value.other
    assert other is not None
    assert (other.kind, other.actor, other.detail) == (EventType.HELD, "Ana", "asked the lead")
    assert _lease_row(database, appeal)[0] == ana  # nothing overwritten


def test_claim_of_a_taken_case_names_who_took_it(
    f: Factory, queue: QueueService, handoff: HandOffService, clock: ManualClock
) -> None:
    ana, bob, cleo = f.user("ana"), f.user("bob"), f.user("cleo")
    appeal = f.appeal()
    queue.claim(appeal, ana)
    clock.now += timedelta(minutes=2)
    handoff.hand_off(appeal, ana, bob, "yours")
    with pytest.raises(ConflictError) as refused:
        queue.claim(appeal, cleo)
    other = refused.value.other
    assert (other.kind, other.actor, other.to_actor, other.at) == (
        EventType.HANDED_OFF, "Ana", "Bob", clock.now)
    # The error survives a process boundary with its other change (multiprocess clients).
    copy = pickle.loads(pickle.dumps(refused.value))
    assert isinstance(copy, ConflictError) and copy.other == other


def _setup_decisions(f: Factory) -> None:
    f.reason_code("OVR-NEW-EVIDENCE", Outcome.OVERTURN)
    f.reason_code("UPH-DOCS-INVALID", Outcome.UPHOLD)
    for outcome in (Outcome.UPHOLD, Outcome.OVERTURN):
        f.template(outcome, "de")


def _draft(appeal_id: int, outcome: Outcome, code: str) -> DecisionDraft:
    return DecisionDraft(appeal_id=appeal_id, outcome=outcome, reason_code=code,
                         rationale="Checked", response_text=f"Done. {REDRESS}",
                         response_language="de")


def test_late_decision_is_refused_and_names_the_decision_that_won(
    database: Database, f: Factory, queue: QueueService, clock: ManualClock
) -> None:
    _setup_decisions(f)
    ana, maria = f.user("ana"), f.user("maria")
    appeal = f.appeal()
    review = ReviewService(database, clock=clock)
    queue.claim(appeal, ana)
    clock.now += timedelta(minutes=20)  # Ana went for lunch; her lease ran out
    assert queue.claim_next(maria, resume=True).appeal_id == appeal
    clock.now += timedelta(minutes=2)
    review.decide(maria, _draft(appeal, Outcome.OVERTURN, "OVR-NEW-EVIDENCE"))
    with pytest.raises(LeaseLostError) as refused:
        review.decide(ana, _draft(appeal, Outcome.UPHOLD, "UPH-DOCS-INVALID"))
    other = refused.value.other
    assert (other.kind, other.actor, other.at, other.detail) == (
        EventType.DECIDED, "Maria", clock.now, "overturn")


def test_two_clients_racing_on_one_lease_one_wins_the_other_sees_it(
    db_url: str, f: Factory, clock: ManualClock
) -> None:
    """Two service instances (own engines, like two desktops) change the same lease version."""
    ana, bob = f.user("ana"), f.user("bob")
    appeal = f.appeal()
    dbs = [Database(create_db_engine(db_url)) for _ in range(2)]
    try:
        first = HandOffService(dbs[0], clock=clock)
        second = HandOffService(dbs[1], clock=clock)
        lease = QueueService(dbs[0], clock=clock).claim(appeal, ana)
        barrier = threading.Barrier(2)
        results: dict[str, object] = {}

        def run(name: str, fn: object) -> None:
            barrier.wait()
            try:
                results[name] = fn()  # type: ignore[operator]
            except (ConflictError, LeaseLostError) as exc:
                results[name] = exc

        threads = [
            threading.Thread(target=run, args=("hold", lambda: first.hold(
                appeal, ana, "waiting for legal", expected_version=lease.version))),
            threading.Thread(target=run, args=("hand_off", lambda: second.hand_off(
                appeal, ana, bob, "take it", expected_version=lease.version))),
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        errors = {k: v for k, v in results.items() if isinstance(v, Exception)}
        assert len(results) == 2 and len(errors) == 1, results
        ((loser, exc),) = errors.items()
        assert isinstance(exc, ConflictError | LeaseLostError)
        assert exc.other is not None
        row = _lease_row(f.db, appeal)
        if loser == "hold":  # the hand-off won: Bob holds it and Ana's error says so
            assert (exc.other.kind, exc.other.to_actor) == (EventType.HANDED_OFF, "Bob")
            assert row[0] == bob
        else:  # the hold won: the hand-off was refused on the version
            assert isinstance(exc, ConflictError)
            assert (exc.other.kind, exc.other.detail) == (EventType.HELD, "waiting for legal")
            assert row[0] == ana and row[2]
        assert row[4] == 2  # exactly one change applied
        assert len([e for e in _events(f.db, appeal)
                    if e.type in ("held", "handed_off")]) == 1
    finally:
        for db in dbs:
            db.dispose()
