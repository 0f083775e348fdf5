"""``reviewer-app db grant``: give a person their own PostgreSQL login in a group role.

Kept apart from ``cli.py`` so the command line module stays about dispatch; the work is
done by ``services.access``.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import UTC, datetime

from reviewer_app.domain.enums import Role

EXIT_KNOWN_ERROR = 2


def add_grant_parser(db_sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``grant`` action under ``reviewer-app db``."""
    grant = db_sub.add_parser(
        "grant",
        help="give a person a PostgreSQL login mapped to an app user and role (admin)",
        description="Create the PostgreSQL LOGIN role NAME if it is missing, make it a "
        "member of the group role for ROLE (reviewer_app_reviewer, _qa, _lead or _admin; "
        "any other app group is revoked), and create or update the app user whose login is "
        "NAME. Whoever signs in as NAME is that user, and grants and row-level security "
        "apply to them. Needs PostgreSQL and a role allowed to create roles (CREATEROLE).",
    )
    grant.add_argument("--login", required=True, metavar="NAME",
                       help="the database role name, which is also the app login")
    grant.add_argument("--role", required=True, choices=[r.value for r in Role],
                       help="what the person may do")
    grant.add_argument("--display-name", metavar="TEXT",
                       help="name shown in the app (default: NAME; kept when omitted)")
    grant.add_argument("--password-env", metavar="VAR",
                       help="set the login's password from this environment variable "
                       "(never given on the command line, where others could see it)")
    grant.add_argument("--db", metavar="URL", dest="sub_db", help="database URL")


def run_grant(url: str, args: argparse.Namespace) -> int:
    """Run ``db grant`` on ``url``; known failures are left to the caller (exit 2)."""
    from reviewer_app.services.access import grant_on
    from reviewer_app.services.workspace import safe_url

    password = None
    if args.password_env:
        password = os.environ.get(args.password_env)
        if not password:
            print(f"reviewer-app: error: the environment variable {args.password_env} is "
                  "not set or empty; nothing was changed", file=sys.stderr)
            return EXIT_KNOWN_ERROR
    report = grant_on(url, login=args.login, role=Role(args.role),
                      display_name=args.display_name, password=password, now=datetime.now(UTC))
    where = safe_url(url)
    role_done = "created login role" if report.role_created else "updated login role"
    user_done = "created" if report.user_created else "updated"
    print(f"{where}: {role_done} {report.login} in {report.group_role}"
          + ("; password set" if report.password_set else ""))
    print(f"{where}: {user_done} app user {report.login} (id {report.user_id}, "
          f"role {report.role.value})")
    return 0
