"""Historical decisions in an import: who made them, and whether one is already recorded.

A backfill from the tool a team used before brings decisions made outside the workstation.
They are written like the workstation's own (a decision row, the status it leads to, its
event) so charts and KPIs cover the past, with ``"source": "import"`` in the event.
Recorded decisions are never rewritten by an import: a different one is a row problem.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from reviewer_app.data.orm import DecisionRow, UserRow
from reviewer_app.domain.appeal_row import ImportedDecision
from reviewer_app.domain.enums import AppealStatus, EventType, Outcome, Role
from reviewer_app.domain.rules import status_after

EVENT_FOR = {
    AppealStatus.DECIDED: EventType.DECIDED,
    AppealStatus.ESCALATED: EventType.ESCALATED,
    AppealStatus.AWAITING_INFO: EventType.INFO_REQUESTED,
}


def resolve_deciders(s: Session, logins: Iterable[str], now: datetime) -> dict[str, int]:
    """User ids by login; unknown logins are created as inactive reviewers (they worked in
    the old tool and may not sign in here until an admin activates them)."""
    wanted = set(logins)
    if not wanted:
        return {}
    known: dict[str, int] = {login: uid for login, uid in s.execute(
        select(UserRow.login, UserRow.id).where(UserRow.login.in_(wanted)))}
    for login in sorted(wanted - known.keys()):
        row = UserRow(login=login, display_name=login, role=Role.REVIEWER.value, active=False,
                      created_at=now)
        s.add(row)
        s.flush()
        known[login] = row.id
    return known


def latest_decisions(s: Session, appeal_ids: Iterable[int]) -> dict[int, DecisionRow]:
    """Each appeal's newest decision row (any outcome), for the appeals that have one."""
    ids = [i for i in appeal_ids if i is not None]
    if not ids:
        return {}
    newest = (select(DecisionRow.appeal_id, func.max(DecisionRow.id).label("id"))
              .where(DecisionRow.appeal_id.in_(ids)).group_by(DecisionRow.appeal_id)
              .subquery())
    rows = s.scalars(select(DecisionRow).join(newest, newest.c.id == DecisionRow.id))
    return {r.appeal_id: r for r in rows}


def is_same(row: DecisionRow, d: ImportedDecision, user_id: int) -> bool:
    """True when ``row`` records exactly the decision ``d`` (an import ran before)."""
    return (row.outcome == d.outcome and row.user_id == user_id
            and row.decided_at == d.decided_at and (row.reason_code or None) == d.reason_code
            and float(row.handle_seconds or 0.0) == d.handle_seconds)


def decision_row(appeal_id: int, d: ImportedDecision, user_id: int) -> DecisionRow:
    return DecisionRow(appeal_id=appeal_id, user_id=user_id, outcome=d.outcome,
                       reason_code=d.reason_code, decided_at=d.decided_at,
                       handle_seconds=d.handle_seconds)


def status_for(d: ImportedDecision) -> AppealStatus:
    return status_after(Outcome(d.outcome))


def decision_event(d: ImportedDecision, user_id: int, before: str,
                   payload: dict[str, Any]) -> dict[str, Any]:
    """The event the decision would have logged, dated when it was made, marked imported."""
    after = status_for(d)
    return {"actor_user_id": user_id, "at": d.decided_at, "type": EVENT_FOR[after].value,
            "before": before, "after": after.value, "comment": None,
            "payload": {**payload, "outcome": d.outcome}}
