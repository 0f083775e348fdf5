"""DSA statements of reasons: built from a changed restriction, every rule checked."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from reviewer_app.domain.sor import (
    ChangedRestriction,
    build_statement,
    personal_data,
    puid_for,
    statement_problems,
)


def change(**kw: Any) -> ChangedRestriction:
    values: dict[str, Any] = dict(
        appeal_ref="AP/7 ü", decision_id=42, enforcement_ref="ENF-7", action="listing_removal",
        policy_code="IP_COUNTERFEIT", market="DE", language="zh-CN", account_type="business",
        automated_detection=True, enforced_at=datetime(2026, 3, 1, 9, tzinfo=UTC),
        decided_at=datetime(2026, 3, 3, 23, 59, tzinfo=UTC),
        facts="Rights owner notice for a branded bag", explanation="Two of five listings stay "
        "removed: no invoices for them.")
    values.update(kw)
    return ChangedRestriction(**values)


def test_an_ip_partial_outcome_is_an_illegal_content_statement() -> None:
    s = build_statement(change())
    assert s == {
        "decision_visibility": ["DECISION_VISIBILITY_CONTENT_REMOVED"],
        "decision_ground": "DECISION_GROUND_ILLEGAL_CONTENT",
        "illegal_content_legal_ground": s["illegal_content_legal_ground"],
        "illegal_content_explanation": "Two of five listings stay removed: no invoices for them.",
        "category": "STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS",
        "content_type": ["CONTENT_TYPE_PRODUCT"],
        "territorial_scope": ["DE"],
        "content_language": "ZH",
        "content_date": "2026-03-01",
        "application_date": "2026-03-03",
        "decision_facts": "Rights owner notice for a branded bag",
        "source_type": "SOURCE_VOLUNTARY",
        "automated_detection": "Yes",
        "automated_decision": "AUTOMATED_DECISION_NOT_AUTOMATED",
        "account_type": "ACCOUNT_TYPE_BUSINESS",
        "puid": "appeal-AP_7__-42",
    }
    assert "2017/1001" in s["illegal_content_legal_ground"]
    assert statement_problems(s) == []


def test_a_terms_policy_and_an_account_action() -> None:
    s = build_statement(change(policy_code="SELLER_IDENTITY", action="account_suspension",
                               account_type="private", automated_detection=False))
    assert s["decision_account"] == "DECISION_ACCOUNT_SUSPENDED"
    assert "decision_visibility" not in s
    assert s["decision_ground"] == "DECISION_GROUND_INCOMPATIBLE_CONTENT"
    assert s["incompatible_content_explanation"].startswith("Two of five")
    assert "illegal_content_legal_ground" not in s
    assert (s["content_type"], s["account_type"], s["automated_detection"]) == (
        ["CONTENT_TYPE_OTHER"], "ACCOUNT_TYPE_PRIVATE", "No")
    assert statement_problems(s) == []


def test_unknown_policy_has_no_mapping() -> None:
    with pytest.raises(KeyError):
        build_statement(change(policy_code="HOUSE_RULE_9"))


def broken(**changes: Any) -> list[str]:
    s = build_statement(change())
    for key, value in changes.items():
        if value is ...:
            s.pop(key)
        else:
            s[key] = value
    return statement_problems(s)


@pytest.mark.parametrize(("changes", "message"), [
    ({"decision_visibility": ...}, "at least one decision_* field is required"),
    ({"decision_visibility": ["DECISION_VISIBILITY_HIDDEN"]}, "decision_visibility: unknown"),
    ({"decision_monetary": "DECISION_MONETARY_FINE"}, "decision_monetary: unknown"),
    ({"decision_account": "DECISION_ACCOUNT_BANNED"}, "decision_account: unknown"),
    ({"decision_ground": "DECISION_GROUND_OTHER"}, "decision_ground: unknown"),
    ({"illegal_content_legal_ground": ...}, "illegal_content_legal_ground is required"),
    ({"illegal_content_explanation": "  "}, "illegal_content_explanation is required"),
    ({"illegal_content_legal_ground": "x" * 501}, "illegal_content_legal_ground: longer"),
    ({"illegal_content_explanation": "x" * 2001}, "illegal_content_explanation: longer"),
    ({"decision_ground": "DECISION_GROUND_INCOMPATIBLE_CONTENT"},
     "incompatible_content_ground is required"),
    ({"category": "STATEMENT_CATEGORY_SPAM"}, "category: unknown"),
    ({"content_type": []}, "content_type: unknown"),
    ({"content_type": ["CONTENT_TYPE_LISTING"]}, "content_type: unknown"),
    ({"territorial_scope": ["US"]}, "territorial_scope: must be EEA"),
    ({"content_language": "zh"}, "content_language: ISO 639-1"),
    ({"content_language": "ZHO"}, "content_language: ISO 639-1"),
    ({"content_date": "2026-02-30"}, "content_date: YYYY-MM-DD"),
    ({"application_date": "03/03/2026"}, "application_date: YYYY-MM-DD"),
    ({"decision_facts": ""}, "decision_facts is required"),
    ({"decision_facts": "x" * 5001}, "decision_facts: longer than 5000"),
    ({"source_type": "SOURCE_USER"}, "source_type: unknown"),
    ({"automated_detection": "yes"}, "automated_detection: Yes or No"),
    ({"automated_decision": "AUTOMATED_DECISION_SOMEWHAT"}, "automated_decision: unknown"),
    ({"account_type": "ACCOUNT_TYPE_CORPORATE"}, "account_type: unknown"),
    ({"puid": "has space"}, "puid: 1-500"),
    ({"puid": "x" * 501}, "puid"),
])
def test_each_rule_is_checked(changes: dict[str, Any], message: str) -> None:
    problems = broken(**changes)
    assert any(p.startswith(message) for p in problems), problems


def test_limits_are_inclusive() -> None:
    assert broken(illegal_content_explanation="x" * 2000, decision_facts="y" * 5000,
                  puid="p" * 500) == []


def test_puids_are_stable_and_within_the_pattern() -> None:
    assert puid_for("appeal", "AP 1/ä", 3) == "appeal-AP_1__-3"
    assert puid_for("appeal", "AP 1/ä", 3) == puid_for("appeal", "AP 1/ä", 3)
    assert len(puid_for("appeal", "A" * 600, 1)) == 500


@pytest.mark.parametrize(("text", "found"), [
    ("Contact anna.schmidt@example.de for invoices", ["e-mail address"]),
    ("Ruf an: +49 30 12345678", ["phone number"]),
    ("Ruf an: 030 12345678", ["phone number"]),
    ("mail a@b.fr or call +33 1 23 45 67 89", ["e-mail address", "phone number"]),
    ("EAN 4006381333931, listing LST-2026-03-01, 12 units, order 12345678", []),
    ("授权经销商 发票 2026-03-01", []),
])
def test_personal_data_is_found(text: str, found: list[str]) -> None:
    assert personal_data(text, "DE") == found
