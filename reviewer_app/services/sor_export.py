"""Export DSA statements of reasons as JSON Lines, each checked against every rule first.

A case whose statement would break a rule — personal data in ``decision_facts``, a policy
without a DSA mapping, a field too long — is refused by name and left out; the others are
written. Decisions in markets outside the EEA need no statement and are counted apart.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from reviewer_app.data.db import Database
from reviewer_app.data.sor_store import changed_restrictions, count_changed
from reviewer_app.domain.sor import (
    EEA,
    ChangedRestriction,
    build_statement,
    personal_data,
    statement_problems,
)
from reviewer_app.services.exports import json_line, write_atomically

Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class SorRefusal:
    """A case left out of the export, and why."""

    appeal_ref: str
    reason: str


@dataclass(frozen=True, slots=True)
class SorExport:
    """What ``export_statements`` wrote and left out."""

    written: int
    outside_eea: int
    refused: tuple[SorRefusal, ...]


def refusal_reason(c: ChangedRestriction) -> str | None:
    """Why no valid statement can be made for ``c`` (None when one can)."""
    found = personal_data(c.facts, c.market)
    if found:
        return "decision_facts holds personal data (" + ", ".join(found) + ")"
    try:
        statement = build_statement(c)
    except KeyError as exc:
        return f"no DSA mapping for {exc.args[0]!r}"
    problems = statement_problems(statement)
    return "; ".join(problems) if problems else None


def export_statements(db: Database, path: Path, *, start: datetime | None = None,
                      end: datetime | None = None,
                      progress: Progress | None = None) -> SorExport:
    """Write a statement for each changed restriction decided in ``[start, end)``.

    Raises:
        ExportError: the file cannot be written (nothing is left at ``path``).
    """
    refused: list[SorRefusal] = []
    counts = {"written": 0, "outside": 0}

    def write(tmp: Path) -> int:
        with db.read() as session, tmp.open("w", encoding="utf-8", newline="\n") as fh:
            total = count_changed(session, start, end)
            for done, change in enumerate(changed_restrictions(session, start, end), start=1):
                if change.market not in EEA:
                    counts["outside"] += 1
                elif (reason := refusal_reason(change)) is not None:
                    refused.append(SorRefusal(change.appeal_ref, reason))
                else:
                    fh.write(json_line(build_statement(change)))
                    counts["written"] += 1
                if progress is not None:
                    progress(done, total)
        return counts["written"]

    write_atomically(path, write)
    return SorExport(counts["written"], counts["outside"], tuple(refused))
