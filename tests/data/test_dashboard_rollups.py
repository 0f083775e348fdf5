"""The per-day roll-ups of migration 0009c on both engines: kept exact by their triggers
through inserts (one row and many), queue moves, re-dated appeals and deletes, and the
readers that combine whole days from them with the partial days from the base tables."""

from __future__ import annotations

import statistics
from datetime import UTC, date, datetime, timedelta

import pytest
from factories import Factory
from sqlalchemy import text, update

from reviewer_app.data import dashboard_store, workload_store
from reviewer_app.data.day_windows import day_window
from reviewer_app.data.db import Database
from reviewer_app.data.orm import AppealRow, DecisionRow
from reviewer_app.domain.enums import AppealStatus, Outcome

FINAL = "('uphold', 'overturn', 'partial', 'reject_inadmissible')"


def _at(day: int, hour: int, minute: int = 0, second: int = 0) -> datetime:
    return datetime(2026, 1, day, hour, minute, second, tzinfo=UTC)


def _utc_day(db: Database, col: str) -> str:
    return f"date({col})" if db.dialect == "sqlite" else f"({col} AT TIME ZONE 'UTC')::date"


def _stored(db: Database) -> tuple[dict[tuple[str, int], int],
                                   dict[tuple[str, int, int], tuple[float, ...]]]:
    """The roll-ups as they are, without zero rows (what a move or delete leaves)."""
    with db.read() as s:
        intake = {(str(d), q): n for d, q, n in s.execute(text(
            "SELECT day, queue_id, appeals FROM queue_day_intake")) if n}
        decided = {(str(d), q, u): (f, round(fh, 3), n, round(h, 3))
                   for d, q, u, f, fh, n, h in s.execute(text(
                       "SELECT day, queue_id, user_id, final_decisions, final_handle_seconds,"
                       " all_rows, all_handle_seconds FROM queue_day_decisions")) if n}
    return intake, decided


def _recomputed(db: Database) -> tuple[dict[tuple[str, int], int],
                                       dict[tuple[str, int, int], tuple[float, ...]]]:
    """The same figures straight from the base tables."""
    a_day, d_day = _utc_day(db, "received_at"), _utc_day(db, "d.decided_at")
    with db.read() as s:
        intake = {(str(d), q): n for d, q, n in s.execute(text(
            f"SELECT {a_day}, queue_id, count(*) FROM appeals GROUP BY 1, 2"))}
        decided = {(str(d), q, u): (f, round(fh, 3), n, round(h, 3))
                   for d, q, u, f, fh, n, h in s.execute(text(
                       f"SELECT {d_day}, a.queue_id, d.user_id,"
                       f" sum(CASE WHEN d.outcome IN {FINAL} THEN 1 ELSE 0 END),"
                       f" sum(CASE WHEN d.outcome IN {FINAL} THEN d.handle_seconds ELSE 0 END),"
                       " count(*), sum(d.handle_seconds)"
                       " FROM decisions d JOIN appeals a ON a.id = d.appeal_id"
                       " GROUP BY 1, 2, 3"))}
    return intake, decided


def test_triggers_keep_the_roll_ups_equal_to_the_base_tables(database: Database) -> None:
    f = Factory(database)
    ana, ben = f.user("ana"), f.user("ben")
    general, escalations = f.queue("general"), f.queue("escalations")
    # Many appeals in one statement, around midnight UTC.
    batch = f.appeals(6, queue_code="general", status=AppealStatus.DECIDED,
                      received_at=lambda i: _at(5 + i % 2, 23 if i % 3 else 0, 59, 59))
    moved = f.appeal(queue_code="general", received_at=_at(6, 12))
    redated = f.appeal(queue_code="escalations", received_at=_at(7, 9))
    assert _stored(database) == _recomputed(database)

    for i, appeal in enumerate(batch):
        f.decision(appeal, (ana, ben)[i % 2], (Outcome.UPHOLD, Outcome.OVERTURN)[i % 2],
                   decided_at=_at(6, 23, 59, 59) + timedelta(seconds=i), handle_seconds=100 + i)
    f.decision(moved, ana, Outcome.ESCALATE, decided_at=_at(6, 13), handle_seconds=50)
    f.decision(moved, ana, Outcome.REQUEST_INFO, decided_at=_at(7, 13), handle_seconds=20)
    with database.write() as s:  # several decisions in one statement
        s.add_all([DecisionRow(appeal_id=redated, user_id=ben, outcome=o, decided_at=_at(8, h),
                               handle_seconds=h * 10.0)
                   for o, h in (("partial", 1), ("reject_inadmissible", 2), ("escalate", 3))])
    with database.write() as s:  # the session's time zone must not move anything
        if database.dialect == "postgresql":
            s.execute(text("SET LOCAL TIME ZONE 'Asia/Tokyo'"))
        s.add(DecisionRow(appeal_id=moved, user_id=ben, outcome="uphold",
                          decided_at=_at(8, 23, 30), handle_seconds=33.0))
    assert _stored(database) == _recomputed(database)

    # An escalation moves the appeal (and its decisions) to another queue; a re-import may
    # re-date an appeal; an owner may delete a decision.
    with database.write() as s:
        s.execute(update(AppealRow).where(AppealRow.id == moved).values(queue_id=escalations))
        s.execute(update(AppealRow).where(AppealRow.id == redated)
                  .values(received_at=_at(9, 1), queue_id=general))
        s.execute(update(AppealRow).where(AppealRow.id == batch[0])
                  .values(status="reopened"))  # neither queue nor date: nothing moves
    assert _stored(database) == _recomputed(database)
    with database.write() as s:
        first = s.scalar(text("SELECT min(id) FROM decisions"))
        s.execute(text("DELETE FROM decisions WHERE id = :i"), {"i": first})
    assert _stored(database) == _recomputed(database)
    intake, decided = _stored(database)
    assert intake[("2026-01-09", general)] == 1  # the re-dated appeal, in its new queue
    assert decided[("2026-01-06", escalations, ana)][2] == 1  # the escalation step moved


