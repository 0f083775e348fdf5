"""QA evaluations: scorecards, the blind case, scores, publishing, disputes and history.

Every change of an evaluation writes a ``qa_events`` row in the same transaction. Row
versions are compared by hand before each change (``expected_version``) so a refusal can
say what the other change was; the ORM's version column guards the write itself.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from reviewer_app.data.orm import AppealRow, DecisionRow, EnforcementRow, QueueDefRow, UserRow
from reviewer_app.data.qa_orm import (
    QaDisputeRow,
    QaEvaluationRow,
    QaEvaluationScoreRow,
    QaEventRow,
    QaSampleItemRow,
    ScorecardCriterionRow,
    ScorecardRow,
)
from reviewer_app.domain.enums import Outcome
from reviewer_app.domain.errors import ConflictError, NotFoundError
from reviewer_app.domain.qa_models import (
    AuditedDecision,
    BlindCase,
    Criterion,
    CriterionScore,
    DisputeResolution,
    ErrorType,
    Evaluation,
    EvaluationResolution,
    EvaluationStatus,
    OriginalDecision,
    QaEventType,
    Scorecard,
)

E = QaEvaluationRow


def active_scorecard(session: Session) -> Scorecard:
    """The newest active scorecard (0007 installs a default one)."""
    row = session.scalars(select(ScorecardRow).where(ScorecardRow.active.is_(True))
                          .order_by(ScorecardRow.id.desc()).limit(1)).first()
    if row is None:
        raise NotFoundError("No active QA scorecard; ask an admin to set one up")
    return scorecard(session, row.id)


def scorecard(session: Session, scorecard_id: int) -> Scorecard:
    """A scorecard with its criteria in order."""
    row = session.get(ScorecardRow, scorecard_id)
    if row is None:
        raise NotFoundError(f"No scorecard {scorecard_id}")
    crit = session.scalars(select(ScorecardCriterionRow)
                           .where(ScorecardCriterionRow.scorecard_id == scorecard_id)
                           .order_by(ScorecardCriterionRow.position))
    return Scorecard(row.id, row.name, row.version, tuple(
        Criterion(c.id, c.code, c.label, c.weight, c.critical) for c in crit))


def sample_item(session: Session, item_id: int) -> QaSampleItemRow:
    """The sample item row; ``NotFoundError`` if absent."""
    row = session.get(QaSampleItemRow, item_id)
    if row is None:
        raise NotFoundError(f"No sampled case {item_id}")
    return row


def blind_case(session: Session, item_id: int) -> BlindCase:
    """The case as an auditor sees it before deciding: nothing of the original decision."""
    item = sample_item(session, item_id)
    a, en = AppealRow, EnforcementRow
    row = session.execute(
        select(a.id, a.ref, a.round, a.policy_code, a.market, a.language, a.statement,
               en.action, en.facts, a.received_at)
        .join(en, en.id == a.enforcement_id).where(a.id == item.appeal_id)).one()
    return BlindCase(item_id, *row)


def original_decision(session: Session, decision_id: int) -> OriginalDecision:
    """The reviewed decision with its reviewer's name."""
    d = DecisionRow
    row = session.execute(
        select(d.id, d.user_id, UserRow.display_name, d.outcome, d.reason_code, d.rationale,
               d.response_text, d.decided_at)
        .join(UserRow, UserRow.id == d.user_id).where(d.id == decision_id)).one_or_none()
    if row is None:
        raise NotFoundError(f"No decision {decision_id}")
    return OriginalDecision(row[0], row[1], row[2], Outcome(row[3]), *row[4:])


def evaluation_for_item(session: Session, item_id: int) -> int | None:
    """The evaluation id started on a sample item, if any."""
    return session.scalar(select(E.id).where(E.sample_item_id == item_id))


def start_evaluation(session: Session, *, item: QaSampleItemRow, auditor_id: int,
                     scorecard_id: int, blind_outcome: str, blind_reason_code: str | None,
                     blind_notes: str, now: datetime) -> int:
    """A draft evaluation holding the auditor's blind decision; returns its id."""
    row = E(appeal_id=item.appeal_id, decision_id=item.decision_id,
            reviewer_user_id=item.reviewer_user_id, auditor_user_id=auditor_id,
            status=EvaluationStatus.DRAFT.value, created_at=now, sample_item_id=item.id,
            scorecard_id=scorecard_id, blind_outcome=blind_outcome,
            blind_reason_code=blind_reason_code or None, blind_notes=blind_notes)
    session.add(row)
    session.flush()
    add_event(session, row.id, auditor_id, now, QaEventType.DRAFTED, None, "draft",
              payload={"blind_outcome": blind_outcome, "blind_reason_code": blind_reason_code})
    return row.id


