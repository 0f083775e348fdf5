"""Grants and row security (0006) hold for someone signed in with psql: direct SQL refusals.

Each person signs in as their own PostgreSQL role (made by the real ``db grant`` service).
Times are real (the policies compare with the server's ``now()``).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from factories import Factory
from rls_support import Person, Roles
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

from reviewer_app.data.db import Database
from reviewer_app.data.orm import LeaseRow
from reviewer_app.data.qa_orm import QaEvaluationRow
from reviewer_app.domain.enums import Role
from reviewer_app.domain.errors import PermissionDeniedError

pytestmark = pytest.mark.pg

INSUFFICIENT_PRIVILEGE = "42501"  # both "permission denied" and "violates row-level security"


class World:
    """Ana and Ben review, Quinn audits, Lee leads, Ada administers; one open appeal each."""

    def __init__(self, admin_db: Database, roles: Roles) -> None:
        self.now = datetime.now(UTC)
        self.admin_db = admin_db
        self.roles = roles
        self.f = Factory(admin_db, now=self.now)
        self.ana = roles.person("ana")
        self.ben = roles.person("ben")
        self.quinn = roles.person("quinn", Role.QA)
        self.lee = roles.person("lee", Role.LEAD)
        self.ada = roles.person("ada", Role.ADMIN)
        self.appeal = self.f.appeal()
        self.other = self.f.appeal()

    def sql(self, who: Person) -> Engine:
        return self.roles.engine(who)

    def lease(self, appeal_id: int, holder: Person, *, minutes: float = 15) -> None:
        """A lease written by the owner (ending ``minutes`` from now; negative = expired)."""
        with self.admin_db.write() as s:
            s.add(LeaseRow(appeal_id=appeal_id, user_id=holder.user_id, claimed_at=self.now,
                           expires_at=self.now + timedelta(minutes=minutes),
                           return_status="new"))


@pytest.fixture
def w(admin_db: Database, roles: Roles) -> World:
    return World(admin_db, roles)


def run(engine: Engine, sql: str, **params: Any) -> int:
    """Execute one statement in its own transaction; the number of rows it touched."""
    with engine.begin() as conn:
        return int(conn.execute(text(sql), params).rowcount)


def refused(engine: Engine, sql: str, **params: Any) -> str:
    """Assert the database refuses the statement for lack of privilege; the message."""
    with pytest.raises(DBAPIError) as info:
        run(engine, sql, **params)
    assert getattr(info.value.orig, "sqlstate", None) == INSUFFICIENT_PRIVILEGE, info.value
    return str(info.value.orig)


def one(engine: Engine, sql: str, **params: Any) -> Any:
    with engine.connect() as conn:
        return conn.execute(text(sql), params).scalar()


DECIDE = ("INSERT INTO decisions (appeal_id, user_id, outcome, rationale, what_changes, "
          "response_text, response_language, escalation_reason, requested_documents_json, "
          "handle_seconds, decided_at) VALUES (:a, :u, 'uphold', '', '', '', 'en', '', '[]', "
          "0, now())")


def test_signed_in_role_maps_to_its_user(w: World) -> None:
    assert one(w.sql(w.ana), "SELECT reviewer_app_user_id()") == w.ana.user_id
    assert one(w.sql(w.ada), "SELECT reviewer_app_user_id()") == w.ada.user_id
    assert one(w.admin_db.engine, "SELECT reviewer_app_user_id()") is None  # postgres


def test_reviewer_cannot_decide_a_case_nobody_gave_them(w: World) -> None:
    ana = w.sql(w.ana)
    message = refused(ana, DECIDE, a=w.appeal, u=w.ana.user_id)  # no lease at all
    assert "row-level security" in message
    w.lease(w.appeal, w.ben)
    refused(ana, DECIDE, a=w.appeal, u=w.ana.user_id)  # Ben holds it
    refused(ana, DECIDE, a=w.appeal, u=w.ben.user_id)  # ... nor in Ben's name
    w.lease(w.other, w.ana, minutes=-1)
    refused(ana, DECIDE, a=w.other, u=w.ana.user_id)  # her own lease has expired
    assert run(w.sql(w.ben), DECIDE, a=w.appeal, u=w.ben.user_id) == 1  # the holder may


def test_reviewer_cannot_update_an_appeal_someone_else_holds(w: World) -> None:
    w.lease(w.appeal, w.ben)
    update = "UPDATE appeals SET status = 'decided' WHERE id = :a"
    assert "row-level security" in refused(w.sql(w.ana), update, a=w.appeal)
    assert run(w.sql(w.ben), update, a=w.appeal) == 1  # the holder may
    # Columns outside the workflow are not a reviewer's to change at all.
    refused(w.sql(w.ana), "UPDATE appeals SET priority = 100 WHERE id = :a", a=w.other)
    refused(w.sql(w.ana), "DELETE FROM appeals WHERE id = :a", a=w.other)
    assert run(w.sql(w.lee), "UPDATE appeals SET priority = 99 WHERE id = :a", a=w.other) == 1


@pytest.mark.parametrize("table", ["users", "user_skills", "sop_documents", "sla_policies",
                                   "policies", "reason_codes", "response_templates", "queues"])
def test_reviewer_only_reads_people_and_catalog(w: World, table: str) -> None:
    ana = w.sql(w.ana)
    one(ana, f"SELECT count(*) FROM {table}")  # reading is fine
    assert "permission denied" in refused(ana, f"UPDATE {table} SET {_column(table)}")
    refused(ana, f"DELETE FROM {table}")
    refused(ana, f"INSERT INTO {table} DEFAULT VALUES")


def _column(table: str) -> str:
    return {"users": "role = 'admin'", "user_skills": "value = 'x'",
            "sop_documents": "body_markdown = 'x'", "sla_policies": "hours = 1",
            "policies": "name = 'x'", "reason_codes": "label = 'x'",
            "response_templates": "body = 'x'", "queues": "name = 'x'"}[table]


def test_lead_and_admin_change_the_catalog_only_admin_changes_users(w: World) -> None:
    w.f.sop()
    sla = "INSERT INTO sla_policies (hours, pause_on_request_info) VALUES (24, true)"
    for who in (w.lee, w.ada):
        assert run(w.sql(who), "UPDATE sop_documents SET title = 'v2'") == 1
        assert run(w.sql(who), sla) == 1
    refused(w.sql(w.quinn), "UPDATE sop_documents SET title = 'v3'")
    promote = "UPDATE users SET role = 'admin' WHERE id = :u"
    refused(w.sql(w.lee), promote, u=w.lee.user_id)
    refused(w.sql(w.quinn), promote, u=w.quinn.user_id)
    assert run(w.sql(w.ada), "UPDATE users SET display_name = 'Ana B.' WHERE id = :u",
               u=w.ana.user_id) == 1


def test_nobody_updates_or_deletes_the_event_log(w: World) -> None:
    ana = w.sql(w.ana)
    run(ana, "INSERT INTO events (appeal_id, actor_user_id, at, type, payload_json) "
             "VALUES (:a, :u, now(), 'claimed', '{}')", a=w.appeal, u=w.ana.user_id)
    for who in (w.ana, w.quinn, w.lee, w.ada):
        refused(w.sql(who), "UPDATE events SET comment = 'rewritten'")
        refused(w.sql(who), "DELETE FROM events")
    # The owner has every privilege, and still the 0005 trigger refuses.
    assert "append-only" in refused(w.admin_db.engine, "DELETE FROM events")
    # Nor can history be written in someone else's name.
    refused(ana, "INSERT INTO events (appeal_id, actor_user_id, at, type, payload_json) "
                 "VALUES (:a, :u, now(), 'claimed', '{}')", a=w.appeal, u=w.ben.user_id)


def _evaluation(w: World, reviewer: Person, status: str) -> None:
    decision = w.f.decision(w.appeal, reviewer.user_id)
    with w.admin_db.write() as s:
        s.add(QaEvaluationRow(appeal_id=w.appeal, decision_id=decision,
                              reviewer_user_id=reviewer.user_id,
                              auditor_user_id=w.quinn.user_id, status=status, score=0.8,
                              created_at=w.now))


def test_reviewers_read_only_their_own_published_evaluations(w: World) -> None:
    for reviewer, status in ((w.ana, "draft"), (w.ana, "published"), (w.ana, "disputed"),
                             (w.ben, "published"), (w.ben, "resolved")):
        _evaluation(w, reviewer, status)
    seen = "SELECT count(*) FROM qa_evaluations WHERE reviewer_user_id = :u"
    assert one(w.sql(w.ana), seen, u=w.ana.user_id) == 2  # not her draft
    assert one(w.sql(w.ana), seen, u=w.ben.user_id) == 0  # not Ben's at all
    assert one(w.sql(w.ana), "SELECT count(*) FROM qa_evaluations") == 2
    assert one(w.sql(w.ben), "SELECT count(*) FROM qa_evaluations") == 2
    for staff in (w.quinn, w.lee):
        assert one(w.sql(staff), "SELECT count(*) FROM qa_evaluations") == 5


def test_only_qa_writes_evaluations_in_their_own_name(w: World) -> None:
    decision = w.f.decision(w.appeal, w.ana.user_id)
    insert = ("INSERT INTO qa_evaluations (appeal_id, decision_id, reviewer_user_id, "
              "auditor_user_id, status, created_at) VALUES (:a, :d, :r, :q, 'draft', now())")
    args = {"a": w.appeal, "d": decision, "r": w.ana.user_id}
    assert run(w.sql(w.quinn), insert, q=w.quinn.user_id, **args) == 1
    refused(w.sql(w.quinn), insert, q=w.lee.user_id, **args)  # not in Lee's name
    for who in (w.ana, w.lee):
        refused(w.sql(who), insert, q=who.user_id, **args)
    assert run(w.sql(w.quinn), "UPDATE qa_evaluations SET status = 'published'") == 1
    refused(w.sql(w.ana), "UPDATE qa_evaluations SET status = 'resolved'")


def test_leases_are_the_holders_own(w: World) -> None:
    ana, ben = w.sql(w.ana), w.sql(w.ben)
    claim = ("INSERT INTO leases (appeal_id, user_id, claimed_at, expires_at, return_status) "
             "VALUES (:a, :u, now(), now() + interval '15 minutes', 'new')")
    refused(ana, claim, a=w.appeal, u=w.ben.user_id)  # not for someone else
    assert run(ben, claim, a=w.appeal, u=w.ben.user_id) == 1
    # Ben's live lease: invisible to Ana's writes (0 rows), however she phrases them.
    assert run(ana, "UPDATE leases SET expires_at = now() WHERE appeal_id = :a", a=w.appeal) == 0
    assert run(ana, "DELETE FROM leases WHERE appeal_id = :a", a=w.appeal) == 0
    # The holder hands it off with a note, and then it is no longer his.
    assert run(ben, "UPDATE leases SET user_id = :u, note = 'yours', held = true "
                    "WHERE appeal_id = :a", u=w.ana.user_id, a=w.appeal) == 1
    assert run(ben, "DELETE FROM leases WHERE appeal_id = :a", a=w.appeal) == 0
    assert one(ana, "SELECT note FROM leases WHERE appeal_id = :a", a=w.appeal) == "yours"
    # An expired lease of someone else may be removed (returning the case to the queue),
    # but not taken over.
    w.lease(w.other, w.ben, minutes=-1)
    takeover = ("UPDATE leases SET user_id = :u, expires_at = now() + interval '1 hour' "
                "WHERE appeal_id = :a")
    assert "only the holder" in refused(ana, takeover, u=w.ana.user_id, a=w.other)
    assert run(w.sql(w.lee), "UPDATE leases SET note = 'seen' WHERE appeal_id = :a",
               a=w.other) == 1  # a lead may
    assert run(w.admin_db.engine, "UPDATE leases SET note = 'ok' WHERE appeal_id = :a",
               a=w.other) == 1  # and so may the owner
    assert run(ana, "DELETE FROM leases WHERE appeal_id = :a", a=w.other) == 1


def test_presence_rows_are_ones_own_and_the_feed_is_open(w: World) -> None:
    here = ("INSERT INTO presence (appeal_id, user_id, seen_at) VALUES (:a, :u, now())")
    assert run(w.sql(w.ben), here, a=w.appeal, u=w.ben.user_id) == 1
    refused(w.sql(w.ana), here, a=w.appeal, u=w.ben.user_id)
    assert run(w.sql(w.ana), "DELETE FROM presence WHERE user_id = :u", u=w.ben.user_id) == 0
    assert one(w.sql(w.ana), "SELECT count(*) FROM presence") == 1  # but she sees Ben there
    feed = ("INSERT INTO change_feed (at, kind, appeal_id, actor_user_id) "
            "VALUES (now(), 'presence', :a, :u)")
    assert run(w.sql(w.ana), feed, a=w.appeal, u=w.ana.user_id) == 1
    assert one(w.sql(w.ana), "SELECT count(*) FROM change_feed") >= 1
    refused(w.sql(w.ana), "DELETE FROM change_feed")


def test_downgrade_keeps_the_shared_roles_and_upgrade_is_repeatable(admin_db: Database) -> None:
    from alembic import command

    from reviewer_app.data.schema import _alembic_config, upgrade

    def policies() -> int:
        return int(one(admin_db.engine, "SELECT count(*) FROM pg_policies"))

    assert policies() > 0
    cfg = _alembic_config()
    with admin_db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0005")
    assert policies() == 0
    assert one(admin_db.engine, "SELECT to_regclass('qa_evaluations')") is None
    assert one(admin_db.engine, "SELECT count(*) FROM pg_roles WHERE rolname LIKE "
                                "'reviewer\\_app\\_%'") == 4  # other databases use them
    upgrade(admin_db.engine)  # the roles exist already: created only if missing
    assert policies() > 0


def test_two_databases_migrating_at_once_both_get_the_group_role(admin_db: Database,
                                                                 roles: Roles) -> None:
    import importlib.util
    import threading

    from reviewer_app.data.schema import MIGRATIONS

    path = MIGRATIONS / "versions" / "0006_roles_and_row_security.py"
    spec = importlib.util.spec_from_file_location("m0006", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    name = roles.login("group")  # a stand-in group role, unique to this run
    create = module.CREATE_GROUP.format(name=name)
    errors: list[BaseException] = []
    with admin_db.engine.connect() as first, admin_db.engine.connect() as second:
        first.exec_driver_sql(create)  # created, not yet committed

        def racer() -> None:
            try:
                second.exec_driver_sql(create)  # waits for the first, then must not fail
                second.commit()
            except BaseException as exc:
                errors.append(exc)

        thread = threading.Thread(target=racer)
        thread.start()
        thread.join(1.0)
        assert thread.is_alive()  # really blocked behind the first creator
        first.commit()
        thread.join(30)
    assert errors == []
    assert one(admin_db.engine, "SELECT count(*) FROM pg_roles WHERE rolname = :r", r=name) == 1


def test_a_refusal_through_the_app_is_a_known_permission_error(w: World) -> None:
    """Through ``Database`` a refusal is a ``PermissionDeniedError`` (calm), not a bug."""
    ana_db = Database(w.sql(w.ana))
    with pytest.raises(PermissionDeniedError, match="row-level security"), ana_db.write() as s:
        s.execute(text(DECIDE), {"a": w.appeal, "u": w.ana.user_id})
    with pytest.raises(PermissionDeniedError, match="events"), ana_db.write() as s:
        s.execute(text("DELETE FROM events"))
