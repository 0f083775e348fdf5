"""``reviewer-app export decisions``: decisions to CSV, XLSX, Parquet or JSON Lines.

Kept apart from ``cli.py`` (dispatch only); the work is in ``services.exports``.
"""

from __future__ import annotations

import argparse
import json
import sys
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


def run_export(url: str, args: argparse.Namespace) -> int:
    """Run ``export decisions``; Ctrl+C leaves no file and exits with status 130."""
    start = end = None
    if args.first_day or args.last_day:
        if not (args.first_day and args.last_day):
            print("reviewer-app: error: give both --from and --to, or neither",
                  file=sys.stderr)
            return 2
        period = Period(parse_day("--from", args.first_day), parse_day("--to", args.last_day))
        start, end = period.start, period.end
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