def locked(session: Session, evaluation_id: int, expected_version: int | None
           ) -> QaEvaluationRow:
    """The evaluation row, locked on PostgreSQL; ``ConflictError`` if its version moved."""
    row = session.scalars(select(E).where(E.id == evaluation_id).with_for_update()).first()
    if row is None:
        raise NotFoundError(f"No evaluation {evaluation_id} that you may see")
    if expected_version is not None and row.version != expected_version:
        raise ConflictError(_changed_meanwhile(session, evaluation_id))
    return row


def _changed_meanwhile(session: Session, evaluation_id: int) -> str:
    last = session.execute(
        select(QaEventRow.type, QaEventRow.at, UserRow.display_name)
        .outerjoin(UserRow, UserRow.id == QaEventRow.actor_user_id)
        .where(QaEventRow.evaluation_id == evaluation_id)
        .order_by(QaEventRow.id.desc()).limit(1)).first()
    if last is None:
        return "This evaluation was changed meanwhile; reload it. Your input was not saved."
    return (f"{last[2] or 'Someone'} {last[0]} this evaluation at {last[1]:%H:%M} UTC. "
            "Your change was not saved; reload it to see theirs.")


def save_scores(session: Session, row: QaEvaluationRow, *, scores: Mapping[int, float],
                notes: Mapping[int, str], total: float, error_type: ErrorType | None,
                comment: str, actor_id: int, now: datetime) -> None:
    """Replace the criterion scores and the total (a draft, or a lead's resolution)."""
    before = row.score
    # Updated in place, never deleted: no one may delete scores (no DELETE grant), so a
    # change always leaves its trace in the history below.
    known = scores_of(session, row.id)
    sc = QaEvaluationScoreRow
    for cid, value in scores.items():
        if cid in known:
            stmt = update(sc).where(sc.evaluation_id == row.id, sc.criterion_id == cid)
            values = {"score": value} if cid not in notes else {"score": value,
                                                                 "note": notes[cid]}
            session.execute(stmt.values(**values))
        else:
            session.execute(insert(sc).values(evaluation_id=row.id, criterion_id=cid,
                                              score=value, note=notes.get(cid, "")))
    row.score = total
    row.error_type = None if error_type is None else error_type.value
    row.comment = comment
    session.flush()
    add_event(session, row.id, actor_id, now, QaEventType.SCORED, _num(before), _num(total),
              payload={"scores": {str(k): v for k, v in scores.items()},
                       "error_type": row.error_type})


def set_status(session: Session, row: QaEvaluationRow, status: EvaluationStatus, *,
               actor_id: int, now: datetime, comment: str | None = None,
               **values: object) -> None:
    """Move the evaluation to ``status`` (with any extra column values) and log it."""
    before = row.status
    row.status = status.value
    for name, value in values.items():
        setattr(row, name, value)
    session.flush()
    kind = {EvaluationStatus.PUBLISHED: QaEventType.PUBLISHED,
            EvaluationStatus.DISPUTED: QaEventType.DISPUTED,
            EvaluationStatus.RESOLVED: QaEventType.RESOLVED}[status]
    add_event(session, row.id, actor_id, now, kind, before, status.value, comment=comment)


def mark_item_audited(session: Session, item_id: int) -> None:
    """The sampled case leaves the QA queue."""
    session.execute(update(QaSampleItemRow).where(QaSampleItemRow.id == item_id)
                    .values(status="audited"))


def add_disputes(session: Session, evaluation_id: int, reasons: Mapping[int, str], *,
                 reviewer_id: int, now: datetime) -> None:
    """One dispute row per criterion."""
    session.execute(insert(QaDisputeRow), [
        {"evaluation_id": evaluation_id, "criterion_id": cid, "raised_by": reviewer_id,
         "raised_at": now, "reason": reason} for cid, reason in reasons.items()])


def open_disputes(session: Session, evaluation_id: int) -> dict[int, int]:
    """criterion id → dispute id for the evaluation's disputes."""
    rows = session.execute(select(QaDisputeRow.criterion_id, QaDisputeRow.id)
                           .where(QaDisputeRow.evaluation_id == evaluation_id))
    return {cid: did for cid, did in rows}


