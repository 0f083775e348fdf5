"""Importing a file into the open database, as the workstation offers it (any time, and on
the first-run screen): the import itself is ``services.importer``; this adds where the
rejected rows go and who becomes admin of an empty database."""

from __future__ import annotations

import getpass
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reviewer_app.data.db import Database
from reviewer_app.domain.clock import Clock, utc_now
from reviewer_app.services.importer import ImportSummary, import_appeals, write_errors
from reviewer_app.services.sor_importer import detect_shape, import_statements

Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class ImportResult:
    """An import's counts, and the CSV of rejected rows when there were any."""

    summary: ImportSummary
    errors_file: Path | None


class ImportService:
    """Import appeal files; the rejected rows go beside the file (else ``fallback_dir``)."""

    def __init__(self, db: Database, *, fallback_dir: Path, clock: Clock = utc_now) -> None:
        self._db = db
        self._fallback_dir = fallback_dir
        self._clock = clock

    def import_file(self, source: Path, progress: Progress | None = None,
                    encoding: str = "auto") -> ImportResult:
        """Import ``source``; ``progress`` may raise (e.g. ``Cancelled``) between batches.

        ``encoding`` of a CSV or JSON Lines file: "auto" (detected), "utf-8" or "gb18030".

        When the database has no active users, the OS login becomes its admin so it can be
        signed in to. A file of EU DSA statements of reasons (``detect_shape``) imports
        enforcements instead, its rejected rows listed by ``puid``.

        Raises:
            ImportFileError: the file cannot be used; nothing was written.
        """
        statements = detect_shape(source) == "dsa-sor"
        if statements:
            summary = import_statements(self._db, source, now=self._clock(),
                                        progress=progress, encoding=encoding)
        else:
            summary = import_appeals(self._db, source, now=self._clock(),
                                     admin_login=os_login(), progress=progress,
                                     encoding=encoding)
        if not summary.problems:
            return ImportResult(summary, None)
        errors = source.with_name(f"{source.stem}-errors.csv")
        id_column = "puid" if statements else "appeal_id"
        try:
            write_errors(errors, summary, id_column)
        except OSError:  # e.g. a read-only folder: keep the list in our own data folder
            errors = self._fallback_dir / errors.name
            errors.parent.mkdir(parents=True, exist_ok=True)
            write_errors(errors, summary, id_column)
        return ImportResult(summary, errors)


def os_login() -> str:
    """The signed-in OS user's login ("admin" when the system has none to give)."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name in the environment or the password database
        return "admin"
