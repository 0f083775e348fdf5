"""`reviewer-app export sor`: valid statements only; personal data refused by case."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select, update
from test_export_cli import export
from test_import_cli import appeals, run, write_csv
from test_import_history_cli import decided

from reviewer_app.cli import main
from reviewer_app.data.db import Database, create_db_engine
from reviewer_app.data.orm import DecisionRow
from reviewer_app.domain.sor import statement_problems


def explain(url: str, refs: dict[str, str]) -> None:
    """Give the partial decisions of ``refs`` (appeal ref -> text) their what-changes text."""
    ids = {a.ref: a.id for a in appeals(url).values()}
    db = Database(create_db_engine(url))
    try:
        with db.write() as s:
            for ref, text in refs.items():
                s.execute(update(DecisionRow).where(DecisionRow.appeal_id == ids[ref])
                          .values(what_changes=text))
    finally:
        db.dispose()


def test_statements_for_changed_restrictions_only(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [
        decided(1, outcome="partial"),  # DE, IP policy: a statement
        decided(2, outcome="partial", market="FR",
                decision_facts="Seller said: write to jean.dupont@example.fr"),
        decided(3, outcome="partial", market="US"),  # outside the EEA: none needed
        decided(4, outcome="uphold"),  # the restriction is kept, not changed
        decided(5, outcome="partial", decision_facts="Call +49 30 12345678"),
        decided(6, outcome="partial"),  # no explanation of what changed
    ]
    assert run(capsys, str(write_csv(tmp_path / "h.csv", rows)), "--db", db_url)[0] == 0
    explain(db_url, {f"AP-{n}": "Listing LST1 stays removed; the others return." for n in
                     (1, 2, 3, 5)})
    out = tmp_path / "sor.jsonl"
    code = main(["export", "sor", str(out), "--db", db_url])
    text = capsys.readouterr().out
    assert code == 1  # some cases were refused
    assert json.loads(text.strip().splitlines()[-1]) == {
        "statements": 1, "refused": 3, "outside_eea": 1, "path": str(out)}
    assert "refused AP-2: decision_facts holds personal data (e-mail address)" in text
    assert "refused AP-5: decision_facts holds personal data (phone number)" in text
    assert "refused AP-6: illegal_content_explanation is required" in text
    (statement,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert statement_problems(statement) == []
    assert statement["puid"].startswith("appeal-AP-1-")
    assert statement["territorial_scope"] == ["DE"]
    assert statement["application_date"] == "2026-03-03"
    assert statement["illegal_content_explanation"] == (
        "Listing LST1 stays removed; the others return.")


def test_period_and_unwritable_path(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [decided(1, outcome="partial"),
            decided(2, outcome="partial", decided_at="2026-03-09T10:00:00Z")]
    assert run(capsys, str(write_csv(tmp_path / "h.csv", rows)), "--db", sqlite_url)[0] == 0
    explain(sqlite_url, {"AP-1": "Narrowed.", "AP-2": "Narrowed."})
    out = tmp_path / "week.jsonl"
    assert main(["export", "sor", str(out), "--from", "2026-03-08", "--to", "2026-03-14",
                 "--db", sqlite_url]) == 0
    capsys.readouterr()
    assert [json.loads(x)["puid"].split("-")[2] for x in out.read_text().splitlines()] == ["2"]
    code, text = export(capsys, "--help")  # the decisions help still works beside sor
    assert code == 0 and "--format" in text
    assert main(["export", "sor", str(tmp_path / "no" / "x.jsonl"), "--db", sqlite_url]) == 2
    assert "cannot write" in capsys.readouterr().err
    db = Database(create_db_engine(sqlite_url))
    with db.read() as s:
        assert len(s.scalars(select(DecisionRow)).all()) == 2  # export never writes data
    db.dispose()
