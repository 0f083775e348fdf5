"""Reading one enforcement in the EU DSA Transparency Database statement-of-reasons shape.

The Transparency Database (TDB) publishes statements with the field names of its API
(``decision_visibility``, ``category``, ``puid`` …); its CSV dumps write array fields as
JSON lists (``["DECISION_VISIBILITY_CONTENT_REMOVED"]``) and call the platform's id
``platform_uid``. ``parse_sor_row`` accepts both forms, maps renamed category keys to the
current ones, checks every value and turns a good record into an ``ImportedEnforcement``:
the most severe decision becomes our action, the category a policy the database knows (the
tables are in ``domain.sor_mapping``).

The statement itself names no appellant (it must hold no personal data), so a record also
carries the app's own columns: ``appellant_id`` (required) and optionally
``enforcement_id`` (default: the ``puid``), ``appellant_type``, ``market``, ``language``,
``policy_code`` and ``listing_id``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime

from reviewer_app.domain.appeal_row import (
    APPELLANT_TYPES,
    MARKETS,
    MAX_ID,
    FieldProblem,
    Problem,
    RowReader,
)
from reviewer_app.domain.sor import (
    ACCOUNT,
    ACCOUNT_TYPES,
    AUTOMATED_DECISIONS,
    CONTENT_TYPES,
    EEA,
    GROUND_ILLEGAL,
    GROUND_INCOMPATIBLE,
    LIMITS,
    MONETARY,
    PROVISION,
    SOURCE_TYPES,
    VISIBILITY,
)
from reviewer_app.domain.sor_mapping import (
    AUTOMATED,
    KNOWN_CATEGORIES,
    LEGACY_CATEGORIES,
    SorProblem,
    action_for,
    choose_policy,
    current_category,
)

SOR_COLUMNS: tuple[str, ...] = (
    "uuid", "puid", "platform_uid", "decision_visibility", "decision_visibility_other",
    "decision_monetary", "decision_monetary_other", "decision_provision", "decision_account",
    "account_type", "decision_ground", "illegal_content_legal_ground",
    "illegal_content_explanation", "incompatible_content_ground",
    "incompatible_content_explanation", "category", "category_addition",
    "category_specification", "content_type", "territorial_scope", "content_language",
    "content_date", "application_date", "decision_facts", "source_type",
    "automated_detection", "automated_decision", "platform_name", "created_at",
    # The app's own columns (the statement names no appellant):
    "appellant_id", "enforcement_id", "appellant_type", "market", "language", "policy_code",
    "listing_id",
)
PUID_COLUMNS = ("puid", "platform_uid")
# Header columns a CSV file must have (a tuple: one of them).
SOR_REQUIRED: tuple[str | tuple[str, ...], ...] = (
    PUID_COLUMNS, "decision_ground", "category", "application_date", "appellant_id")
_PUID = re.compile(r"[A-Za-z0-9_-]{1,500}")
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
# A day, optionally with the time the TDB's CSV dumps add ("2024-03-01 00:00:00").
_DAY = re.compile(r"(\d{4}-\d{2}-\d{2})"
                  r"(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?")
_LANGUAGE = re.compile(r"[A-Za-z]{2}")
_SPLIT = re.compile(r"[,;\s]+")
_KEY = re.compile(r"[A-Z0-9_]{1,100}")  # a TDB key such as KEYWORD_UNSAFE_PRODUCTS


@dataclass(frozen=True, slots=True)
class ImportedEnforcement:
    """One valid statement as an enforcement of ours; datetimes aware UTC."""

    row: int
    puid: str
    enforcement_id: str
    appellant_id: str
    appellant_type: str
    account_type: str
    market: str  # for a new appellant
    language: str  # for a new appellant
    action: str
    policy_code: str
    category: str  # current key
    enforced_at: datetime  # application_date, 00:00 UTC
    automated_detection: bool
    automated_decision: str
    facts: str
    scope: str  # territorial scope, e.g. "DE FR"
    clause: str  # the legal or contractual ground
    listing_id: str | None
    evidence: dict[str, object]  # the statement's other fields, kept as sent


def split_keys(value: object) -> list[str] | None:
    """An array field as keys: a list, a JSON list in text, or one key (or several separated
    by commas); None when it is neither."""
    if value is None:
        return []
    if isinstance(value, list):
        return [v.strip() for v in value if isinstance(v, str) and v.strip()] \
            if all(isinstance(v, str) for v in value) else None
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text:
        return []
    if text[0] in '[{"':  # JSON: a list, or one quoted key
        try:
            parsed = json.loads(text)
        except ValueError:
            return None
        if isinstance(parsed, str):
            return [parsed.strip()] if parsed.strip() else []
        return split_keys(parsed) if isinstance(parsed, list) else None
    return [part for part in _SPLIT.split(text) if part]


class _Sor(RowReader):
    """Reads one statement's fields, collecting problems (identifiers through ``key``)."""

    def text(self, column: str) -> str:
        """The field's text, surrounding spaces dropped ("" and a problem if unstorable)."""
        return self.raw(column).strip()

    def keys(self, column: str, allowed: Collection[str]) -> list[str]:
        """An array field's keys, each in ``allowed``."""
        keys = split_keys(self.values.get(column))
        if keys is None:
            self.fail(column, Problem.INVALID_VALUE)
            return []
        if any(k not in allowed for k in keys):
            self.fail(column, Problem.INVALID_CHOICE)
            return [k for k in keys if k in allowed]
        return keys

    def one(self, column: str, allowed: Collection[str], *, required: bool) -> str | None:
        """A single-key field (a one-item list is accepted too)."""
        keys = split_keys(self.values.get(column))
        if keys is None or len(keys) > 1:
            self.fail(column, Problem.INVALID_VALUE)
            return None
        if not keys:
            if required:
                self.fail(column, Problem.REQUIRED)
            return None
        if keys[0] not in allowed:
            self.fail(column, Problem.INVALID_CHOICE)
            return None
        return keys[0]

    def day(self, column: str, *, required: bool) -> date | None:
        text = self.text(column)
        if not text:
            if required:
                self.fail(column, Problem.REQUIRED)
            return None
        match = _DAY.fullmatch(text)
        try:
            return date.fromisoformat(match.group(1)) if match else self._bad_day(column)
        except ValueError:
            return self._bad_day(column)

    def _bad_day(self, column: str) -> None:
        self.fail(column, Problem.INVALID_DATETIME)

    def bounded(self, column: str) -> str:
        text = self.text(column)
        if len(text) > LIMITS.get(column, 5000):
            self.fail(column, Problem.TOO_LONG)
        return text


