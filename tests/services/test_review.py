"""Review service on SQLite and PostgreSQL: case loading, catalog lookups, atomic decide."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from factories import NOW, REDRESS, Factory, ManualClock
from sqlalchemy import func, select

from reviewer_app.data.db import Database
from reviewer_app.data.orm import AppealRow, DecisionRow, EventRow, LeaseRow, QueueDefRow
from reviewer_app.domain.enums import AppealStatus, EventType, Outcome
from reviewer_app.domain.errors import (
    ConflictError,
    IncompleteDecisionError,
    LeaseLostError,
    NotFoundError,
)
from reviewer_app.domain.models import DecisionDraft
from reviewer_app.services.queue import QueueService
from reviewer_app.services.review import ReviewService


@pytest.fixture
def f(database: Database) -> Factory:
    f = Factory(database)
    f.reason_code("UPH-DOCS-INVALID", Outcome.UPHOLD, "IP_COUNTERFEIT")
    f.reason_code("UPH-OTHER-POLICY", Outcome.UPHOLD, "UNSAFE_PRODUCT")
    f.reason_code("OVR-NEW-EVIDENCE", Outcome.OVERTURN)
    f.reason_code("ESC-LEGAL", Outcome.ESCALATE)
    f.reason_code("UPH-RETIRED", Outcome.UPHOLD, active=False)
    for outcome in (Outcome.UPHOLD, Outcome.OVERTURN):
        f.template(outcome, "en")
        f.template(outcome, "zh")
    f.template(Outcome.UPHOLD, "de")
    return f


@pytest.fixture
def review(database: Database, clock: ManualClock) -> ReviewService:
    return ReviewService(database, clock=clock)


@pytest.fixture
def queue(database: Database, clock: ManualClock) -> QueueService:
    return QueueService(database, clock=clock)


def _uphold(appeal_id: int, **kw: object) -> DecisionDraft:
    base: dict[str, object] = dict(
        outcome=Outcome.UPHOLD, reason_code="UPH-DOCS-INVALID", rationale="Invoice forged",
        response_text=f"We keep the removal. {REDRESS}", handle_seconds=93.5)
    base.update(kw)
    return DecisionDraft(appeal_id=appeal_id, **base)  # type: ignore[arg-type]


def _count(db: Database, table: type, **where: object) -> int:
    with db.read() as s:
        stmt = select(func.count()).select_from(table)
        for key, value in where.items():
            stmt = stmt.where(getattr(table, key) == value)
        return int(s.scalar(stmt))


def _appeal(db: Database, appeal_id: int) -> tuple:
    with db.read() as s:
        return s.execute(select(AppealRow.status, AppealRow.decided_at, AppealRow.version,
                                AppealRow.queue_id).where(AppealRow.id == appeal_id)).one()


def test_reason_codes_policy_specific_plus_general(f: Factory, review: ReviewService) -> None:
    codes = {rc.code: rc for rc in review.reason_codes("IP_COUNTERFEIT")}
    assert set(codes) == {"UPH-DOCS-INVALID", "OVR-NEW-EVIDENCE", "ESC-LEGAL"}
    assert codes["OVR-NEW-EVIDENCE"].policy_code is None
    assert codes["UPH-DOCS-INVALID"].outcome is Outcome.UPHOLD
    assert {rc.code for rc in review.reason_codes("UNSAFE_PRODUCT")} == {
        "UPH-OTHER-POLICY", "OVR-NEW-EVIDENCE", "ESC-LEGAL"}


@pytest.mark.parametrize(
    ("language", "expected"),
    [("de", "de"), ("zh-CN", "zh"), ("zh", "zh"), ("fr", "en"), ("pl-PL", "en")],
)
def test_template_language_fallback(f: Factory, review: ReviewService, language: str,
                                    expected: str) -> None:
    template = review.response_template(Outcome.UPHOLD, language)
    assert template is not None and template.language == expected
    assert template.redress_text == REDRESS and template.body.startswith(f"[{expected}]")


def test_template_missing_outcome_is_none(f: Factory, review: ReviewService) -> None:
    assert review.response_template(Outcome.PARTIAL, "en") is None


def test_open_case_everything(database: Database, f: Factory, review: ReviewService,
                              queue: QueueService) -> None:
    ana = f.user("ana")
    seller = f.appellant("SELLER-1", market="PL", language="pl")
    old_enf = f.enforcement(seller, is_strike=True, enforced_at=NOW - timedelta(days=90))
    enf = f.enforcement(seller, listing_id="L-5", evidence={"photos": 3, "url": "x"})
    old_appeal = f.appeal(enforcement_id=old_enf, status=AppealStatus.DECIDED)
    f.decision(old_appeal, ana, Outcome.OVERTURN)
    appeal = f.appeal(enforcement_id=enf, statement="<b>Bitte</b> prüfen", priority=80)
    listing_twin = f.appeal(listing_id="L-5")
    f.appeal(listing_id="L-6")  # unrelated
    f.attachment(appeal, "invoice.pdf")
    queue.claim(appeal, ana)

    case = review.open_case(appeal)
    assert (case.appeal_id, case.status, case.priority, case.market, case.language) == (
        appeal, AppealStatus.IN_REVIEW, 80, "PL", "pl")
    assert case.statement == "<b>Bitte</b> prüfen"
    assert case.appellant.ref == "SELLER-1"
    assert case.enforcement.id == enf and case.enforcement.evidence == {"photos": 3, "url": "x"}
    assert case.enforcement.policy_code == "IP_COUNTERFEIT"
    assert [e.id for e in case.prior_enforcements] == [old_enf]
    assert case.prior_enforcements[0].is_strike
    related = {r.appeal_id: r for r in case.related_appeals}
    assert set(related) == {old_appeal, listing_twin}
    assert related[old_appeal].relation == "same_seller"
    assert related[old_appeal].outcome is Outcome.OVERTURN
    assert related[listing_twin].relation == "same_listing" and related[listing_twin].outcome \
        is None
    assert [a.filename for a in case.attachments] == ["invoice.pdf"]
    assert [e.type for e in case.events] == [EventType.CLAIMED]
    assert case.events[0].actor == "ana"
    assert case.lease is not None and case.lease.user_id == ana
    assert case.previous_round_reviewer_id is None
    with pytest.raises(NotFoundError):
        review.open_case(987654)


def test_open_case_second_round_names_first_round_reviewer(f: Factory,
                                                           review: ReviewService) -> None:
    ana = f.user()
    first = f.appeal(status=AppealStatus.DECIDED)
    f.decision(first, ana)
    second = f.appeal(round=2, previous_appeal_id=first)
    assert review.open_case(second).previous_round_reviewer_id == ana


def test_decide_writes_decision_events_and_sop_atomically(
    database: Database, f: Factory, review: ReviewService, queue: QueueService, clock: ManualClock
) -> None:
    f.sop("IP_COUNTERFEIT", version=1, effective_from=NOW - timedelta(days=30))
    current = f.sop("IP_COUNTERFEIT", version=2, effective_from=NOW - timedelta(days=1))
    f.sop("IP_COUNTERFEIT", version=3, effective_from=NOW + timedelta(days=1))
    ana = f.user("ana")
    appeal = f.appeal()
    queue.claim(appeal, ana)
    clock.now += timedelta(minutes=3)
    changes = review.decide(ana, _uphold(appeal))
    assert changes.appeal_ids == {appeal} and changes.stats_stale
    with database.read() as s:
        d = s.execute(select(DecisionRow.user_id, DecisionRow.outcome, DecisionRow.reason_code,
                             DecisionRow.sop_document_id, DecisionRow.handle_seconds,
                             DecisionRow.decided_at)).one()
        events = s.execute(select(EventRow.type, EventRow.before, EventRow.after,
                                  EventRow.actor_user_id, EventRow.payload_json)
                           .order_by(EventRow.id)).all()
    assert tuple(d) == (ana, "uphold", "UPH-DOCS-INVALID", current, 93.5, clock.now)
    status, decided_at, version, _queue = _appeal(database, appeal)
    assert (status, decided_at) == ("decided", clock.now)
    assert version == 3  # created 1, claimed 2, decided 3
    assert [e.type for e in events] == ["claimed", "decided"]
    decided = events[-1]
    assert (decided.before, decided.after, decided.actor_user_id) == ("in_review", "decided", ana)
    payload = json.loads(decided.payload_json)
    assert (payload["outcome"], payload["reason_code"], payload["sop_document_id"]) == (
        "uphold", "UPH-DOCS-INVALID", current)
    assert _count(database, LeaseRow) == 0


def test_draft_sop_version_is_kept(database: Database, f: Factory, review: ReviewService,
                                   queue: QueueService) -> None:
    older = f.sop("IP_COUNTERFEIT", version=1, effective_from=NOW - timedelta(days=30))
    f.sop("IP_COUNTERFEIT", version=2)
    ana = f.user()
    appeal = f.appeal()
    queue.claim(appeal, ana)
    review.decide(ana, _uphold(appeal, sop_document_id=older))
    with database.read() as s:
        assert s.scalar(select(DecisionRow.sop_document_id)) == older


@pytest.mark.parametrize(
    ("outcome", "extra", "status", "event"),
    [
        (Outcome.ESCALATE, {"escalation_reason": "Legal threat", "reason_code": "ESC-LEGAL"},
         "escalated", "escalated"),
        (Outcome.REQUEST_INFO, {"requested_documents": ("Invoice", "ID")}, "awaiting_info",
         "info_requested"),
    ],
)
def test_handling_steps(database: Database, f: Factory, review: ReviewService,
                        queue: QueueService, outcome: Outcome, extra: dict, status: str,
                        event: str) -> None:
    escalations = f.queue("escalations")
    ana = f.user()
    appeal = f.appeal()
    queue.claim(appeal, ana)
    review.decide(ana, DecisionDraft(appeal_id=appeal, outcome=outcome, **extra))
    got_status, decided_at, _v, queue_id = _appeal(database, appeal)
    assert (got_status, decided_at) == (status, None)
    assert (queue_id == escalations) is (outcome is Outcome.ESCALATE)
    with database.read() as s:
        last = s.execute(select(EventRow.type, EventRow.comment).order_by(EventRow.id.desc())
                         ).first()
    assert last.type == event
    assert last.comment == ("Legal threat" if outcome is Outcome.ESCALATE else "Invoice; ID")
    if outcome is Outcome.ESCALATE:  # back to the queue, claimable again (by someone else)
        assert queue.claim_next(f.user()).appeal_id == appeal


def test_escalation_without_escalation_queue_keeps_queue(database: Database, f: Factory,
                                                         review: ReviewService,
                                                         queue: QueueService) -> None:
    ana = f.user()
    appeal = f.appeal(queue_code="emea")
    queue.claim(appeal, ana)
    review.decide(ana, DecisionDraft(appeal_id=appeal, outcome=Outcome.ESCALATE,
                                     escalation_reason="policy question"))
    with database.read() as s:
        code = s.scalar(select(QueueDefRow.code).join(AppealRow,
                                                      AppealRow.queue_id == QueueDefRow.id))
    assert code == "emea"


def _nothing_written(database: Database, appeal: int) -> None:
    assert _count(database, DecisionRow) == 0
    assert _count(database, EventRow, type="decided") == 0


def test_incomplete_decision_field_errors_and_nothing_written(
    database: Database, f: Factory, review: ReviewService, queue: QueueService
) -> None:
    ana = f.user()
    appeal = f.appeal()
    queue.claim(appeal, ana)
    bad = _uphold(appeal, rationale="", reason_code="UPH-OTHER-POLICY",
                  response_text="no redress", response_language="zh-CN")
    with pytest.raises(IncompleteDecisionError) as info:
        review.decide(ana, bad)
    assert {(e.field, e.code) for e in info.value.errors} == {
        ("rationale", "required"), ("reason_code", "not_allowed"),
        ("response_text", "missing_redress")}
    _nothing_written(database, appeal)
    assert _appeal(database, appeal)[0] == "in_review"
    assert _count(database, LeaseRow) == 1  # the reviewer keeps the case to fix the form
    # A general code of a different outcome is not allowed for uphold either.
    with pytest.raises(IncompleteDecisionError):
        review.decide(ana, _uphold(appeal, reason_code="OVR-NEW-EVIDENCE"))
    review.decide(ana, _uphold(appeal))
    assert _appeal(database, appeal)[0] == "decided"


def test_lease_lost_to_expiry_or_other_user_writes_nothing(
    database: Database, f: Factory, review: ReviewService, queue: QueueService, clock: ManualClock
) -> None:
    ana, bob = f.user(), f.user()
    appeal = f.appeal()
    with pytest.raises(LeaseLostError):  # never claimed
        review.decide(ana, _uphold(appeal))
    queue.claim(appeal, ana)
    with pytest.raises(LeaseLostError):
        review.decide(bob, _uphold(appeal))
    clock.now += timedelta(minutes=16)
    with pytest.raises(LeaseLostError):
        review.decide(ana, _uphold(appeal))
    _nothing_written(database, appeal)
    queue.claim_next(bob)
    with pytest.raises(LeaseLostError):
        review.decide(ana, _uphold(appeal))
    review.decide(bob, _uphold(appeal))
    assert _count(database, DecisionRow, user_id=bob) == 1


def test_idempotent_replay(database: Database, f: Factory, review: ReviewService,
                           queue: QueueService) -> None:
    ana = f.user()
    appeal = f.appeal()
    queue.claim(appeal, ana)
    draft = _uphold(appeal, idempotency_key="k-1")
    first = review.decide(ana, draft)
    again = review.decide(ana, draft)  # e.g. a retry after a lost reply
    assert first == again
    assert _count(database, DecisionRow) == 1
    assert _count(database, EventRow, type="decided") == 1


def test_concurrent_version_change_is_a_conflict(database: Database, f: Factory,
                                                 review: ReviewService,
                                                 queue: QueueService) -> None:
    ana = f.user()
    appeal = f.appeal()
    queue.claim(appeal, ana)
    from reviewer_app.data import lease_repository

    with database.write() as s:  # someone bumps the row between our read and write
        state = lease_repository.appeal_state(s, appeal)
        lease_repository.set_status(s, appeal, expected_version=state.version,
                                    status=AppealStatus.IN_REVIEW)
        with pytest.raises(ConflictError):
            lease_repository.set_status(s, appeal, expected_version=state.version,
                                        status=AppealStatus.DECIDED)
    review.decide(ana, _uphold(appeal))
    assert _appeal(database, appeal)[0] == "decided"
