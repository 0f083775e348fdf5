"""QA workflow on SQLite and PostgreSQL: sample, blind re-review, score, publish, dispute,
resolve; roles; the evaluation's own history."""

from __future__ import annotations

from datetime import timedelta

import pytest
from factories import NOW, Factory, ManualClock
from sqlalchemy import select, text

from reviewer_app.data.db import Database
from reviewer_app.data.qa_orm import QaEventRow, QaSampleItemRow, QaSampleRow
from reviewer_app.domain.enums import Outcome, Role
from reviewer_app.domain.errors import ConflictError, InvalidInputError, PermissionDeniedError
from reviewer_app.domain.qa_models import (
    DisputeResolution,
    ErrorType,
    EvaluationResolution,
    EvaluationStatus,
    PlanKind,
    PlanSpec,
)
from reviewer_app.services.qa import QaService

DAY = timedelta(days=1)


@pytest.fixture
def f(database: Database) -> Factory:
    return Factory(database)


@pytest.fixture
def qa(database: Database, clock: ManualClock) -> QaService:
    return QaService(database, clock=clock)


class Team:
    def __init__(self, f: Factory, decisions: int = 6) -> None:
        self.ana = f.user("ana")
        self.ben = f.user("ben")
        self.quinn = f.user("quinn", role=Role.QA)
        self.lena = f.user("lena", role=Role.LEAD)
        appeals = f.appeals(decisions, status="decided")
        self.decisions = [
            f.decision(a, self.ana if i % 2 == 0 else self.ben,
                       Outcome.UPHOLD if i % 3 else Outcome.OVERTURN,
                       decided_at=NOW - DAY + timedelta(minutes=i))
            for i, a in enumerate(appeals)]


def _audit_first(qa: QaService, t: Team, outcome: Outcome = Outcome.UPHOLD) -> tuple[int, int]:
    plan = qa.create_plan(t.quinn, "All of last week",
                          PlanSpec(kind=PlanKind.RANDOM, rate=1.0))
    qa.draw_sample(t.quinn, plan, NOW - 7 * DAY, NOW, seed=1)
    item = qa.qa_queue(t.quinn)[0]
    reveal = qa.decide_blind(t.quinn, item.id, outcome, "UPH-DOCS-INVALID")
    return item.id, reveal.evaluation_id


def test_a_sample_is_recorded_with_its_seed_and_is_reproducible(
        database: Database, f: Factory, qa: QaService) -> None:
    t = Team(f, decisions=10)
    spec = PlanSpec(kind=PlanKind.STRATIFIED, strata=("reviewer",), rate=0.5)
    plan = qa.create_plan(t.quinn, "Half of each reviewer", spec)
    first = qa.draw_sample(t.quinn, plan, NOW - 7 * DAY, NOW, seed=42)
    assert (first.picked, first.population, first.seed) == (6, 10, 42)  # ceil(5·0.5)·2
    with database.read() as s:
        picked = set(s.scalars(select(QaSampleItemRow.decision_id)))
        stored = s.execute(select(QaSampleRow.seed, QaSampleRow.strata_json)).one()
    assert stored.seed == 42
    assert stored.strata_json == f'{{"reviewer={t.ana}": 5, "reviewer={t.ben}": 5}}'
    # The same plan and seed on the same decisions picks the same ones (recorded draws are
    # left out of later draws, so the check draws from a copy of the candidates).
    from reviewer_app.data import sampling_store
    from reviewer_app.domain.sampling import draw

    with database.read() as s:
        pool = sampling_store.candidates(s, NOW - 7 * DAY, NOW)
    assert {p.candidate.decision_id for p in draw(spec, pool, 42).picks} == picked
    again = qa.draw_sample(t.quinn, plan, NOW - 7 * DAY, NOW, seed=42)
    assert again.picked == 4 and again.population == 10  # the rest of each reviewer's


def test_blind_case_hides_the_original_until_the_auditor_decides(f: Factory,
                                                                 qa: QaService) -> None:
    t = Team(f)
    plan = qa.create_plan(t.quinn, "Everything", PlanSpec(kind=PlanKind.RANDOM, size=2))
    qa.draw_sample(t.quinn, plan, NOW - 7 * DAY, NOW, seed=3)
    item = qa.qa_queue(t.quinn)[0]
    blind = qa.blind_case(t.quinn, item.id)
    names = set(type(blind).__dataclass_fields__)
    assert not names & {"outcome", "reason_code", "reviewer_user_id", "rationale",
                        "response_text", "decision_id"}
    reveal = qa.decide_blind(t.quinn, item.id, Outcome.OVERTURN, "OVR-NEW-EVIDENCE")
    assert reveal.original.decision_id == item.decision_id
    assert reveal.original.reviewer_name in ("Ana", "Ben")
    assert [c.code for c in reveal.scorecard.criteria] == [
        "outcome", "reason", "response", "procedure"]
    with pytest.raises(ConflictError):  # one audit per sampled case
        qa.decide_blind(t.quinn, item.id, Outcome.UPHOLD, None)


