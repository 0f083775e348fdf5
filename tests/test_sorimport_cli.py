"""`reviewer-app import --shape dsa-sor`: statements of reasons into enforcements on SQLite
and PostgreSQL, checked in the database afterwards; the appeal import's sor_puid column;
`export sor` naming the original statement."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from sqlalchemy import select, update
from test_import_cli import appeals, run, write_csv
from test_import_cli import row as appeal_row
from test_import_history_cli import decided

from reviewer_app.cli import main
from reviewer_app.data.db import Database, create_db_engine
from reviewer_app.data.orm import AppellantRow, DecisionRow, EnforcementRow, PolicyRow
from reviewer_app.domain.sor import statement_problems

HEADER = (
    "uuid", "decision_visibility", "decision_monetary", "decision_provision",
    "decision_account", "account_type", "decision_ground", "illegal_content_legal_ground",
    "illegal_content_explanation", "incompatible_content_ground",
    "incompatible_content_explanation", "category", "category_addition",
    "category_specification", "content_type", "territorial_scope", "content_language",
    "content_date", "application_date", "decision_facts", "source_type",
    "automated_detection", "automated_decision", "platform_name", "created_at",
    "platform_uid", "appellant_id", "enforcement_id",
)


E = EnforcementRow


def sor(n: int, **changes: str) -> dict[str, str]:
    """A statement as the TDB's CSV dump writes it, plus the app's appellant_id."""
    values = {
        "uuid": f"0b7d1c2e-1111-4a2b-9c3d-12345678900{n % 10}",
        "decision_visibility": '["DECISION_VISIBILITY_CONTENT_REMOVED"]',
        "decision_monetary": "", "decision_provision": "", "decision_account": "",
        "account_type": "ACCOUNT_TYPE_BUSINESS",
        "decision_ground": "DECISION_GROUND_ILLEGAL_CONTENT",
        "illegal_content_legal_ground": "Trade mark law",
        "illegal_content_explanation": "Counterfeit", "incompatible_content_ground": "",
        "incompatible_content_explanation": "",
        "category": "STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS",
        "category_addition": "[]", "category_specification": "[]",
        "content_type": '["CONTENT_TYPE_PRODUCT"]', "territorial_scope": '["DE"]',
        "content_language": "ZH", "content_date": "2026-02-27 00:00:00",
        "application_date": "2026-03-01 00:00:00", "decision_facts": "Rights owner notice",
        "source_type": "SOURCE_ARTICLE_16", "automated_detection": "No",
        "automated_decision": "AUTOMATED_DECISION_NOT_AUTOMATED", "platform_name": "Shop",
        "created_at": "2026-03-01 10:00:00", "platform_uid": f"tdb-{n}",
        "appellant_id": f"SLR-{n}", "enforcement_id": "",
    }
    values.update(changes)
    return values


def write_sor_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    buf = io.StringIO()
    out = csv.DictWriter(buf, fieldnames=HEADER, lineterminator="\r\n")
    out.writeheader()
    out.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


def enforcements(url: str) -> dict[str, tuple[object, ...]]:
    """ref -> (action, policy code, sor_puid, appellant ref, automated detection, decision,
    scope, facts)."""
    db = Database(create_db_engine(url))
    try:
        with db.read() as s:
            return {r[0]: tuple(r[1:]) for r in s.execute(
                select(E.ref, E.action, PolicyRow.code, E.sor_puid, AppellantRow.ref,
                       E.automated_detection, E.automated_decision, E.scope, E.facts)
                .join(PolicyRow, PolicyRow.id == E.policy_id)
                .join(AppellantRow, AppellantRow.id == E.appellant_id))}
    finally:
        db.dispose()


def test_statements_become_enforcements_and_a_rerun_changes_nothing(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_sor_csv(tmp_path / "sor.csv", [
        sor(1),
        sor(2, decision_visibility='["DECISION_VISIBILITY_CONTENT_DEMOTED"]',
            decision_account="DECISION_ACCOUNT_TERMINATED",
            decision_ground="DECISION_GROUND_INCOMPATIBLE_CONTENT",
            illegal_content_legal_ground="", incompatible_content_ground="Review policy",
            incompatible_content_explanation="Paid reviews",
            category="STATEMENT_CATEGORY_SCAMS_AND_FRAUD",
            category_specification='["KEYWORD_INAUTHENTIC_USER_REVIEWS"]',
            territorial_scope='["FR"]', automated_detection="Yes",
            automated_decision="AUTOMATED_DECISION_FULLY"),
        # The old key of the product category, and the string form of an array field:
        sor(3, category="STATEMENT_CATEGORY_UNSAFE_AND_ILLEGAL_PRODUCTS",
            category_specification="KEYWORD_PROHIBITED_PRODUCTS",
            decision_provision="DECISION_PROVISION_PARTIAL_SUSPENSION",
            decision_visibility="DECISION_VISIBILITY_CONTENT_REMOVED",
            enforcement_id="ENF-3"),
    ])
    code, counts, text = run(capsys, str(path), "--db", db_url)
    assert (code, counts) == (0, {"read": 3, "imported": 3, "updated": 0, "unchanged": 0,
                                  "rejected": 0}), text
    assert "statements of reasons as enforcements" in text
    assert enforcements(db_url) == {
        "tdb-1": ("listing_removal", "IP_COUNTERFEIT", "tdb-1", "SLR-1", False, "not", "DE",
                  "Rights owner notice"),
        "tdb-2": ("account_termination", "INAUTHENTIC_REVIEWS", "tdb-2", "SLR-2", True,
                  "fully", "FR", "Rights owner notice"),
        "ENF-3": ("selling_restriction", "PROHIBITED_PRODUCT", "tdb-3", "SLR-3", False, "not",
                  "DE", "Rights owner notice"),
    }
    before = enforcements(db_url)
    code, counts, _ = run(capsys, str(path), "--db", db_url)
    assert (code, counts) == (0, {"read": 3, "imported": 0, "updated": 0, "unchanged": 3,
                                  "rejected": 0})
    assert enforcements(db_url) == before
    # A corrected statement (same puid) updates its enforcement in place.
    write_sor_csv(path, [sor(1, decision_facts="Notice by the rights owner, 2 listings"),
                         sor(2, decision_account="DECISION_ACCOUNT_SUSPENDED",
                             decision_ground="DECISION_GROUND_INCOMPATIBLE_CONTENT",
                             illegal_content_legal_ground="",
                             incompatible_content_ground="Review policy",
                             category="STATEMENT_CATEGORY_SCAMS_AND_FRAUD",
                             category_specification='["KEYWORD_INAUTHENTIC_USER_REVIEWS"]',
                             territorial_scope='["FR"]')])
    code, counts, _ = run(capsys, str(path), "--db", db_url)
    assert (code, counts["updated"], counts["unchanged"]) == (0, 2, 0)
    after = enforcements(db_url)
    assert after["tdb-1"][-1] == "Notice by the rights owner, 2 listings"
    assert after["tdb-2"][0] == "account_suspension"
    assert len(after) == 3


def test_bad_rows_are_reported_by_row_column_and_reason(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_sor_csv(tmp_path / "sor.csv", [
        sor(1),
        sor(2, category="STATEMENT_CATEGORY_VIOLENCE"),  # no policy of ours
        sor(3, decision_visibility="", territorial_scope='["DE", "FR"]'),
        sor(4, platform_uid="tdb-1"),  # the puid of row 2 again
        sor(5, application_date="01/03/2026"),
    ])
    errors = tmp_path / "errors.csv"
    code, counts, text = run(capsys, str(path), "--db", db_url, "--errors", str(errors))
    assert (code, counts) == (1, {"read": 5, "imported": 1, "updated": 0, "unchanged": 0,
                                  "rejected": 4})
    assert "row 3: category: no_policy_for_category" in text
    with errors.open(encoding="utf-8") as fh:
        assert list(csv.reader(fh)) == [
            ["row", "puid", "column", "reason"],
            ["3", "tdb-2", "category", "no_policy_for_category"],
            ["4", "tdb-3", "decision_visibility", "no_decision"],
            ["4", "tdb-3", "market", "market_needed"],
            ["5", "tdb-1", "puid", "duplicate_in_file"],
            ["6", "tdb-5", "application_date", "invalid_datetime"],
        ]
    assert list(enforcements(db_url)) == ["tdb-1"]


def test_dry_run_writes_nothing_and_a_file_without_its_columns_is_refused(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_sor_csv(tmp_path / "sor.csv", [sor(1), sor(2)])
    code, counts, _ = run(capsys, str(path), "--db", sqlite_url, "--dry-run")
    assert (code, counts["imported"]) == (0, 2)
    assert enforcements(sqlite_url) == {}
    bad = tmp_path / "bad.csv"
    bad.write_text("platform_uid,category,decision_ground\ntdb-1,x,y\n", encoding="utf-8")
    code, counts, text = run(capsys, str(bad), "--db", sqlite_url, "--shape", "dsa-sor")
    assert code == 2 and counts["read"] == 0
    assert "Missing required columns: application_date, appellant_id" in text
    bad.write_text("category,decision_ground,application_date,appellant_id\nx,y,z,w\n",
                   encoding="utf-8")
    code, counts, text = run(capsys, str(bad), "--db", sqlite_url, "--shape", "dsa-sor")
    assert code == 2 and "Missing required columns: puid" in text


def test_json_and_json_lines_with_real_lists(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def record(n: int) -> dict[str, object]:
        values: dict[str, object] = {k: v for k, v in sor(n).items() if v}
        values.pop("platform_uid")
        values.update(puid=f"api-{n}", decision_visibility=[
            "DECISION_VISIBILITY_CONTENT_REMOVED"], territorial_scope=["DE"],
            content_type=["CONTENT_TYPE_PRODUCT"], category_addition=[])
        return values

    batch = tmp_path / "batch.json"  # the TDB API's batch shape
    batch.write_text(json.dumps({"statements": [record(1), record(2)]}), encoding="utf-8")
    lines = tmp_path / "more.jsonl"
    lines.write_text(json.dumps(record(3)) + "\n" + json.dumps({**record(4), "puid": "a b"})
                     + "\n", encoding="utf-8")
    code, counts, _ = run(capsys, str(batch), "--db", db_url)
    assert (code, counts["imported"]) == (0, 2)
    code, counts, text = run(capsys, str(lines), "--db", db_url)
    assert (code, counts["imported"], counts["rejected"]) == (1, 1, 1)
    assert "row 2: puid: invalid_puid" in text
    assert {k: v[2] for k, v in enforcements(db_url).items()} == {
        "api-1": "api-1", "api-2": "api-2", "api-3": "api-3"}


def test_appeal_import_links_by_sor_puid_and_keeps_the_link(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The statement first (enforcement ENF-1 of SLR-1), then the appeal against it.
    sor_file = write_sor_csv(tmp_path / "sor.csv", [sor(1, enforcement_id="ENF-1")])
    assert run(capsys, str(sor_file), "--db", db_url)[0] == 0
    plain = write_csv(tmp_path / "a.csv", [appeal_row(1, appellant_id="SLR-1")])
    code, counts, _ = run(capsys, str(plain), "--db", db_url)
    assert (code, counts["imported"]) == (0, 1)
    assert enforcements(db_url)["ENF-1"][2] == "tdb-1"  # no sor_puid column: link kept
    # An appeal file naming the puid links a new enforcement; another's puid is refused.
    linked = write_csv(tmp_path / "b.csv", [
        {**appeal_row(2), "sor_puid": "old-sor-2"},
        {**appeal_row(3), "sor_puid": "tdb-1"},
        {**appeal_row(4), "sor_puid": "no spaces allowed"},
    ], columns=(*tuple(appeal_row(1)), "sor_puid"))
    code, counts, text = run(capsys, str(linked), "--db", db_url)
    assert (code, counts["imported"], counts["rejected"]) == (1, 1, 2), text
    assert "row 3: sor_puid: puid_of_other_enforcement" in text
    assert "row 4: sor_puid: invalid_puid" in text
    assert enforcements(db_url)["ENF-2"][2] == "old-sor-2"
    # A statement naming an enforcement already linked to another puid is refused.
    other = write_sor_csv(tmp_path / "c.csv", [sor(9, enforcement_id="ENF-2",
                                                   appellant_id="SLR-2")])
    code, counts, text = run(capsys, str(other), "--db", db_url)
    assert code == 1 and "enforcement_id: enforcement_has_other_puid" in text


def test_statement_of_an_enforcement_made_by_an_appeal_import_links_it(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plain = write_csv(tmp_path / "a.csv", [appeal_row(1, appellant_id="SLR-1")])
    assert run(capsys, str(plain), "--db", sqlite_url)[0] == 0
    assert enforcements(sqlite_url)["ENF-1"][2] is None
    sor_file = write_sor_csv(tmp_path / "sor.csv", [
        sor(1, enforcement_id="ENF-1"),
        sor(2, enforcement_id="ENF-1", appellant_id="SLR-1"),  # a second puid for it
        sor(3, enforcement_id="ENF-1", appellant_id="SLR-9"),  # someone else's
    ])
    code, counts, text = run(capsys, str(sor_file), "--db", sqlite_url)
    assert (code, counts["updated"], counts["rejected"]) == (1, 1, 2), text
    assert "row 3: enforcement_id: enforcement_has_other_puid" in text
    assert "row 4: enforcement_id: enforcement_has_other_puid" in text
    assert enforcements(sqlite_url)["ENF-1"][2] == "tdb-1"
    # The appeal import's EAN stays in the evidence next to the statement's fields.
    db = Database(create_db_engine(sqlite_url))
    with db.read() as s:
        evidence = json.loads(s.scalar(select(EnforcementRow.evidence_json)) or "{}")
    db.dispose()
    assert evidence["ean"] == "4006381333931" and evidence["puid"] == "tdb-1"
    # Re-importing the appeal file brings back its own enforced_at (the last import wins)
    # but leaves the link and the statement's evidence alone.
    assert run(capsys, str(plain), "--db", sqlite_url)[1]["updated"] == 1
    assert enforcements(sqlite_url)["ENF-1"][2] == "tdb-1"
    db = Database(create_db_engine(sqlite_url))
    with db.read() as s:
        evidence = json.loads(s.scalar(select(EnforcementRow.evidence_json)) or "{}")
    db.dispose()
    assert evidence["ean"] == "4006381333931" and evidence["category"] == (
        "STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS")


def test_export_sor_names_the_original_statement(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sor_file = write_sor_csv(tmp_path / "sor.csv", [sor(1, enforcement_id="ENF-1")])
    assert run(capsys, str(sor_file), "--db", db_url)[0] == 0
    history = write_csv(tmp_path / "h.csv", [
        decided(1, outcome="partial", appellant_id="SLR-1"),
        decided(2, outcome="partial")], columns=tuple(decided(1)))
    assert run(capsys, str(history), "--db", db_url)[0] == 0
    ids = {a.ref: a.id for a in appeals(db_url).values()}
    db = Database(create_db_engine(db_url))
    with db.write() as s:
        s.execute(update(DecisionRow).where(DecisionRow.appeal_id.in_(ids.values()))
                  .values(what_changes="Listing LST1 stays removed; the others return."))
    db.dispose()
    out = tmp_path / "sor.jsonl"
    assert main(["export", "sor", str(out), "--db", db_url]) == 0
    capsys.readouterr()
    first, second = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert statement_problems(first) == [] and statement_problems(second) == []
    assert first["puid"].startswith("appeal-AP-1-")  # a new statement, its own puid
    assert first["decision_facts"] == (
        "Rights owner notice\n\nAppeal outcome changing the restriction of the statement "
        "of reasons with puid tdb-1.")
    assert second["decision_facts"] == "Rights owner notice"  # no statement was imported
    # The decisions export carries the link too, so the file re-imports with it.
    decisions = tmp_path / "d.csv"
    assert main(["export", "decisions", str(decisions), "--db", db_url]) == 0
    capsys.readouterr()
    with decisions.open(encoding="utf-8") as fh:
        assert [r["sor_puid"] for r in csv.DictReader(fh)] == ["tdb-1", ""]