@pytest.mark.parametrize(("start", "end"), [
    (_at(5, 10, 30), _at(9, 11)),  # partial days at both ends
    (_at(6, 0), _at(8, 0)),  # whole days only
    (_at(7, 3), _at(7, 20)),  # inside one day
])
def test_team_aht_over_whole_days_and_edges(database: Database, start: datetime,
                                            end: datetime) -> None:
    f = Factory(database)
    people = [f.user(name) for name in ("ana", "ben", "cy")]
    appeals = f.appeals(40, status=AppealStatus.DECIDED)
    for i, appeal in enumerate(appeals):
        f.decision(appeal, people[i % 3], (Outcome.UPHOLD, Outcome.ESCALATE)[i % 5 == 0],
                   decided_at=_at(5, 0) + timedelta(hours=3 * i + 0.5),
                   handle_seconds=60.0 * (1 + i % 7))
    with database.read() as s:
        got = sorted(dashboard_store.team_aht(s, start, end))
        expected = sorted(v for (v,) in s.execute(text(
            "SELECT sum(d.handle_seconds) * 1.0 / count(*) FROM decisions d"
            " JOIN users u ON u.id = d.user_id AND u.role = 'reviewer'"
            f" WHERE d.outcome IN {FINAL} AND d.decided_at >= :a AND d.decided_at < :b"
            " GROUP BY d.user_id"),
            _bounds(database, start, end)))
    assert got == pytest.approx(expected)
    assert statistics.median(got) > 0


def test_workload_since_mid_day_counts_the_partial_first_day(database: Database) -> None:
    f = Factory(database)
    ana, ben = f.user("ana"), f.user("ben")
    early, late, next_day = f.appeals(3, queue_code="general", status=AppealStatus.DECIDED)
    f.decision(early, ana, Outcome.UPHOLD, decided_at=_at(5, 8), handle_seconds=1000)
    f.decision(late, ana, Outcome.UPHOLD, decided_at=_at(5, 14), handle_seconds=200)
    f.decision(next_day, ben, Outcome.ESCALATE, decided_at=_at(6, 9), handle_seconds=50)
    with database.read() as s:
        (general,) = workload_store.workload(s, since=_at(5, 12), queue_code="general")
    assert general.handle_seconds == 250  # the 08:00 decision is before the window
    assert general.final_decisions == 1
    assert general.reviewers == 1  # Ben only escalated


def _bounds(database: Database, start: datetime, end: datetime) -> dict[str, object]:
    if database.dialect == "sqlite":
        return {k: v.replace(tzinfo=None).isoformat(" ", "microseconds")
                for k, v in (("a", start), ("b", end))}
    return {"a": start, "b": end}


def test_day_window_cuts_whole_days_and_edges() -> None:
    w = day_window(_at(5, 10), _at(8, 6))
    assert (w.first_day, w.end_day) == (date(2026, 1, 6), date(2026, 1, 8))
    assert w.edges == ((_at(5, 10), _at(6, 0)), (_at(8, 0), _at(8, 6)))
    assert day_window(_at(5, 0), _at(7, 0)).edges == ()
    inside = day_window(_at(5, 1), _at(5, 2))
    assert inside.first_day is None and inside.edges == ((_at(5, 1), _at(5, 2)),)
    assert day_window(_at(5, 1), _at(5, 1)).edges == ()
    open_ended = day_window(_at(5, 1))
    assert (open_ended.first_day, open_ended.end_day) == (date(2026, 1, 6), None)
    assert open_ended.edges == ((_at(5, 1), _at(6, 0)),)
    assert day_window(_at(5, 0)).edges == ()
