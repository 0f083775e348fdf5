"""The reviewer table on SQLite and PostgreSQL: each figure on hand-built data (expected
values worked out by hand below) and the alert windows. The roll-up behind it is checked
against brute force in tests/data/test_reviewer_rollup.py."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from factories import NOW, Factory, ManualClock

from reviewer_app.data import reviewer_stats_store as store
from reviewer_app.data.db import Database
from reviewer_app.data.orm import DecisionRow
from reviewer_app.data.qa_orm import QaEvaluationRow
from reviewer_app.domain.enums import Role
from reviewer_app.domain.reviewer_stats import AlertKind, ReviewerCounts, ReviewerRow
from reviewer_app.services.team_reviewers import TeamReviewersService

H, DAY = timedelta(hours=1), timedelta(days=1)


class World:
    """Writes decisions and audits straight into the tables (as history)."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.f = Factory(db)
        self.quinn = self.f.user("quinn", role=Role.QA)

    def decide(self, appeal: int, user: int, outcome: str, at: datetime,
               handle: float = 0.0) -> int:
        with self.db.write() as s:
            row = DecisionRow(appeal_id=appeal, user_id=user, outcome=outcome,
                              decided_at=at, handle_seconds=handle)
            s.add(row)
            s.flush()
            return int(row.id)

    def audit(self, decision: int, score: float, status: str = "published",
              kind: str = "audit") -> None:
        with self.db.write() as s:
            d = s.get(DecisionRow, decision)
            assert d is not None
            s.add(QaEvaluationRow(appeal_id=d.appeal_id, decision_id=decision,
                                  reviewer_user_id=d.user_id, auditor_user_id=self.quinn,
                                  status=status, score=score, created_at=NOW, kind=kind))


def by_name(rows: tuple[ReviewerRow, ...]) -> dict[str, ReviewerRow]:
    return {r.display_name: r for r in rows}


@pytest.fixture
def team(database: Database) -> World:
    """Ana's, Ben's and Lee's month; Cy did nothing; Gus left long ago.

    NOW = 2026-01-10 12:00 UTC; ranges are whole UTC days up to the end of today, so 30
    days are 2025-12-12 00:00 .. 2026-01-11 00:00 and 7 days start 2026-01-04 00:00.
    """
    w = World(database)
    f = w.f
    ana, ben, cy, lee = (f.user("ana"), f.user("ben"), f.user("cy"),
                         f.user("lee", role=Role.LEAD))
    gus = f.user("gus", active=False)
    a1, a2, a3, a4, a5, a6, a7, a8, a9, b2 = f.appeals(10, status="decided")
    r1 = f.appeal(status="decided", round=2, previous_appeal_id=a1)
    r5 = f.appeal(status="decided", round=2, previous_appeal_id=a5)
    d1 = w.decide(a1, ana, "uphold", NOW - 2 * H, 600)
    d2 = w.decide(a2, ana, "overturn", NOW - 5 * DAY, 300)
    w.decide(a3, ana, "request_info", NOW - 10 * DAY, 100)
    d3 = w.decide(a3, ana, "uphold", NOW - 9 * DAY, 900)  # the same appeal again
    w.decide(a4, ana, "escalate", NOW - 3 * DAY, 50)
    w.decide(a4, ana, "escalate", NOW - 2 * DAY, 70)  # escalated twice: one appeal
    d5 = w.decide(a5, ana, "reject_inadmissible", NOW - 29 * DAY - 11 * H, 200)  # day one
    d6 = w.decide(a6, ana, "uphold", NOW - 29 * DAY - 13 * H, 1000)  # the evening before
    d7 = w.decide(a7, ana, "partial", NOW - 20 * DAY, 400)
    w.decide(r1, ben, "overturn", NOW - H, 1200)  # Ana's a1 overturned on 2nd round
    w.decide(r5, ben, "uphold", NOW - 6 * DAY - 11 * H, 600)  # a5 upheld: not overturned
    w.decide(b2, ben, "request_info", NOW - 6 * DAY - 13 * H, 0)
    w.decide(a8, lee, "uphold", NOW - 4 * DAY, 100)
    w.decide(a9, gus, "uphold", NOW - 100 * DAY, 100)
    w.audit(d1, 85)
    w.audit(d2, 0)  # failed: Ana's a2 counts as overturned
    w.audit(d3, 90, status="resolved")
    w.audit(d5, 70, status="disputed")
    w.audit(d7, 0, status="draft")  # not published: neither an audit nor an overturn
    w.audit(d3, 0, kind="golden")  # golden scores are not audits
    w.audit(d6, 0)  # outside the range
    assert cy  # listed with nothing
    return w