def answer_disputes(session: Session, answers: Mapping[int, tuple[DisputeResolution, str]],
                    disputes: Mapping[int, int], *, lead_id: int, now: datetime) -> None:
    """Write the lead's answer on each disputed criterion."""
    for cid, (resolution, note) in answers.items():
        session.execute(update(QaDisputeRow).where(QaDisputeRow.id == disputes[cid]).values(
            resolution=resolution.value, resolution_note=note, resolved_by=lead_id,
            resolved_at=now))


def scores_of(session: Session, evaluation_id: int) -> dict[int, float]:
    """criterion id → score."""
    rows = session.execute(select(QaEvaluationScoreRow.criterion_id, QaEvaluationScoreRow.score)
                           .where(QaEvaluationScoreRow.evaluation_id == evaluation_id))
    return {cid: score for cid, score in rows}


def add_event(session: Session, evaluation_id: int, actor_id: int | None, at: datetime,
              kind: QaEventType, before: str | None, after: str | None, *,
              comment: str | None = None, payload: dict[str, object] | None = None) -> None:
    """Append one row to the evaluation's history."""
    session.execute(insert(QaEventRow).values(
        evaluation_id=evaluation_id, actor_user_id=actor_id, at=at, type=kind.value,
        before=before, after=after, comment=comment,
        payload_json=json.dumps(payload or {}, ensure_ascii=False, sort_keys=True)))


def history(session: Session, evaluation_id: int) -> tuple[tuple[datetime, str, str | None,
                                                                 str | None], ...]:
    """(at, type, actor name, comment) of an evaluation, oldest first."""
    rows = session.execute(
        select(QaEventRow.at, QaEventRow.type, UserRow.display_name, QaEventRow.comment)
        .outerjoin(UserRow, UserRow.id == QaEventRow.actor_user_id)
        .where(QaEventRow.evaluation_id == evaluation_id).order_by(QaEventRow.id))
    return tuple((r[0], r[1], r[2], r[3]) for r in rows)


def evaluation(session: Session, evaluation_id: int) -> Evaluation:
    """One evaluation with its scores and disputes; ``NotFoundError`` if not visible."""
    found = _evaluations(session, select(E).where(E.id == evaluation_id))
    if not found:
        raise NotFoundError(f"No evaluation {evaluation_id} that you may see")
    return found[0]


def evaluations(session: Session, *, reviewer_id: int | None = None,
                statuses: tuple[EvaluationStatus, ...] | None = None,
                limit: int = 500) -> tuple[Evaluation, ...]:
    """Evaluations (newest first), of one reviewer and/or in some statuses."""
    stmt = select(E).order_by(E.created_at.desc(), E.id.desc()).limit(limit)
    if reviewer_id is not None:
        stmt = stmt.where(E.reviewer_user_id == reviewer_id)
    if statuses:
        stmt = stmt.where(E.status.in_([s.value for s in statuses]))
    return _evaluations(session, stmt)


def _evaluations(session: Session, stmt: object) -> tuple[Evaluation, ...]:
    rows = list(session.scalars(stmt))  # type: ignore[call-overload]
    if not rows:
        return ()
    ids = [r.id for r in rows]
    refs = dict(session.execute(select(AppealRow.id, AppealRow.ref)
                                .where(AppealRow.id.in_({r.appeal_id for r in rows}))).all())
    crit = {c.id: Criterion(c.id, c.code, c.label, c.weight, c.critical)
            for c in session.scalars(select(ScorecardCriterionRow).where(
                ScorecardCriterionRow.scorecard_id.in_({r.scorecard_id for r in rows
                                                        if r.scorecard_id})))}
    scores: dict[int, list[QaEvaluationScoreRow]] = {i: [] for i in ids}
    for s in session.scalars(select(QaEvaluationScoreRow)
                             .where(QaEvaluationScoreRow.evaluation_id.in_(ids))):
        scores[s.evaluation_id].append(s)
    disputes = {(d.evaluation_id, d.criterion_id): d for d in session.scalars(
        select(QaDisputeRow).where(QaDisputeRow.evaluation_id.in_(ids)))}
    out = []
    for r in rows:
        lines = []
        for s in sorted(scores[r.id], key=lambda s: s.criterion_id):  # scorecard order
            d = disputes.get((r.id, s.criterion_id))
            lines.append(CriterionScore(
                crit[s.criterion_id], s.score, s.note,
                None if d is None else d.reason,
                None if d is None or d.resolution is None else DisputeResolution(d.resolution)))
        out.append(Evaluation(
            id=r.id, appeal_id=r.appeal_id, appeal_ref=refs.get(r.appeal_id, "?"),
            decision_id=r.decision_id, reviewer_user_id=r.reviewer_user_id,
            auditor_user_id=r.auditor_user_id, status=EvaluationStatus(r.status),
            score=r.score, blind_outcome=r.blind_outcome,
            blind_reason_code=r.blind_reason_code,
            error_type=None if r.error_type is None else ErrorType(r.error_type),
            comment=r.comment, created_at=r.created_at, published_at=r.published_at,
            dispute_until=r.dispute_until,
            resolution=None if r.resolution is None else EvaluationResolution(r.resolution),
            version=r.version, scorecard_id=r.scorecard_id, scores=tuple(lines)))
    return tuple(out)


