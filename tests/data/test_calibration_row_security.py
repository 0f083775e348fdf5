"""Calibration and golden tables under grants and row security (0008): the services work
as each person's own role, and direct SQL (as psql would send it) is refused where the
rules say: no gold for participants, ratings only in one's own name and never changed,
golden cases invisible to reviewers."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from factories import REDRESS, Factory
from rls_support import Person, Roles, one, refused, run
from sqlalchemy import Engine

from reviewer_app.data.db import Database
from reviewer_app.domain.calibration import GoldAnswer
from reviewer_app.domain.enums import Outcome, Role
from reviewer_app.domain.models import DecisionDraft
from reviewer_app.services.calibration import CalibrationService
from reviewer_app.services.golden import GoldenService
from reviewer_app.services.qa import QaService
from reviewer_app.services.queue import QueueService
from reviewer_app.services.review import ReviewService

pytestmark = pytest.mark.pg

RATE = ("INSERT INTO calibration_ratings (session_id, appeal_id, user_id, outcome, rated_at) "
        "VALUES (:s, :a, :u, 'uphold', now())")


class Team:
    """Ana and Ben (reviewers) take part in Quinn's (QA) session; Cara does not."""

    def __init__(self, admin_db: Database, roles: Roles) -> None:
        self.now = datetime.now(UTC)
        self.roles = roles
        self.f = Factory(admin_db, now=self.now)
        self.ana, self.ben, self.cara = (roles.person(n) for n in ("ana", "ben", "cara"))
        self.quinn = roles.person("quinn", Role.QA)
        self.lee = roles.person("lee", Role.LEAD)
        self.cases = self.f.appeals(2, status="decided")
        self.as_quinn = CalibrationService(roles.database(self.quinn))
        self.session = self.as_quinn.create(
            self.quinn.user_id, "Week", [GoldAnswer(a, Outcome.OVERTURN) for a in self.cases],
            [self.ana.user_id, self.ben.user_id])

    def sql(self, who: Person) -> Engine:
        return self.roles.engine(who)

    def calibration(self, who: Person) -> CalibrationService:
        return CalibrationService(self.roles.database(who))


@pytest.fixture
def team(admin_db: Database, roles: Roles) -> Team:
    return Team(admin_db, roles)


def test_the_session_runs_as_each_persons_own_role(team: Team) -> None:
    ana = team.ana.user_id
    as_ana = team.calibration(team.ana)
    [pending] = as_ana.my_sessions(ana)
    assert pending.items == 2
    item = as_ana.blind_item(ana, team.session, team.cases[0])
    assert item.appeal_id == team.cases[0] and not item.rated
    for appeal in team.cases:
        as_ana.rate(ana, team.session, appeal, Outcome.OVERTURN)
    team.calibration(team.ben).rate(team.ben.user_id, team.session, team.cases[0],
                                    Outcome.UPHOLD)
    results = team.as_quinn.results(team.quinn.user_id, team.session)
    assert [(g.matched, g.compared) for g in results.gold] == [(2, 2), (0, 1)]
    assert team.calibration(team.cara).my_sessions(team.cara.user_id) == ()


def test_participants_cannot_read_gold_answers_or_others_ratings(team: Team) -> None:
    ana, cara = team.sql(team.ana), team.sql(team.cara)
    refused(ana, "SELECT gold_outcome FROM calibration_items")
    refused(ana, "SELECT * FROM calibration_items")
    assert one(ana, "SELECT count(appeal_id) FROM calibration_items") == 2
    assert one(cara, "SELECT count(appeal_id) FROM calibration_items") == 0
    assert one(cara, "SELECT count(*) FROM calibration_sessions") == 0
    assert one(team.sql(team.quinn),
               "SELECT count(gold_outcome) FROM calibration_items") == 2
    run(team.sql(team.ben), RATE, s=team.session, a=team.cases[0], u=team.ben.user_id)
    assert one(ana, "SELECT count(*) FROM calibration_ratings") == 0  # Ben's is his


