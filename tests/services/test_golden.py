"""Golden cases on SQLite and PostgreSQL: only their targets claim them, nothing shown of a
case says it is golden, and decisions on them are scored once into published evaluations."""

from __future__ import annotations

from dataclasses import fields
from datetime import timedelta

import pytest
from factories import NOW, REDRESS, Factory, ManualClock
from sqlalchemy import func, select

from reviewer_app.data import golden_store
from reviewer_app.data.db import Database
from reviewer_app.data.qa_orm import QaEvaluationRow, QaEventRow
from reviewer_app.domain.calibration import GoldAnswer
from reviewer_app.domain.enums import Outcome, Role
from reviewer_app.domain.errors import (
    ConflictError,
    InvalidInputError,
    NothingToClaimError,
    PermissionDeniedError,
)
from reviewer_app.domain.models import CaseDetail, DecisionDraft, QueueRow
from reviewer_app.domain.qa_models import ErrorType, EvaluationStatus
from reviewer_app.services.golden import GoldenService
from reviewer_app.services.qa import QaService
from reviewer_app.services.queue import QueueService
from reviewer_app.services.review import ReviewService


class World:
    """Quinn (QA) makes the most urgent open appeal a golden case for Ana; Ben is not a
    target. A second, later appeal is ordinary work."""

    def __init__(self, database: Database, clock: ManualClock, gold_reason: str | None,
                 gold_outcome: Outcome = Outcome.UPHOLD) -> None:
        f = Factory(database)
        f.reason_code("UPH-DOCS-INVALID", Outcome.UPHOLD, "IP_COUNTERFEIT")
        f.reason_code("UPH-OTHER", Outcome.UPHOLD)
        f.template(Outcome.UPHOLD, "de")
        self.f = f
        self.ana, self.ben = f.user("ana"), f.user("ben")
        self.quinn = f.user("quinn", role=Role.QA)
        self.golden_appeal = f.appeal(sla_hours=1)
        self.ordinary = f.appeal(sla_hours=30)
        self.golden = GoldenService(database, clock=clock)
        self.queue = QueueService(database, clock=clock)
        self.review = ReviewService(database, clock=clock)
        self.qa = QaService(database, clock=clock)
        self.golden_id = self.golden.create(
            self.quinn, GoldAnswer(self.golden_appeal, gold_outcome, gold_reason), [self.ana])

    def decide(self, user: int, appeal: int, outcome: Outcome, reason: str) -> None:
        self.review.decide(user, DecisionDraft(
            appeal_id=appeal, outcome=outcome, reason_code=reason, rationale="Checked",
            response_text=f"We keep the removal. {REDRESS}", handle_seconds=60))


@pytest.fixture
def w(database: Database, clock: ManualClock) -> World:
    return World(database, clock, "UPH-DOCS-INVALID")


def test_only_qa_leads_and_admins_make_open_appeals_golden(w: World) -> None:
    other = w.f.appeal()
    with pytest.raises(PermissionDeniedError):
        w.golden.create(w.ana, GoldAnswer(other, Outcome.UPHOLD), [w.ben])
    with pytest.raises(ConflictError, match="golden case already"):
        w.golden.create(w.quinn, GoldAnswer(w.golden_appeal, Outcome.OVERTURN), [w.ben])
    decided = w.f.appeal(status="decided", decided_at=NOW)
    with pytest.raises(ConflictError, match="open appeal"):
        w.golden.create(w.quinn, GoldAnswer(decided, Outcome.UPHOLD), [w.ben])
    with pytest.raises(InvalidInputError, match="reviewers"):
        w.golden.create(w.quinn, GoldAnswer(other, Outcome.UPHOLD), [])
    for action in (w.golden.golden_results, w.golden.score_decided):
        with pytest.raises(PermissionDeniedError):
            action(w.ana)


def test_only_a_target_claims_the_golden_case(w: World) -> None:
    assert w.queue.claim_next(w.ben).appeal_id == w.ordinary  # the golden one is skipped
    with pytest.raises(NothingToClaimError):
        w.queue.claim_next(w.ben)
    assert w.queue.claim_next(w.ana).appeal_id == w.golden_appeal
    # What a reviewer is shown has no trace of it: no field names it, and the case reads
    # like any other.
    for shown in (QueueRow, CaseDetail):
        names = shown._fields if hasattr(shown, "_fields") else [f.name for f in fields(shown)]
        assert not [n for n in names if "golden" in n or "gold" in n]