def test_score_publish_dispute_resolve_with_history(
        database: Database, f: Factory, qa: QaService, clock: ManualClock) -> None:
    t = Team(f)
    item_id, ev_id = _audit_first(qa, t)
    card = qa.reveal(t.quinn, ev_id).scorecard
    ids = {c.code: c.id for c in card.criteria}
    scored = qa.score(t.quinn, ev_id, 1, {ids["outcome"]: 1, ids["reason"]: 0,
                                          ids["response"]: 1, ids["procedure"]: 0.5},
                      error_type=ErrorType.WRONG_REASON, comment="Reason code off")
    assert scored.score == pytest.approx(100 * (40 + 20 + 7.5) / 100)
    reviewer = scored.reviewer_user_id
    assert qa.my_evaluations(reviewer) == ()  # a draft is the auditor's alone
    published = qa.publish(t.quinn, ev_id, scored.version)
    assert published.status is EvaluationStatus.PUBLISHED
    assert published.dispute_until == NOW + timedelta(hours=48)
    assert qa.qa_queue(t.quinn)[0].id != item_id  # left the QA queue
    assert [e.id for e in qa.my_evaluations(reviewer)] == [ev_id]

    disputed = qa.dispute(reviewer, ev_id, published.version,
                          {ids["reason"]: "UPH-DOCS-INVALID is what the SOP names"})
    assert disputed.status is EvaluationStatus.DISPUTED
    resolved = qa.resolve(t.lena, ev_id, disputed.version,
                          {ids["reason"]: (DisputeResolution.ACCEPTED, "Agreed")})
    assert resolved.status is EvaluationStatus.RESOLVED
    assert resolved.resolution is EvaluationResolution.ACCEPTED
    assert resolved.score == pytest.approx(92.5)  # the reason criterion now counts as met
    kinds = [h[1] for h in qa.history(t.lena, ev_id)]
    assert kinds == ["drafted", "scored", "published", "disputed", "scored", "resolved"]
    with database.read() as s:
        assert s.scalar(select(QaEventRow.after).where(QaEventRow.type == "resolved")) \
            == "resolved"


def test_a_critical_failure_scores_zero_and_rejected_dispute_keeps_it(
        f: Factory, qa: QaService) -> None:
    t = Team(f)
    _item, ev_id = _audit_first(qa, t)
    ids = {c.code: c.id for c in qa.reveal(t.quinn, ev_id).scorecard.criteria}
    ev = qa.score(t.quinn, ev_id, 1, {ids["outcome"]: 0, ids["reason"]: 1,
                                      ids["response"]: 1, ids["procedure"]: 1},
                  error_type=ErrorType.WRONG_UPHOLD)
    assert ev.score == 0
    ev = qa.publish(t.quinn, ev_id, ev.version)
    ev = qa.dispute(ev.reviewer_user_id, ev_id, ev.version, {ids["outcome"]: "It was right"})
    ev = qa.resolve(t.lena, ev_id, ev.version,
                    {ids["outcome"]: (DisputeResolution.REJECTED, "The invoice is forged")})
    assert (ev.score, ev.resolution) == (0, EvaluationResolution.REJECTED)


def test_rules_the_service_enforces(f: Factory, qa: QaService, clock: ManualClock) -> None:
    t = Team(f)
    with pytest.raises(PermissionDeniedError):
        qa.create_plan(t.ana, "Mine", PlanSpec(kind=PlanKind.RANDOM, rate=0.1))
    with pytest.raises(InvalidInputError, match="rate"):
        qa.create_plan(t.quinn, "Bad", PlanSpec(kind=PlanKind.RANDOM, rate=2.0))
    qa.create_plan(t.quinn, "Tenth", PlanSpec(kind=PlanKind.RANDOM, rate=0.1))
    with pytest.raises(InvalidInputError, match="exists already"):
        qa.create_plan(t.quinn, "Tenth ", PlanSpec(kind=PlanKind.RANDOM, rate=0.2))
    _item, ev_id = _audit_first(qa, t)
    with pytest.raises(PermissionDeniedError):
        qa.evaluations(t.ana)  # a reviewer cannot list everyone's
    with pytest.raises(PermissionDeniedError):
        qa.evaluation(t.ana, ev_id)  # nor read a draft, even their own
    ids = {c.code: c.id for c in qa.reveal(t.quinn, ev_id).scorecard.criteria}
    with pytest.raises(InvalidInputError, match="Score every criterion"):
        qa.score(t.quinn, ev_id, 1, {ids["outcome"]: 1})
    ev = qa.score(t.quinn, ev_id, 1, dict.fromkeys(ids.values(), 1.0))
    with pytest.raises(ConflictError, match=r"scored this evaluation"):
        qa.publish(t.quinn, ev_id, ev.version - 1)  # a stale form
    ev = qa.publish(t.quinn, ev_id, ev.version)
    other = t.ben if ev.reviewer_user_id == t.ana else t.ana
    with pytest.raises(PermissionDeniedError):
        qa.dispute(other, ev_id, ev.version, {ids["reason"]: "not mine but still"})
    with pytest.raises(PermissionDeniedError):
        qa.resolve(t.quinn, ev_id, ev.version, {})  # QA does not resolve disputes
    clock.now += timedelta(hours=49)
    with pytest.raises(ConflictError, match="window closed"):
        qa.dispute(ev.reviewer_user_id, ev_id, ev.version, {ids["reason"]: "late"})


