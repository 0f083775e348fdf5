"""QA tables under grants and row security (0007): the app's own QA loop works as each
person's role, and direct SQL (as psql would send it) is refused where the rules say."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from factories import Factory
from rls_support import Person, Roles, one, refused, run
from sqlalchemy import Engine

from reviewer_app.data.db import Database
from reviewer_app.domain.enums import Outcome, Role
from reviewer_app.domain.qa_models import DisputeResolution, PlanKind, PlanSpec
from reviewer_app.services.qa import QaService

pytestmark = pytest.mark.pg


class Loop:
    """Ana's and Ben's decisions; Quinn audits both, through the app signed in as Quinn."""

    def __init__(self, admin_db: Database, roles: Roles) -> None:
        self.now = datetime.now(UTC)
        self.roles = roles
        f = Factory(admin_db, now=self.now)
        self.ana, self.ben = roles.person("ana"), roles.person("ben")
        self.quinn = roles.person("quinn", Role.QA)
        self.lee = roles.person("lee", Role.LEAD)
        for who in (self.ana, self.ben):
            appeal = f.appeal(status="decided")
            f.decision(appeal, who.user_id, decided_at=self.now - timedelta(hours=1))
        self.as_quinn = QaService(roles.database(self.quinn))
        plan = self.as_quinn.create_plan(self.quinn.user_id, "All",
                                         PlanSpec(kind=PlanKind.RANDOM, rate=1.0))
        self.as_quinn.draw_sample(self.quinn.user_id, plan, self.now - timedelta(days=1),
                                  self.now + timedelta(minutes=1), seed=5)
        self.evaluations: dict[int, int] = {}
        for item in self.as_quinn.qa_queue(self.quinn.user_id):
            reveal = self.as_quinn.decide_blind(self.quinn.user_id, item.id, Outcome.UPHOLD,
                                                None)
            ids = {c.code: c.id for c in reveal.scorecard.criteria}
            ev = self.as_quinn.score(self.quinn.user_id, reveal.evaluation_id, 1,
                                     {**dict.fromkeys(ids.values(), 1.0), ids["reason"]: 0.0})
            ev = self.as_quinn.publish(self.quinn.user_id, ev.id, ev.version)
            self.evaluations[reveal.original.reviewer_user_id] = ev.id
        self.reason_id = ids["reason"]

    def sql(self, who: Person) -> Engine:
        return self.roles.engine(who)


@pytest.fixture
def loop(admin_db: Database, roles: Roles) -> Loop:
    return Loop(admin_db, roles)


def test_the_whole_loop_runs_as_each_persons_own_role(loop: Loop) -> None:
    ana_id = loop.ana.user_id
    as_ana = QaService(loop.roles.database(loop.ana))
    mine = as_ana.my_evaluations(ana_id)
    assert [e.id for e in mine] == [loop.evaluations[ana_id]]
    ev = as_ana.dispute(ana_id, mine[0].id, mine[0].version, {loop.reason_id: "Right code"})
    as_lee = QaService(loop.roles.database(loop.lee))
    ev = as_lee.resolve(loop.lee.user_id, ev.id, ev.version,
                        {loop.reason_id: (DisputeResolution.ACCEPTED, "Yes")})
    assert (ev.status.value, ev.score) == ("resolved", 100)
    assert [h[1] for h in as_ana.history(ana_id, ev.id)][-2:] == ["scored", "resolved"]


def test_reviewers_cannot_see_samples_or_plans(loop: Loop) -> None:
    for table in ("sampling_plans", "qa_samples", "qa_sample_items"):
        refused(loop.sql(loop.ana), f"SELECT count(*) FROM {table}")
    assert one(loop.sql(loop.quinn), "SELECT count(*) FROM qa_sample_items") == 2


def test_scores_disputes_and_history_follow_the_evaluation(loop: Loop) -> None:
    ana, ben = loop.sql(loop.ana), loop.sql(loop.ben)
    bens = loop.evaluations[loop.ben.user_id]
    for table in ("qa_evaluation_scores", "qa_events"):
        mine = one(ana, f"SELECT count(DISTINCT evaluation_id) FROM {table}")
        assert mine == 1, table  # hers only
        assert one(ana, f"SELECT count(*) FROM {table} WHERE evaluation_id = :e",
                   e=bens) == 0
        assert one(loop.sql(loop.lee), f"SELECT count(DISTINCT evaluation_id) FROM {table}") == 2
    dispute = ("INSERT INTO qa_disputes (evaluation_id, criterion_id, raised_by, raised_at, "
               "reason) VALUES (:e, :c, :u, now(), 'x')")
    refused(ana, dispute, e=bens, c=loop.reason_id, u=loop.ana.user_id)  # Ben's evaluation
    refused(ben, dispute, e=bens, c=loop.reason_id, u=loop.ana.user_id)  # in Ana's name
    assert run(ben, dispute, e=bens, c=loop.reason_id, u=loop.ben.user_id) == 1
    assert one(ana, "SELECT count(*) FROM qa_disputes") == 0


def test_a_reviewer_may_only_move_their_own_evaluation_to_disputed(loop: Loop) -> None:
    ana = loop.sql(loop.ana)
    hers, bens = loop.evaluations[loop.ana.user_id], loop.evaluations[loop.ben.user_id]
    refused(ana, "UPDATE qa_evaluations SET score = 100 WHERE id = :e", e=hers)  # column
    refused(ana, "UPDATE qa_evaluations SET status = 'resolved' WHERE id = :e", e=hers)
    assert run(ana, "UPDATE qa_evaluations SET status = 'disputed' WHERE id = :e",
               e=bens) == 0  # Ben's: not even visible
    assert run(ana, "UPDATE qa_evaluations SET status = 'disputed' WHERE id = :e",
               e=hers) == 1


def test_only_leads_resolve_and_nobody_rewrites_history(loop: Loop) -> None:
    ben = loop.evaluations[loop.ben.user_id]
    run(loop.sql(loop.ben), "INSERT INTO qa_disputes (evaluation_id, criterion_id, raised_by, "
        "raised_at, reason) VALUES (:e, :c, :u, now(), 'x')",
        e=ben, c=loop.reason_id, u=loop.ben.user_id)
    resolve = "UPDATE qa_disputes SET resolution = 'accepted'"
    for who in (loop.quinn, loop.ben):
        refused(loop.sql(who), resolve)
    assert run(loop.sql(loop.lee), resolve) == 1
    for who in (loop.quinn, loop.lee):
        for sql in ("UPDATE qa_events SET comment = 'x'", "DELETE FROM qa_events"):
            refused(loop.sql(who), sql)
    refused(loop.sql(loop.quinn), "DELETE FROM qa_evaluation_scores")
