"""`reviewer-app import` of historical decisions (a backfill from the team's old tool)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select
from test_import_cli import appeals, events, row, run, write_csv

from reviewer_app.cli import main
from reviewer_app.data.db import Database, create_db_engine
from reviewer_app.data.orm import DecisionRow, UserRow


def decided(n: int, **changes: str) -> dict[str, str]:
    # Received 2026-03-02 02:00 UTC; decided the next day.
    return row(n, **{"outcome": "overturn", "reason_code": "AUTHORISED_RESELLER",
                     "decided_at": "2026-03-03T10:00:00Z", "decided_by": "legacy.anna",
                     "handle_seconds": "300", **changes})


def stored_decisions(url: str) -> list[tuple[str, str, str, float, bool]]:
    """(appeal ref, login, outcome, handle seconds, decider active) per decision row."""
    db = Database(create_db_engine(url))
    try:
        with db.read() as s:
            refs = {a.id: a.ref for a in appeals(url).values()}
            return sorted(
                (refs[d.appeal_id], u.login, d.outcome, d.handle_seconds, u.active)
                for d, u in s.execute(select(DecisionRow, UserRow)
                                      .join(UserRow, UserRow.id == DecisionRow.user_id)))
    finally:
        db.dispose()


def test_historical_decisions_are_imported_with_their_people_and_events(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [decided(1), decided(2, outcome="uphold", handle_seconds="500"),
            decided(3, outcome="escalate", decided_by="legacy.ben", reason_code=""), row(4)]
    path = write_csv(tmp_path / "history.csv", rows)
    code, counts, _ = run(capsys, str(path), "--db", db_url)
    assert code == 0
    assert counts == {"read": 4, "imported": 4, "updated": 0, "unchanged": 0, "rejected": 0}
    stored = appeals(db_url)
    assert [stored[f"AP-{n}"].status for n in (1, 2, 3, 4)] == [
        "decided", "decided", "escalated", "new"]
    # Unknown logins become inactive reviewers; the importer is the one active admin.
    assert stored_decisions(db_url) == [
        ("AP-1", "legacy.anna", "overturn", 300.0, False),
        ("AP-2", "legacy.anna", "uphold", 500.0, False),
        ("AP-3", "legacy.ben", "escalate", 300.0, False),
    ]
    logged = [e for e in events(db_url) if e.type in ("decided", "escalated")]
    assert sorted(e.type for e in logged) == ["decided", "decided", "escalated"]
    first = next(e for e in logged if json.loads(e.payload_json)["row"] == 2)
    assert first.at.isoformat() == "2026-03-03T10:00:00+00:00"
    assert (first.before, first.after) == ("new", "decided")
    assert json.loads(first.payload_json)["source"] == "import"
    assert first.actor_user_id is not None

    # The KPIs of that day cover the imported past: 2 decided, 1 of them overturned,
    # AHT (300 + 500) ÷ 2 = 400 s, and the escalation is a handling step of 3 handled.
    assert main(["report", "kpis", "--db", db_url, "--from", "2026-03-03", "--to",
                 "2026-03-03", "--json"]) == 0
    kpis = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert (kpis["decisions"], kpis["aht_seconds"], kpis["overturn_rate"]) == (2, 400.0, 0.5)
    assert kpis["escalation_rate"] == pytest.approx(1 / 3)

    code, counts, _ = run(capsys, str(path), "--db", db_url)  # again: nothing changes
    assert code == 0 and counts["unchanged"] == 4 and counts["updated"] == 0
    assert len(stored_decisions(db_url)) == 3


def test_a_decision_added_later_updates_and_a_different_one_is_refused(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_csv(tmp_path / "a.csv", [row(1), decided(2)])
    assert run(capsys, str(path), "--db", db_url)[0] == 0
    # AP-1 now has its decision in the export; AP-2's was changed in the old tool.
    write_csv(path, [decided(1), decided(2, outcome="uphold")])
    errors = tmp_path / "errors.csv"
    code, counts, _ = run(capsys, str(path), "--db", db_url, "--errors", str(errors))
    assert code == 1
    assert counts == {"read": 2, "imported": 0, "updated": 1, "unchanged": 0, "rejected": 1}
    assert "decision_conflict" in errors.read_text(encoding="utf-8")
    assert stored_decisions(db_url) == [
        ("AP-1", "legacy.anna", "overturn", 300.0, False),
        ("AP-2", "legacy.anna", "overturn", 300.0, False),  # kept as recorded
    ]
    assert appeals(db_url)["AP-1"].status == "decided"


def test_a_known_login_is_reused_and_keeps_its_state(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, str(write_csv(tmp_path / "a.csv", [row(9)])), "--db", db_url)[0] == 0
    db = Database(create_db_engine(db_url))
    with db.write() as s:
        s.add(UserRow(login="rita", display_name="Rita", role="reviewer", active=True,
                      created_at=appeals(db_url)["AP-9"].received_at))
    db.dispose()
    path = write_csv(tmp_path / "b.csv", [decided(1, decided_by="rita")])
    assert run(capsys, str(path), "--db", db_url)[0] == 0
    assert stored_decisions(db_url) == [("AP-1", "rita", "overturn", 300.0, True)]


def test_a_bad_decision_rejects_only_its_row(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [decided(1, decided_at="2026-03-01T00:00:00Z"), decided(2, outcome="approve"),
            decided(3)]
    code, counts, text = run(capsys, str(write_csv(tmp_path / "a.csv", rows)), "--db", db_url)
    assert code == 1 and counts["imported"] == 1 and counts["rejected"] == 2
    assert "decided_before_received" in text and "invalid_choice" in text
    assert [d[0] for d in stored_decisions(db_url)] == ["AP-3"]
