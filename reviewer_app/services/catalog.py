"""The default catalog: policies with SOPs, queues, SLA policies, reason codes and templates.

Response templates (``response_templates.body``) may contain these placeholders, filled with
``render_template``; unknown or unfilled placeholders are left as they are:

- ``{appellant_name}``: the appellant's display name;
- ``{appeal_ref}``: the appeal reference shown to the appellant (e.g. ``AP-00001234``);
- ``{policy_name}``: the policy's name;
- ``{details}``: the reviewer's explanation (reasons, what changes, or the list of documents).

The redress text (``response_templates.redress_text``) has no placeholders; the full response
sent to the appellant is the filled body, a blank line, then the redress text verbatim.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, datetime

from reviewer_app.data.catalog_store import (
    CatalogCounts,
    CatalogSpec,
    PolicySpec,
    QueueSpec,
    ReasonCodeSpec,
    SlaSpec,
    TemplateSpec,
    catalog_counts,
    install_catalog,
)
from reviewer_app.data.db import Database
from reviewer_app.domain.enums import Outcome
from reviewer_app.services.catalog_templates import TEMPLATES
from reviewer_app.services.resources import resource_path

SOP_EFFECTIVE_FROM = datetime(2025, 1, 1, tzinfo=UTC)
TEMPLATE_LANGUAGES = ("en", "zh-CN")
PLACEHOLDERS = ("appellant_name", "appeal_ref", "policy_name", "details")

# code, name, severity, queue the policy's appeals go to
POLICIES: tuple[tuple[str, str, str, str], ...] = (
    ("IP_COUNTERFEIT", "Counterfeit and intellectual property", "high", "ip_brand"),
    ("PROHIBITED_PRODUCT", "Prohibited products", "high", "product_safety"),
    ("UNSAFE_PRODUCT", "Unsafe products", "critical", "product_safety"),
    ("MISLEADING_LISTING", "Misleading listing information", "medium", "general"),
    ("INAUTHENTIC_REVIEWS", "Inauthentic reviews", "medium", "trust_identity"),
    ("SELLER_IDENTITY", "Seller identity and verification", "high", "trust_identity"),
)

QUEUES: tuple[QueueSpec, ...] = (
    QueueSpec("general", "General appeals", "Listing information and other policies."),
    QueueSpec("ip_brand", "IP and brand protection", "Counterfeit and IP infringement appeals."),
    QueueSpec("product_safety", "Product safety", "Unsafe and prohibited product appeals."),
    QueueSpec("trust_identity", "Trust and identity", "Seller verification and review abuse."),
    QueueSpec("escalations", "Escalations", "Cases escalated to specialists, legal or policy."),
)

# Most specific match wins (see ``sla_hours``); account-level work is faster because the
# whole account is blocked while it waits.
SLAS: tuple[SlaSpec, ...] = (
    SlaSpec(48.0),
    SlaSpec(24.0, queue_code="trust_identity"),
    SlaSpec(24.0, queue_code="escalations", pause_on_request_info=False),
    SlaSpec(24.0, policy_code="UNSAFE_PRODUCT", pause_on_request_info=False),
    SlaSpec(24.0, policy_code="SELLER_IDENTITY"),
    SlaSpec(36.0, policy_code="PROHIBITED_PRODUCT", market="DE"),
    SlaSpec(36.0, policy_code="PROHIBITED_PRODUCT", market="FR"),
    SlaSpec(72.0, market="US"),
    SlaSpec(72.0, market="JP"),
)

_O = Outcome
REASON_CODES: tuple[ReasonCodeSpec, ...] = (
    ReasonCodeSpec("OVR-NEW-EVIDENCE", _O.OVERTURN, "New evidence resolves the violation"),
    ReasonCodeSpec("OVR-ORIGINAL-ERROR", _O.OVERTURN, "The original decision was wrong"),
    ReasonCodeSpec("OVR-AUTOMATION-FP", _O.OVERTURN, "Automated detection false positive"),
    ReasonCodeSpec("OVR-POLICY-MISAPPLIED", _O.OVERTURN, "Wrong policy or clause applied"),
    ReasonCodeSpec("OVR-IP-AUTHORIZED-RESELLER", _O.OVERTURN,
                   "Authorised reseller or licensee proven", "IP_COUNTERFEIT"),
    ReasonCodeSpec("OVR-IP-NOTICE-RETRACTED", _O.OVERTURN,
                   "Rights owner retracted the notice", "IP_COUNTERFEIT"),
    ReasonCodeSpec("OVR-KYC-VERIFIED", _O.OVERTURN,
                   "Identity and business verified", "SELLER_IDENTITY"),
    ReasonCodeSpec("UPH-INSUFFICIENT-EVIDENCE", _O.UPHOLD,
                   "The appeal does not provide sufficient evidence"),
    ReasonCodeSpec("UPH-DOCS-INVALID", _O.UPHOLD,
                   "Documents invalid, mismatched or altered"),
    ReasonCodeSpec("UPH-REPEAT-VIOLATION", _O.UPHOLD, "Repeat violation"),
    ReasonCodeSpec("UPH-POLICY-CONFIRMED", _O.UPHOLD, "Violation confirmed on review"),
    ReasonCodeSpec("UPH-IP-NO-AUTHORIZATION", _O.UPHOLD,
                   "No authorisation from the rights owner", "IP_COUNTERFEIT"),
    ReasonCodeSpec("UPH-IP-COUNTERFEIT-CONFIRMED", _O.UPHOLD,
                   "Counterfeit confirmed (test buy or rights owner)", "IP_COUNTERFEIT"),
    ReasonCodeSpec("UPH-PROHIBITED-ITEM", _O.UPHOLD,
                   "Item is prohibited in this market", "PROHIBITED_PRODUCT"),
    ReasonCodeSpec("UPH-SAFETY-NO-CONFORMITY", _O.UPHOLD,
                   "No valid conformity documentation", "UNSAFE_PRODUCT"),
    ReasonCodeSpec("UPH-LISTING-MISLEADING", _O.UPHOLD,
                   "Listing information remains misleading", "MISLEADING_LISTING"),
    ReasonCodeSpec("UPH-REVIEW-MANIPULATION", _O.UPHOLD,
                   "Review manipulation confirmed", "INAUTHENTIC_REVIEWS"),
    ReasonCodeSpec("UPH-KYC-FAILED", _O.UPHOLD,
                   "Verification still failed", "SELLER_IDENTITY"),
    ReasonCodeSpec("PAR-SCOPE-REDUCED", _O.PARTIAL, "Scope of the measure reduced"),
    ReasonCodeSpec("PAR-DURATION-REDUCED", _O.PARTIAL, "Duration of the measure reduced"),
    ReasonCodeSpec("PAR-LISTING-CORRECTED", _O.PARTIAL,
                   "Listing corrected; measure reduced"),
    ReasonCodeSpec("ESC-LEGAL", _O.ESCALATE, "Legal review needed"),
    ReasonCodeSpec("ESC-POLICY", _O.ESCALATE, "Policy interpretation needed"),
    ReasonCodeSpec("ESC-SPECIALIST", _O.ESCALATE, "Specialist team review needed"),
    ReasonCodeSpec("ESC-IP-RIGHTS-OWNER", _O.ESCALATE,
                   "Rights owner confirmation needed", "IP_COUNTERFEIT"),
    ReasonCodeSpec("RFI-DOCUMENTS", _O.REQUEST_INFO, "Supporting documents requested"),
    ReasonCodeSpec("RFI-IDENTITY", _O.REQUEST_INFO,
                   "Identity or business documents requested", "SELLER_IDENTITY"),
    ReasonCodeSpec("RFI-IP-INVOICES", _O.REQUEST_INFO,
                   "Supplier invoices or licence requested", "IP_COUNTERFEIT"),
    ReasonCodeSpec("RFI-SAFETY-CERTIFICATES", _O.REQUEST_INFO,
                   "Conformity documents or test reports requested", "UNSAFE_PRODUCT"),
    ReasonCodeSpec("REJ-OUT-OF-WINDOW", _O.REJECT_INADMISSIBLE, "Received after the appeal window"),
    ReasonCodeSpec("REJ-DUPLICATE", _O.REJECT_INADMISSIBLE, "Duplicate of another appeal"),
    ReasonCodeSpec("REJ-NOT-APPEALABLE", _O.REJECT_INADMISSIBLE,
                   "The measure cannot be appealed"),
)


def policy_queue(policy_code: str) -> str:
    """The queue a policy's appeals go to by default."""
    for code, _name, _severity, queue in POLICIES:
        if code == policy_code:
            return queue
    return "general"


