"""Statements of reasons in the Transparency Database shape read as enforcements: known
answers written by hand for category keys old and current, array fields as lists and as
text, the action chosen, the policy found, and every kind of bad record with its reason."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reviewer_app.domain.appeal_row import FieldProblem
from reviewer_app.domain.sor import CATEGORIES
from reviewer_app.domain.sor_import import (
    SOR_COLUMNS,
    ImportedEnforcement,
    parse_sor_row,
    split_keys,
)
from reviewer_app.domain.sor_mapping import (
    LEGACY_CATEGORIES,
    action_for,
    choose_policy,
    current_category,
)

KNOWN = ("IP_COUNTERFEIT", "PROHIBITED_PRODUCT", "UNSAFE_PRODUCT", "MISLEADING_LISTING",
         "INAUTHENTIC_REVIEWS", "SELLER_IDENTITY")


def statement(**changes: object) -> dict[str, object]:
    """A statement as a row of the TDB's CSV dump (array fields as JSON text)."""
    values: dict[str, object] = {
        "uuid": "0b7d1c2e-1111-4a2b-9c3d-123456789abc",
        "decision_visibility": '["DECISION_VISIBILITY_CONTENT_REMOVED"]',
        "decision_monetary": "", "decision_provision": "", "decision_account": "",
        "account_type": "ACCOUNT_TYPE_BUSINESS",
        "decision_ground": "DECISION_GROUND_ILLEGAL_CONTENT",
        "illegal_content_legal_ground": "Trade mark law",
        "illegal_content_explanation": "Counterfeit handbag",
        "category": "STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS",
        "category_addition": "[]", "category_specification": "",
        "content_type": '["CONTENT_TYPE_PRODUCT"]', "territorial_scope": '["DE"]',
        "content_language": "DE", "content_date": "2024-03-01 00:00:00",
        "application_date": "2024-03-02 00:00:00", "decision_facts": "Rights owner notice",
        "source_type": "SOURCE_ARTICLE_16", "automated_detection": "No",
        "automated_decision": "AUTOMATED_DECISION_NOT_AUTOMATED", "platform_name": "Shop",
        "created_at": "2024-03-02 10:00:00", "puid": "tdb-1", "appellant_id": "SLR-1",
    }
    values.update(changes)
    return values


def problems(**changes: object) -> list[tuple[str, str]]:
    result = parse_sor_row(7, statement(**changes), KNOWN)
    assert isinstance(result, list), result
    assert all(p.row == 7 for p in result)
    return [(p.column, p.reason) for p in result]


def parsed(**changes: object) -> ImportedEnforcement:
    result = parse_sor_row(2, statement(**changes), KNOWN)
    assert isinstance(result, ImportedEnforcement), result
    return result


def test_a_dump_row_becomes_this_enforcement() -> None:
    e = parsed()
    assert (e.puid, e.enforcement_id, e.appellant_id, e.appellant_type, e.account_type) == (
        "tdb-1", "tdb-1", "SLR-1", "seller", "business")
    assert (e.action, e.policy_code, e.market, e.language, e.scope) == (
        "listing_removal", "IP_COUNTERFEIT", "DE", "de", "DE")
    assert e.enforced_at == datetime(2024, 3, 2, tzinfo=UTC)
    assert (e.automated_detection, e.automated_decision) == (False, "not")
    assert (e.facts, e.clause) == ("Rights owner notice", "Trade mark law")
    assert e.evidence["content_date"] == "2024-03-01"
    assert e.evidence["source_type"] == "SOURCE_ARTICLE_16"
    assert e.evidence["explanation"] == "Counterfeit handbag"
    assert e.evidence["platform_name"] == "Shop"
    assert "category_addition" not in e.evidence  # empty fields are left out
    assert "uuid" not in parsed(uuid="").evidence


@pytest.mark.parametrize(("old", "new"), [
    ("STATEMENT_CATEGORY_UNSAFE_AND_ILLEGAL_PRODUCTS",
     "STATEMENT_CATEGORY_UNSAFE_AND_PROHIBITED_PRODUCTS"),
])
def test_each_renamed_category_key_maps_to_the_current_one(old: str, new: str) -> None:
    assert LEGACY_CATEGORIES[old] == new
    assert current_category(old) == new
    assert new in CATEGORIES and old not in CATEGORIES


