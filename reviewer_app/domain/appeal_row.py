"""Pure parsing and validation of one imported appeal row (CSV or JSON Lines)."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

COLUMNS: tuple[str, ...] = (
    "appeal_id", "received_at", "market", "language", "appellant_id", "appellant_type",
    "account_type", "enforcement_id", "enforcement_action", "policy_code", "enforced_at",
    "automated_detection", "automated_decision", "decision_facts", "appeal_text", "round",
    "priority", "listing_id", "ean", "sla_due_at",
    # Historical decisions (a backfill from the tool a team used before):
    "outcome", "reason_code", "decided_at", "decided_by", "handle_seconds",
    # The puid of the enforcement's EU DSA statement of reasons, when it was sent:
    "sor_puid",
)
DECISION_COLUMNS: tuple[str, ...] = ("outcome", "decided_at", "decided_by")  # all or none
_DECISION_CELLS = (*DECISION_COLUMNS, "reason_code", "handle_seconds")
REQUIRED: tuple[str, ...] = (
    "appeal_id", "received_at", "market", "language", "appellant_id", "appellant_type",
    "enforcement_id", "enforcement_action", "policy_code", "enforced_at", "appeal_text",
)
APPELLANT_TYPES = ("seller", "creator")
ACCOUNT_TYPES = ("business", "private")
ACTIONS = (
    "listing_removal", "listing_demotion", "payment_hold", "selling_restriction",
    "account_suspension", "account_termination",
)
AUTOMATED_DECISIONS = ("fully", "partially", "not")
OUTCOMES = ("uphold", "overturn", "partial", "escalate", "request_info", "reject_inadmissible")
MAX_HANDLE_SECONDS = 86_400.0  # a day of active handling for one decision is already absurd
DEFAULT_PRIORITY = 50
MAX_ID = 64  # String(64) columns
MIN_YEAR, MAX_YEAR = 1970, 2200

# Officially assigned ISO 3166-1 alpha-2 codes.
MARKETS = frozenset(
    """
    AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR
    BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ
    EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW
    GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY
    KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV
    MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY
    QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG
    TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM
    ZW
    """.split()  # noqa: SIM905 - 249 codes read better as words
)

# BCP 47 language tag (language[-script][-region][-variant...]); private-use and
# grandfathered tags are not appellant languages.
_LANGUAGE = re.compile(
    r"[a-z]{2,3}(-[A-Z][a-z]{3})?(-(?:[A-Z]{2}|[0-9]{3}))?(-(?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*",
)
_INTEGER = re.compile(r"[+-]?[0-9]{1,9}")
_DECIMAL = re.compile(r"[+-]?[0-9]{1,9}(\.[0-9]{1,6})?")
_PUID = re.compile(r"[A-Za-z0-9_-]{1,500}")  # the DSA Transparency Database's puid


class Problem:
    """Reason codes of a ``FieldProblem`` (stable strings, written to the errors file)."""

    REQUIRED = "required"
    TOO_LONG = "too_long"
    INVALID_VALUE = "invalid_value"
    INVALID_DATETIME = "invalid_datetime"
    MISSING_OFFSET = "missing_offset"
    UNKNOWN_MARKET = "unknown_market"
    INVALID_LANGUAGE = "invalid_language"
    INVALID_CHOICE = "invalid_choice"
    UNKNOWN_POLICY = "unknown_policy"
    ENFORCED_AFTER_RECEIVED = "enforced_after_received"
    INVALID_INTEGER = "invalid_integer"
    OUT_OF_RANGE = "out_of_range"
    INVALID_EAN = "invalid_ean"
    INVALID_ENCODING = "invalid_encoding"
    INVALID_JSON = "invalid_json"
    EXTRA_FIELDS = "extra_fields"
    DUPLICATE_IN_FILE = "duplicate_in_file"
    ENFORCEMENT_OF_OTHER_APPELLANT = "enforcement_of_other_appellant"
    DECIDED_BEFORE_RECEIVED = "decided_before_received"
    INVALID_NUMBER = "invalid_number"
    DECISION_CONFLICT = "decision_conflict"  # the appeal already has a different decision
    INVALID_PUID = "invalid_puid"  # 1-500 characters of A-Z a-z 0-9 _ -
    PUID_OF_OTHER_ENFORCEMENT = "puid_of_other_enforcement"  # sor_puid is linked elsewhere


@dataclass(frozen=True, slots=True)
class FieldProblem:
    """Why a row was rejected: its line in the file, the column ("" for the whole row), a code."""

    row: int
    column: str
    reason: str


@dataclass(frozen=True, slots=True)
class ImportedDecision:
    """A decision made before the workstation (historical backfill); aware UTC time."""

    outcome: str
    reason_code: str | None
    decided_at: datetime
    decided_by: str  # a login; unknown logins become inactive reviewers
    handle_seconds: float


@dataclass(frozen=True, slots=True)
class ImportedAppeal:
    """One valid row; text fields exactly as given, datetimes aware UTC."""

    row: int
    appeal_id: str
    received_at: datetime
    market: str
    language: str
    appellant_id: str
    appellant_type: str
    account_type: str
    enforcement_id: str
    enforcement_action: str
    policy_code: str
    enforced_at: datetime
    automated_detection: bool
    automated_decision: str
    decision_facts: str
    appeal_text: str
    round: int
    priority: int
    listing_id: str | None
    ean: str | None
    sla_due_at: datetime | None
    decision: ImportedDecision | None = None
    sor_puid: str | None = None  # None: the file does not say (an existing link is kept)


def ean_is_valid(code: str) -> bool:
    """True for 13 ASCII digits whose last digit is the GS1 check digit of the first 12."""
    if len(code) != 13 or not code.isascii() or not code.isdigit():
        return False
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(code[:12]))
    return (10 - total % 10) % 10 == int(code[12])


def as_text(value: object) -> str | None:
    """A JSON/CSV value as the text the parser reads; None when it has no text form."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return str(value)
    return None


