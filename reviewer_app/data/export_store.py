"""Decisions with their appeal, enforcement and decider, streamed for export files.

Rows come in ``decided_at`` order in chunks (``yield_per``), so a year of decisions is
written without holding it in memory.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from reviewer_app.data.orm import (
    AppealRow,
    AppellantRow,
    DecisionRow,
    EnforcementRow,
    QueueDefRow,
    UserRow,
)

CHUNK = 5_000

# Import columns first (a decisions file can be imported into another database as
# historical decisions), then what only the workstation knows.
DECISION_COLUMNS: tuple[str, ...] = (
    "appeal_id", "received_at", "market", "language", "appellant_id", "appellant_type",
    "account_type", "enforcement_id", "enforcement_action", "policy_code", "enforced_at",
    "automated_detection", "automated_decision", "decision_facts", "appeal_text", "round",
    "priority", "listing_id", "ean", "sla_due_at",
    "outcome", "reason_code", "decided_at", "decided_by", "handle_seconds", "sor_puid",
    "queue", "rationale", "what_changes", "response_language", "response_text",
    "escalation_reason",
)
TEXT_COLUMNS = frozenset(DECISION_COLUMNS) - {
    "received_at", "enforced_at", "sla_due_at", "decided_at", "automated_detection", "round",
    "priority", "handle_seconds",
}
A, D, E = AppealRow, DecisionRow, EnforcementRow


def _query(start: datetime | None, end: datetime | None) -> Select[Any]:
    query = (
        select(A.ref, A.received_at, A.market, A.language, A.appellant_ref, AppellantRow.kind,
               AppellantRow.account_type, E.ref, E.action, A.policy_code, E.enforced_at,
               E.automated_detection, E.automated_decision, E.facts, A.statement, A.round,
               A.priority, A.listing_id, E.evidence_json, A.sla_due_at,
               D.outcome, D.reason_code, D.decided_at, UserRow.login, D.handle_seconds,
               E.sor_puid, QueueDefRow.code, D.rationale, D.what_changes, D.response_language,
               D.response_text, D.escalation_reason)
        .join(A, A.id == D.appeal_id)
        .join(E, E.id == A.enforcement_id)
        .join(AppellantRow, AppellantRow.id == A.appellant_id)
        .join(UserRow, UserRow.id == D.user_id)
        .join(QueueDefRow, QueueDefRow.id == A.queue_id)
        .order_by(D.decided_at, D.id)
    )
    if start is not None:
        query = query.where(D.decided_at >= start)
    if end is not None:
        query = query.where(D.decided_at < end)
    return query


def count_decisions(session: Session, start: datetime | None, end: datetime | None) -> int:
    """How many rows ``decision_rows`` will yield (for progress)."""
    query = select(func.count(D.id))
    if start is not None:
        query = query.where(D.decided_at >= start)
    if end is not None:
        query = query.where(D.decided_at < end)
    return int(session.scalar(query) or 0)


def decision_rows(session: Session, start: datetime | None, end: datetime | None
                  ) -> Iterator[dict[str, Any]]:
    """One dict per decision (keys: ``DECISION_COLUMNS``), typed values (datetimes aware)."""
    ean = DECISION_COLUMNS.index("ean")
    for values in session.execute(_query(start, end).execution_options(yield_per=CHUNK)):
        row = list(values)
        row[ean] = _ean(row[ean])
        yield dict(zip(DECISION_COLUMNS, row, strict=True))


def _ean(evidence_json: str | None) -> str | None:
    try:
        value = json.loads(evidence_json or "{}").get("ean")
    except (ValueError, AttributeError):  # evidence written by hand or another tool
        return None
    return value if isinstance(value, str) else None