def test_the_legacy_table_is_exactly_the_known_renames() -> None:
    assert LEGACY_CATEGORIES == {
        "STATEMENT_CATEGORY_UNSAFE_AND_ILLEGAL_PRODUCTS":
            "STATEMENT_CATEGORY_UNSAFE_AND_PROHIBITED_PRODUCTS"}


@pytest.mark.parametrize("key", [
    # Kept by the TDB's second category list: current keys, not renamed.
    "STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH",
    "STATEMENT_CATEGORY_PORNOGRAPHY_OR_SEXUALIZED_CONTENT",
    "STATEMENT_CATEGORY_VIOLENCE",
    "STATEMENT_CATEGORY_UNSAFE_AND_PROHIBITED_PRODUCTS",
])
def test_current_keys_stay_as_they_are(key: str) -> None:
    assert current_category(key) == key


def test_old_and_current_product_keys_read_the_same() -> None:
    old = parsed(category="STATEMENT_CATEGORY_UNSAFE_AND_ILLEGAL_PRODUCTS",
                 category_specification='["KEYWORD_UNSAFE_PRODUCTS"]')
    new = parsed(category="STATEMENT_CATEGORY_UNSAFE_AND_PROHIBITED_PRODUCTS",
                 category_specification='["KEYWORD_UNSAFE_PRODUCTS"]')
    assert old.category == new.category == "STATEMENT_CATEGORY_UNSAFE_AND_PROHIBITED_PRODUCTS"
    assert old.policy_code == new.policy_code == "UNSAFE_PRODUCT"
    assert old.evidence["category_as_sent"] == "STATEMENT_CATEGORY_UNSAFE_AND_ILLEGAL_PRODUCTS"
    assert "category_as_sent" not in new.evidence


def test_old_keys_in_category_addition_are_mapped_too() -> None:
    e = parsed(category_addition='["STATEMENT_CATEGORY_UNSAFE_AND_ILLEGAL_PRODUCTS"]')
    assert e.evidence["category_addition"] == [
        "STATEMENT_CATEGORY_UNSAFE_AND_PROHIBITED_PRODUCTS"]


@pytest.mark.parametrize(("value", "keys"), [
    ('["DECISION_VISIBILITY_CONTENT_REMOVED"]', ["DECISION_VISIBILITY_CONTENT_REMOVED"]),
    ("DECISION_VISIBILITY_CONTENT_REMOVED", ["DECISION_VISIBILITY_CONTENT_REMOVED"]),
    (["DECISION_VISIBILITY_CONTENT_REMOVED"], ["DECISION_VISIBILITY_CONTENT_REMOVED"]),
    ('["A", "B"]', ["A", "B"]),
    ("A,B", ["A", "B"]),
    ("", []),
    ("[]", []),
    (None, []),
    ("[broken", None),
    ('"DECISION_ACCOUNT_SUSPENDED"', ["DECISION_ACCOUNT_SUSPENDED"]),
    ('{"a": 1}', None),
    (7, None),
])
def test_array_fields_as_list_or_text(value: object, keys: list[str] | None) -> None:
    assert split_keys(value) == keys


def test_list_and_string_forms_give_the_same_enforcement() -> None:
    as_text = parsed(decision_visibility='["DECISION_VISIBILITY_CONTENT_DEMOTED"]',
                     territorial_scope='["FR"]', content_type='["CONTENT_TYPE_TEXT"]')
    as_key = parsed(decision_visibility="DECISION_VISIBILITY_CONTENT_DEMOTED",
                    territorial_scope="FR", content_type="CONTENT_TYPE_TEXT")
    as_json = parsed(decision_visibility=["DECISION_VISIBILITY_CONTENT_DEMOTED"],
                     territorial_scope=["FR"], content_type=["CONTENT_TYPE_TEXT"])
    assert as_text == as_key == as_json
    assert (as_key.action, as_key.market, as_key.scope) == ("listing_demotion", "FR", "FR")


def test_a_single_field_sent_as_a_one_item_list_is_accepted() -> None:
    e = parsed(decision_account='["DECISION_ACCOUNT_TERMINATED"]')
    assert e.action == "account_termination"