def test_qa_history_is_append_only(database: Database, f: Factory, qa: QaService) -> None:
    t = Team(f)
    _audit_first(qa, t)
    for sql in ("UPDATE qa_events SET comment = 'x'", "DELETE FROM qa_events"):
        with pytest.raises(Exception, match="append-only"), database.write() as s:
            s.execute(text(sql))


def test_accuracy_counts_published_audits_and_reviewers_see_only_their_own(
        f: Factory, qa: QaService) -> None:
    t = Team(f, decisions=4)
    plan = qa.create_plan(t.quinn, "All", PlanSpec(kind=PlanKind.RANDOM, rate=1.0))
    sample = qa.draw_sample(t.quinn, plan, NOW - 7 * DAY, NOW, seed=9)
    correct_by_reviewer: dict[int, list[bool]] = {}
    for n, item in enumerate(qa.qa_queue(t.quinn)):
        reveal = qa.decide_blind(t.quinn, item.id, Outcome.UPHOLD, None)
        ids = {c.code: c.id for c in reveal.scorecard.criteria}
        right = n != 0  # the first audited decision was wrong (critical failure)
        ev = qa.score(t.quinn, reveal.evaluation_id, 1,
                      {**dict.fromkeys(ids.values(), 1.0), ids["outcome"]: float(right)})
        if n < 3:  # the fourth stays a draft: not counted
            qa.publish(t.quinn, ev.id, ev.version)
            correct_by_reviewer.setdefault(reveal.original.reviewer_user_id, []).append(right)
    rows = {r.group: (r.audited, r.correct) for r in
            qa.accuracy(t.lena, NOW - 7 * DAY, NOW, "reviewer")}
    expected = {("Ana" if uid == t.ana else "Ben"): (len(v), sum(v))
                for uid, v in correct_by_reviewer.items()}
    assert rows == expected
    mine = qa.accuracy(t.ana, NOW - 7 * DAY, NOW, "reviewer")
    assert [r.group for r in mine] == (["Ana"] if "Ana" in expected else [])
    with pytest.raises(PermissionDeniedError):
        qa.accuracy(t.ana, NOW - 7 * DAY, NOW, "policy")
    # A simple random sample is one stratum ("all"); the draft leaves it unaudited in part,
    # which still gives an estimate over the audited ones.
    est = qa.sample_accuracy(t.quinn, sample.sample_id, NOW - 7 * DAY, NOW)
    assert est is not None and est.audited == 3
    assert est.estimate == pytest.approx(2 / 3)
    [summary] = qa.samples(t.quinn)
    assert (summary.id, summary.picked, summary.audited) == (sample.sample_id, 4, 3)
    assert summary.estimate == pytest.approx(2 / 3)
    with pytest.raises(PermissionDeniedError):
        qa.samples(t.ana)


def test_an_audit_started_earlier_reopens_at_the_comparison(f: Factory, qa: QaService) -> None:
    t = Team(f)
    item_id, ev_id = _audit_first(qa, t, Outcome.OVERTURN)
    case, reveal = qa.open_audit(t.quinn, item_id)
    assert case.item_id == item_id
    assert reveal is not None and reveal.evaluation_id == ev_id
    assert reveal.blind_outcome is Outcome.OVERTURN


def test_a_new_scorecard_version_applies_to_new_audits_only(f: Factory, qa: QaService) -> None:
    t = Team(f)
    _item, started = _audit_first(qa, t)  # begun on version 1
    with pytest.raises(PermissionDeniedError):
        qa.save_scorecard(t.quinn, "Appeal decision quality", (("outcome", "Outcome", 1, True),))
    with pytest.raises(InvalidInputError, match="outcome"):
        qa.save_scorecard(t.lena, "Appeal decision quality", (("tone", "Tone", 1, False),))
    with pytest.raises(InvalidInputError, match="own short code"):
        qa.save_scorecard(t.lena, "X", (("outcome", "A", 1, True), ("outcome", "B", 1, False)))
    card = qa.save_scorecard(t.lena, "Appeal decision quality", (
        ("outcome", "Outcome correct", 50, True), ("tone", "Tone of the response", 50, False)))
    assert (card.version, [c.code for c in card.criteria]) == (2, ["outcome", "tone"])
    assert qa.active_scorecard().id == card.id
    assert [c.code for c in qa.reveal(t.quinn, started).scorecard.criteria] == [
        "outcome", "reason", "response", "procedure"]  # the started audit keeps version 1
    item = next(i for i in qa.qa_queue(t.quinn) if i.id != _item)  # not begun yet
    reveal = qa.decide_blind(t.quinn, item.id, Outcome.UPHOLD, None)
    assert reveal.scorecard.id == card.id
