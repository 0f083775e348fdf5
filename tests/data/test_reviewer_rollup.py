"""Migration 0009b: the reviewer roll-up is filled from existing rows, kept exact by triggers
through every event that changes a figure (decisions inserted in any order or deleted,
audits published, re-scored or deleted, 2nd rounds overturning), also when people write
through their own PostgreSQL roles (who may not write the roll-up), and removed cleanly on
downgrade. The reference is the personal dashboard's own reads (tests/rollup_support.py)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from factories import NOW, Factory
from rls_support import Roles, refused, run
from rollup_support import brute_force
from sqlalchemy import delete, text, update

from reviewer_app.data import reviewer_stats_store as store
from reviewer_app.data.db import Database, create_db_engine
from reviewer_app.data.orm import AppealRow, DecisionRow, LeaseRow
from reviewer_app.data.qa_orm import QaEvaluationRow
from reviewer_app.data.schema import _alembic_config, current_revision, upgrade
from reviewer_app.domain.enums import Role
from reviewer_app.domain.reviewer_stats import ReviewerCounts
from reviewer_app.services.team_reviewers import TeamReviewersService

H, DAY = timedelta(hours=1), timedelta(days=1)
# On SQLite the audit trigger is three (insert, update, delete), on PostgreSQL one.
TRIGGERS = {"decisions_roll_up_insert", "decisions_roll_up_delete", "appeals_roll_up_previous",
            "qa_evaluations_roll_up"}


@pytest.fixture(params=["sqlite", pytest.param("pg", marks=pytest.mark.pg)])
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database with no schema yet, on either engine."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'empty.sqlite3'}"
    return str(request.getfixturevalue("empty_pg_url"))


# Columns later migrations add to tables the factory writes. The factory writes through the
# current ORM, which names them in every INSERT, so the 0008 schema gets stand-ins while the
# old data is made; ``upgrade_from_0008`` drops them before migrating.
LATER_COLUMNS = {"enforcements": ("sor_puid VARCHAR(500)",)}  # 0011


@pytest.fixture
def at_0008(empty_url: str) -> Iterator[Database]:
    db = Database(create_db_engine(empty_url))
    migrate(db, "0008")
    with db.engine.begin() as conn:
        for table, columns in LATER_COLUMNS.items():
            for column in columns:
                conn.execute(text(f"ALTER TABLE {table} ADD COLUMN {column}"))
    yield db
    db.dispose()


def upgrade_from_0008(db: Database) -> None:
    with db.engine.begin() as conn:
        for table, columns in LATER_COLUMNS.items():
            for column in columns:
                conn.execute(text(f"ALTER TABLE {table} DROP COLUMN {column.split()[0]}"))
    upgrade(db.engine)


def migrate(db: Database, revision: str, *, down: bool = False) -> None:
    from alembic import command

    cfg = _alembic_config()
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        (command.downgrade if down else command.upgrade)(cfg, revision)


def decide(db: Database, appeal: int, user: int, outcome: str, at: datetime,
           handle: float = 60.0) -> int:
    with db.write() as s:
        row = DecisionRow(appeal_id=appeal, user_id=user, outcome=outcome, decided_at=at,
                          handle_seconds=handle)
        s.add(row)
        s.flush()
        return int(row.id)


def audit(db: Database, decision: int, auditor: int, score: float | None,
          status: str = "published") -> int:
    with db.write() as s:
        d = s.get(DecisionRow, decision)
        assert d is not None
        row = QaEvaluationRow(appeal_id=d.appeal_id, decision_id=decision,
                              reviewer_user_id=d.user_id, auditor_user_id=auditor,
                              status=status, score=score, created_at=NOW)
        s.add(row)
        s.flush()
        return int(row.id)


def set_audit(db: Database, evaluation: int, **values: object) -> None:
    with db.write() as s:
        row = s.get(QaEvaluationRow, evaluation)
        assert row is not None
        for name, value in values.items():
            setattr(row, name, value)


def counts(db: Database, start: datetime, end: datetime) -> dict[int, ReviewerCounts]:
    with db.read() as s:
        return store.window_counts(s, start, end)


def trigger_names(db: Database) -> set[str]:
    """The roll-up's triggers found in the database (SQLite's three audit ones as one)."""
    with db.read() as s:
        if s.get_bind().dialect.name == "sqlite":
            sql = "SELECT name FROM sqlite_master WHERE type = 'trigger'"
        else:
            sql = "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"
        names = {name for (name,) in s.execute(text(sql))}
    audit = {f"qa_evaluations_roll_up_{e}" for e in ("insert", "update", "delete")}
    if audit <= names:
        names.add("qa_evaluations_roll_up")
    return names & TRIGGERS


def test_upgrade_rolls_up_what_is_already_there(at_0008: Database) -> None:
    db = at_0008
    f = Factory(db)
    ana, ben, quinn = f.user("ana"), f.user("ben"), f.user("quinn", role=Role.QA)
    a1, a2, a3 = f.appeals(3, status="decided")
    decide(db, a1, ana, "request_info", NOW - 2 * DAY, 30)
    d1 = decide(db, a1, ana, "uphold", NOW - DAY, 600)  # Ana's second row on a1
    decide(db, a2, ana, "escalate", NOW - DAY + H, 20)
    d2 = decide(db, a2, ben, "overturn", NOW - DAY + 2 * H, 900)
    d3 = decide(db, a3, ben, "uphold", NOW - DAY + 3 * H, 300)
    audit(db, d1, quinn, 90)
    audit(db, d2, quinn, 0)  # Ben's a2 fails QA: overturned
    audit(db, d3, quinn, 0, status="draft")  # not published: nothing yet
    r3 = f.appeal(status="decided", round=2, previous_appeal_id=a3)
    decide(db, r3, ana, "partial", NOW - H, 100)  # Ben's a3 changed on 2nd round
    upgrade_from_0008(db)
    assert trigger_names(db) == TRIGGERS
    with db.read() as s:
        rows = [(str(d), u, n, float(h), handled, esc, audited, ok) for d, u, n, h, handled,
                esc, audited, ok in s.execute(text(
                    "SELECT day, user_id, decisions, handle_seconds, handled, escalations, "
                    "audited, audited_correct FROM reviewer_day_stats ORDER BY day, user_id"))]
        repeats = s.execute(text("SELECT user_id, appeal_id, escalation, decided_at, prev_at"
                                 " FROM reviewer_repeat_handles")).all()
        overturned = s.scalars(text("SELECT decision_id FROM reviewer_overturns"
                                    " ORDER BY decision_id")).all()
    day = str((NOW - DAY).date())
    assert rows == [
        (str((NOW - 2 * DAY).date()), ana, 0, 0.0, 1, 0, 0, 0),
        (day, ana, 1, 600.0, 2, 1, 1, 1),
        (day, ben, 2, 1200.0, 2, 0, 1, 0),
        (str(NOW.date()), ana, 1, 100.0, 1, 0, 0, 0),
    ]
    # Ana's uphold on a1 follows her request for information on it (a1 counts once).
    assert [tuple(r)[:3] for r in repeats] == [(ana, a1, False)]
    assert {str(r[3])[:10] for r in repeats} == {str((NOW - DAY).date())}
    assert list(overturned) == [d2, d3]
    got = counts(db, NOW - 3 * DAY, NOW)
    assert got == brute_force(db, NOW - 3 * DAY, NOW)
    assert (got[ana].handled, got[ana].escalated, got[ana].decisions) == (3, 1, 2)
    assert (got[ben].overturned, got[ben].audited, got[ben].audited_correct) == (2, 1, 0)


def test_every_event_keeps_the_roll_up_exact(database: Database) -> None:
    """Random history (repeats, 2nd rounds, audits published and re-scored and removed,
    decisions loaded out of time order and some deleted), checked for random windows cut
    anywhere inside a day."""
    rng = random.Random(11)
    db = database
    f = Factory(db)
    people = [f.user(f"p{i}") for i in range(4)]
    quinn = f.user("quinn", role=Role.QA)
    firsts = f.appeals(40, status="decided")
    seconds = [f.appeal(status="decided", round=2, previous_appeal_id=a) for a in firsts[:15]]
    outcomes = ("uphold", "overturn", "partial", "reject_inadmissible", "escalate",
                "request_info")

    def when() -> datetime:
        return NOW - timedelta(seconds=rng.randrange(0, 30 * 86400))

    decisions = []
    for _ in range(150):  # one at a time, in random time order
        appeal = rng.choice(firsts + seconds)
        decisions.append(decide(db, appeal, rng.choice(people), rng.choice(outcomes), when(),
                                float(rng.randrange(0, 900))))
    with db.write() as s:  # and many in one statement
        s.add_all([DecisionRow(appeal_id=rng.choice(firsts + seconds),
                               user_id=rng.choice(people), outcome=rng.choice(outcomes),
                               decided_at=when(), handle_seconds=float(rng.randrange(900)))
                   for _ in range(100)])
    evaluations = []
    for decision in rng.sample(decisions, 60):
        status = rng.choice(("draft", "published", "disputed", "resolved"))
        evaluations.append(audit(db, decision, quinn, rng.choice((0, 0, 60, 95, None)),
                                 status))
    for evaluation in rng.sample(evaluations, 30):  # publish, re-score, resolve
        set_audit(db, evaluation, status=rng.choice(("published", "resolved", "draft")),
                  score=rng.choice((0, 70, 100)))
    with db.write() as s:
        for evaluation in rng.sample(evaluations, 5):
            s.execute(delete(QaEvaluationRow).where(QaEvaluationRow.id == evaluation))
        audited = set(s.scalars(text("SELECT decision_id FROM qa_evaluations")).all())
        for decision in rng.sample([d for d in decisions if d not in audited], 10):
            s.execute(delete(DecisionRow).where(DecisionRow.id == decision))
        # A 2nd round re-pointed at another 1st-round appeal.
        s.execute(update(AppealRow).where(AppealRow.id == seconds[0])
                  .values(previous_appeal_id=firsts[20]))
    windows = [(NOW - 31 * DAY, NOW + H), (NOW - 7 * DAY, NOW), (NOW - 3 * H, NOW)]
    for _ in range(10):
        a = NOW - timedelta(seconds=rng.randrange(0, 31 * 86400))
        windows.append((a, a + timedelta(seconds=rng.randrange(1, 15 * 86400))))
    for start, end in windows:
        assert counts(db, start, end) == brute_force(db, start, end), (start, end)
    everything = counts(db, NOW - 31 * DAY, NOW + H)
    assert sum(c.overturned for c in everything.values()) > 10  # the soup has some
    assert sum(c.audited for c in everything.values()) > 10


def test_an_audits_life_moves_accuracy_and_overturns(database: Database) -> None:
    f = Factory(database)
    ana, quinn = f.user("ana"), f.user("quinn", role=Role.QA)
    decision = decide(database, f.appeal(status="decided"), ana, "uphold", NOW - H, 300)
    window = (NOW - DAY, NOW + DAY)

    def ana_now() -> tuple[int, int, int]:
        c = counts(database, *window)[ana]
        assert {ana: c} == brute_force(database, *window)
        return c.audited, c.audited_correct, c.overturned

    evaluation = audit(database, decision, quinn, 0, status="draft")
    assert ana_now() == (0, 0, 0)  # a draft is nobody's business yet
    set_audit(database, evaluation, status="published")
    assert ana_now() == (1, 0, 1)  # failed: an error, and the decision counts as overturned
    set_audit(database, evaluation, status="disputed")
    assert ana_now() == (1, 0, 1)
    set_audit(database, evaluation, status="resolved", score=80.0)  # dispute accepted
    assert ana_now() == (1, 1, 0)
    second = audit(database, decision, quinn, 0)  # a second, failed audit of it
    assert ana_now() == (2, 1, 1)
    with database.write() as s:
        s.execute(delete(QaEvaluationRow).where(QaEvaluationRow.id == second))
    assert ana_now() == (1, 1, 0)


def test_a_second_round_overturns_whatever_the_order(database: Database) -> None:
    f = Factory(database)
    ana, ben = f.user("ana"), f.user("ben")
    first, other = f.appeals(2, status="decided")
    again = f.appeal(status="decided", round=2, previous_appeal_id=first)
    window = (NOW - DAY, NOW + DAY)
    changed = decide(database, again, ben, "overturn", NOW - H)  # loaded before the 1st
    decide(database, first, ana, "uphold", NOW - 2 * H)
    assert counts(database, *window)[ana].overturned == 1
    with database.write() as s:  # the owner removes the 2nd-round decision
        s.execute(delete(DecisionRow).where(DecisionRow.id == changed))
    assert counts(database, *window)[ana].overturned == 0
    decide(database, again, ben, "uphold", NOW - H / 2)  # upheld on 2nd round: stays
    assert counts(database, *window)[ana].overturned == 0
    decide(database, again, ben, "partial", NOW - H / 4)  # reopened, then partly changed
    assert counts(database, *window)[ana].overturned == 1
    decide(database, other, ana, "uphold", NOW - 3 * H)
    with database.write() as s:
        s.execute(update(AppealRow).where(AppealRow.id == again)
                  .values(previous_appeal_id=other))
    assert counts(database, *window)[ana].overturned == 1  # now the other one
    assert counts(database, *window) == brute_force(database, *window)


def test_a_deleted_decision_leaves_the_roll_up(database: Database) -> None:
    f = Factory(database)
    ana = f.user("ana")
    a1, a2 = f.appeals(2, status="decided")
    decide(database, a1, ana, "escalate", NOW - H, 10)
    decide(database, a1, ana, "uphold", NOW - H / 2, 500)
    decide(database, a2, ana, "uphold", NOW - H / 4, 100)
    with database.write() as s:  # only the owner can; kept exact all the same
        s.execute(delete(DecisionRow).where(DecisionRow.appeal_id == a1,
                                            DecisionRow.outcome == "uphold"))
    got = counts(database, NOW - DAY, NOW + DAY)[ana]
    assert (got.decisions, got.handle_seconds, got.handled, got.escalated) == (1, 100.0, 2, 1)
    assert {ana: got} == brute_force(database, NOW - DAY, NOW + DAY)


def test_downgrade_removes_the_roll_up_and_its_triggers(database: Database) -> None:
    f = Factory(database)
    ana = f.user("ana")
    appeal = f.appeal(status="decided")
    assert trigger_names(database) == TRIGGERS
    migrate(database, "0008", down=True)
    assert current_revision(database.engine) == "0008"
    assert trigger_names(database) == set()
    decide(database, appeal, ana, "uphold", NOW - H)  # no trigger left behind
    upgrade(database.engine)
    assert counts(database, NOW - DAY, NOW)[ana].decisions == 1  # backfilled


@pytest.mark.pg
def test_reviewers_and_qa_feed_the_roll_up_without_being_able_to_write_it(
        admin_db: Database, roles: Roles) -> None:
    now = datetime.now(UTC)
    f = Factory(admin_db, now=now)
    ana, quinn = roles.person("ana"), roles.person("quinn", Role.QA)
    lee = roles.person("lee", Role.LEAD)
    appeal = f.appeal()
    with admin_db.write() as s:
        s.add(LeaseRow(appeal_id=appeal, user_id=ana.user_id, claimed_at=now,
                       expires_at=now + timedelta(minutes=15), return_status="new"))
    ana_sql = roles.engine(ana)
    assert run(ana_sql, "INSERT INTO decisions (appeal_id, user_id, outcome, rationale, "
               "what_changes, response_text, response_language, escalation_reason, "
               "requested_documents_json, handle_seconds, decided_at) VALUES (:a, :u, "
               "'uphold', '', '', '', 'en', '', '[]', 420, now())",
               a=appeal, u=ana.user_id) == 1
    decision = admin_db.engine.connect().execute(
        text("SELECT id FROM decisions WHERE appeal_id = :a"), {"a": appeal}).scalar_one()
    assert run(roles.engine(quinn), "INSERT INTO qa_evaluations (appeal_id, decision_id, "
               "reviewer_user_id, auditor_user_id, status, score, created_at) VALUES "
               "(:a, :d, :r, :q, 'published', 0, now())", a=appeal, d=decision,
               r=ana.user_id, q=quinn.user_id) == 1
    for sql in ("UPDATE reviewer_day_stats SET decisions = 0",
                "INSERT INTO reviewer_overturns VALUES (1, 1, now())",
                "DELETE FROM reviewer_repeat_handles"):
        refused(ana_sql, sql)
    refused(roles.engine(quinn), "DELETE FROM reviewer_overturns")
    table = TeamReviewersService(roles.database(lee)).table(7)  # as the lead
    row = next(r for r in table.rows if r.user_id == ana.user_id)
    assert (row.figures.decisions, row.figures.aht_seconds) == (1, 420.0)
    assert (row.figures.audited, row.figures.accuracy, row.figures.overturn_rate) == (
        1, 0.0, 1.0)