@pytest.mark.parametrize(("decisions", "action"), [
    (["DECISION_VISIBILITY_CONTENT_REMOVED"], "listing_removal"),
    (["DECISION_VISIBILITY_CONTENT_DISABLED"], "listing_removal"),
    (["DECISION_VISIBILITY_CONTENT_DEMOTED"], "listing_demotion"),
    (["DECISION_VISIBILITY_CONTENT_LABELLED"], "listing_demotion"),
    (["DECISION_MONETARY_SUSPENSION"], "payment_hold"),
    (["DECISION_MONETARY_TERMINATION"], "payment_hold"),
    (["DECISION_PROVISION_PARTIAL_SUSPENSION"], "selling_restriction"),
    (["DECISION_PROVISION_TOTAL_TERMINATION"], "selling_restriction"),
    (["DECISION_ACCOUNT_SUSPENDED"], "account_suspension"),
    (["DECISION_ACCOUNT_TERMINATED"], "account_termination"),
    # Several: the most severe.
    (["DECISION_VISIBILITY_CONTENT_DEMOTED", "DECISION_VISIBILITY_CONTENT_REMOVED"],
     "listing_removal"),
    (["DECISION_VISIBILITY_CONTENT_REMOVED", "DECISION_MONETARY_SUSPENSION"], "payment_hold"),
    (["DECISION_MONETARY_SUSPENSION", "DECISION_PROVISION_PARTIAL_SUSPENSION"],
     "selling_restriction"),
    (["DECISION_PROVISION_TOTAL_SUSPENSION", "DECISION_ACCOUNT_SUSPENDED"],
     "account_suspension"),
    (["DECISION_ACCOUNT_SUSPENDED", "DECISION_ACCOUNT_TERMINATED"], "account_termination"),
    (["DECISION_VISIBILITY_OTHER", "DECISION_VISIBILITY_CONTENT_DEMOTED"], "listing_demotion"),
    (["DECISION_VISIBILITY_OTHER"], None),
    ([], None),
])
def test_action_is_the_most_severe_decision(decisions: list[str], action: str | None) -> None:
    assert action_for(decisions) == action


def test_all_four_decision_fields_together() -> None:
    e = parsed(decision_visibility='["DECISION_VISIBILITY_CONTENT_REMOVED"]',
               decision_monetary="DECISION_MONETARY_SUSPENSION",
               decision_provision="DECISION_PROVISION_TOTAL_SUSPENSION",
               decision_account="DECISION_ACCOUNT_SUSPENDED")
    assert e.action == "account_suspension"
    assert e.evidence["decisions"] == [
        "DECISION_VISIBILITY_CONTENT_REMOVED", "DECISION_MONETARY_SUSPENSION",
        "DECISION_PROVISION_TOTAL_SUSPENSION", "DECISION_ACCOUNT_SUSPENDED"]


@pytest.mark.parametrize(("category", "keywords", "code", "answer"), [
    ("STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS", [], None,
     ("IP_COUNTERFEIT", None)),
    ("STATEMENT_CATEGORY_CONSUMER_INFORMATION", [], None, ("MISLEADING_LISTING", None)),
    ("STATEMENT_CATEGORY_UNSAFE_AND_PROHIBITED_PRODUCTS", [], None,
     (None, "ambiguous_category")),
    ("STATEMENT_CATEGORY_UNSAFE_AND_PROHIBITED_PRODUCTS", ["KEYWORD_PROHIBITED_PRODUCTS"],
     None, ("PROHIBITED_PRODUCT", None)),
    ("STATEMENT_CATEGORY_UNSAFE_AND_PROHIBITED_PRODUCTS",
     ["KEYWORD_PROHIBITED_PRODUCTS", "KEYWORD_UNSAFE_PRODUCTS"], None,
     (None, "ambiguous_category")),
    ("STATEMENT_CATEGORY_SCAMS_AND_FRAUD", ["KEYWORD_INAUTHENTIC_USER_REVIEWS"], None,
     ("INAUTHENTIC_REVIEWS", None)),
    ("STATEMENT_CATEGORY_SCAMS_AND_FRAUD", ["KEYWORD_PHISHING"], None,
     (None, "ambiguous_category")),
    ("STATEMENT_CATEGORY_SCAMS_AND_FRAUD", [], "SELLER_IDENTITY", ("SELLER_IDENTITY", None)),
    ("STATEMENT_CATEGORY_SCAMS_AND_FRAUD", [], "IP_COUNTERFEIT",
     (None, "category_mismatch")),
    ("STATEMENT_CATEGORY_SCAMS_AND_FRAUD", [], "NO_SUCH_POLICY", (None, "unknown_policy")),
    ("STATEMENT_CATEGORY_VIOLENCE", [], None, (None, "no_policy_for_category")),
    ("STATEMENT_CATEGORY_NOT_SPECIFIED_NOTICE", [], None, (None, "no_policy_for_category")),
])
def test_category_to_a_known_policy(category: str, keywords: list[str], code: str | None,
                                    answer: tuple[str | None, str | None]) -> None:
    assert choose_policy(category, keywords, code, KNOWN) == answer