def _num(value: float | None) -> str | None:
    return None if value is None else f"{value:g}"


def audited_rows(session: Session, start: datetime, end: datetime, *,
                 sample_id: int | None = None) -> list[AuditedDecision]:
    """Published (or later) audits of decisions made in ``[start, end)``, with what accuracy
    is cut by. Risk-picked samples come with their reason, to be kept apart. With
    ``sample_id``, only the audits of that sample's items."""
    d, a, i = DecisionRow, AppealRow, QaSampleItemRow
    stmt = (
        select(E.reviewer_user_id, UserRow.display_name, QueueDefRow.code, a.policy_code,
               a.market, a.language, d.decided_at, E.score, i.sample_id, i.stratum,
               i.risk_reason)
        .join(d, d.id == E.decision_id).join(a, a.id == E.appeal_id)
        .join(QueueDefRow, QueueDefRow.id == a.queue_id)
        .join(UserRow, UserRow.id == E.reviewer_user_id)
        .outerjoin(i, i.id == E.sample_item_id)
        # Golden cases are planted known-answer tests, not a sample of the work: they are
        # reported on their own (GoldenService.golden_results), not mixed into accuracy.
        .where(E.status.in_(("published", "disputed", "resolved")), E.kind == "audit",
               d.decided_at >= start, d.decided_at < end)
        .order_by(d.decided_at))
    if sample_id is not None:
        stmt = stmt.where(i.sample_id == sample_id)
    return [AuditedDecision(
        reviewer_user_id=r[0], reviewer=r[1], queue=r[2], policy=r[3], market=r[4],
        language=r[5], decided_at=r[6], correct=(r[7] or 0) > 0, sample_id=r[8],
        stratum=r[9], risk_reason=r[10]) for r in session.execute(stmt)]


def add_scorecard_version(session: Session, name: str,
                          criteria: tuple[tuple[str, str, float, bool], ...],
                          now: datetime) -> int:
    """A new version of the scorecard ``name`` (the others are deactivated); its id.

    Old versions stay: every evaluation keeps the scorecard it was scored on.
    """
    latest = session.scalar(select(ScorecardRow.version).where(ScorecardRow.name == name)
                            .order_by(ScorecardRow.version.desc()).limit(1))
    session.execute(update(ScorecardRow).where(ScorecardRow.active.is_(True))
                    .values(active=False))
    row = ScorecardRow(name=name, version=(latest or 0) + 1, active=True, created_at=now)
    session.add(row)
    session.flush()
    session.execute(insert(ScorecardCriterionRow), [
        {"scorecard_id": row.id, "position": i, "code": code, "label": label,
         "weight": weight, "critical": critical}
        for i, (code, label, weight, critical) in enumerate(criteria)])
    return row.id


def appeal_ids(session: Session, refs: list[str]) -> dict[str, int]:
    """Appeal id by reference, for the refs that exist."""
    rows = session.execute(select(AppealRow.ref, AppealRow.id).where(AppealRow.ref.in_(refs)))
    return {ref: appeal_id for ref, appeal_id in rows}


def appeal_refs(session: Session, ids: list[int]) -> dict[int, str]:
    """Appeal reference by id."""
    rows = session.execute(select(AppealRow.id, AppealRow.ref).where(AppealRow.id.in_(ids)))
    return {appeal_id: ref for appeal_id, ref in rows}
