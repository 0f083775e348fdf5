"""Workload SQL on both engines: daily intake per UTC day, backlog, recent AHT, SLA."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from factories import NOW, Factory
from sqlalchemy import text

from reviewer_app.data import workload_store
from reviewer_app.data.db import Database
from reviewer_app.data.orm import SlaPolicyRow
from reviewer_app.domain.enums import AppealStatus, Outcome


def _at(day: int, hour: int, minute: int = 0, second: int = 0) -> datetime:
    return datetime(2026, 1, day, hour, minute, second, tzinfo=UTC)


def _intake_fixture(f: Factory) -> None:
    f.queue("escalations")
    for when, queue in [
        (_at(4, 23, 59, 59), "general"),  # the day before the window
        (_at(5, 0), "general"),
        (_at(5, 23, 59, 59), "general"),  # still the 5th in UTC
        (_at(6, 10), "escalations"),
        (_at(7, 0), "general"),  # first second of the 7th
        (_at(9, 23, 30), "general"),
        (_at(10, 1), "general"),  # the day after the window
    ]:
        f.appeal(received_at=when, queue_code=queue)


def test_daily_intake_counts_each_utc_day_and_fills_quiet_days(database: Database) -> None:
    _intake_fixture(Factory(database))
    with database.read() as s:
        if database.dialect == "postgresql":
            # The session's zone must not move appeals between days (Tokyo is UTC+9).
            s.execute(text("SET TIME ZONE 'Asia/Tokyo'"))
        result = workload_store.daily_intake(s, first_day=date(2026, 1, 5),
                                             last_day=date(2026, 1, 9))
    by_queue = {q.queue_code: q for q in result}
    #                     5th 6th 7th 8th 9th
    assert by_queue["general"].counts == (2, 0, 1, 0, 1)
    assert by_queue["escalations"].counts == (0, 1, 0, 0, 0)
    assert by_queue["general"].first_day == date(2026, 1, 5)


def test_daily_intake_for_one_queue(database: Database) -> None:
    f = Factory(database)
    _intake_fixture(f)
    f.queue("empty")
    with database.read() as s:
        (one,) = workload_store.daily_intake(s, first_day=date(2026, 1, 6),
                                             last_day=date(2026, 1, 7),
                                             queue_code="escalations")
        (empty,) = workload_store.daily_intake(s, first_day=date(2026, 1, 6),
                                               last_day=date(2026, 1, 8), queue_code="empty")
    assert one.counts == (1, 0)
    assert empty.counts == (0, 0, 0)


def test_a_reviewer_shared_by_queues_counts_for_their_share_of_decisions_in_each(
    database: Database,
) -> None:
    # Ana decides 3 in general and 1 in ip_brand, Ben 2 in general: general has Ben and
    # three quarters of Ana (1.75 people), ip_brand a quarter of Ana; 2 people in all.
    f = Factory(database)
    ana, ben = f.user("ana"), f.user("ben")
    general = f.appeals(5, queue_code="general", status=AppealStatus.DECIDED)
    (brand,) = f.appeals(1, queue_code="ip_brand", status=AppealStatus.DECIDED)
    for appeal, who in zip([*general, brand], [ana, ana, ana, ben, ben, ana], strict=True):
        f.decision(appeal, who, Outcome.UPHOLD, decided_at=NOW - timedelta(days=1))
    f.decision(general[0], ben, Outcome.ESCALATE, decided_at=NOW - timedelta(days=1))
    with database.read() as s:
        loads = {w.queue_code: w for w in workload_store.workload(
            s, since=NOW - timedelta(days=28))}
    assert loads["general"].reviewers == pytest.approx(1.75)
    assert loads["ip_brand"].reviewers == pytest.approx(0.25)
    assert sum(w.reviewers for w in loads.values()) == pytest.approx(2.0)


def test_workload_backlog_aht_reviewers_and_sla(database: Database) -> None:
    f = Factory(database)
    ana, ben = f.user("ana"), f.user("ben")
    open_1, _open_2 = f.appeals(2, queue_code="general")
    done_1, done_2, done_old = f.appeals(3, queue_code="general",
                                         status=AppealStatus.DECIDED)
    esc_open = f.appeal(queue_code="escalations")
    day = timedelta(days=1)
    f.decision(done_1, ana, Outcome.UPHOLD, decided_at=NOW - day, handle_seconds=600)
    f.decision(done_2, ben, Outcome.OVERTURN, decided_at=NOW - 2 * day, handle_seconds=900)
    f.decision(open_1, ana, Outcome.ESCALATE, decided_at=NOW - day, handle_seconds=300)
    f.decision(done_old, ben, Outcome.UPHOLD, decided_at=NOW - 40 * day, handle_seconds=5000)
    f.decision(esc_open, ana, Outcome.REQUEST_INFO, decided_at=NOW - day, handle_seconds=120)
    policy = f.policy()
    with database.write() as s:
        s.add_all([
            SlaPolicyRow(queue_id=f.queue("general"), policy_id=None, market=None, hours=24),
            SlaPolicyRow(queue_id=f.queue("general"), policy_id=policy, market=None, hours=6),
            SlaPolicyRow(queue_id=None, policy_id=None, market=None, hours=72),
        ])
    with database.read() as s:
        loads = {w.queue_code: w for w in workload_store.workload(s, since=NOW - 28 * day)}
    general, esc = loads["general"], loads["escalations"]
    assert general.backlog == 2  # open_1 (escalated step, still open) and open_2
    # (600 + 900 + 300) handle seconds ÷ 2 final decisions; the 40-day-old one is outside.
    assert general.handle_seconds == 1800
    assert general.final_decisions == 2
    assert general.aht_seconds == 900
    assert general.reviewers == 2
    assert general.sla_hours == 24  # the queue-wide rule, not the policy-specific one
    assert esc.backlog == 1
    assert esc.final_decisions == 0
    assert esc.aht_seconds is None  # an info request is not a decision
    assert esc.sla_hours == 72  # the catalog-wide rule