def test_only_policies_the_database_knows_are_chosen() -> None:
    # Without UNSAFE_PRODUCT in the database the product category has one policy left.
    assert choose_policy("STATEMENT_CATEGORY_UNSAFE_AND_PROHIBITED_PRODUCTS", [], None,
                         ("PROHIBITED_PRODUCT",)) == ("PROHIBITED_PRODUCT", None)
    assert choose_policy("STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS", [], None,
                         ("MISLEADING_LISTING",)) == (None, "no_policy_for_category")


def test_the_app_columns_and_the_automation_fields() -> None:
    e = parsed(enforcement_id="ENF-9", appellant_type="creator", account_type="",
               market="AT", language="zh-CN", automated_detection="Yes",
               automated_decision="AUTOMATED_DECISION_PARTIALLY", listing_id="LST9",
               territorial_scope='["DE", "AT"]', platform_uid="ignored-when-puid-given")
    assert (e.enforcement_id, e.appellant_type, e.account_type, e.market, e.language) == (
        "ENF-9", "creator", "private", "AT", "zh-CN")
    assert (e.automated_detection, e.automated_decision, e.listing_id, e.scope) == (
        True, "partially", "LST9", "DE AT")
    assert e.puid == "tdb-1"


def test_the_dump_calls_the_puid_platform_uid() -> None:
    values = statement(platform_uid="dump-77")
    del values["puid"]
    e = parse_sor_row(3, values, KNOWN)
    assert isinstance(e, ImportedEnforcement)
    assert (e.puid, e.enforcement_id) == ("dump-77", "dump-77")


def test_a_json_record_with_real_lists_is_read() -> None:
    record = json.loads(json.dumps(statement(
        decision_visibility=["DECISION_VISIBILITY_CONTENT_REMOVED"],
        decision_provision="DECISION_PROVISION_PARTIAL_SUSPENSION",
        territorial_scope=["DE"], content_type=["CONTENT_TYPE_PRODUCT", "CONTENT_TYPE_IMAGE"],
        category_addition=[])))
    e = parse_sor_row(1, record, KNOWN)
    assert isinstance(e, ImportedEnforcement)
    assert e.action == "selling_restriction"
    assert e.evidence["content_type"] == ["CONTENT_TYPE_PRODUCT", "CONTENT_TYPE_IMAGE"]


