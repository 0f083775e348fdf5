"""The personal dashboard's reads on SQLite and PostgreSQL: only my final decisions, the
overturn flags (2nd round and QA), published audits, the team's per-person AHT."""

from __future__ import annotations

from datetime import timedelta

import pytest
from factories import NOW, Factory, ManualClock

from reviewer_app.data.db import Database
from reviewer_app.data.orm import DecisionRow
from reviewer_app.data.qa_orm import QaEvaluationRow
from reviewer_app.domain.dashboard import Granularity
from reviewer_app.domain.enums import Role
from reviewer_app.services.dashboard import DashboardService


def test_personal_figures_from_the_database(database: Database, clock: ManualClock) -> None:
    f = Factory(database)
    ana, ben, quinn = f.user("ana"), f.user("ben"), f.user("quinn", role=Role.QA)
    first, second, escalated, old = f.appeals(4, status="decided")
    hours = timedelta(hours=1)

    def decision(appeal: int, user: int, outcome: str, at: object, handle: float) -> int:
        with database.write() as s:
            row = DecisionRow(appeal_id=appeal, user_id=user, outcome=outcome,
                              decided_at=at, handle_seconds=handle)
            s.add(row)
            s.flush()
            return int(row.id)

    d1 = decision(first, ana, "uphold", NOW - 3 * hours, 600)
    decision(second, ana, "overturn", NOW - 2 * hours, 300)
    decision(escalated, ana, "escalate", NOW - 2 * hours, 100)  # a handling step: not counted
    decision(old, ana, "uphold", NOW - timedelta(days=40), 100)  # outside the range
    decision(f.appeal(status="decided"), ben, "uphold", NOW - hours, 1200)
    # Ana's first decision is overturned on a 2nd-round appeal.
    again = f.appeal(status="decided", round=2, previous_appeal_id=first)
    decision(again, ben, "overturn", NOW - hours, 200)
    with database.write() as s:
        s.add(QaEvaluationRow(appeal_id=first, decision_id=d1, reviewer_user_id=ana,
                              auditor_user_id=quinn, status="published", score=80.0,
                              created_at=NOW))
    stats = DashboardService(database, clock=clock).personal(ana, 30, Granularity.DAY)
    assert stats.total_decisions == 2
    assert stats.overturned_share == pytest.approx(0.5)
    assert stats.aht_seconds == pytest.approx(450)
    assert stats.team_median_aht_seconds == pytest.approx((450 + 700) / 2)  # Ana, Ben
    assert stats.decisions[-1] == 2 and sum(stats.decisions) == 2
    assert [a for a in stats.accuracy if a is not None] == [1.0]
    assert stats.today == 2


def test_someone_new_sees_an_empty_valid_dashboard(database: Database,
                                                   clock: ManualClock) -> None:
    user = Factory(database).user("new")
    stats = DashboardService(database, clock=clock).personal(user, 7, Granularity.WEEK)
    assert stats.total_decisions == 0 and stats.aht_seconds is None
    assert len(stats.decisions) in (1, 2) and set(stats.decisions) == {0}
