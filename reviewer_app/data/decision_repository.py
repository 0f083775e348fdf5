"""Decision rows (insert and idempotency lookup) and queue lookups for escalation."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import bindparam, insert, select
from sqlalchemy.orm import Session

from reviewer_app.data.orm import DecisionRow, QueueDefRow
from reviewer_app.data.types import Link
from reviewer_app.domain.enums import Outcome
from reviewer_app.domain.models import Decision, DecisionDraft

D = DecisionRow.__table__.c
# Core statements on the table, built once: every decision runs these, and the ORM-entity
# forms cost noticeably more Python time per call for the same SQL.
_BY_KEY = select(D.id, D.appeal_id).where(D.idempotency_key == bindparam("key"))
_INSERT = insert(DecisionRow.__table__).returning(D.id)


def decision_for_key(session: Link, key: str) -> tuple[int, int] | None:
    """(decision id, appeal id) already stored under an idempotency key, or None."""
    row = session.execute(_BY_KEY, {"key": key}).one_or_none()
    return None if row is None else (row.id, row.appeal_id)


def insert_decision(
    session: Link, *, user_id: int, draft: DecisionDraft, sop_document_id: int | None,
    decided_at: datetime,
) -> int:
    """Store a validated draft; returns the decision id."""
    assert draft.outcome is not None
    result = session.execute(_INSERT, dict(
        appeal_id=draft.appeal_id, user_id=user_id, outcome=draft.outcome.value,
        reason_code=draft.reason_code or None, rationale=draft.rationale,
        what_changes=draft.what_changes, response_text=draft.response_text,
        response_language=draft.response_language,
        escalation_reason=draft.escalation_reason,
        requested_documents_json=json.dumps(
            [d for d in draft.requested_documents if d.strip()], ensure_ascii=False),
        sop_document_id=sop_document_id, handle_seconds=max(0.0, draft.handle_seconds),
        decided_at=decided_at, idempotency_key=draft.idempotency_key,
    ))
    return int(result.scalar_one())


def decisions_for(session: Session, appeal_id: int) -> tuple[Decision, ...]:
    """Every decision on an appeal, oldest first."""
    rows = session.scalars(
        select(DecisionRow).where(DecisionRow.appeal_id == appeal_id)
        .order_by(DecisionRow.decided_at, DecisionRow.id)
    )
    return tuple(
        Decision(id=r.id, appeal_id=r.appeal_id, user_id=r.user_id, outcome=Outcome(r.outcome),
                 reason_code=r.reason_code, rationale=r.rationale,
                 response_text=r.response_text, sop_document_id=r.sop_document_id,
                 handle_seconds=r.handle_seconds, decided_at=r.decided_at)
        for r in rows
    )


def queue_id(session: Link, code: str) -> int | None:
    """Id of the queue with this code, or None."""
    return session.scalar(select(QueueDefRow.id).where(QueueDefRow.code == code))
