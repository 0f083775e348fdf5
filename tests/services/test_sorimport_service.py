"""The workstation's import (Work → Import appeals…) takes statement-of-reasons files too:
recognised by their columns, imported as enforcements, rejected rows listed by puid."""

from __future__ import annotations

import csv
from pathlib import Path

from sqlalchemy import select
from test_sorimport_cli import sor, write_sor_csv

from reviewer_app.data.db import Database
from reviewer_app.data.orm import EnforcementRow
from reviewer_app.services.imports import ImportService


def test_a_statement_file_imports_enforcements_with_a_puid_errors_file(
        database: Database, tmp_path: Path) -> None:
    source = write_sor_csv(tmp_path / "tdb.csv", [
        sor(1), sor(2, category="STATEMENT_CATEGORY_VIOLENCE")])
    result = ImportService(database, fallback_dir=tmp_path / "data").import_file(source)
    assert result.summary.counts() == {"read": 2, "imported": 1, "updated": 0,
                                       "unchanged": 0, "rejected": 1}
    assert result.errors_file == tmp_path / "tdb-errors.csv"
    with result.errors_file.open(encoding="utf-8") as fh:
        assert list(csv.reader(fh)) == [["row", "puid", "column", "reason"],
                                        ["3", "tdb-2", "category", "no_policy_for_category"]]
    with database.read() as s:
        assert s.execute(select(EnforcementRow.ref, EnforcementRow.sor_puid)).all() == [
            ("tdb-1", "tdb-1")]
