"""QA content for the demo database: plans, a drawn sample with published audits (one
disputed), a calibration session half rated, and a golden case, all through the services.

So that a newcomer who opens the QA window as Emma (QA), Thomas (lead) or a reviewer sees
each tab at work instead of empty tables. Deterministic for a given seed and ``now``.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from reviewer_app.data.db import Database
from reviewer_app.domain.calibration import GoldAnswer
from reviewer_app.domain.enums import AppealStatus, Outcome, SortKey
from reviewer_app.domain.errors import ReviewerError
from reviewer_app.domain.models import QueueFilter, QueueSort
from reviewer_app.domain.qa_models import PlanKind, PlanSpec
from reviewer_app.domain.scorecard import suggested_error
from reviewer_app.services.calibration import CalibrationService
from reviewer_app.services.golden import GoldenService
from reviewer_app.services.qa import QaService
from reviewer_app.services.queue import QueueService
from reviewer_app.services.users import UserService

AUDITED_SHARE = 2  # at most half the sample is audited and published; the rest waits for Emma
MOST_AUDITED = 60  # enough for weekly accuracy points per reviewer; more only slows the set-up
WRONG_EVERY = 8  # one audited decision in eight is judged wrong: accuracy near 88%
SWAP = {Outcome.UPHOLD: Outcome.OVERTURN, Outcome.OVERTURN: Outcome.UPHOLD,
        Outcome.PARTIAL: Outcome.OVERTURN, Outcome.REJECT_INADMISSIBLE: Outcome.UPHOLD}


def add_demo_qa(db: Database, *, seed: int, now: datetime) -> None:
    """Add the QA demo content (needs the demo users and some decided appeals)."""
    def clock() -> datetime:
        return now

    qa = QaService(db, clock=clock)
    if qa.plans():
        return  # demo data added again (--force): QA content is there from the first time
    people = {u.login: u for u in UserService(db).list_users()}
    emma, thomas = people["emma.murphy"].id, people["thomas.becker"].id
    weekly = qa.create_plan(emma, "Weekly 5% by policy",
                            PlanSpec(kind=PlanKind.STRATIFIED, strata=("policy",), rate=0.05))
    qa.create_plan(emma, "Risk: new reviewers, fast decisions, automation overturned",
                   PlanSpec(kind=PlanKind.RISK))
    qa.create_plan(emma, "Two per reviewer a week", PlanSpec(kind=PlanKind.MINIMUM,
                                                             per_reviewer=2))
    qa.draw_sample(emma, weekly, now - timedelta(days=28), now, seed=seed)
    disputed = False
    sampled = qa.qa_queue(emma)
    # Every step-th item, so the audits spread over the sample's four weeks.
    step = max(AUDITED_SHARE, -(-len(sampled) // MOST_AUDITED))
    for n, item in enumerate(sampled[::step]):
        try:
            reveal = qa.decide_blind(emma, item.id, Outcome.UPHOLD, None)
        except ReviewerError:
            continue  # e.g. Emma's own decision: left for another auditor
        original = reveal.original
        # Stand-in for the auditor's judgement: most decisions were right.
        wrong = n % WRONG_EVERY == WRONG_EVERY - 1
        right_outcome = SWAP.get(original.outcome, original.outcome) if wrong \
            else original.outcome
        card = reveal.scorecard
        scores = {c.id: 1.0 for c in card.criteria}
        scores[next(c.id for c in card.criteria if c.code == "outcome")] = 0.0 if wrong else 1.0
        ev = qa.score(emma, reveal.evaluation_id, reveal.version, scores,
                      error_type=suggested_error(
            original.outcome.value, right_outcome.value, original.reason_code,
            original.reason_code), comment="Checked against the SOP in force.")
        ev = qa.publish(emma, ev.id, ev.version)
        if wrong and not disputed:
            outcome_id = next(c.id for c in card.criteria if c.code == "outcome")
            qa.dispute(ev.reviewer_user_id, ev.id, ev.version,
                       {outcome_id: "The documents were checked as the SOP asks."})
            disputed = True
    _calibration(db, qa, people, emma, clock)
    _golden(db, people, thomas, clock)


def _calibration(db: Database, qa: QaService, people: dict, emma: int, clock: object) -> None:
    decided = [e for e in qa.evaluations(emma)][:4]
    if len(decided) < 2:
        return
    cal = CalibrationService(db, clock=clock)  # type: ignore[arg-type]
    gold = [GoldAnswer(e.appeal_id, Outcome(qa.reveal(emma, e.id).original.outcome))
            for e in decided]
    raters = [people[login].id for login in ("anna.schmidt", "kasia.nowak", "chen.jing")]
    session = cal.create(emma, "Monthly calibration", gold, [*raters, emma])
    for r, rater in enumerate(raters[:2]):  # two have rated; Chen Jing and Emma have not
        for i, answer in enumerate(gold):
            outcome = SWAP.get(answer.outcome, answer.outcome) if (i + r) % 3 == 2 \
                else answer.outcome
            cal.rate(rater, session, answer.appeal_id, outcome)


def _golden(db: Database, people: dict, lead: int, clock: object) -> None:
    # The least urgent new German appeal becomes a golden case for Anna (it waits in her
    # queue like any other; she is its only target).
    queue = QueueService(db, clock=clock)  # type: ignore[arg-type]
    page = queue.page(QueueFilter(language="de", market="DE", status=AppealStatus.NEW),
                      QueueSort(SortKey.SLA_DUE, descending=True), limit=1)
    if page.rows:
        golden = GoldenService(db, clock=clock)  # type: ignore[arg-type]
        golden.create(lead, GoldAnswer(page.rows[0].appeal_id, Outcome.UPHOLD),
                      [people["anna.schmidt"].id])
