"""Decisions that impose a new or changed restriction, for DSA statements of reasons.

In an appeal, only a partial outcome changes the restriction (it stays, narrowed): uphold
keeps the original (its statement was sent at enforcement) and overturn lifts it.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from reviewer_app.data.orm import AppealRow, AppellantRow, DecisionRow, EnforcementRow
from reviewer_app.domain.sor import ChangedRestriction

CHANGED = ("partial",)
A, D, E = AppealRow, DecisionRow, EnforcementRow


def _where(query, start: datetime | None, end: datetime | None):  # type: ignore[no-untyped-def]
    query = query.where(D.outcome.in_(CHANGED))
    if start is not None:
        query = query.where(D.decided_at >= start)
    if end is not None:
        query = query.where(D.decided_at < end)
    return query


def count_changed(session: Session, start: datetime | None, end: datetime | None) -> int:
    return int(session.scalar(_where(select(func.count(D.id)), start, end)) or 0)


def changed_restrictions(session: Session, start: datetime | None, end: datetime | None
                         ) -> Iterator[ChangedRestriction]:
    """Partial decisions decided in ``[start, end)``, oldest first."""
    query = _where(
        select(A.ref, D.id, E.ref, E.action, A.policy_code, A.market, A.language,
               AppellantRow.account_type, E.automated_detection, E.enforced_at, D.decided_at,
               E.facts, D.what_changes, D.rationale, E.sor_puid)
        .join(A, A.id == D.appeal_id).join(E, E.id == A.enforcement_id)
        .join(AppellantRow, AppellantRow.id == A.appellant_id)
        .order_by(D.decided_at, D.id), start, end)
    for (ref, decision_id, enf_ref, action, policy, market, language, account, automated,
         enforced_at, decided_at, facts, what_changes, rationale, sor_puid) in session.execute(
            query.execution_options(yield_per=2000)):
        yield ChangedRestriction(
            appeal_ref=ref, decision_id=decision_id, enforcement_ref=enf_ref, action=action,
            policy_code=policy, market=market, language=language, account_type=account,
            automated_detection=bool(automated), enforced_at=enforced_at,
            decided_at=decided_at, facts=facts or "",
            explanation=(what_changes or "").strip() or (rationale or "").strip(),
            original_puid=sor_puid)
