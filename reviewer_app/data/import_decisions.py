"""Historical decisions in an import: who made them, and whether one is already recorded.

A backfill from the tool a team used before brings decisions made outside the workstation.
They are written like the workstation's own (a decision row, the status it leads to, its
event) so charts and KPIs cover the past, with ``"source": "import"`` in the event.
Recorded decisions are never rewritten by an import: a different one is a row problem.
Everything here runs on the import's Core connection (``Link``): no ORM objects per row.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import func, insert, select

from reviewer_app.data.orm import DecisionRow, UserRow
from reviewer_app.data.types import Link
from reviewer_app.domain.appeal_row import ImportedDecision
from reviewer_app.domain.enums import AppealStatus, EventType, Outcome, Role
from reviewer_app.domain.rules import status_after

EVENT_FOR = {
    AppealStatus.DECIDED: EventType.DECIDED,
    AppealStatus.ESCALATED: EventType.ESCALATED,
    AppealStatus.AWAITING_INFO: EventType.INFO_REQUESTED,
}
D = DecisionRow.__table__.c
U = UserRow.__table__.c


class RecordedDecision(NamedTuple):
    """The parts of an appeal's newest decision row an import compares with."""

    outcome: str
    decided_at: datetime


def resolve_deciders(link: Link, logins: Iterable[str], now: datetime) -> dict[str, int]:
    """User ids by login; unknown logins are created as inactive reviewers (they worked in
    the old tool and may not sign in here until an admin activates them)."""
    wanted = set(logins)
    if not wanted:
        return {}
    known: dict[str, int] = {login: uid for login, uid in link.execute(
        select(U.login, U.id).where(U.login.in_(wanted)))}
    missing = sorted(wanted - known.keys())
    if missing:
        rows = [{"login": login, "display_name": login, "role": Role.REVIEWER.value,
                 "active": False, "created_at": now} for login in missing]
        stmt = insert(UserRow.__table__).returning(U.login, U.id)
        known.update((login, uid) for login, uid in link.execute(stmt, rows))
    return known


def latest_decisions(link: Link, appeal_ids: Iterable[int]) -> dict[int, RecordedDecision]:
    """Each appeal's newest decision row (any outcome), for the appeals that have one."""
    ids = [i for i in appeal_ids if i is not None]
    if not ids:
        return {}
    newest = (select(D.appeal_id, func.max(D.id).label("id"))
              .where(D.appeal_id.in_(ids)).group_by(D.appeal_id).subquery())
    rows = link.execute(select(D.appeal_id, D.outcome, D.decided_at)
                        .join(newest, newest.c.id == D.id))
    return {appeal_id: RecordedDecision(outcome, at) for appeal_id, outcome, at in rows}


def decision_values(appeal_id: int, d: ImportedDecision, user_id: int) -> dict[str, Any]:
    """The decision row's values (the rest of the columns take their defaults)."""
    return {"appeal_id": appeal_id, "user_id": user_id, "outcome": d.outcome,
            "reason_code": d.reason_code, "decided_at": d.decided_at,
            "handle_seconds": d.handle_seconds}


def status_for(d: ImportedDecision) -> AppealStatus:
    return status_after(Outcome(d.outcome))


def decision_event(d: ImportedDecision, user_id: int, before: str,
                   payload: dict[str, Any]) -> dict[str, Any]:
    """The event the decision would have logged, dated when it was made, marked imported."""
    after = status_for(d)
    return {"actor_user_id": user_id, "at": d.decided_at, "type": EVENT_FOR[after].value,
            "before": before, "after": after.value, "comment": None,
            "payload": {**payload, "outcome": d.outcome}}
