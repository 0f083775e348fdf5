"""EU DSA statements of reasons (Transparency Database shape) and their rules.

``build_statement`` turns a changed restriction into a statement; ``statement_problems``
checks one against every rule in DOMAIN.md (keys, values, lengths, required and
conditional fields, ``puid``) so nothing invalid is ever written; ``personal_data`` finds
e-mail addresses and phone numbers, which ``decision_facts`` must not contain.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import phonenumbers

VISIBILITY = frozenset(f"DECISION_VISIBILITY_{k}" for k in (
    "CONTENT_REMOVED", "CONTENT_DISABLED", "CONTENT_DEMOTED", "CONTENT_AGE_RESTRICTED",
    "CONTENT_INTERACTION_RESTRICTED", "CONTENT_LABELLED", "OTHER"))
MONETARY = frozenset(f"DECISION_MONETARY_{k}" for k in ("SUSPENSION", "TERMINATION", "OTHER"))
PROVISION = frozenset(f"DECISION_PROVISION_{k}" for k in (
    "PARTIAL_SUSPENSION", "TOTAL_SUSPENSION", "PARTIAL_TERMINATION", "TOTAL_TERMINATION"))
ACCOUNT = frozenset({"DECISION_ACCOUNT_SUSPENDED", "DECISION_ACCOUNT_TERMINATED"})
GROUND_ILLEGAL = "DECISION_GROUND_ILLEGAL_CONTENT"
GROUND_INCOMPATIBLE = "DECISION_GROUND_INCOMPATIBLE_CONTENT"
CATEGORIES = frozenset(f"STATEMENT_CATEGORY_{k}" for k in (
    "ANIMAL_WELFARE", "CONSUMER_INFORMATION", "CYBER_VIOLENCE",
    "CYBER_VIOLENCE_AGAINST_WOMEN", "DATA_PROTECTION_AND_PRIVACY_VIOLATIONS",
    "ILLEGAL_OR_HARMFUL_SPEECH", "INTELLECTUAL_PROPERTY_INFRINGEMENTS",
    "NEGATIVE_EFFECTS_ON_CIVIC_DISCOURSE_OR_ELECTIONS", "NON_CONSENSUAL_BEHAVIOUR",
    "OTHER_VIOLATION_TC", "PORNOGRAPHY_OR_SEXUALIZED_CONTENT", "PROTECTION_OF_MINORS",
    "RISK_FOR_PUBLIC_SECURITY", "SCAMS_AND_FRAUD", "SELF_HARM",
    "SCOPE_OF_PLATFORM_SERVICE", "UNSAFE_AND_PROHIBITED_PRODUCTS", "VIOLENCE"))
CONTENT_TYPES = frozenset(f"CONTENT_TYPE_{k}" for k in (
    "APP", "AUDIO", "IMAGE", "PRODUCT", "SYNTHETIC_MEDIA", "TEXT", "VIDEO", "OTHER"))
SOURCE_TYPES = frozenset({"SOURCE_ARTICLE_16", "SOURCE_TRUSTED_FLAGGER",
                          "SOURCE_TYPE_OTHER_NOTIFICATION", "SOURCE_VOLUNTARY"})
AUTOMATED_DECISIONS = frozenset({"AUTOMATED_DECISION_FULLY", "AUTOMATED_DECISION_PARTIALLY",
                                 "AUTOMATED_DECISION_NOT_AUTOMATED"})
ACCOUNT_TYPES = frozenset({"ACCOUNT_TYPE_BUSINESS", "ACCOUNT_TYPE_PRIVATE"})
EEA = frozenset(  # the EU 27, Iceland, Liechtenstein, Norway
    "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE "  # noqa: SIM905
    "IS LI NO".split())
LIMITS = {"illegal_content_legal_ground": 500, "illegal_content_explanation": 2000,
          "incompatible_content_ground": 500, "incompatible_content_explanation": 2000,
          "decision_facts": 5000, "puid": 500}
_PUID = re.compile(r"[A-Za-z0-9_-]{1,500}")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_LANGUAGE = re.compile(r"[A-Z]{2}")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_NOT_PUID = re.compile(r"[^A-Za-z0-9_-]")

# What each of our enforcement actions is in the statement (it stays, narrowed, after a
# partial outcome).
ACTION_DECISION: dict[str, tuple[str, str]] = {
    "listing_removal": ("decision_visibility", "DECISION_VISIBILITY_CONTENT_REMOVED"),
    "listing_demotion": ("decision_visibility", "DECISION_VISIBILITY_CONTENT_DEMOTED"),
    "payment_hold": ("decision_monetary", "DECISION_MONETARY_SUSPENSION"),
    "selling_restriction": ("decision_provision", "DECISION_PROVISION_PARTIAL_SUSPENSION"),
    "account_suspension": ("decision_account", "DECISION_ACCOUNT_SUSPENDED"),
    "account_termination": ("decision_account", "DECISION_ACCOUNT_TERMINATED"),
}
LISTING_ACTIONS = frozenset({"listing_removal", "listing_demotion"})
ORIGINAL_LINK = ("Appeal outcome changing the restriction of the statement of reasons "
                 "with puid {puid}.")


@dataclass(frozen=True, slots=True)
class PolicyGround:
    """How a policy of the catalog is stated: illegal (with its law) or against our terms."""

    illegal: bool
    ground: str  # the legal ground, or the terms-of-service ground
    category: str


# The default catalog's policies (services/catalog.py).
POLICY_GROUNDS: dict[str, PolicyGround] = {
    "IP_COUNTERFEIT": PolicyGround(
        True, "Trade mark and design law of the Union and the Member States "
        "(Regulation (EU) 2017/1001, Directive (EU) 2015/2436)",
        "STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS"),
    "PROHIBITED_PRODUCT": PolicyGround(
        True, "Union and national law prohibiting the sale of the product",
        "STATEMENT_CATEGORY_UNSAFE_AND_PROHIBITED_PRODUCTS"),
    "UNSAFE_PRODUCT": PolicyGround(
        True, "General Product Safety Regulation (EU) 2023/988",
        "STATEMENT_CATEGORY_UNSAFE_AND_PROHIBITED_PRODUCTS"),
    "MISLEADING_LISTING": PolicyGround(
        False, "Marketplace listing policy: product information must be accurate",
        "STATEMENT_CATEGORY_CONSUMER_INFORMATION"),
    "INAUTHENTIC_REVIEWS": PolicyGround(
        False, "Marketplace review policy: reviews must come from real purchases",
        "STATEMENT_CATEGORY_SCAMS_AND_FRAUD"),
    "SELLER_IDENTITY": PolicyGround(
        False, "Seller verification policy (trader traceability)",
        "STATEMENT_CATEGORY_SCAMS_AND_FRAUD"),
}


@dataclass(frozen=True, slots=True)
class ChangedRestriction:
    """A decision that imposes a new or changed restriction, with what the statement needs."""

    appeal_ref: str
    decision_id: int
    enforcement_ref: str
    action: str
    policy_code: str
    market: str
    language: str
    account_type: str
    automated_detection: bool
    enforced_at: datetime
    decided_at: datetime
    facts: str
    explanation: str  # the reviewer's account of what changed and why
    original_puid: str | None = None  # the statement sent at enforcement (sor_puid)


def facts_with_link(facts: str, original_puid: str | None) -> str:
    """``facts`` with the link to the statement sent at enforcement, when it is known.

    The Transparency Database has no field for a related statement and a sent statement
    cannot be updated, so the new statement names the original ``puid`` in its own
    ``decision_facts`` (in the schema, accepted by the database, kept with the statement).
    """
    if not original_puid:
        return facts
    link = ORIGINAL_LINK.format(puid=original_puid)
    return f"{facts.rstrip()}\n\n{link}" if facts.strip() else link


def puid_for(prefix: str, ref: str, number: int | None = None) -> str:
    """A stable, unique ``puid``: the reference with other characters as ``_``."""
    text = f"{prefix}-{_NOT_PUID.sub('_', ref)}" + ("" if number is None else f"-{number}")
    return text[:500]


def build_statement(c: ChangedRestriction) -> dict[str, Any]:
    """The statement of reasons for ``c`` (check it with ``statement_problems``).

    Raises:
        KeyError: the policy or action has no mapping (the caller refuses the case).
    """
    ground = POLICY_GROUNDS[c.policy_code]
    key, value = ACTION_DECISION[c.action]
    statement: dict[str, Any] = {key: [value] if key == "decision_visibility" else value}
    if ground.illegal:
        statement.update(decision_ground=GROUND_ILLEGAL,
                         illegal_content_legal_ground=ground.ground,
                         illegal_content_explanation=c.explanation)
    else:
        statement.update(decision_ground=GROUND_INCOMPATIBLE,
                         incompatible_content_ground=ground.ground,
                         incompatible_content_explanation=c.explanation)
    statement.update(
        category=ground.category,
        content_type=["CONTENT_TYPE_PRODUCT" if c.action in LISTING_ACTIONS
                      else "CONTENT_TYPE_OTHER"],
        territorial_scope=[c.market],
        content_language=c.language.split("-")[0].upper(),
        content_date=c.enforced_at.date().isoformat(),
        application_date=c.decided_at.date().isoformat(),
        decision_facts=facts_with_link(c.facts, c.original_puid),
        source_type="SOURCE_VOLUNTARY",  # found by our own checks, not a notice
        automated_detection="Yes" if c.automated_detection else "No",
        automated_decision="AUTOMATED_DECISION_NOT_AUTOMATED",  # a reviewer decided
        account_type=f"ACCOUNT_TYPE_{c.account_type.upper()}",
        puid=puid_for("appeal", c.appeal_ref, c.decision_id),
    )
    return statement


def statement_problems(s: Mapping[str, Any]) -> list[str]:
    """Every rule ``s`` breaks (empty when it is valid)."""
    problems: list[str] = []

    def need(ok: bool, message: str) -> None:
        if not ok:
            problems.append(message)

    decisions = {"decision_visibility": VISIBILITY, "decision_monetary": MONETARY,
                 "decision_provision": PROVISION, "decision_account": ACCOUNT}
    need(any(s.get(k) for k in decisions), "at least one decision_* field is required")
    visibility = s.get("decision_visibility")
    if visibility is not None:
        need(isinstance(visibility, list) and bool(visibility)
             and all(v in VISIBILITY for v in visibility), "decision_visibility: unknown value")
    for key in ("decision_monetary", "decision_provision", "decision_account"):
        if s.get(key) is not None:
            need(s[key] in decisions[key], f"{key}: unknown value")
    ground = s.get("decision_ground")
    if ground == GROUND_ILLEGAL:
        pair = ("illegal_content_legal_ground", "illegal_content_explanation")
    elif ground == GROUND_INCOMPATIBLE:
        pair = ("incompatible_content_ground", "incompatible_content_explanation")
    else:
        pair = ()
        problems.append("decision_ground: unknown value")
    for key in pair:
        need(isinstance(s.get(key), str) and bool(s[key].strip()), f"{key} is required")
    for key, limit in LIMITS.items():
        value = s.get(key)
        if isinstance(value, str):
            need(len(value) <= limit, f"{key}: longer than {limit} characters")
    need(s.get("category") in CATEGORIES, "category: unknown value")
    types = s.get("content_type")
    need(isinstance(types, list) and bool(types) and all(t in CONTENT_TYPES for t in types),
         "content_type: unknown value")
    scope = s.get("territorial_scope")
    need(isinstance(scope, list) and bool(scope) and all(c in EEA for c in scope),
         "territorial_scope: must be EEA country codes")
    need(isinstance(s.get("content_language"), str)
         and bool(_LANGUAGE.fullmatch(s["content_language"])),
         "content_language: ISO 639-1 code in upper case")
    for key in ("content_date", "application_date"):
        need(_is_day(s.get(key)), f"{key}: YYYY-MM-DD")
    need(isinstance(s.get("decision_facts"), str) and bool(s["decision_facts"].strip()),
         "decision_facts is required")
    need(s.get("source_type") in SOURCE_TYPES, "source_type: unknown value")
    need(s.get("automated_detection") in ("Yes", "No"), "automated_detection: Yes or No")
    need(s.get("automated_decision") in AUTOMATED_DECISIONS, "automated_decision: unknown value")
    need(s.get("account_type") in ACCOUNT_TYPES, "account_type: unknown value")
    need(isinstance(s.get("puid"), str) and bool(_PUID.fullmatch(s["puid"])),
         "puid: 1-500 characters of A-Z a-z 0-9 _ -")
    return problems


def _is_day(value: object) -> bool:
    if not isinstance(value, str) or not _DAY.fullmatch(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def personal_data(text: str, region: str) -> list[str]:
    """Kinds of personal data found in ``text`` ("e-mail address", "phone number").

    Phone numbers are found by libphonenumber's matcher for ``region`` (the market), which
    knows national formats and does not take product codes or dates for numbers.
    """
    found = []
    if _EMAIL.search(text):
        found.append("e-mail address")
    matcher = phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.VALID)
    if matcher.has_next():
        found.append("phone number")
    return found