@pytest.mark.parametrize(("changes", "expected"), [
    ({"puid": ""}, [("puid", "required")]),
    ({"puid": "has space"}, [("puid", "invalid_puid")]),
    ({"puid": "x" * 501}, [("puid", "invalid_puid")]),
    ({"uuid": "not-a-uuid"}, [("uuid", "invalid_value")]),
    ({"decision_visibility": ""}, [("decision_visibility", "no_decision")]),
    ({"decision_visibility": '["DECISION_VISIBILITY_OTHER"]'},
     [("decision_visibility", "no_action")]),
    ({"decision_visibility": '["DECISION_VISIBILITY_GONE"]'},
     [("decision_visibility", "invalid_choice")]),
    ({"decision_visibility": '["DECISION_VISIBILITY'}, [("decision_visibility", "invalid_value")]),
    ({"decision_monetary": "DECISION_MONETARY_FINE"}, [("decision_monetary", "invalid_choice")]),
    ({"decision_account": '["DECISION_ACCOUNT_SUSPENDED", "DECISION_ACCOUNT_TERMINATED"]'},
     [("decision_account", "invalid_value")]),
    ({"decision_ground": ""}, [("decision_ground", "required")]),
    ({"decision_ground": "DECISION_GROUND_MOOD"}, [("decision_ground", "invalid_choice")]),
    ({"illegal_content_legal_ground": ""}, [("illegal_content_legal_ground", "required")]),
    ({"illegal_content_explanation": "x" * 2001},
     [("illegal_content_explanation", "too_long")]),
    ({"decision_ground": "DECISION_GROUND_INCOMPATIBLE_CONTENT"},
     [("incompatible_content_ground", "required")]),
    ({"category": ""}, [("category", "required")]),
    ({"category": "STATEMENT_CATEGORY_PIRACY"}, [("category", "unknown_category")]),
    ({"category": "STATEMENT_CATEGORY_VIOLENCE"}, [("category", "no_policy_for_category")]),
    ({"category": "STATEMENT_CATEGORY_SCAMS_AND_FRAUD"}, [("category", "ambiguous_category")]),
    ({"policy_code": "MISLEADING_LISTING"}, [("policy_code", "category_mismatch")]),
    ({"category_addition": '["STATEMENT_CATEGORY_NOPE"]'},
     [("category_addition", "invalid_choice")]),
    ({"content_type": '["CONTENT_TYPE_HOLOGRAM"]'}, [("content_type", "invalid_choice")]),
    ({"territorial_scope": '["US"]'}, [("territorial_scope", "invalid_choice"),
                                       ("market", "market_needed")]),
    ({"territorial_scope": '["DE", "FR"]'}, [("market", "market_needed")]),
    ({"market": "XX"}, [("market", "unknown_market")]),
    ({"content_language": "deu"}, [("content_language", "invalid_language")]),
    ({"content_language": "", "language": ""}, [("language", "required")]),
    ({"application_date": ""}, [("application_date", "required")]),
    ({"application_date": "02/03/2024"}, [("application_date", "invalid_datetime")]),
    ({"application_date": "2024-02-30"}, [("application_date", "invalid_datetime")]),
    ({"content_date": "2024-03-05"}, [("content_date", "content_after_application")]),
    ({"created_at": "yesterday"}, [("created_at", "invalid_datetime")]),
    ({"decision_facts": "x" * 5001}, [("decision_facts", "too_long")]),
    ({"source_type": "SOURCE_RUMOUR"}, [("source_type", "invalid_choice")]),
    ({"automated_detection": "Maybe"}, [("automated_detection", "invalid_choice")]),
    ({"automated_decision": "Yes"}, [("automated_decision", "invalid_choice")]),
    ({"account_type": "ACCOUNT_TYPE_ROBOT"}, [("account_type", "invalid_choice")]),
    ({"appellant_id": ""}, [("appellant_id", "required")]),
    ({"appellant_id": "S" * 65}, [("appellant_id", "too_long")]),
    ({"puid": "p" * 65}, [("enforcement_id", "required")]),  # too long to be our reference
    ({"appellant_type": "robot"}, [("appellant_type", "invalid_choice")]),
    ({"decision_facts": "bad\x00byte"}, [("decision_facts", "invalid_value")]),
])
def test_each_bad_field_is_reported_with_its_reason(
        changes: dict[str, object], expected: list[tuple[str, str]]) -> None:
    assert problems(**changes) == expected


def test_a_long_puid_is_fine_with_an_enforcement_id() -> None:
    e = parsed(puid="p" * 500, enforcement_id="ENF-1")
    assert (len(e.puid), e.enforcement_id) == (500, "ENF-1")


def test_an_empty_record_lists_every_required_field() -> None:
    result = parse_sor_row(4, {}, KNOWN)
    assert result == [FieldProblem(4, c, r) for c, r in (
        ("puid", "required"), ("decision_visibility", "no_decision"),
        ("decision_ground", "required"), ("category", "required"),
        ("application_date", "required"), ("appellant_id", "required"),
        ("market", "market_needed"), ("language", "required"))]


junk_value = st.one_of(
    st.text(), st.none(), st.booleans(), st.integers(), st.floats(),
    st.lists(st.one_of(st.text(max_size=8), st.integers()), max_size=3),
    st.dictionaries(st.text(max_size=3), st.text(), max_size=2),
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(SOR_COLUMNS) | st.text(max_size=5), junk_value))
def test_junk_is_reported_never_raised(junk: dict[str, object]) -> None:
    for values in (junk, {**statement(), **junk}):
        result = parse_sor_row(9, values, KNOWN)
        if isinstance(result, list):
            assert result and all(isinstance(p, FieldProblem) and p.row == 9 for p in result)
            assert all(p.column in SOR_COLUMNS for p in result)
        else:
            assert isinstance(result, ImportedEnforcement)
            json.dumps(result.evidence, ensure_ascii=False).encode("utf-8")  # storable


@pytest.mark.parametrize("column", ["decision_facts", "appellant_id", "category"])
@pytest.mark.parametrize("text", ["a\x00b", "lone \ud800 surrogate"])
def test_text_a_database_cannot_store_is_a_problem(column: str, text: str) -> None:
    assert (column, "invalid_value") in problems(**{column: text})


def test_keywords_must_be_keys() -> None:
    assert problems(category_specification='["KEYWORD_\ud800"]') == [
        ("category_specification", "invalid_value")]
