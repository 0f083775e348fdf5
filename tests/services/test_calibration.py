"""Calibration sessions on SQLite and PostgreSQL: roles, blind items, once-only ratings,
closed sessions, results; ratings are append-only in the database itself."""

from __future__ import annotations

from dataclasses import fields

import pytest
from factories import Factory, ManualClock
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from reviewer_app.data.db import Database
from reviewer_app.domain.calibration import BlindItem, GoldAnswer
from reviewer_app.domain.enums import Outcome, Role
from reviewer_app.domain.errors import (
    ConflictError,
    InvalidInputError,
    NotFoundError,
    PermissionDeniedError,
)
from reviewer_app.services.calibration import CalibrationService

U, OV = Outcome.UPHOLD, Outcome.OVERTURN


@pytest.fixture
def cal(database: Database, clock: ManualClock) -> CalibrationService:
    return CalibrationService(database, clock=clock)


class Session:
    """Quinn (QA) runs a session of three decided cases for Ana and Ben; Cara stays out."""

    def __init__(self, f: Factory, cal: CalibrationService) -> None:
        self.ana, self.ben, self.cara = f.user("ana"), f.user("ben"), f.user("cara")
        self.quinn = f.user("quinn", role=Role.QA)
        self.appeals = f.appeals(3, status="decided", statement=lambda i: f"Case {i}")
        self.gold = [GoldAnswer(self.appeals[0], U, "UPH-DOCS-INVALID"),
                     GoldAnswer(self.appeals[1], OV), GoldAnswer(self.appeals[2], U)]
        self.id = cal.create(self.quinn, " Week 2 ", self.gold, [self.ana, self.ben])


@pytest.fixture
def s(f: Factory, cal: CalibrationService) -> Session:
    return Session(f, cal)


@pytest.fixture
def f(database: Database) -> Factory:
    return Factory(database)


def test_only_qa_leads_and_admins_create_close_and_read_results(
        f: Factory, cal: CalibrationService, s: Session) -> None:
    with pytest.raises(PermissionDeniedError):
        cal.create(s.ana, "Mine", s.gold, [s.ben])
    for action in (cal.results, cal.close):
        with pytest.raises(PermissionDeniedError):
            action(s.ana, s.id)
    lead = f.user("lena", role=Role.LEAD)
    assert cal.results(lead, s.id).participants == (s.ana, s.ben)
    with pytest.raises(InvalidInputError, match="final outcome"):
        cal.create(s.quinn, "x", [GoldAnswer(s.appeals[0], Outcome.ESCALATE)], [s.ana])
    with pytest.raises(InvalidInputError, match="only once"):
        cal.create(s.quinn, "x", [s.gold[0], s.gold[0]], [s.ana])


def test_pending_sessions_and_the_blind_item(cal: CalibrationService, s: Session) -> None:
    [mine] = cal.my_sessions(s.ana)
    assert (mine.id, mine.name, mine.items, mine.rated) == (s.id, "Week 2", 3, 0)
    assert cal.my_sessions(s.cara) == ()
    assert cal.items(s.ana, s.id) == tuple(s.appeals)
    cal.rate(s.ben, s.id, s.appeals[0], OV)
    item = cal.blind_item(s.ana, s.id, s.appeals[0])
    assert (item.position, item.statement, item.rated) == (0, "Case 0", False)
    names = {f.name for f in fields(BlindItem)}
    assert not {n for n in names if "gold" in n or "rating" in n or "outcome" in n
                or "reason" in n}
    assert item == cal.blind_item(s.quinn, s.id, s.appeals[0])  # nothing extra for QA
    with pytest.raises(PermissionDeniedError):
        cal.blind_item(s.cara, s.id, s.appeals[0])
    with pytest.raises(PermissionDeniedError):
        cal.items(s.cara, s.id)
    for appeal in s.appeals:
        cal.rate(s.ana, s.id, appeal, U)
    assert cal.blind_item(s.ana, s.id, s.appeals[0]).rated
    assert cal.my_sessions(s.ana) == ()  # done
    assert [x.rated for x in cal.my_sessions(s.ben)] == [1]


def test_a_case_is_rated_once_by_participants_of_an_open_session(
        database: Database, cal: CalibrationService, s: Session) -> None:
    cal.rate(s.ana, s.id, s.appeals[0], U, "UPH-DOCS-INVALID")
    with pytest.raises(ConflictError, match="already"):
        cal.rate(s.ana, s.id, s.appeals[0], OV)
    with pytest.raises(PermissionDeniedError):
        cal.rate(s.cara, s.id, s.appeals[0], U)
    with pytest.raises(PermissionDeniedError):  # QA is not a participant either
        cal.rate(s.quinn, s.id, s.appeals[0], U)
    with pytest.raises(InvalidInputError, match="final"):
        cal.rate(s.ana, s.id, s.appeals[1], Outcome.REQUEST_INFO)
    with pytest.raises(NotFoundError):
        cal.rate(s.ana, s.id, 999_999, U)
    cal.close(s.quinn, s.id)
    with pytest.raises(ConflictError, match="closed"):
        cal.rate(s.ben, s.id, s.appeals[0], U)
    with pytest.raises(ConflictError):
        cal.close(s.quinn, s.id)
    assert cal.my_sessions(s.ben) == ()
    # The database keeps a submitted rating as it was, whoever asks (the owner here).
    for sql in ("UPDATE calibration_ratings SET outcome = 'overturn'",
                "DELETE FROM calibration_ratings"):
        with pytest.raises(DBAPIError), database.engine.begin() as conn:
            conn.execute(text(sql))
    with database.read() as session:
        assert session.execute(text("SELECT user_id, outcome, reason_code FROM "
                                    "calibration_ratings")).all() == [
            (s.ana, "uphold", "UPH-DOCS-INVALID")]


def test_results_of_the_session(cal: CalibrationService, s: Session) -> None:
    a0, a1, a2 = s.appeals
    for appeal, answer in ((a0, U), (a1, OV), (a2, U)):
        cal.rate(s.ana, s.id, appeal, answer)
    for appeal, answer in ((a0, U), (a1, U)):  # Ben skips a2
        cal.rate(s.ben, s.id, appeal, answer)
    r = cal.results(s.quinn, s.id)
    assert [(g.user_id, g.matched, g.compared) for g in r.gold] == [(s.ana, 3, 3),
                                                                   (s.ben, 1, 2)]
    [pair] = r.pairs
    # On a0, a1: ana U OV, ben U U: p_o = 1/2, p_e = (1·2 + 1·0)/4 = 1/2 → kappa 0.
    assert (pair.user_a, pair.user_b, pair.items) == (s.ana, s.ben, 2)
    assert pair.kappa.value == pytest.approx(0.0)
    assert r.fleiss.items == 2
    assert r.contested[0].appeal_id == a1 and r.contested[0].answers == {OV: 1, U: 1}
    assert r.contested[0].gold is OV
