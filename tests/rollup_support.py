"""The reviewer roll-up's reference: per-user counts by brute force (tests only).

Decisions, handle time, overturns and audits come from the personal dashboard's own reads
(``dashboard_store.my_decisions`` / ``my_audits``), so the team table is checked against
what each person sees on their dashboard; handled and escalated appeals from a plain
COUNT(DISTINCT) over ``decisions``.
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


def brute_force(db: Database, start: datetime, end: datetime) -> dict[int, ReviewerCounts]:
    """user id -> counts in ``[start, end)``, for everyone with a decision row or an audit."""
    with db.read() as s:
        sqlite = s.get_bind().dialect.name == "sqlite"
        # SQLite keeps naive UTC text; compare like with like.
        a, b = ((_sqlite_text(t) for t in (start, end)) if sqlite else (start, end))
        handled = {u: (int(h), int(e))
                   for u, h, e in s.execute(text(HANDLED), {"a": a, "b": b})}
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
                overturned=sum(d.overturned for d in mine))
        return found


def _sqlite_text(at: datetime) -> str:
    return at.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")
