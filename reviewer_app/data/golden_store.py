"""Golden cases: known answers for live appeals, and their automatic QA evaluations.

Reviewers may not read ``golden_cases`` on PostgreSQL (they must not learn which cases are
golden); only QA, leads and admins, or the table owner, call these functions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from reviewer_app.data import qa_store
from reviewer_app.data.orm import AppealRow, DecisionRow
from reviewer_app.data.qa_orm import (
    GoldenCaseRow,
    GoldenTargetRow,
    QaEvaluationRow,
    QaEvaluationScoreRow,
)
from reviewer_app.domain.calibration import GoldAnswer
from reviewer_app.domain.enums import AppealStatus, Outcome
from reviewer_app.domain.errors import ConflictError, NotFoundError
from reviewer_app.domain.qa_models import ErrorType, EvaluationStatus, QaEventType

G, E, D, T = GoldenCaseRow, QaEvaluationRow, DecisionRow, GoldenTargetRow
GOLDEN = "golden"
FINAL_OUTCOMES = tuple(o.value for o in Outcome if o.is_final)


@dataclass(frozen=True, slots=True)
class Unscored:
    """A final decision on a golden case that has no golden evaluation yet."""

    gold: GoldAnswer
    author_id: int
    decision_id: int
    reviewer_user_id: int
    outcome: Outcome
    reason_code: str | None


@dataclass(frozen=True, slots=True)
class GoldenEvaluation:
    """What to record for one decision: its scores, total and error type."""

    case: Unscored
    scorecard_id: int
    scores: dict[int, float]
    total: float
    error_type: ErrorType | None


def appeal_status(session: Session, appeal_id: int) -> AppealStatus:
    """The appeal's status; ``NotFoundError`` if there is no such appeal."""
    status = session.scalar(select(AppealRow.status).where(AppealRow.id == appeal_id))
    if status is None:
        raise NotFoundError(f"No appeal {appeal_id}")
    return AppealStatus(status)


def create(session: Session, *, gold: GoldAnswer, created_by: int, now: datetime,
           targets: Sequence[int]) -> int:
    """Store the golden case and its target reviewers; ``ConflictError`` if the appeal is
    golden already (the unique index decides, so two creators cannot both succeed)."""
    try:
        with session.begin_nested():
            row = G(appeal_id=gold.appeal_id, gold_outcome=gold.outcome.value,
                    gold_reason_code=gold.reason_code, created_by=created_by, created_at=now)
            session.add(row)
            session.flush()
    except IntegrityError as exc:
        raise ConflictError(f"Appeal {gold.appeal_id} is a golden case already") from exc
    session.execute(insert(GoldenTargetRow), [{"golden_id": row.id, "user_id": user}
                                              for user in targets])
    return row.id


def unscored(session: Session) -> tuple[Unscored, ...]:
    """The first final decision by a target of each golden case without a golden evaluation.

    A decision by someone the case was not meant for (who opened it from the queue list)
    is not scored: a golden evaluation would tell them the case was a test.
    """
    scored = select(E.id).where(E.kind == GOLDEN, E.appeal_id == G.appeal_id).exists()

    rows = session.execute(
        select(G.appeal_id, G.gold_outcome, G.gold_reason_code, G.created_by, D.id, D.user_id,
               D.outcome, D.reason_code)
        .join(D, D.appeal_id == G.appeal_id)
        .join(T, and_(T.golden_id == G.id, T.user_id == D.user_id))
        .where(D.outcome.in_(FINAL_OUTCOMES), ~scored)
        .order_by(G.appeal_id, D.decided_at, D.id))
    found: dict[int, Unscored] = {}
    for appeal, gold, gold_reason, author, decision, user, outcome, reason in rows:
        found.setdefault(appeal, Unscored(GoldAnswer(appeal, Outcome(gold), gold_reason),
                                          author, decision, user, Outcome(outcome), reason))
    return tuple(found.values())


def record(session: Session, ev: GoldenEvaluation, *, actor_id: int | None,
           now: datetime, dispute_until: datetime) -> int | None:
    """Insert the published golden evaluation with its scores and history.

    Returns its id, or None when another run recorded this case first: the partial unique
    index on golden evaluations per appeal refuses the second, and the savepoint keeps the
    caller's transaction (and the other cases of this run) usable.
    """
    case = ev.case
    try:
        with session.begin_nested():
            row = E(appeal_id=case.gold.appeal_id, decision_id=case.decision_id,
                    reviewer_user_id=case.reviewer_user_id, auditor_user_id=case.author_id,
                    status=EvaluationStatus.PUBLISHED.value, kind=GOLDEN, score=ev.total,
                    created_at=now, published_at=now, dispute_until=dispute_until,
                    scorecard_id=ev.scorecard_id, blind_outcome=case.gold.outcome.value,
                    blind_reason_code=case.gold.reason_code,
                    error_type=None if ev.error_type is None else ev.error_type.value)
            session.add(row)
            session.flush()
    except IntegrityError:
        return None
    session.execute(insert(QaEvaluationScoreRow), [
        {"evaluation_id": row.id, "criterion_id": cid, "score": score}
        for cid, score in ev.scores.items()])
    payload: dict[str, object] = {"golden": True, "decision_id": case.decision_id,
                                  "scores": {str(k): v for k, v in ev.scores.items()}}
    qa_store.add_event(session, row.id, actor_id, now, QaEventType.SCORED, None,
                       f"{ev.total:g}", payload=payload)
    qa_store.add_event(session, row.id, actor_id, now, QaEventType.PUBLISHED, None,
                       EvaluationStatus.PUBLISHED.value)
    return row.id


def scored_outcomes(session: Session) -> tuple[tuple[int, bool], ...]:
    """(reviewer id, outcome matched gold) for every golden evaluation."""
    rows = session.execute(select(E.reviewer_user_id, D.outcome, E.blind_outcome)
                           .join(D, D.id == E.decision_id).where(E.kind == GOLDEN)
                           .order_by(E.id))
    return tuple((user, outcome == gold) for user, outcome, gold in rows)
