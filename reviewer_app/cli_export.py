"""``reviewer-app export decisions``: decisions to CSV, XLSX, Parquet or JSON Lines.

Kept apart from ``cli.py`` (dispatch only); the work is in ``services.exports``.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from pathlib import Path

from reviewer_app.cli_progress import progress_printer
from reviewer_app.domain.kpis import Period, parse_day

EXIT_INTERRUPTED = 130  # 128 + SIGINT


def add_export_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``reviewer-app export`` with its ``decisions`` action."""
    export = commands.add_parser("export", help="export decisions")
    sub = export.add_subparsers(dest="export_command", metavar="WHAT", required=True)
    decisions = sub.add_parser(
        "decisions",
        help="decisions with their appeal to CSV, XLSX, Parquet or JSON Lines",
        description="One row per decision made in the period (all decisions without "
        "--from/--to), with its appeal in the import's columns (so the file can be imported "
        "elsewhere as historical decisions) and the decision's texts. The file appears only "
        "when complete. CSV and XLSX cells starting with = + - @ tab or CR get a leading ' "
        "so spreadsheets do not run them as formulas. The last line is a JSON summary.",
    )
    decisions.add_argument("path", metavar="PATH", help="file to write")
    decisions.add_argument("--from", dest="first_day", metavar="DATE",
                           help="first day of decisions (YYYY-MM-DD, UTC)")
    decisions.add_argument("--to", dest="last_day", metavar="DATE",
                           help="last day of decisions, included (YYYY-MM-DD, UTC)")
    decisions.add_argument("--format", choices=("csv", "xlsx", "parquet", "jsonl"),
                           help="file format (default: from PATH's suffix)")
    decisions.add_argument("--db", metavar="URL", dest="sub_db", help="database URL")
    sor = sub.add_parser(
        "sor",
        help="EU DSA statements of reasons (JSON Lines) for changed restrictions",
        description="One statement of reasons in the EU DSA Transparency Database shape per "
        "decision that imposes a new or changed restriction (a partial outcome) in an EEA "
        "market, each checked against every rule first. A case whose statement would break "
        "a rule (personal data such as e-mail addresses or phone numbers in its "
        "decision_facts, a policy without DSA mapping, a field too long) is refused by name "
        "and left out. Exit status 1 when a case was refused. The last line is a JSON "
        "summary.",
    )
    sor.add_argument("path", metavar="PATH", help="JSON Lines file to write")
    sor.add_argument("--from", dest="first_day", metavar="DATE",
                     help="first day of decisions (YYYY-MM-DD, UTC)")
    sor.add_argument("--to", dest="last_day", metavar="DATE",
                     help="last day of decisions, included (YYYY-MM-DD, UTC)")
    sor.add_argument("--db", metavar="URL", dest="sub_db", help="database URL")


def run_export(url: str, args: argparse.Namespace) -> int:
    """Run ``export decisions|sor``; Ctrl+C leaves no file and exits with status 130."""
    if bool(args.first_day) != bool(args.last_day):
        print("reviewer-app: error: give both --from and --to, or neither", file=sys.stderr)
        return 2
    start = end = None
    if args.first_day:
        period = Period(parse_day("--from", args.first_day), parse_day("--to", args.last_day))
        start, end = period.start, period.end
    if args.export_command == "sor":
        return _run_sor(url, Path(args.path), start, end)
    from reviewer_app.services.exports import export_decisions, format_of
    from reviewer_app.services.workspace import open_workspace

    path = Path(args.path)
    fmt = format_of(path, args.format)  # a typo fails before the database is opened
    database = open_workspace(url, embedded=False)
    try:
        count = export_decisions(database, path, fmt=fmt, start=start, end=end,
                                 progress=progress_printer("Exporting", "decisions"))
    except KeyboardInterrupt:
        print("reviewer-app: export cancelled; no file was written", file=sys.stderr)
        return EXIT_INTERRUPTED
    finally:
        database.dispose()
    print(f"{path}: {count:,} decisions ({fmt})")
    print(json.dumps({"decisions": count, "path": str(path), "format": fmt}))
    return 0


def _run_sor(url: str, path: Path, start: datetime | None, end: datetime | None) -> int:
    from reviewer_app.services.sor_export import export_statements
    from reviewer_app.services.workspace import open_workspace

    database = open_workspace(url, embedded=False)
    try:
        result = export_statements(database, path, start=start, end=end,
                                   progress=progress_printer("Checking", "decisions"))
    except KeyboardInterrupt:
        print("reviewer-app: export cancelled; no file was written", file=sys.stderr)
        return EXIT_INTERRUPTED
    finally:
        database.dispose()
    for refusal in result.refused:
        print(f"refused {refusal.appeal_ref}: {refusal.reason}")
    print(f"{path}: {result.written:,} statements; {len(result.refused):,} refused; "
          f"{result.outside_eea:,} outside the EEA (no statement needed)")
    print(json.dumps({"statements": result.written, "refused": len(result.refused),
                      "outside_eea": result.outside_eea, "path": str(path)}))
    return 1 if result.refused else 0
