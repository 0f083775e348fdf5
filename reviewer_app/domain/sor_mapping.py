"""How EU DSA statement-of-reasons keys map onto our enforcements: renamed category keys,
decisions to actions by severity, categories (and keywords) to the catalog's policies."""

from __future__ import annotations

from collections.abc import Collection

from reviewer_app.domain.appeal_row import Problem
from reviewer_app.domain.sor import CATEGORIES, POLICY_GROUNDS

# The TDB's first category list (2023) called this category "unsafe and/or illegal
# products"; its second version (2025) renamed the key and split the keywords into
# KEYWORD_PROHIBITED_PRODUCTS and KEYWORD_UNSAFE_PRODUCTS. Every other v1 category key is
# still current (v2 only added CONSUMER_INFORMATION, CYBER_VIOLENCE and
# CYBER_VIOLENCE_AGAINST_WOMEN).
LEGACY_CATEGORIES: dict[str, str] = {
    "STATEMENT_CATEGORY_UNSAFE_AND_ILLEGAL_PRODUCTS":
        "STATEMENT_CATEGORY_UNSAFE_AND_PROHIBITED_PRODUCTS",
}
# Notices whose category the notifier did not give: a valid key that no policy maps to.
NOT_SPECIFIED = "STATEMENT_CATEGORY_NOT_SPECIFIED_NOTICE"
KNOWN_CATEGORIES = CATEGORIES | {NOT_SPECIFIED}

# What each decision key is among our enforcement actions (None: no action of ours).
DECISION_ACTIONS: dict[str, str | None] = {
    "DECISION_VISIBILITY_CONTENT_REMOVED": "listing_removal",
    "DECISION_VISIBILITY_CONTENT_DISABLED": "listing_removal",  # access disabled: gone
    "DECISION_VISIBILITY_CONTENT_DEMOTED": "listing_demotion",
    "DECISION_VISIBILITY_CONTENT_AGE_RESTRICTED": "listing_demotion",  # reach reduced
    "DECISION_VISIBILITY_CONTENT_INTERACTION_RESTRICTED": "listing_demotion",
    "DECISION_VISIBILITY_CONTENT_LABELLED": "listing_demotion",
    "DECISION_VISIBILITY_OTHER": None,
    "DECISION_MONETARY_SUSPENSION": "payment_hold",
    "DECISION_MONETARY_TERMINATION": "payment_hold",
    "DECISION_MONETARY_OTHER": "payment_hold",
    "DECISION_PROVISION_PARTIAL_SUSPENSION": "selling_restriction",
    "DECISION_PROVISION_TOTAL_SUSPENSION": "selling_restriction",
    "DECISION_PROVISION_PARTIAL_TERMINATION": "selling_restriction",
    "DECISION_PROVISION_TOTAL_TERMINATION": "selling_restriction",
    "DECISION_ACCOUNT_SUSPENDED": "account_suspension",
    "DECISION_ACCOUNT_TERMINATED": "account_termination",
}
# Least to most severe; a statement with several decisions becomes the most severe one.
SEVERITY: tuple[str, ...] = ("listing_demotion", "listing_removal", "payment_hold",
                             "selling_restriction", "account_suspension",
                             "account_termination")
AUTOMATED: dict[str, str] = {"AUTOMATED_DECISION_FULLY": "fully",
                             "AUTOMATED_DECISION_PARTIALLY": "partially",
                             "AUTOMATED_DECISION_NOT_AUTOMATED": "not"}
# TDB keywords (``category_specification``) that name one of the catalog's policies.
KEYWORD_POLICIES: dict[str, str] = {
    "KEYWORD_PROHIBITED_PRODUCTS": "PROHIBITED_PRODUCT",
    "KEYWORD_UNSAFE_PRODUCTS": "UNSAFE_PRODUCT",
    "KEYWORD_INAUTHENTIC_USER_REVIEWS": "INAUTHENTIC_REVIEWS",
    "KEYWORD_INAUTHENTIC_ACCOUNTS": "SELLER_IDENTITY",
    "KEYWORD_IMPERSONATION_ACCOUNT_HIJACKING": "SELLER_IDENTITY",
    "KEYWORD_TRADEMARK_INFRINGEMENT": "IP_COUNTERFEIT",
    "KEYWORD_DESIGN_INFRINGEMENT": "IP_COUNTERFEIT",
}


class SorProblem:
    """Reason codes beyond ``appeal_row.Problem`` (stable strings, written to --errors)."""

    NO_DECISION = "no_decision"  # none of the four decision_* fields
    NO_ACTION = "no_action"  # only decisions with no action of ours (…_OTHER)
    UNKNOWN_CATEGORY = "unknown_category"
    NO_POLICY_FOR_CATEGORY = "no_policy_for_category"
    AMBIGUOUS_CATEGORY = "ambiguous_category"  # several policies: give policy_code
    CATEGORY_MISMATCH = "category_mismatch"  # policy_code's category is another one
    INVALID_PUID = Problem.INVALID_PUID
    CONTENT_AFTER_APPLICATION = "content_after_application"
    MARKET_NEEDED = "market_needed"  # territorial_scope names several countries
    PUID_OF_OTHER_ENFORCEMENT = Problem.PUID_OF_OTHER_ENFORCEMENT
    ENFORCEMENT_HAS_OTHER_PUID = "enforcement_has_other_puid"


def current_category(key: str) -> str:
    """The current TDB key for ``key`` (renamed keys mapped, others as given)."""
    return LEGACY_CATEGORIES.get(key, key)


def policies_by_category(known_policies: Collection[str]) -> dict[str, tuple[str, ...]]:
    """Current category -> the known policies stated under it (``POLICY_GROUNDS`` reversed)."""
    found: dict[str, list[str]] = {}
    for code, ground in POLICY_GROUNDS.items():
        if code in known_policies:
            found.setdefault(ground.category, []).append(code)
    return {k: tuple(sorted(v)) for k, v in found.items()}


def choose_policy(category: str, keywords: Collection[str], policy_code: str | None,
                  known_policies: Collection[str]) -> tuple[str | None, str | None]:
    """(policy, None) or (None, problem code) for a statement of ``category``.

    ``policy_code`` wins when given (its DSA category must be ``category``); else a
    keyword of ``KEYWORD_POLICIES`` naming one known policy of that category; else the one
    known policy stated under ``category``. None or several: a problem.
    """
    if policy_code:
        if policy_code not in known_policies:
            return None, Problem.UNKNOWN_POLICY
        ground = POLICY_GROUNDS.get(policy_code)
        if ground is not None and ground.category != category:
            return None, SorProblem.CATEGORY_MISMATCH
        return policy_code, None
    candidates = policies_by_category(known_policies).get(category, ())
    named = {KEYWORD_POLICIES[k] for k in keywords if KEYWORD_POLICIES.get(k) in candidates}
    if len(named) == 1:
        return named.pop(), None
    if not candidates:
        return None, SorProblem.NO_POLICY_FOR_CATEGORY
    if len(candidates) > 1:
        return None, SorProblem.AMBIGUOUS_CATEGORY
    return candidates[0], None


def action_for(decisions: Collection[str]) -> str | None:
    """The most severe of our actions among ``decisions`` (None when none maps)."""
    actions = {DECISION_ACTIONS.get(d) for d in decisions} - {None}
    if not actions:
        return None
    return max(actions, key=lambda a: SEVERITY.index(a or ""))