def test_thirty_days_known_answers(team: World, clock: ManualClock) -> None:
    table = TeamReviewersService(team.db, clock=clock).table(30)
    assert [r.display_name for r in table.rows] == ["Ana", "Ben", "Cy", "Lee"]
    rows = by_name(table.rows)
    ana = rows["Ana"].figures
    # a1, a2, a3 (uphold), a5, a7: 600 + 300 + 900 + 200 + 400 = 2400 s
    assert ana.decisions == 5
    assert ana.aht_seconds == pytest.approx(480.0)
    assert ana.per_productive_hour == pytest.approx(7.5)  # 5 / (2400 / 3600)
    # audits of a1 (85), a2 (0), a3 (90, resolved), a5 (70, disputed): 3 of 4 correct
    assert ana.audited == 4
    assert ana.accuracy == pytest.approx(0.75)
    assert ana.accuracy_low == pytest.approx(0.3006, abs=1e-4)
    assert ana.accuracy_high == pytest.approx(0.9544, abs=1e-4)
    assert ana.overturn_rate == pytest.approx(0.4)  # a1 (2nd round) and a2 (QA) of 5
    assert ana.escalation_rate == pytest.approx(1 / 6)  # a4 of a1, a2, a3, a4, a5, a7
    ben = rows["Ben"].figures
    assert (ben.decisions, ben.aht_seconds, ben.per_productive_hour) == (2, 900.0, 4.0)
    assert (ben.audited, ben.accuracy, ben.accuracy_low) == (0, None, None)
    assert ben.overturn_rate == 0.0
    assert ben.escalation_rate == 0.0  # r1, r5, b2 handled, none escalated
    cy = rows["Cy"].figures
    assert cy.decisions == 0
    assert (cy.aht_seconds, cy.per_productive_hour, cy.accuracy, cy.overturn_rate,
            cy.escalation_rate) == (None, None, None, None, None)
    lee = rows["Lee"].figures  # a lead who decided: listed for the range
    assert (lee.decisions, lee.aht_seconds, lee.per_productive_hour) == (1, 100.0, 36.0)
    assert all(not r.alerts for r in table.rows)  # far too few trials for any alert


def test_seven_days_known_answers(team: World, clock: ManualClock) -> None:
    table = TeamReviewersService(team.db, clock=clock).table(7)
    rows = by_name(table.rows)
    ana = rows["Ana"].figures
    assert (ana.decisions, ana.aht_seconds) == (2, 450.0)  # a1 600 s, a2 300 s
    assert ana.escalation_rate == pytest.approx(1 / 3)  # a4 of a1, a2, a4
    assert (ana.audited, ana.accuracy) == (2, 0.5)
    assert ana.overturn_rate == pytest.approx(1.0)
    ben = rows["Ben"].figures  # r5 is on the first day; b2 the evening before
    assert (ben.decisions, ben.aht_seconds) == (2, 900.0)
    assert ben.escalation_rate == 0.0
    assert rows["Lee"].figures.decisions == 1
    assert (table.start, table.end) == (NOW - 6 * DAY - 12 * H, NOW + 12 * H)


def test_decisions_today_move_the_table(team: World, clock: ManualClock) -> None:
    service = TeamReviewersService(team.db, clock=clock)
    assert by_name(service.table(7).rows)["Cy"].figures.decisions == 0
    cy = next(r.user_id for r in service.table(7).rows if r.display_name == "Cy")
    team.decide(team.f.appeal(status="decided"), cy, "uphold", NOW - 10 * H, 300)
    clock.now = NOW + H
    cy_row = by_name(service.table(7).rows)["Cy"].figures
    assert (cy_row.decisions, cy_row.aht_seconds, cy_row.escalation_rate) == (1, 300.0, 0.0)


def test_alerts_compare_the_last_week_with_the_eight_before(database: Database,
                                                            clock: ManualClock) -> None:
    w = World(database)
    dee, eve = w.f.user("dee"), w.f.user("eve")
    appeals = iter(w.f.appeals(70, status="decided"))
    for i in range(20):  # baseline: 20 audited decisions, all correct
        w.audit(w.decide(next(appeals), dee, "uphold", NOW - 8 * DAY - i * H, 60), 90)
    for i in range(10):  # last week: 5 of 10 fail QA (so 5 of 10 are overturned)
        w.audit(w.decide(next(appeals), dee, "uphold", NOW - DAY - i * H, 60),
                0 if i < 5 else 90)
    for i in range(20):  # Eve: the same last week, but her bad weeks are 9 weeks ago,
        d = w.decide(next(appeals), eve, "uphold", NOW - 64 * DAY + i * H, 60)
        w.audit(d, 90)  # outside the baseline window (which then has only 0 audits)
    for i in range(10):
        w.audit(w.decide(next(appeals), eve, "uphold", NOW - DAY - i * H, 60),
                0 if i < 5 else 90)
    table = TeamReviewersService(database, clock=clock).table(30)
    rows = by_name(table.rows)
    alerts = rows["Dee"].alerts
    # 5 of 10 (low 0.2366) against 0 of 20 (high 0.1611), for audits and for overturns.
    assert [a.kind for a in alerts] == [AlertKind.QA_FAIL, AlertKind.OVERTURN]
    assert [(a.recent_events, a.recent_n, a.baseline_events, a.baseline_n)
            for a in alerts] == [(5, 10, 0, 20), (5, 10, 0, 20)]
    assert rows["Eve"].alerts == ()  # no baseline to compare with
    assert [r.display_name for r in table.alerted] == ["Dee"]
    assert table.recent_start == NOW - 6 * DAY - 12 * H  # 2026-01-04 00:00
    assert table.baseline_start == table.recent_start - 56 * DAY
    # The same alerts whatever range the table shows.
    assert [a.kind for a in by_name(TeamReviewersService(database, clock=clock)
                                    .table(365).rows)["Dee"].alerts] == [
        AlertKind.QA_FAIL, AlertKind.OVERTURN]


def test_a_range_must_be_a_day_or_more(database: Database) -> None:
    with pytest.raises(ValueError, match="at least one day"):
        TeamReviewersService(database).table(0)


def test_someone_with_audits_only_in_the_window(database: Database) -> None:
    """Counts are keyed by the reviewed person even when the rest is empty."""
    w = World(database)
    fay = w.f.user("fay")
    w.audit(w.decide(w.f.appeal(status="decided"), fay, "uphold", NOW - H, 10), 0)
    with database.read() as s:
        counts = store.window_counts(s, NOW - 2 * H, NOW)
    assert counts[fay] == ReviewerCounts(decisions=1, handle_seconds=10.0, handled=1,
                                         escalated=0, audited=1, audited_correct=0,
                                         overturned=1)
