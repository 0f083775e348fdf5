"""A small hand-built week of appeals whose KPIs the report tests work out by hand.

Period: ``--from 2026-03-02 --to 2026-03-08`` = [03-02 00:00, 03-09 00:00) UTC.

Appeals (market, received, SLA due: what happens, with reviewer and handle seconds):

- A1 DE, 03-02 00:00 (exactly the start: in), due 03-04: uphold 03-02 10:00 (ana, 100),
  ttd 10 h, on time.
- A2 DE, 03-02 12:00, due 03-03 12:00: escalate 03-03 09:00 (ana, 50); overturn
  03-04 12:00 (ben, 300), ttd 48 h, late.
- A3 FR, 03-03 00:00, due 03-05: partial 03-03 06:00 (ben, 200), ttd 6 h, on time.
- A4 FR, 03-01 (before P), due 03-03: request_info 03-02 08:00 (ben, 40); open at the
  end, past SLA.
- A5 DE, 03-08 20:00, due 03-10 20:00: uphold at 03-09 00:00 exactly (ana): after P, so
  open at the end of P.
- A6 DE, 03-09 00:00 (exactly the end: out), due 03-11: nothing.
- A7 FR, 03-05 00:00, due 03-06: reject_inadmissible 03-05 01:30 (ana, 60), ttd 1.5 h.
- A8 DE, 03-04 00:00, due 03-08: uphold 03-04 02:00 (ana, 30); reopened 03-04 05:00;
  overturn 03-05 04:00 (ben, 120), ttd 28 h.
- A9 DE, 02-20, due 02-22: uphold 02-25 (ana): before P.
- A10 DE, 02-27, due 03-01: uphold 02-28 (ana); reopened 03-06: open at the end, past SLA.

QA (E = evaluation of a decision): E1 A1/ana published 90; E2 A2's overturn/ben disputed 0
(one dispute row); E3 A3/ben resolved 75; E4 A7/ana draft 0 (not published: ignored);
E5 A8's overturn golden 0 (not an audit: ignored); E6 A9/ana published 0 (decision before P).
DE appeals use policy IP_COUNTERFEIT, queue de-queue, language de; FR ones PROHIBITED_ITEMS,
fr-queue, fr, so the policy, queue and language cuts split exactly like the market cut.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from factories import Factory

from reviewer_app.data.db import Database
from reviewer_app.data.orm import EventRow
from reviewer_app.data.qa_orm import (
    QaDisputeRow,
    QaEvaluationRow,
    ScorecardCriterionRow,
    ScorecardRow,
)
from reviewer_app.domain.enums import AppealStatus, Outcome, Role

FROM, TO = "2026-03-02", "2026-03-08"
EMPTY_FROM, EMPTY_TO = "2025-01-01", "2025-01-07"


def t(month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """An instant in 2026, UTC."""
    return datetime(2026, month, day, hour, minute, tzinfo=UTC)


MARKETS = {"DE": ("IP_COUNTERFEIT", "de-queue", "de"), "FR": ("PROHIBITED_ITEMS", "fr-queue", "fr")}


@dataclass
class Week:
    """Ids of what ``build_week`` made."""

    ana: int
    ben: int
    appeals: dict[str, int]


def build_week(db: Database) -> Week:
    """Insert the table above."""
    f = Factory(db, now=t(3, 1))
    ana, ben = f.user("ana"), f.user("ben")
    auditor = f.user("quinn", role=Role.QA)
    appeals: dict[str, int] = {}

    def appeal(name: str, market: str, received: datetime, due: datetime,
               status: AppealStatus = AppealStatus.DECIDED) -> int:
        policy, queue, language = MARKETS[market]
        appeals[name] = f.appeal(market=market, policy_code=policy, queue_code=queue,
                                 language=language, received_at=received, sla_due_at=due,
                                 status=status)
        return appeals[name]

    def decide(appeal_id: int, user: int, outcome: Outcome, at: datetime,
               seconds: float = 0.0) -> int:
        return f.decision(appeal_id, user, outcome, decided_at=at, handle_seconds=seconds)

    a1 = appeal("A1", "DE", t(3, 2), t(3, 4))
    d1 = decide(a1, ana, Outcome.UPHOLD, t(3, 2, 10), 100)
    a2 = appeal("A2", "DE", t(3, 2, 12), t(3, 3, 12))
    decide(a2, ana, Outcome.ESCALATE, t(3, 3, 9), 50)
    d2 = decide(a2, ben, Outcome.OVERTURN, t(3, 4, 12), 300)
    a3 = appeal("A3", "FR", t(3, 3), t(3, 5))
    d3 = decide(a3, ben, Outcome.PARTIAL, t(3, 3, 6), 200)
    a4 = appeal("A4", "FR", t(3, 1), t(3, 3), AppealStatus.AWAITING_INFO)
    decide(a4, ben, Outcome.REQUEST_INFO, t(3, 2, 8), 40)
    a5 = appeal("A5", "DE", t(3, 8, 20), t(3, 10, 20))
    decide(a5, ana, Outcome.UPHOLD, t(3, 9), 70)
    appeal("A6", "DE", t(3, 9), t(3, 11), AppealStatus.NEW)
    a7 = appeal("A7", "FR", t(3, 5), t(3, 6))
    d7 = decide(a7, ana, Outcome.REJECT_INADMISSIBLE, t(3, 5, 1, 30), 60)
    a8 = appeal("A8", "DE", t(3, 4), t(3, 8))
    decide(a8, ana, Outcome.UPHOLD, t(3, 4, 2), 30)
    d8 = decide(a8, ben, Outcome.OVERTURN, t(3, 5, 4), 120)
    a9 = appeal("A9", "DE", t(2, 20), t(2, 22))
    d9 = decide(a9, ana, Outcome.UPHOLD, t(2, 25), 10)
    a10 = appeal("A10", "DE", t(2, 27), t(3, 1), AppealStatus.REOPENED)
    decide(a10, ana, Outcome.UPHOLD, t(2, 28), 10)
    with db.write() as s:
        for appeal_id, at in ((a8, t(3, 4, 5)), (a10, t(3, 6))):
            s.add(EventRow(appeal_id=appeal_id, actor_user_id=auditor, at=at, type="reopened",
                           before="decided", after="reopened"))
        card = ScorecardRow(name="Appeals", version=1, active=True, created_at=t(1, 1))
        s.add(card)
        s.flush()
        criterion = ScorecardCriterionRow(scorecard_id=card.id, position=1, code="OUTCOME",
                                          label="Outcome", weight=1.0, critical=True)
        s.add(criterion)
        evaluations = [  # (appeal, decision, reviewer, status, score, kind)
            (a1, d1, ana, "published", 90.0, "audit"),
            (a2, d2, ben, "disputed", 0.0, "audit"),
            (a3, d3, ben, "resolved", 75.0, "audit"),
            (a7, d7, ana, "draft", 0.0, "audit"),
            (a8, d8, ben, "published", 0.0, "golden"),
            (a9, d9, ana, "published", 0.0, "audit"),
        ]
        rows = [QaEvaluationRow(appeal_id=a, decision_id=d, reviewer_user_id=r,
                                auditor_user_id=auditor, status=st, score=sc, kind=k,
                                created_at=t(3, 7)) for a, d, r, st, sc, k in evaluations]
        s.add_all(rows)
        s.flush()
        s.add(QaDisputeRow(evaluation_id=rows[1].id, criterion_id=criterion.id,
                           raised_by=ben, raised_at=t(3, 7, 1), reason="The evidence was new."))
    return Week(ana=ana, ben=ben, appeals=appeals)
