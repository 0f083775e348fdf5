"""Everything shown for one case, loaded in one session as frozen domain objects."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from reviewer_app.data.events import events_for
from reviewer_app.data.lease_repository import get_lease
from reviewer_app.data.orm import (
    AppealRow,
    AppellantRow,
    AttachmentRow,
    DecisionRow,
    EnforcementRow,
    PolicyRow,
    QueueDefRow,
)
from reviewer_app.domain.enums import (
    AccountType,
    AppealStatus,
    AppellantType,
    AutomatedDecision,
    EnforcementAction,
    Outcome,
)
from reviewer_app.domain.errors import NotFoundError
from reviewer_app.domain.models import (
    Appellant,
    Attachment,
    CaseDetail,
    Enforcement,
    PriorAppeal,
)

RELATED_LIMIT = 100
_FINAL = tuple(o.value for o in Outcome if o.is_final)


def _evidence(raw: str) -> dict[str, object]:
    try:
        value = json.loads(raw or "{}")
    except ValueError:
        return {"raw": raw}  # keep the snapshot visible even if it was stored malformed
    return value if isinstance(value, dict) else {"value": value}


def _enforcement(row: EnforcementRow, policy: PolicyRow) -> Enforcement:
    return Enforcement(
        id=row.id, ref=row.ref, action=EnforcementAction(row.action), scope=row.scope,
        policy_code=policy.code, policy_name=policy.name, clause=row.clause, facts=row.facts,
        evidence=_evidence(row.evidence_json), automated_detection=row.automated_detection,
        automated_decision=AutomatedDecision(row.automated_decision),
        automation_ref=row.automation_ref, decided_by_user_id=row.decided_by_user_id,
        decided_by_label=row.decided_by_label, enforced_at=row.enforced_at,
        listing_id=row.listing_id, is_strike=row.is_strike,
    )


def final_outcomes(session: Session, appeal_ids: list[int]) -> dict[int, Outcome]:
    """The latest final outcome per decided appeal."""
    if not appeal_ids:
        return {}
    rows = session.execute(
        select(DecisionRow.appeal_id, DecisionRow.outcome)
        .where(DecisionRow.appeal_id.in_(appeal_ids), DecisionRow.outcome.in_(_FINAL))
        .order_by(DecisionRow.decided_at, DecisionRow.id)
    )
    return {appeal_id: Outcome(outcome) for appeal_id, outcome in rows}  # last one wins


def _related(session: Session, appeal: AppealRow) -> tuple[PriorAppeal, ...]:
    match: list[Any] = [AppealRow.appellant_id == appeal.appellant_id]
    if appeal.listing_id:
        match.append(AppealRow.listing_id == appeal.listing_id)
    rows = list(session.scalars(
        select(AppealRow).where(or_(*match), AppealRow.id != appeal.id)
        .order_by(AppealRow.received_at.desc(), AppealRow.id.desc()).limit(RELATED_LIMIT)
    ))
    outcomes = final_outcomes(session, [r.id for r in rows if r.status == "decided"])
    return tuple(
        PriorAppeal(
            appeal_id=r.id, ref=r.ref, round=r.round, received_at=r.received_at,
            status=AppealStatus(r.status), policy_code=r.policy_code,
            outcome=outcomes.get(r.id),
            relation="same_seller" if r.appellant_id == appeal.appellant_id else "same_listing",
        )
        for r in rows
    )


def previous_round_reviewer(session: Session, previous_appeal_id: int | None) -> int | None:
    """Who made the final decision on the 1st-round appeal (latest one), if any."""
    if previous_appeal_id is None:
        return None
    return session.scalar(
        select(DecisionRow.user_id)
        .where(DecisionRow.appeal_id == previous_appeal_id, DecisionRow.outcome.in_(_FINAL))
        .order_by(DecisionRow.decided_at.desc(), DecisionRow.id.desc()).limit(1)
    )


def load_case(session: Session, appeal_id: int) -> CaseDetail:
    """The full case; ``NotFoundError`` if the appeal does not exist."""
    appeal = session.get(AppealRow, appeal_id)
    if appeal is None:
        raise NotFoundError(f"No appeal with id {appeal_id}")
    queue = session.get(QueueDefRow, appeal.queue_id)
    seller = session.get(AppellantRow, appeal.appellant_id)
    assert queue is not None and seller is not None  # foreign keys guarantee them
    enforcements = session.execute(
        select(EnforcementRow, PolicyRow)
        .join(PolicyRow, PolicyRow.id == EnforcementRow.policy_id)
        .where(EnforcementRow.appellant_id == appeal.appellant_id)
        .order_by(EnforcementRow.enforced_at.desc(), EnforcementRow.id.desc())
    ).all()
    this = next(_enforcement(e, p) for e, p in enforcements if e.id == appeal.enforcement_id)
    prior = tuple(_enforcement(e, p) for e, p in enforcements if e.id != appeal.enforcement_id)
    attachments = tuple(
        Attachment(filename=a.filename, mime_type=a.mime_type, size_bytes=a.size_bytes,
                   description=a.description)
        for a in session.scalars(
            select(AttachmentRow).where(AttachmentRow.appeal_id == appeal_id)
            .order_by(AttachmentRow.id))
    )
    lease = get_lease(session, appeal_id)
    return CaseDetail(
        appeal_id=appeal.id, ref=appeal.ref, round=appeal.round,
        received_at=appeal.received_at, sla_due_at=appeal.sla_due_at,
        status=AppealStatus(appeal.status), queue_code=queue.code, priority=appeal.priority,
        market=appeal.market, language=appeal.language, statement=appeal.statement,
        plan_of_action=appeal.plan_of_action, version=appeal.version,
        appellant=Appellant(
            id=seller.id, ref=seller.ref, kind=AppellantType(seller.kind),
            display_name=seller.display_name, account_type=AccountType(seller.account_type),
            market=seller.market, language=seller.language,
        ),
        enforcement=this, attachments=attachments, prior_enforcements=prior,
        related_appeals=_related(session, appeal), events=events_for(session, appeal_id),
        lease=None if lease is None else lease[0],
        previous_round_reviewer_id=previous_round_reviewer(session, appeal.previous_appeal_id),
    )