def test_ratings_only_in_ones_own_name_while_open_and_never_changed(team: Team) -> None:
    ana, ben = team.sql(team.ana), team.sql(team.ben)
    s, a = team.session, team.cases[0]
    refused(ana, RATE, s=s, a=a, u=team.ben.user_id)  # in Ben's name
    refused(team.sql(team.cara), RATE, s=s, a=a, u=team.cara.user_id)  # not a participant
    refused(ana, RATE, s=s, a=team.f.appeal(), u=team.ana.user_id)  # not an item
    assert run(ana, RATE, s=s, a=a, u=team.ana.user_id) == 1
    for who in (ana, team.sql(team.quinn), team.sql(team.lee)):
        refused(who, "UPDATE calibration_ratings SET outcome = 'overturn'")
        refused(who, "DELETE FROM calibration_ratings")
    refused(ana, "UPDATE calibration_sessions SET closed_at = NULL")
    team.as_quinn.close(team.quinn.user_id, s)
    refused(ben, RATE, s=s, a=a, u=team.ben.user_id)  # closed


def test_reviewers_cannot_learn_which_cases_are_golden(team: Team) -> None:
    golden_appeal = team.f.appeal()
    GoldenService(team.roles.database(team.quinn)).create(
        team.quinn.user_id, GoldAnswer(golden_appeal, Outcome.UPHOLD), [team.ana.user_id])
    for who in (team.ana, team.ben):
        for table in ("golden_cases", "golden_targets"):
            refused(team.sql(who), f"SELECT count(*) FROM {table}")
    assert one(team.sql(team.quinn), "SELECT count(*) FROM golden_cases") == 1
    refused(team.sql(team.ana), "INSERT INTO golden_cases (appeal_id, gold_outcome, "
            "created_by, created_at) VALUES (:a, 'uphold', :u, now())",
            a=team.f.appeal(), u=team.ana.user_id)
    probe = "SELECT reviewer_app_golden_claimable(:a, :u)"
    # For its target a golden case answers like any other case; Ben cannot borrow Ana's id.
    assert one(team.sql(team.ana), probe, a=golden_appeal, u=team.ben.user_id) is True
    assert one(team.sql(team.ben), probe, a=golden_appeal, u=team.ana.user_id) is False


def test_the_golden_loop_as_real_roles(team: Team) -> None:
    f = team.f
    f.reason_code("UPH-DOCS-INVALID", Outcome.UPHOLD, "IP_COUNTERFEIT")
    f.template(Outcome.UPHOLD, "de")
    golden_appeal = f.appeal(sla_hours=1)
    ordinary = f.appeal(sla_hours=40)
    GoldenService(team.roles.database(team.quinn)).create(
        team.quinn.user_id, GoldAnswer(golden_appeal, Outcome.UPHOLD, "UPH-DOCS-INVALID"),
        [team.ana.user_id])
    ben_queue = QueueService(team.roles.database(team.ben))
    assert ben_queue.claim_next(team.ben.user_id).appeal_id == ordinary
    ana_db = team.roles.database(team.ana)
    assert QueueService(ana_db).claim_next(team.ana.user_id).appeal_id == golden_appeal
    ReviewService(ana_db).decide(team.ana.user_id, DecisionDraft(
        appeal_id=golden_appeal, outcome=Outcome.UPHOLD, reason_code="UPH-DOCS-INVALID",
        rationale="Checked", response_text=f"We keep the removal. {REDRESS}",
        handle_seconds=30))
    # A lead scores it; the evaluation is in the name of Quinn, who made the case.
    as_lee = GoldenService(team.roles.database(team.lee))
    [ev_id] = as_lee.score_decided(team.lee.user_id)
    assert as_lee.score_decided(team.lee.user_id) == ()
    [mine] = QaService(ana_db).my_evaluations(team.ana.user_id)
    assert (mine.id, mine.score, mine.auditor_user_id) == (ev_id, 100, team.quinn.user_id)
    # Only golden evaluations may name their case's author; a lead cannot forge an audit.
    refused(team.sql(team.lee), "INSERT INTO qa_evaluations (appeal_id, decision_id, "
            "reviewer_user_id, auditor_user_id, status, created_at, kind) SELECT appeal_id, "
            "id, user_id, :q, 'published', now(), 'audit' FROM decisions LIMIT 1",
            q=team.quinn.user_id)
