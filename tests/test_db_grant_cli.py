"""``reviewer-app db grant``: a PostgreSQL login in a group role, mapped to an app user."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from rls_support import Person, Roles
from sqlalchemy import text
from sqlalchemy.engine import make_url

from reviewer_app.cli import main
from reviewer_app.data.db import Database
from reviewer_app.domain.enums import Role
from reviewer_app.services.users import UserService

ROOT = Path(__file__).resolve().parents[1]


def _groups(db: Database, login: str) -> set[str]:
    with db.read() as s:
        return set(s.scalars(text(
            "SELECT g.rolname FROM pg_auth_members AS m JOIN pg_roles AS g ON g.oid = m.roleid"
            " JOIN pg_roles AS r ON r.oid = m.member WHERE r.rolname = :r"), {"r": login}))


def _user(db: Database, login: str) -> tuple[str, str, bool] | None:
    with db.read() as s:
        row = s.execute(text("SELECT role, display_name, active FROM users WHERE login = :l"),
                        {"l": login}).one_or_none()
    return None if row is None else tuple(row)  # type: ignore[return-value]


def test_sqlite_is_refused_clearly_and_creates_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "team.sqlite3"
    code = main(["db", "grant", "--login", "ana", "--role", "reviewer", "--db",
                 f"sqlite:///{path}"])
    assert code == 2
    assert "Database roles need PostgreSQL" in capsys.readouterr().err
    assert not path.exists()


@pytest.mark.pg
def test_grant_in_a_subprocess_with_the_password_from_the_environment(
        admin_db: Database, roles: Roles, pg_url: str) -> None:
    login = roles.login("quinn")
    result = subprocess.run(
        [sys.executable, "-m", "reviewer_app", "db", "grant", "--login", login, "--role", "qa",
         "--display-name", "Quinn Q", "--password-env", "QUINN_PW", "--db", pg_url],
        capture_output=True, text=True, cwd=ROOT, timeout=120, check=False,
        env={**os.environ, "QUINN_PW": "correct horse"},
    )
    assert result.returncode == 0, result.stderr
    assert f"created login role {login} in reviewer_app_qa; password set" in result.stdout
    assert "correct horse" not in result.stdout + result.stderr
    assert _groups(admin_db, login) == {"reviewer_app_qa"}
    assert _user(admin_db, login) == ("qa", "Quinn Q", True)
    with admin_db.read() as s:
        stored = s.scalar(text("SELECT rolpassword FROM pg_authid WHERE rolname = :r"),
                          {"r": login})
        can_login = s.scalar(text("SELECT rolcanlogin FROM pg_roles WHERE rolname = :r"),
                             {"r": login})
    assert can_login is True
    assert stored.startswith("SCRAM-SHA-256$")  # only the verifier reached the server


@pytest.mark.pg
def test_grant_again_moves_the_person_to_the_new_role_only(
        admin_db: Database, roles: Roles, pg_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    login = roles.login("lee")
    assert main(["db", "grant", "--login", login, "--role", "reviewer", "--display-name",
                 "Lee", "--db", pg_url]) == 0
    assert main(["db", "grant", "--login", login, "--role", "lead", "--db", pg_url]) == 0
    out = capsys.readouterr().out
    assert f"updated login role {login} in reviewer_app_lead" in out
    assert "updated app user" in out
    assert _groups(admin_db, login) == {"reviewer_app_lead"}
    assert _user(admin_db, login) == ("lead", "Lee", True)  # display name kept


@pytest.mark.pg
def test_the_granted_login_signs_in_as_its_user(roles: Roles, pg_url: str) -> None:
    login = roles.login("ana")
    assert main(["db", "grant", "--login", login, "--role", "reviewer", "--db", pg_url]) == 0
    person = Person(login, 0, make_url(pg_url).set(username=login).render_as_string(False))
    user = UserService(roles.database(person)).signed_in_user()
    assert user is not None
    assert (user.login, user.role) == (login, Role.REVIEWER)


@pytest.mark.pg
@pytest.mark.parametrize(("args", "message"), [
    (["--login", "pg_monitor2", "--role", "admin"], "reserved"),
    (["--login", "reviewer_app_admin", "--role", "admin"], "reserved"),
    (["--login", 'ana"; DROP TABLE users; --', "--role", "admin"], "cannot be a database login"),
    (["--login", "ana", "--role", "admin", "--password-env", "NO_SUCH_VAR_42"], "NO_SUCH_VAR_42"),
])
def test_bad_requests_change_nothing(admin_db: Database, pg_url: str, args: list[str],
                                     message: str, capsys: pytest.CaptureFixture[str]) -> None:
    os.environ.pop("NO_SUCH_VAR_42", None)
    assert main(["db", "grant", *args, "--db", pg_url]) == 2
    assert message in capsys.readouterr().err
    with admin_db.read() as s:
        assert s.scalar(text("SELECT count(*) FROM users")) == 0


@pytest.mark.pg
def test_a_role_without_createrole_is_told_what_is_needed(
        admin_db: Database, roles: Roles, capsys: pytest.CaptureFixture[str]) -> None:
    ada = roles.person("ada", Role.ADMIN)  # app admin, but no CREATEROLE in PostgreSQL
    login = roles.login("new")
    assert main(["db", "grant", "--login", login, "--role", "reviewer", "--db", ada.url]) == 2
    err = capsys.readouterr().err
    assert "CREATEROLE" in err
    assert _user(admin_db, login) is None