def parse_sor_row(row: int, values: Mapping[str, object], known_policies: Collection[str]
                  ) -> ImportedEnforcement | list[FieldProblem]:
    """Validate one statement of reasons (CSV text or JSON values).

    Args:
        row: where the record starts in the file (line, or record number for JSON).
        values: field name -> value; missing fields count as empty.
        known_policies: policy codes the database knows.

    Returns:
        The enforcement, or every problem found (never raises for bad input).
    """
    r = _Sor(row, values)
    puid_column = "puid" if r.text("puid") or "platform_uid" not in values else "platform_uid"
    puid = r.text(puid_column)
    if not puid:
        r.fail(puid_column, Problem.REQUIRED)
    elif not _PUID.fullmatch(puid):
        r.fail(puid_column, SorProblem.INVALID_PUID)
        puid = ""
    uuid = r.text("uuid")
    if uuid and not _UUID.fullmatch(uuid):
        r.fail("uuid", Problem.INVALID_VALUE)
    decisions = [*r.keys("decision_visibility", VISIBILITY)]
    for column, allowed in (("decision_monetary", MONETARY), ("decision_provision", PROVISION),
                            ("decision_account", ACCOUNT)):
        key = r.one(column, allowed, required=False)
        if key is not None:
            decisions.append(key)
    action = action_for(decisions)
    if not decisions and not any(p.column.startswith("decision_") for p in r.problems):
        r.fail("decision_visibility", SorProblem.NO_DECISION)
    elif decisions and action is None:
        r.fail("decision_visibility", SorProblem.NO_ACTION)
    ground = r.one("decision_ground", (GROUND_ILLEGAL, GROUND_INCOMPATIBLE), required=True)
    pair = (("illegal_content_legal_ground", "illegal_content_explanation")
            if ground == GROUND_ILLEGAL else
            ("incompatible_content_ground", "incompatible_content_explanation"))
    clause, explanation = (r.bounded(c) for c in pair)
    if ground is not None and not clause:
        r.fail(pair[0], Problem.REQUIRED)
    raw_category = r.text("category")
    category = current_category(raw_category)
    if not raw_category:
        r.fail("category", Problem.REQUIRED)
    elif category not in KNOWN_CATEGORIES:
        r.fail("category", SorProblem.UNKNOWN_CATEGORY)
    additions = [current_category(k) for k in r.keys(
        "category_addition", KNOWN_CATEGORIES | LEGACY_CATEGORIES.keys())]
    keywords = split_keys(values.get("category_specification"))
    if keywords is None or not all(_KEY.fullmatch(k) for k in keywords):
        r.fail("category_specification", Problem.INVALID_VALUE)
        keywords = []
    content_types = r.keys("content_type", CONTENT_TYPES)
    scope = r.keys("territorial_scope", EEA)
    language = r.text("content_language")
    if language and not _LANGUAGE.fullmatch(language):
        r.fail("content_language", Problem.INVALID_LANGUAGE)
    content_day = r.day("content_date", required=False)
    applied = r.day("application_date", required=True)
    if content_day is not None and applied is not None and content_day > applied:
        r.fail("content_date", SorProblem.CONTENT_AFTER_APPLICATION)
    r.day("created_at", required=False)
    facts = r.bounded("decision_facts")
    source = r.one("source_type", SOURCE_TYPES, required=False)
    detection = r.one("automated_detection", ("Yes", "No"), required=False) == "Yes"
    automated = r.one("automated_decision", AUTOMATED_DECISIONS, required=False)
    account = r.one("account_type", ACCOUNT_TYPES, required=False)
    appellant = r.key("appellant_id", required=True)
    enforcement = r.key("enforcement_id", required=False)
    if not enforcement and puid:
        enforcement = puid
        if len(puid) > MAX_ID:  # our references are shorter than puids may be
            r.fail("enforcement_id", Problem.REQUIRED)
    appellant_type = r.text("appellant_type").lower() or "seller"
    if appellant_type not in APPELLANT_TYPES:
        r.fail("appellant_type", Problem.INVALID_CHOICE)
    market = r.text("market").upper()
    if market and market not in MARKETS:
        r.fail("market", Problem.UNKNOWN_MARKET)
    elif not market and len(scope) == 1:
        market = scope[0]
    elif not market:
        r.fail("market", SorProblem.MARKET_NEEDED)
    app_language = r.text("language") or (language.lower() if language else "")
    if not app_language:
        r.fail("language", Problem.REQUIRED)
    elif len(app_language) > 16:
        r.fail("language", Problem.INVALID_LANGUAGE)
    listing = r.key("listing_id", required=False) or None
    policy: str | None = None
    if category in KNOWN_CATEGORIES:
        policy, problem = choose_policy(category, keywords, r.text("policy_code") or None,
                                        known_policies)
        if problem is not None:
            r.fail("policy_code" if r.text("policy_code") else "category", problem)
    if r.problems or applied is None or action is None or policy is None:
        return r.problems
    evidence: dict[str, object] = {
        "source": "dsa-sor", "puid": puid, "uuid": uuid or None,
        "category": category, "category_addition": additions,
        "category_specification": keywords, "decision_ground": ground,
        "decisions": decisions, "content_type": content_types,
        "content_language": language.upper() or None,
        "content_date": content_day.isoformat() if content_day else None,
        "source_type": source, "explanation": explanation,
        "platform_name": r.text("platform_name") or None,
    }
    if category != raw_category:
        evidence["category_as_sent"] = raw_category
    # Shown item by item in the case view: fields the statement left empty are left out.
    evidence = {k: v for k, v in evidence.items() if v not in (None, "", [])}
    return ImportedEnforcement(
        row=row, puid=puid, enforcement_id=enforcement, appellant_id=appellant,
        appellant_type=appellant_type,
        account_type=(account.removeprefix("ACCOUNT_TYPE_").lower() if account
                      else "business" if appellant_type == "seller" else "private"),
        market=market, language=app_language, action=action, policy_code=policy,
        category=category,
        enforced_at=datetime(applied.year, applied.month, applied.day, tzinfo=UTC),
        automated_detection=detection, automated_decision=AUTOMATED.get(automated or "", "not"),
        facts=facts, scope=" ".join(scope), clause=clause[:200], listing_id=listing,
        evidence=evidence,
    )