def test_a_decided_golden_case_is_scored_once(database: Database, w: World,
                                              clock: ManualClock) -> None:
    assert w.golden.score_decided(w.quinn) == ()  # nothing decided yet
    w.queue.claim_next(w.ana)
    clock.now += timedelta(minutes=5)
    w.decide(w.ana, w.golden_appeal, Outcome.UPHOLD, "UPH-OTHER")
    [ev_id] = w.golden.score_decided(w.quinn)
    assert w.golden.score_decided(w.quinn) == ()
    assert w.golden.score_decided(None) == ()  # the system run finds nothing either
    ev = w.qa.evaluation(w.quinn, ev_id)
    # Outcome right (40), reason wrong (0 of 25), response and procedure met (20 + 15).
    assert ev.score == pytest.approx(75.0)
    assert (ev.status, ev.auditor_user_id, ev.reviewer_user_id, ev.error_type) == (
        EvaluationStatus.PUBLISHED, w.quinn, w.ana, ErrorType.WRONG_REASON)
    assert ev.dispute_until == clock.now + timedelta(hours=48)
    assert {s.criterion.code: s.score for s in ev.scores} == {
        "outcome": 1, "reason": 0, "response": 1, "procedure": 1}
    assert [e.id for e in w.qa.my_evaluations(w.ana)] == [ev_id]
    with database.read() as s:
        assert s.scalar(select(func.count()).select_from(QaEvaluationRow)) == 1
        kind = s.scalar(select(QaEvaluationRow.kind))
        events = s.scalars(select(QaEventRow.type).where(QaEventRow.evaluation_id == ev_id)
                           .order_by(QaEventRow.id)).all()
    assert kind == "golden"
    assert events == ["scored", "published"]
    [tally] = w.golden.golden_results(w.quinn)
    assert (tally.user_id, tally.decided, tally.correct) == (w.ana, 1, 1)
    # A planted known-answer case is reported apart, not counted as an audit in accuracy.
    assert w.qa.accuracy(w.quinn, clock.now - timedelta(days=1), clock.now, "reviewer") == ()


def test_a_wrong_outcome_scores_zero(database: Database, clock: ManualClock) -> None:
    w = World(database, clock, None, gold_outcome=Outcome.OVERTURN)
    w.queue.claim_next(w.ana)
    w.decide(w.ana, w.golden_appeal, Outcome.UPHOLD, "UPH-DOCS-INVALID")
    [ev_id] = w.golden.score_decided(None)
    ev = w.qa.evaluation(w.quinn, ev_id)
    assert (ev.score, ev.error_type) == (0, ErrorType.WRONG_UPHOLD)  # outcome is critical
    [tally] = w.golden.golden_results(w.quinn)
    assert (tally.decided, tally.correct) == (1, 0)


def test_two_runs_that_both_saw_the_case_unscored_record_it_once(
        database: Database, w: World) -> None:
    w.queue.claim_next(w.ana)
    w.decide(w.ana, w.golden_appeal, Outcome.UPHOLD, "UPH-DOCS-INVALID")
    with database.read() as s:
        [case] = golden_store.unscored(s)  # what a concurrent run read before we wrote
    assert len(w.golden.score_decided(w.quinn)) == 1
    ev = golden_store.GoldenEvaluation(case, 1, {}, 100.0, None)
    with database.write() as s:  # the late run: the unique index refuses, no error
        assert golden_store.record(s, ev, actor_id=None, now=NOW, dispute_until=NOW) is None
    with database.read() as s:
        assert s.scalar(select(func.count()).select_from(QaEvaluationRow)) == 1


def test_a_decision_by_someone_the_case_was_not_meant_for_is_not_scored(
        database: Database, w: World) -> None:
    # Ben opened the golden case from the queue list himself (only claim-next keeps it for
    # its targets): scoring it would tell him it was a test.
    w.queue.claim(w.golden_appeal, w.ben)
    w.decide(w.ben, w.golden_appeal, Outcome.UPHOLD, "UPH-DOCS-INVALID")
    assert w.golden.score_decided(w.quinn) == ()
    assert w.qa.my_evaluations(w.ben) == ()
