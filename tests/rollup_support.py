"""The reviewer roll-up's reference: per-user counts by brute force (tests only).

Decisions, handle time and audits come from the personal dashboard's own reads
(``dashboard_store.my_decisions`` / ``my_audits``), so the team table is checked against
what each person sees on their dashboard. Overturns come from the definition itself, joined
from the base tables (``OVERTURNED``): the dashboard now reads them from the roll-up's
``reviewer_overturns``, which is what is under test. Handled and escalated appeals come
from a plain COUNT(DISTINCT) over ``decisions``.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import text

from reviewer_app.data import dashboard_store
from reviewer_app.data.db import Database
from reviewer_app.domain.reviewer_stats import ReviewerCounts

HANDLED = """
SELECT user_id, COUNT(DISTINCT appeal_id),
       COUNT(DISTINCT CASE WHEN outcome = 'escalate' THEN appeal_id END)
FROM decisions WHERE decided_at >= :a AND decided_at < :b GROUP BY user_id
"""
# DOMAIN.md's "later overturned": a 2nd-round appeal of the decision's appeal ended in
# overturn or partial, or a published QA audit of the decision scored 0.
OVERTURNED = """
SELECT d.user_id, COUNT(*) FROM decisions AS d
WHERE d.outcome IN ('uphold', 'overturn', 'partial', 'reject_inadmissible')
  AND d.decided_at >= :a AND d.decided_at < :b
  AND (EXISTS (SELECT 1 FROM appeals AS second
               JOIN decisions AS later ON later.appeal_id = second.id
               WHERE second.previous_appeal_id = d.appeal_id
                 AND later.outcome IN ('overturn', 'partial'))
       OR EXISTS (SELECT 1 FROM qa_evaluations AS e
                  WHERE e.decision_id = d.id AND e.kind = 'audit'
                    AND e.status IN ('published', 'disputed', 'resolved') AND e.score = 0))
GROUP BY d.user_id
"""


def brute_force(db: Database, start: datetime, end: datetime) -> dict[int, ReviewerCounts]:
    """user id -> counts in ``[start, end)``, for everyone with a decision row or an audit."""
    with db.read() as s:
        sqlite = s.get_bind().dialect.name == "sqlite"
        # SQLite keeps naive UTC text; compare like with like.
        a, b = ((_sqlite_text(t) for t in (start, end)) if sqlite else (start, end))
        handled = {u: (int(h), int(e))
                   for u, h, e in s.execute(text(HANDLED), {"a": a, "b": b})}
        overturned = {u: int(n) for u, n in s.execute(text(OVERTURNED), {"a": a, "b": b})}
        users = set(handled) | {u for (u,) in s.execute(text(
            "SELECT DISTINCT reviewer_user_id FROM qa_evaluations"))}
        found = {}
        for user in sorted(users):
            mine = dashboard_store.my_decisions(s, user, start, end)
            audits = dashboard_store.my_audits(s, user, start, end)
            if not (mine or audits or user in handled):
                continue
            n_handled, n_escalated = handled.get(user, (0, 0))
            found[user] = ReviewerCounts(
                decisions=len(mine), handle_seconds=float(sum(d.handle_seconds for d in mine)),
                handled=n_handled, escalated=n_escalated, audited=len(audits),
                audited_correct=sum(a.correct for a in audits),
                overturned=overturned.get(user, 0))
        return found


def _sqlite_text(at: datetime) -> str:
    return at.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")
