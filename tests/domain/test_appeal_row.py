"""Row parser of the appeal import: round trips, every column's checks, junk never raises."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reviewer_app.domain.appeal_row import (
    ACTIONS,
    COLUMNS,
    MARKETS,
    FieldProblem,
    ImportedAppeal,
    ImportedDecision,
    ean_is_valid,
    parse_appeal_row,
)

POLICIES = frozenset({"IP_COUNTERFEIT", "UNSAFE_PRODUCT"})


def good(**changes: str) -> dict[str, str]:
    row = {
        "appeal_id": "AP-1", "received_at": "2026-03-02T10:00:00+08:00", "market": "DE",
        "language": "zh-CN", "appellant_id": "SLR-1", "appellant_type": "seller",
        "account_type": "business", "enforcement_id": "ENF-1",
        "enforcement_action": "listing_removal", "policy_code": "IP_COUNTERFEIT",
        "enforced_at": "2026-03-01T09:00:00Z", "automated_detection": "true",
        "automated_decision": "partially", "decision_facts": "Brand notice",
        "appeal_text": "我们是授权经销商", "round": "1", "priority": "70",
        "listing_id": "LST1", "ean": "4006381333931", "sla_due_at": "",
    }
    row.update(changes)
    return row


def problems(**changes: str) -> set[tuple[str, str]]:
    result = parse_appeal_row(2, good(**changes), POLICIES)
    assert isinstance(result, list), result
    assert all(p.row == 2 for p in result)
    return {(p.column, p.reason) for p in result}


def test_a_good_row_parses_to_utc_and_keeps_text() -> None:
    appeal = parse_appeal_row(2, good(), POLICIES)
    assert isinstance(appeal, ImportedAppeal)
    assert appeal.received_at == datetime(2026, 3, 2, 2, tzinfo=UTC)
    assert appeal.enforced_at == datetime(2026, 3, 1, 9, tzinfo=UTC)
    assert appeal.appeal_text == "我们是授权经销商"
    assert appeal.automated_detection is True
    assert (appeal.round, appeal.priority, appeal.ean) == (1, 70, "4006381333931")
    assert appeal.sla_due_at is None


def test_defaults_for_optional_columns() -> None:
    row = {k: v for k, v in good().items()
           if k not in ("account_type", "automated_detection", "automated_decision", "round",
                        "priority", "listing_id", "ean", "decision_facts")}
    appeal = parse_appeal_row(3, row, POLICIES)
    assert isinstance(appeal, ImportedAppeal)
    assert (appeal.round, appeal.priority, appeal.account_type) == (1, 50, "business")
    assert (appeal.automated_detection, appeal.automated_decision) == (False, "not")
    assert appeal.listing_id is None and appeal.ean is None


@pytest.mark.parametrize("column", ["appeal_id", "received_at", "market", "language",
                                    "appellant_id", "appellant_type", "enforcement_id",
                                    "enforcement_action", "policy_code", "enforced_at",
                                    "appeal_text"])
def test_required_columns(column: str) -> None:
    assert (column, "required") in problems(**{column: "  "})


@pytest.mark.parametrize(("column", "value", "reason"), [
    ("ean", "4006381333932", "invalid_ean"),
    ("ean", "400638133393", "invalid_ean"),
    ("ean", "40063813339３1", "invalid_ean"),
    ("enforced_at", "2026-03-02T03:00:00+00:00", "enforced_after_received"),
    ("policy_code", "NOT_A_POLICY", "unknown_policy"),
    ("market", "XX", "unknown_market"),
    ("market", "DEU", "unknown_market"),
    ("language", "chinese", "invalid_language"),
    ("language", "zh_CN", "invalid_language"),
    ("received_at", "2026-03-02T10:00:00", "missing_offset"),
    ("received_at", "yesterday", "invalid_datetime"),
    ("sla_due_at", "9999-12-31T23:00:00+00:00", "out_of_range"),
    ("enforced_at", "0001-01-01T00:00:00+00:00", "out_of_range"),
    ("sla_due_at", "2026-13-01T00:00:00Z", "invalid_datetime"),
    ("appellant_type", "buyer", "invalid_choice"),
    ("account_type", "corporate", "invalid_choice"),
    ("enforcement_action", "ban", "invalid_choice"),
    ("automated_detection", "yes", "invalid_choice"),
    ("automated_decision", "mostly", "invalid_choice"),
    ("round", "3", "out_of_range"),
    ("round", "one", "invalid_integer"),
    ("priority", "101", "out_of_range"),
    ("priority", "-1", "out_of_range"),
    ("priority", "5.5", "invalid_integer"),
    ("appeal_id", "A" * 65, "too_long"),
])
def test_each_column_is_checked(column: str, value: str, reason: str) -> None:
    assert problems(**{column: value}) == {(column, reason)}


@pytest.mark.parametrize("language", ["en", "zh-CN", "zh-Hans-CN", "es-419", "de-DE-1996"])
def test_bcp47_tags_are_accepted(language: str) -> None:
    assert isinstance(parse_appeal_row(2, good(language=language), POLICIES), ImportedAppeal)


def test_enforced_at_equal_to_received_is_fine() -> None:
    row = good(enforced_at="2026-03-02T02:00:00Z")
    assert isinstance(parse_appeal_row(2, row, POLICIES), ImportedAppeal)


def test_ean_check_digit() -> None:
    assert ean_is_valid("4006381333931")
    assert ean_is_valid("9780306406157")
    assert not ean_is_valid("9780306406158")


@st.composite
def valid_rows(draw: st.DrawFn) -> dict[str, str]:
    received = draw(st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2090, 1, 1),
                                 timezones=st.sampled_from([UTC])))
    enforced = received - draw(st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=900)))
    ident = st.text(st.characters(codec="utf-8", categories=("L", "N", "Pd")), min_size=1,
                    max_size=64).filter(lambda s: s.strip() == s)
    storable = st.characters(codec="utf-8", exclude_characters="\x00")  # no NUL, no surrogates
    text = st.text(storable, min_size=1).filter(lambda s: s.strip() != "")
    twelve = draw(st.text("0123456789", min_size=12, max_size=12))
    check = (10 - sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(twelve)) % 10) % 10
    return {
        "appeal_id": draw(ident), "received_at": received.isoformat(),
        "market": draw(st.sampled_from(sorted(MARKETS))),
        "language": draw(st.sampled_from(["en", "zh-CN", "de", "pt-BR", "zh-Hant-TW"])),
        "appellant_id": draw(ident), "appellant_type": draw(st.sampled_from(["seller", "creator"])),
        "account_type": draw(st.sampled_from(["business", "private"])),
        "enforcement_id": draw(ident), "enforcement_action": draw(st.sampled_from(ACTIONS)),
        "policy_code": draw(st.sampled_from(sorted(POLICIES))), "enforced_at": enforced.isoformat(),
        "automated_detection": draw(st.sampled_from(["true", "false"])),
        "automated_decision": draw(st.sampled_from(["fully", "partially", "not"])),
        "decision_facts": draw(st.text(storable)), "appeal_text": draw(text),
        "round": draw(st.sampled_from(["1", "2"])), "priority": str(draw(st.integers(0, 100))),
        "listing_id": "", "ean": twelve + str(check), "sla_due_at": "",
    }


@settings(max_examples=150, deadline=None)
@given(valid_rows())
def test_valid_rows_round_trip(row: dict[str, str]) -> None:
    appeal = parse_appeal_row(7, row, POLICIES)
    assert isinstance(appeal, ImportedAppeal), appeal
    assert appeal.appeal_text == row["appeal_text"]
    assert appeal.decision_facts == row["decision_facts"]
    assert appeal.appeal_id == row["appeal_id"]
    assert appeal.received_at == datetime.fromisoformat(row["received_at"])
    assert appeal.enforced_at <= appeal.received_at
    assert str(appeal.priority) == row["priority"] and str(appeal.round) == row["round"]
    assert appeal.ean == row["ean"]


junk_value = st.one_of(
    st.text(), st.none(), st.booleans(), st.integers(), st.floats(),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.text(), max_size=2),
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(COLUMNS) | st.text(max_size=5), junk_value), valid_rows())
def test_junk_is_reported_never_raised(junk: dict[str, object], base: dict[str, str]) -> None:
    for row in (junk, {**base, **junk}):
        result = parse_appeal_row(9, row, POLICIES)
        if isinstance(result, list):
            assert result and all(isinstance(p, FieldProblem) and p.row == 9 for p in result)
            assert all(p.column in COLUMNS for p in result)
        else:
            assert isinstance(result, ImportedAppeal)


@pytest.mark.parametrize("text", ["a\x00b", "lone \ud800 surrogate"])
def test_text_a_database_cannot_store_is_a_problem(text: str) -> None:
    assert problems(appeal_text=text) == {("appeal_text", "invalid_value")}


def decided(**changes: str) -> dict[str, str]:
    return good(**{"outcome": "overturn", "reason_code": "AUTHORISED_RESELLER",
                   "decided_at": "2026-03-03T12:30:00+01:00", "decided_by": "old.tool.user",
                   "handle_seconds": "412.5", **changes})


def test_a_historical_decision_parses() -> None:
    appeal = parse_appeal_row(2, decided(), POLICIES)
    assert isinstance(appeal, ImportedAppeal)
    assert appeal.decision == ImportedDecision(
        outcome="overturn", reason_code="AUTHORISED_RESELLER",
        decided_at=datetime(2026, 3, 3, 11, 30, tzinfo=UTC), decided_by="old.tool.user",
        handle_seconds=412.5)


def test_a_row_without_decision_columns_has_no_decision() -> None:
    appeal = parse_appeal_row(2, good(outcome="", decided_at=" ", decided_by=""), POLICIES)
    assert isinstance(appeal, ImportedAppeal) and appeal.decision is None


def test_handle_seconds_and_reason_are_optional() -> None:
    appeal = parse_appeal_row(2, decided(reason_code="", handle_seconds=""), POLICIES)
    assert isinstance(appeal, ImportedAppeal) and appeal.decision is not None
    assert (appeal.decision.reason_code, appeal.decision.handle_seconds) == (None, 0.0)


@pytest.mark.parametrize(("column", "value", "reason"), [
    ("outcome", "", "required"),
    ("outcome", "approve", "invalid_choice"),
    ("decided_at", "", "required"),
    ("decided_at", "2026-03-03T12:30:00", "missing_offset"),
    ("decided_at", "2026-03-02T01:59:59+00:00", "decided_before_received"),
    ("decided_by", "", "required"),
    ("decided_by", "x" * 65, "too_long"),
    ("handle_seconds", "-1", "out_of_range"),
    ("handle_seconds", "86401", "out_of_range"),
    ("handle_seconds", "1e3", "invalid_number"),
    ("handle_seconds", "nan", "invalid_number"),
    ("reason_code", "R" * 65, "too_long"),
])
def test_each_decision_column_is_checked(column: str, value: str, reason: str) -> None:
    assert problems(**{**decided(), column: value}) == {(column, reason)}


def test_half_a_decision_names_what_is_missing() -> None:
    # Only a reason code (e.g. a column filled by mistake): outcome, time and person missing.
    assert problems(reason_code="X") == {("outcome", "required"), ("decided_at", "required"),
                                         ("decided_by", "required")}


def test_decided_at_equal_to_received_is_fine() -> None:
    appeal = parse_appeal_row(2, decided(decided_at="2026-03-02T02:00:00+00:00"), POLICIES)
    assert isinstance(appeal, ImportedAppeal) and appeal.decision is not None
