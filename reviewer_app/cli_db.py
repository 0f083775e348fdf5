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
# services.sync.PRUNE_DAYS, repeated so building the parser imports no database code
# (tests/test_cli.py checks that they agree).
PRUNE_DAYS = 7


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


def add_prune_parser(db_sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``prune`` action under ``reviewer-app db``."""
    prune = db_sub.add_parser(
        "prune",
        help=f"delete change-feed rows older than N days (default {PRUNE_DAYS}; admin)",
        description="Delete rows of the change feed (what clients read to follow each "
        "other's changes) older than N days. Running clients read it every few seconds; "
        "one that was asleep longer reloads its views. `db upgrade` does this too. On "
        "PostgreSQL run it as the owner of the tables (the role that runs db upgrade): "
        "app roles may only add to the feed.",
    )
    prune.add_argument("--days", type=_non_negative, default=PRUNE_DAYS, metavar="N",
                       help=f"keep this many days (default {PRUNE_DAYS})")
    prune.add_argument("--db", metavar="URL", dest="sub_db", help="database URL")


def run_prune(url: str, days: float, *, quiet_refusal: bool = False) -> int:
    """Prune the change feed of ``url``; print what happened.

    Args:
        quiet_refusal: after ``db upgrade``: a role that may not delete gets a note on
            stderr and exit status 0, since the upgrade itself succeeded.
    """
    from reviewer_app.domain.errors import PermissionDeniedError
    from reviewer_app.services.workspace import prune_database, safe_url

    where = safe_url(url)
    try:
        removed = prune_database(url, now=datetime.now(UTC), days=days)
    except PermissionDeniedError as exc:
        print(f"reviewer-app: {'note' if quiet_refusal else 'error'}: {where}: the change "
              f"feed was not pruned: this role may not delete from it; run `reviewer-app db "
              f"prune` as the owner of the tables ({exc})", file=sys.stderr)
        return 0 if quiet_refusal else EXIT_KNOWN_ERROR
    print(f"{where}: pruned {removed} change-feed rows older than {days:g} days")
    return 0


def _non_negative(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must not be negative")
    return value
