"""`reviewer-app import`: CSV and JSON Lines into SQLite and PostgreSQL, in process."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from reviewer_app.cli import main
from reviewer_app.data.db import Database, create_db_engine
from reviewer_app.data.orm import (
    AppealRow,
    AppellantRow,
    EnforcementRow,
    EventRow,
    QueueDefRow,
    UserRow,
)
from reviewer_app.domain.appeal_row import COLUMNS

HOSTILE = (
    "<script>alert('x')</script> &amp; \"quoted\", comma\n"
    "第二行 🙂👍🏽 مرحبا بالعالم \u200b\u200d\u202e reversed\u202c \r\n tail  "
)


def row(n: int, **changes: str) -> dict[str, str]:
    values = {
        "appeal_id": f"AP-{n}", "received_at": "2026-03-02T10:00:00+08:00", "market": "DE",
        "language": "zh-CN", "appellant_id": f"SLR-{n % 3}", "appellant_type": "seller",
        "account_type": "business", "enforcement_id": f"ENF-{n}",
        "enforcement_action": "listing_removal", "policy_code": "IP_COUNTERFEIT",
        "enforced_at": "2026-03-01T09:00:00Z", "automated_detection": "false",
        "automated_decision": "not", "decision_facts": "Rights owner notice",
        "appeal_text": f"我们是授权经销商 {n}", "round": "1", "priority": "60",
        "listing_id": f"LST{n}", "ean": "4006381333931", "sla_due_at": "",
    }
    values.update(changes)
    return values


def write_csv(path: Path, rows: list[dict[str, str]], *, encoding: str = "utf-8",
              columns: tuple[str, ...] = COLUMNS) -> Path:
    buf = io.StringIO()
    out = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore", lineterminator="\r\n")
    out.writeheader()
    out.writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


def summary(out: str) -> dict[str, int]:
    return json.loads(out.strip().splitlines()[-1])


def appeals(url: str) -> dict[str, AppealRow]:
    db = Database(create_db_engine(url))
    try:
        with db.read() as s:
            found = {a.ref: a for a in s.scalars(select(AppealRow))}
            s.expunge_all()  # keep the loaded values after the read session rolls back
            return found
    finally:
        db.dispose()


def events(url: str) -> list[EventRow]:
    db = Database(create_db_engine(url))
    try:
        with db.read() as s:
            found = list(s.scalars(select(EventRow).order_by(EventRow.id)))
            s.expunge_all()
            return found
    finally:
        db.dispose()


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, int], str]:
    code = main(["import", *args])
    captured = capsys.readouterr()
    return code, summary(captured.out), captured.out + captured.err


def test_good_file_imports_then_reimport_is_unchanged(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_csv(tmp_path / "a.csv", [row(n) for n in range(1, 6)])
    code, counts, text = run(capsys, str(path), "--db", db_url)
    assert code == 0
    assert counts == {"read": 5, "imported": 5, "updated": 0, "unchanged": 0, "rejected": 0}
    assert "Importing: 5/5 rows" in text
    stored = appeals(db_url)
    assert set(stored) == {f"AP-{n}" for n in range(1, 6)}
    a1 = stored["AP-1"]
    assert a1.status == "new" and a1.policy_code == "IP_COUNTERFEIT" and a1.priority == 60
    # DE has no special rule for this policy: the 48 h default from received (02:00 UTC).
    assert a1.sla_due_at.isoformat() == "2026-03-04T02:00:00+00:00"
    db = Database(create_db_engine(db_url))
    with db.read() as s:
        queue = s.scalar(select(QueueDefRow.code).where(QueueDefRow.id == a1.queue_id))
        assert queue == "ip_brand"
        assert len(list(s.scalars(select(AppellantRow)))) == 3  # SLR-0..2 reused
        assert len(list(s.scalars(select(EnforcementRow)))) == 5
        roles = list(s.scalars(select(UserRow.role)))
        assert roles == ["admin"]  # the importer can sign in
    db.dispose()
    created = [e for e in events(db_url) if e.type == "created"]
    assert len(created) == 5
    assert json.loads(created[0].payload_json)["source"] == "import"

    code, counts, _ = run(capsys, str(path), "--db", db_url)
    assert code == 0
    assert counts == {"read": 5, "imported": 0, "updated": 0, "unchanged": 5, "rejected": 0}
    assert len(events(db_url)) == 5


def test_changed_row_updates_and_logs_an_event(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_csv(tmp_path / "a.csv", [row(1), row(2)])
    assert run(capsys, str(path), "--db", db_url)[0] == 0
    write_csv(path, [row(1, priority="90", appeal_text="new text"), row(2)])
    code, counts, _ = run(capsys, str(path), "--db", db_url)
    assert code == 0
    assert counts["updated"] == 1 and counts["unchanged"] == 1 and counts["imported"] == 0
    a1 = appeals(db_url)["AP-1"]
    assert (a1.priority, a1.statement) == (90, "new text")
    updates = [e for e in events(db_url) if e.type == "updated"]
    assert len(updates) == 1 and updates[0].appeal_id == a1.id
    assert set(json.loads(updates[0].payload_json)["changed"]) == {"priority", "statement"}


def test_mixed_file_exits_1_and_writes_the_errors_csv(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [row(1), row(2, ean="4006381333932"), row(3, market="XX"), row(4),
            row(5, enforced_at="2026-03-03T00:00:00Z"), row(6, policy_code="NOPE"), row(4)]
    path = write_csv(tmp_path / "mixed.csv", rows)
    errors = tmp_path / "errors.csv"
    code, counts, _ = run(capsys, str(path), "--db", db_url, "--errors", str(errors))
    assert code == 1
    assert counts == {"read": 7, "imported": 2, "updated": 0, "unchanged": 0, "rejected": 5}
    assert set(appeals(db_url)) == {"AP-1", "AP-4"}
    with errors.open(encoding="utf-8", newline="") as fh:
        reported = {
            (r["row"], r["appeal_id"], r["column"], r["reason"]) for r in csv.DictReader(fh)
        }
    assert reported == {
        ("3", "AP-2", "ean", "invalid_ean"),
        ("4", "AP-3", "market", "unknown_market"),
        ("6", "AP-5", "enforced_at", "enforced_after_received"),
        ("7", "AP-6", "policy_code", "unknown_policy"),
        ("8", "AP-4", "appeal_id", "duplicate_in_file"),
    }


def test_missing_required_column_exits_2_and_writes_nothing(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    columns = tuple(c for c in COLUMNS if c != "appeal_text")
    path = write_csv(tmp_path / "bad.csv", [row(1)], columns=columns)
    code, counts, text = run(capsys, str(path), "--db", db_url)
    assert code == 2
    assert counts["imported"] == 0
    assert "appeal_text" in text
    assert appeals(db_url) == {}
    code, _counts, text = run(capsys, str(tmp_path / "nowhere.csv"), "--db", db_url)
    assert code == 2 and "No such file" in text


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030"])
def test_bom_and_gb18030_files(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], encoding: str
) -> None:
    path = write_csv(tmp_path / "zh.csv", [row(1, appeal_text="申诉：商品为正品，附发票。")],
                     encoding=encoding)
    code, counts, _ = run(capsys, str(path), "--db", db_url)
    assert code == 0 and counts["imported"] == 1
    assert appeals(db_url)["AP-1"].statement == "申诉：商品为正品，附发票。"


def test_a_line_invalid_in_both_encodings_rejects_only_its_row(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_csv(tmp_path / "bad.csv", [row(1), row(2, appeal_text="BROKEN"), row(3)])
    path.write_bytes(path.read_bytes().replace(b"BROKEN", b"\xff\xfe\xff"))
    code, counts, text = run(capsys, str(path), "--db", sqlite_url)
    assert code == 1
    assert counts["imported"] == 2 and counts["rejected"] == 1
    assert "row 3: (row): invalid_encoding" in text


def test_hostile_text_round_trips_byte_identical(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_csv(tmp_path / "h.csv", [row(1, appeal_text=HOSTILE, decision_facts=HOSTILE)])
    jsonl = tmp_path / "h.jsonl"
    jsonl.write_text(json.dumps(row(2, appeal_text=HOSTILE), ensure_ascii=False) + "\n",
                     encoding="utf-8")
    assert run(capsys, str(path), "--db", db_url)[0] == 0
    assert run(capsys, str(jsonl), "--db", db_url)[0] == 0
    stored = appeals(db_url)
    assert stored["AP-1"].statement.encode() == HOSTILE.encode()
    assert stored["AP-2"].statement.encode() == HOSTILE.encode()
    db = Database(create_db_engine(db_url))
    with db.read() as s:
        facts = s.scalar(select(EnforcementRow.facts).where(EnforcementRow.ref == "ENF-1"))
    db.dispose()
    assert facts == HOSTILE


def test_jsonl_with_bad_lines_and_dry_run(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = [json.dumps(row(1)), "{not json", json.dumps([1, 2]),
             json.dumps({**row(2), "priority": 7, "round": 2, "automated_detection": True})]
    path = tmp_path / "a.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, counts, _ = run(capsys, str(path), "--db", db_url, "--dry-run")
    assert code == 1
    assert counts == {"read": 4, "imported": 2, "updated": 0, "unchanged": 0, "rejected": 2}
    assert appeals(db_url) == {}  # dry run wrote nothing
    code, counts, _ = run(capsys, str(path), "--db", db_url)
    assert counts["imported"] == 2
    a2 = appeals(db_url)["AP-2"]
    assert (a2.priority, a2.round) == (7, 2)


def test_sla_due_from_the_file_wins(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_csv(tmp_path / "a.csv", [row(1, sla_due_at="2026-03-02T12:00:00+01:00")])
    assert run(capsys, str(path), "--db", sqlite_url)[0] == 0
    assert appeals(sqlite_url)["AP-1"].sla_due_at.isoformat() == "2026-03-02T11:00:00+00:00"


def test_import_in_batches_reports_progress(
    sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reviewer_app.services import importer
    from reviewer_app.services.workspace import open_workspace

    path = write_csv(tmp_path / "a.csv", [row(n) for n in range(1, 8)])
    seen: list[tuple[int, int]] = []
    db = open_workspace(sqlite_url, embedded=False)
    try:
        result = importer.import_appeals(db, path, now=importer_now(), batch_rows=3,
                                         progress=lambda d, t: seen.append((d, t)))
    finally:
        db.dispose()
    assert result.imported == 7
    assert seen == [(3, 7), (6, 7), (7, 7)]


def importer_now():
    from datetime import UTC, datetime

    return datetime(2026, 3, 5, tzinfo=UTC)


def test_cancel_between_batches_keeps_whole_batches_only(
    db_url: str, tmp_path: Path
) -> None:
    from reviewer_app.services import importer
    from reviewer_app.services.workspace import open_workspace
    from reviewer_app.workers.progress import Cancelled

    path = write_csv(tmp_path / "a.csv", [row(n) for n in range(1, 8)])

    def cancel_after_first(done: int, total: int) -> None:
        raise Cancelled

    db = open_workspace(db_url, embedded=False)
    try:
        with pytest.raises(Cancelled):
            importer.import_appeals(db, path, now=importer_now(), batch_rows=3,
                                    progress=cancel_after_first)
    finally:
        db.dispose()
    assert set(appeals(db_url)) == {"AP-1", "AP-2", "AP-3"}


def test_enforcement_of_another_appellant_is_rejected(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_csv(tmp_path / "a.csv", [row(1, appellant_id="SLR-A"),
                                          row(2, appellant_id="SLR-B", enforcement_id="ENF-1")])
    code, counts, text = run(capsys, str(path), "--db", db_url)
    assert code == 1 and counts["imported"] == 1 and counts["rejected"] == 1
    assert "row 3: enforcement_id: enforcement_of_other_appellant" in text
    assert set(appeals(db_url)) == {"AP-1"}


def test_unusable_database_still_ends_with_the_json_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_csv(tmp_path / "a.csv", [row(1)])
    missing = f"sqlite:///{tmp_path / 'none' / 'x.sqlite3'}"
    code, counts, text = run(capsys, str(path), "--db", missing, "--dry-run")
    assert code == 2 and counts["imported"] == 0
    assert "nothing was imported" in text


def test_many_problems_are_capped_on_stdout_but_all_in_the_errors_file(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_csv(tmp_path / "a.csv", [row(n, market="XX") for n in range(60)])
    errors = tmp_path / "e.csv"
    code, counts, text = run(capsys, str(path), "--db", sqlite_url, "--errors", str(errors))
    assert code == 1 and counts["rejected"] == 60
    assert text.count("unknown_market") == 50 and "and 10 more problems" in text
    assert errors.read_text(encoding="utf-8").count("unknown_market") == 60


def test_jsonl_with_nul_or_lone_surrogate_is_rejected_not_a_crash(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(
        json.dumps(row(1, appeal_text="a\x00b")) + "\n"
        + '{"appeal_text": "\\ud800", "appeal_id": "AP-2"}\n'
        + json.dumps(row(3)) + "\n",
        encoding="utf-8",
    )
    code, counts, text = run(capsys, str(path), "--db", db_url)
    assert code == 1 and counts["imported"] == 1 and counts["rejected"] == 2
    assert "row 1: appeal_text: invalid_value" in text
    assert set(appeals(db_url)) == {"AP-3"}


def test_second_round_links_to_the_first_round_of_its_enforcement(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = write_csv(tmp_path / "a.csv", [row(1), row(9)])
    assert run(capsys, str(first), "--db", db_url)[0] == 0
    second = write_csv(tmp_path / "b.csv", [
        row(2, round="2", enforcement_id="ENF-1", appellant_id="SLR-1"),
        row(3, enforcement_id="ENF-3"),
        row(4, round="2", enforcement_id="ENF-3", appellant_id="SLR-0"),
        row(5, round="2", enforcement_id="ENF-5"),
    ])
    assert run(capsys, str(second), "--db", db_url)[0] == 0
    stored = appeals(db_url)
    assert stored["AP-2"].previous_appeal_id == stored["AP-1"].id
    assert stored["AP-4"].previous_appeal_id == stored["AP-3"].id  # same batch
    assert stored["AP-5"].previous_appeal_id is None  # no 1st round known


def test_jsonl_text_with_unicode_line_separators_stays_one_record(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # JSON strings may hold U+2028, U+2029 and U+0085 raw; they do not end a JSON Lines record.
    text = "first\u2028second\u2029third\x85fourth"
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps(row(1, appeal_text=text), ensure_ascii=False) + "\n",
                    encoding="utf-8")
    code, counts, _ = run(capsys, str(path), "--db", sqlite_url)
    assert code == 0 and counts["imported"] == 1
    assert appeals(sqlite_url)["AP-1"].statement == text


def test_a_chosen_encoding_is_the_only_one_tried(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "申诉：商品为正品，附发票。"
    path = write_csv(tmp_path / "gb.csv", [row(1, appeal_text=text), row(2)], encoding="gb18030")
    # Chosen right: read as GB18030, exactly as detection would.
    code, counts, _ = run(capsys, str(path), "--db", db_url, "--encoding", "gb18030")
    assert code == 0 and counts["imported"] == 2
    assert appeals(db_url)["AP-1"].statement == text
    # Chosen wrong: the line UTF-8 cannot read is rejected, not guessed; the other is fine.
    other = write_csv(tmp_path / "gb2.csv", [row(3, appeal_text=text),
                                             row(4, appeal_text="Genuine, invoice attached")],
                      encoding="gb18030")
    code, counts, out = run(capsys, str(other), "--db", db_url, "--encoding", "utf-8")
    assert code == 1 and counts["imported"] == 1 and counts["rejected"] == 1
    assert "row 2: (row): invalid_encoding" in out
    assert "AP-3" not in appeals(db_url)