def storable(text: str) -> bool:
    """False for NUL (PostgreSQL text refuses it) and lone surrogates (not UTF-8)."""
    if "\x00" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


class RowReader:
    """Collects problems while reading one record's fields: the appeal rows here, and the
    statements of reasons of ``domain.sor_import``, which adds its own kinds of field."""

    def __init__(self, row: int, values: Mapping[str, object]) -> None:
        self.row = row
        self.values = values
        self.problems: list[FieldProblem] = []

    def fail(self, column: str, reason: str) -> None:
        """Record a problem; only the first one per column (later ones follow from it)."""
        if all(p.column != column for p in self.problems):
            self.problems.append(FieldProblem(self.row, column, reason))

    def raw(self, column: str) -> str:
        value = self.values.get(column)
        # Hot path (every cell of every row): plain ASCII text without NUL is storable.
        if type(value) is str and value.isascii() and "\x00" not in value:
            return value
        text = as_text(value)
        if text is None or not storable(text):
            self.fail(column, Problem.INVALID_VALUE)
            return ""
        return text

    def key(self, column: str, *, required: bool) -> str:
        """An identifier: surrounding spaces dropped, at most ``MAX_ID`` characters."""
        text = self.raw(column).strip()
        if not text:
            if required:
                self.fail(column, Problem.REQUIRED)
            return ""
        if len(text) > MAX_ID:
            self.fail(column, Problem.TOO_LONG)
        elif not text.isprintable():
            self.fail(column, Problem.INVALID_VALUE)
        return text

    def choice(self, column: str, options: tuple[str, ...], default: str | None) -> str:
        text = self.raw(column).strip().lower()
        if not text:
            if default is None:
                self.fail(column, Problem.REQUIRED)
                return options[0]
            return default
        if text not in options:
            self.fail(column, Problem.INVALID_CHOICE)
            return options[0]
        return text

    def moment(self, column: str, *, required: bool) -> datetime | None:
        text = self.raw(column).strip()
        if not text:
            if required:
                self.fail(column, Problem.REQUIRED)
            return None
        try:
            value = datetime.fromisoformat(text)
        except ValueError:
            self.fail(column, Problem.INVALID_DATETIME)
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            self.fail(column, Problem.MISSING_OFFSET)
            return None
        try:
            value = value.astimezone(UTC)
        except OverflowError:
            self.fail(column, Problem.INVALID_DATETIME)
            return None
        if not MIN_YEAR <= value.year <= MAX_YEAR:  # also keeps due-time arithmetic in range
            self.fail(column, Problem.OUT_OF_RANGE)
            return None
        return value

    def number(self, column: str, low: float, high: float) -> float:
        """A plain decimal number (no exponent, inf or nan) in ``[low, high]``; 0 if empty."""
        text = self.raw(column).strip()
        if not text:
            return 0.0
        if not _DECIMAL.fullmatch(text):
            self.fail(column, Problem.INVALID_NUMBER)
            return 0.0
        value = float(text)
        if not low <= value <= high:
            self.fail(column, Problem.OUT_OF_RANGE)
            return 0.0
        return value

    def integer(self, column: str, low: int, high: int, default: int) -> int:
        text = self.raw(column).strip()
        if not text:
            return default
        if not _INTEGER.fullmatch(text):
            self.fail(column, Problem.INVALID_INTEGER)
            return default
        value = int(text)
        if not low <= value <= high:
            self.fail(column, Problem.OUT_OF_RANGE)
            return default
        return value