def load_sop(policy_code: str) -> tuple[str, str]:
    """The SOP of a policy from ``resources/sop/<CODE>.md``: (title, Markdown body)."""
    body = resource_path("sop", f"{policy_code}.md").read_text(encoding="utf-8")
    title = next(
        (line[2:].strip() for line in body.splitlines() if line.startswith("# ")), policy_code
    )
    return title, body


def default_catalog() -> CatalogSpec:
    """The catalog a new database starts with."""
    policies = []
    for code, name, severity, _queue in POLICIES:
        title, body = load_sop(code)
        policies.append(PolicySpec(
            code=code, name=name, severity=severity, sop_title=title, sop_markdown=body,
            sop_version=1, sop_effective_from=SOP_EFFECTIVE_FROM,
        ))
    templates = tuple(
        TemplateSpec(outcome=outcome, language=lang, body=body, redress_text=redress)
        for (outcome, lang), (body, redress) in TEMPLATES.items()
    )
    return CatalogSpec(
        policies=tuple(policies), queues=QUEUES, slas=SLAS,
        reason_codes=REASON_CODES, templates=templates,
    )


def install_default_catalog(db: Database) -> CatalogCounts:
    """Add whatever part of the default catalog is missing; returns what was added."""
    return install_catalog(db, default_catalog())


def has_catalog(db: Database) -> bool:
    """True when the database has policies and queues (a catalog to work with)."""
    counts = catalog_counts(db)
    return counts.policies > 0 and counts.queues > 0


def sla_hours(
    slas: tuple[SlaSpec, ...], *, queue_code: str, policy_code: str, market: str
) -> float:
    """SLA hours of the most specific matching rule (policy+market > policy > queue > market).

    Ties between equally specific rules go to the shorter SLA, the safe choice.
    """
    best: tuple[int, float] | None = None
    for sla in slas:
        if sla.queue_code not in (None, queue_code):
            continue
        if sla.policy_code not in (None, policy_code):
            continue
        if sla.market not in (None, market):
            continue
        score = (
            (4 if sla.policy_code else 0) + (2 if sla.queue_code else 0)
            + (1 if sla.market else 0)
        )
        if best is None or score > best[0] or (score == best[0] and sla.hours < best[1]):
            best = (score, sla.hours)
    return best[1] if best else 48.0


_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def render_template(text: str, values: Mapping[str, str]) -> str:
    """Fill ``{placeholder}``s from ``values``; unknown ones stay as they are."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def compose_response(body: str, redress_text: str, values: Mapping[str, str]) -> str:
    """The full response: the filled body, a blank line, the redress text verbatim."""
    return f"{render_template(body, values).rstrip()}\n\n{redress_text}"


def template_outcomes() -> tuple[str, ...]:
    """Outcomes the default templates cover (every ``Outcome``)."""
    return tuple(o.value for o in Outcome)
