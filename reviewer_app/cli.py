"""Command line: launch the workstation, migrate a database, grant database logins, fill it
with demo data, import, compute QA statistics from files (``qa``, no database), print KPI
and DSA reports (``report``), size staffing (``staffing``, no database) or forecast intake
and backlog (``forecast``).

Database URL resolution for every command: ``--db URL``, then the ``REVIEWER_APP_DB``
environment variable, then the embedded database in the user's data directory (for the
``demo`` command: the separate demo database, so real data is never mixed with demo data).
Known failures (``ReviewerError``) print one line to stderr and exit with status 2.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import UTC, datetime

from reviewer_app import __version__, config
from reviewer_app.cli_db import add_grant_parser, add_prune_parser, run_grant, run_prune
from reviewer_app.cli_export import add_export_parser, run_export
from reviewer_app.cli_progress import progress_printer
from reviewer_app.cli_qa import add_qa_parser, run_qa
from reviewer_app.cli_report import add_report_parser, run_report
from reviewer_app.cli_staffing import add_staffing_parsers, run_forecast, run_staffing
from reviewer_app.domain.errors import ReviewerError
from reviewer_app.services.demo_arrivals import DEMO_APPEALS, DEMO_SEED

EXIT_KNOWN_ERROR = 2
IMPORT_PROBLEMS_SHOWN = 50  # the rest go to --errors


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (kept separate so tests and docs can inspect it)."""
    parser = argparse.ArgumentParser(
        prog="reviewer-app",
        description="Appeal Reviewer Workstation. Without a command, opens the workstation.",
        epilog="Database URL: --db, else $REVIEWER_APP_DB, else the embedded SQLite database "
        "in your data directory (sqlite:///path or postgresql://user@host/db).",
    )
    parser.add_argument("--version", action="version", version=f"reviewer-app {__version__}")
    parser.add_argument("--db", metavar="URL", help="database URL to open")
    parser.add_argument(
        "--demo", action="store_true",
        help="open the demo database (created with demo data on first use; your own "
        "database is never touched)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    db_cmd = commands.add_parser("db", help="database maintenance")
    db_sub = db_cmd.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    upgrade = db_sub.add_parser(
        "upgrade",
        help="migrate the database to the newest schema",
        description="Migrate the database to the newest schema. A new database also gets the "
        "default catalog (policies with SOPs, queues, SLA policies, reason codes, response "
        "templates). A missing SQLite file is created if its folder exists.",
    )
    upgrade.add_argument("--db", metavar="URL", dest="sub_db", help="database URL")
    add_grant_parser(db_sub)
    add_prune_parser(db_sub)

    demo = commands.add_parser(
        "demo",
        help="fill a database with realistic demo data",
        description="Migrate the database, install the catalog if missing, and add demo "
        "users, appellants, enforcements and appeals. Deterministic for a given seed and "
        "start time. Without --db or $REVIEWER_APP_DB the demo database is used, never your "
        "real one. A database that already holds appeals is refused unless --force is given "
        "(then demo data is added next to what is there).",
    )
    demo.add_argument("--appeals", type=_positive_int, default=DEMO_APPEALS, metavar="N",
                      help=f"number of appeals to create (default {DEMO_APPEALS})")
    demo.add_argument("--seed", type=int, default=DEMO_SEED, metavar="S",
                      help=f"random seed (default {DEMO_SEED})")
    demo.add_argument("--db", metavar="URL", dest="sub_db", help="database URL")
    demo.add_argument("--force", action="store_true",
                      help="add demo data even if the database already holds appeals")

    imp = commands.add_parser(
        "import",
        help="import appeals (CSV, JSON Lines, Parquet, XLSX) or enforcements from EU DSA "
        "statements of reasons (CSV, JSON, JSON Lines)",
        description="Validate every row of PATH (CSV in UTF-8, UTF-8 with BOM or GB18030; "
        "JSON Lines for .jsonl, Parquet for .parquet, the first sheet of an .xlsx) and "
        "import the good ones in batches; rows with outcome, decided_at and decided_by are "
        "historical decisions. Re-importing the same "
        "file changes nothing; a changed row updates its appeal. The last line of output is "
        "a JSON summary. Exit status: 0 all rows fine, 1 some rows rejected (the rest "
        "imported), 2 the file could not be used and nothing was written. With --shape "
        "dsa-sor (chosen by itself for a file whose columns include decision_ground, "
        "category and puid or platform_uid), each record is a statement of reasons in the "
        "EU DSA Transparency Database shape plus the app's appellant_id and becomes an "
        "enforcement linked to its puid; a puid imported before is compared, not added.",
    )
    imp.add_argument("path", metavar="PATH",
                     help="a .csv, .jsonl, .parquet or .xlsx file (also .json for dsa-sor)")
    imp.add_argument("--shape", choices=("auto", "appeals", "dsa-sor"), default="auto",
                     help="appeals, or dsa-sor for statements of reasons (default: auto, from "
                     "the file's columns)")
    imp.add_argument("--db", metavar="URL", dest="sub_db", help="database URL")
    imp.add_argument("--errors", metavar="ERRORS.csv",
                     help="write rejected rows (row, appeal_id, column, reason) to this CSV")
    imp.add_argument("--dry-run", action="store_true",
                     help="validate and compare only; write nothing")
    imp.add_argument("--encoding", choices=("auto", "utf-8", "gb18030"), default="auto",
                     help="of a CSV or JSON Lines file (default: auto, UTF-8 with or without "
                     "a BOM, else GB18030); a line the chosen one cannot read is rejected")
    add_qa_parser(commands)
    add_report_parser(commands)
    add_export_parser(commands)
    add_staffing_parsers(commands)
    return parser


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the process exit status."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if args.demo and (args.db or args.command):
            parser.error("--demo opens the demo database; it cannot be combined with --db "
                         "or a command")
    except SystemExit as exc:  # --help, --version and usage errors end here
        return exc.code if isinstance(exc.code, int) else EXIT_KNOWN_ERROR
    try:
        if args.command == "db" and args.db_command == "grant":
            return run_grant(_resolve_url(args.sub_db or args.db), args)
        if args.command == "db" and args.db_command == "prune":
            return run_prune(_resolve_url(args.sub_db or args.db), args.days)
        if args.command == "db":
            return _db_upgrade(args.sub_db or args.db)
        if args.command == "demo":
            return _demo(args.sub_db or args.db, args.appeals, args.seed, force=args.force)
        if args.command == "import":
            return _import(args.sub_db or args.db, args.path, args.errors, dry_run=args.dry_run,
                           encoding=args.encoding,
                           shape=args.shape)
        if args.command == "qa":
            return run_qa(args)
        if args.command == "report":
            return run_report(_resolve_url(args.sub_db or args.db), args)
        if args.command == "export":
            return run_export(_resolve_url(args.sub_db or args.db), args)
        if args.command == "staffing":
            return run_staffing(args)
        if args.command == "forecast":
            return run_forecast(_resolve_url(args.sub_db or args.db), args)
        return _launch(args.db, demo=args.demo)
    except ReviewerError as exc:
        print(f"reviewer-app: error: {exc}", file=sys.stderr)
        return EXIT_KNOWN_ERROR


def _resolve_url(db: str | None) -> str:
    return config.load_config(db).db_url


def _shown(url: str) -> str:
    """The URL without its password, for messages."""
    from reviewer_app.services.workspace import safe_url

    return safe_url(url)


def _db_upgrade(db: str | None) -> int:
    from reviewer_app.services.sync import PRUNE_DAYS
    from reviewer_app.services.workspace import upgrade_database

    url = _resolve_url(db)
    report = upgrade_database(url)
    where = _shown(url)
    if report.migrated:
        start = report.from_revision or "empty"
        print(f"{where}: migrated schema from {start} to {report.to_revision}")
    else:
        print(f"{where}: schema already at {report.to_revision}; nothing to migrate")
    if report.was_new:
        print(f"{where}: installed the default catalog ({report.catalog_rows_added} rows)")
    return run_prune(url, PRUNE_DAYS, quiet_refusal=True)


def _demo(db: str | None, appeals: int, seed: int, *, force: bool) -> int:
    from reviewer_app.services.demo import fill_demo_database

    url = db or os.environ.get("REVIEWER_APP_DB") or config.demo_db_url()
    summary = fill_demo_database(
        url, appeals=appeals, seed=seed, now=datetime.now(UTC), force=force,
        progress=progress_printer("Generating demo data", "appeals"),
    )
    print(
        f"{_shown(url)}: added {summary.appeals:,} appeals, {summary.appellants:,} appellants, "
        f"{summary.enforcements:,} enforcements, {summary.users} users "
        f"(seed {seed}) in {summary.seconds:.1f} s"
    )
    return 0


def _import(db: str | None, path: str, errors: str | None, *, dry_run: bool,
            shape: str = "auto", encoding: str = "auto") -> int:
    import json
    from pathlib import Path

    from reviewer_app.services.importer import import_appeals, write_errors
    from reviewer_app.services.imports import os_login
    from reviewer_app.services.sor_importer import detect_shape, import_statements
    from reviewer_app.services.workspace import open_workspace, upgrade_database

    url = _resolve_url(db)
    source = Path(path)
    if shape == "auto":
        shape = detect_shape(source)
    try:
        if not dry_run:
            upgrade_database(url, create=True)
        database = open_workspace(url, embedded=False)
        try:
            if shape == "dsa-sor":
                summary = import_statements(
                    database, source, now=datetime.now(UTC), dry_run=dry_run,
                    encoding=encoding,
                    progress=progress_printer("Importing", "statements"))
            else:
                summary = import_appeals(
                    database, source, now=datetime.now(UTC), dry_run=dry_run,
                    encoding=encoding,
                    admin_login=os_login(), progress=progress_printer("Importing", "rows"),
                )
        finally:
            database.dispose()
    except ReviewerError as exc:  # unusable file or database: nothing was written
        print(f"reviewer-app: error: {exc}; nothing was imported", file=sys.stderr)
        print(json.dumps({"read": 0, "imported": 0, "updated": 0, "unchanged": 0,
                          "rejected": 0}))
        return EXIT_KNOWN_ERROR
    for problem in summary.problems[:IMPORT_PROBLEMS_SHOWN]:
        print(f"row {problem.row}: {problem.column or '(row)'}: {problem.reason}")
    hidden = len(summary.problems) - IMPORT_PROBLEMS_SHOWN
    if hidden > 0:
        print(f"… and {hidden:,} more problems" + ("" if errors else " (use --errors FILE)"))
    if errors:
        try:
            write_errors(Path(errors), summary,
                         "puid" if shape == "dsa-sor" else "appeal_id")
        except OSError as exc:
            print(f"reviewer-app: error: cannot write {errors}: {exc.strerror}", file=sys.stderr)
    verb = "would import" if dry_run else "imported"
    what = " (statements of reasons as enforcements)" if shape == "dsa-sor" else ""
    print(f"{_shown(url)}: {source.name}{what}: {verb} {summary.imported}, updated "
          f"{summary.updated}, unchanged {summary.unchanged}, rejected {summary.rejected} of "
          f"{summary.read} rows")
    print(json.dumps(summary.counts()))
    return 1 if summary.rejected else 0


def _launch(db: str | None, *, demo: bool) -> int:
    """Open the workstation; ``--demo`` first builds the demo database if it has no appeals."""
    if demo:
        from reviewer_app.services.demo import ensure_demo_database

        url = config.demo_db_url()
        ensure_demo_database(
            url, appeals=DEMO_APPEALS, seed=DEMO_SEED, now=datetime.now(UTC),
            progress=progress_printer("Preparing the demo database", "appeals"),
        )
        return _run_gui(url, demo=True)
    # None lets the app reopen the team database chosen on its first-run screen.
    return _run_gui(db or os.environ.get("REVIEWER_APP_DB") or None, demo=False)


def _run_gui(url: str | None, *, demo: bool) -> int:
    from reviewer_app.app import run_gui  # Qt loads only when the GUI is wanted

    return run_gui(url, demo=demo)