def parse_appeal_row(
    row: int, values: Mapping[str, object], known_policies: Collection[str]
) -> ImportedAppeal | list[FieldProblem]:
    """Validate one row of strings (JSON scalars are accepted too).

    Args:
        row: the line of the file where the row starts (used in problems).
        values: column name -> value; missing columns count as empty.
        known_policies: policy codes the database knows.

    Returns:
        The parsed appeal, or every problem found (never raises for bad input).
    """
    r = RowReader(row, values)
    appeal_id = r.key("appeal_id", required=True)
    received = r.moment("received_at", required=True)
    market = r.raw("market").strip().upper()
    if not market:
        r.fail("market", Problem.REQUIRED)
    elif market not in MARKETS:
        r.fail("market", Problem.UNKNOWN_MARKET)
    language = r.raw("language").strip()
    if not language:
        r.fail("language", Problem.REQUIRED)
    elif len(language) > 16 or not _LANGUAGE.fullmatch(language):
        r.fail("language", Problem.INVALID_LANGUAGE)
    appellant_id = r.key("appellant_id", required=True)
    appellant_type = r.choice("appellant_type", APPELLANT_TYPES, None)
    default_account = "business" if appellant_type == "seller" else "private"
    account_type = r.choice("account_type", ACCOUNT_TYPES, default_account)
    enforcement_id = r.key("enforcement_id", required=True)
    action = r.choice("enforcement_action", ACTIONS, None)
    policy = r.raw("policy_code").strip()
    if not policy:
        r.fail("policy_code", Problem.REQUIRED)
    elif policy not in known_policies:
        r.fail("policy_code", Problem.UNKNOWN_POLICY)
    enforced = r.moment("enforced_at", required=True)
    if received is not None and enforced is not None and enforced > received:
        r.fail("enforced_at", Problem.ENFORCED_AFTER_RECEIVED)
    detection = r.choice("automated_detection", ("false", "true"), "false") == "true"
    decision = r.choice("automated_decision", AUTOMATED_DECISIONS, "not")
    facts = r.raw("decision_facts")
    text = r.raw("appeal_text")
    if not text.strip():
        r.fail("appeal_text", Problem.REQUIRED)
    round_ = r.integer("round", 1, 2, 1)
    priority = r.integer("priority", 0, 100, DEFAULT_PRIORITY)
    listing = r.key("listing_id", required=False) or None
    ean = r.raw("ean").strip() or None
    if ean is not None and not ean_is_valid(ean):
        r.fail("ean", Problem.INVALID_EAN)
    sla_due = r.moment("sla_due_at", required=False)
    sor_puid = r.raw("sor_puid").strip() or None
    if sor_puid is not None and not _PUID.fullmatch(sor_puid):
        r.fail("sor_puid", Problem.INVALID_PUID)
    historical = _decision(r, received)
    if r.problems or received is None or enforced is None:
        return r.problems
    return ImportedAppeal(
        row=row, appeal_id=appeal_id, received_at=received, market=market,
        language=language, appellant_id=appellant_id, appellant_type=appellant_type,
        account_type=account_type, enforcement_id=enforcement_id, enforcement_action=action,
        policy_code=policy, enforced_at=enforced, automated_detection=detection,
        automated_decision=decision, decision_facts=facts, appeal_text=text, round=round_,
        priority=priority, listing_id=listing, ean=ean, sla_due_at=sla_due,
        decision=historical, sor_puid=sor_puid,
    )


def _decision(r: RowReader, received: datetime | None) -> ImportedDecision | None:
    """The row's historical decision: none when its columns are all empty; outcome,
    decided_at and decided_by are then each required, reason_code and handle_seconds not."""
    # Most rows have no decision: their five cells are absent or "" (nothing to report).
    if all(r.values.get(c) in (None, "") for c in _DECISION_CELLS):
        return None
    given = [c for c in _DECISION_CELLS if r.raw(c).strip()]
    if not given:
        return None
    outcome = r.choice("outcome", OUTCOMES, None)
    decided = r.moment("decided_at", required=True)
    if received is not None and decided is not None and decided < received:
        r.fail("decided_at", Problem.DECIDED_BEFORE_RECEIVED)
    decided_by = r.key("decided_by", required=True)
    reason = r.key("reason_code", required=False) or None
    seconds = r.number("handle_seconds", 0.0, MAX_HANDLE_SECONDS)
    if decided is None:
        return None
    return ImportedDecision(outcome, reason, decided, decided_by, seconds)
