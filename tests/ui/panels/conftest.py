"""Builders of domain objects for the panel tests (frozen dataclasses, no database)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from reviewer_app.domain.enums import (
    AccountType,
    AppealStatus,
    AppellantType,
    AutomatedDecision,
    EnforcementAction,
    EventType,
    Outcome,
)
from reviewer_app.domain.models import (
    Appellant,
    Attachment,
    CaseDetail,
    Enforcement,
    Event,
    Lease,
    PriorAppeal,
    ReasonCode,
    ResponseTemplate,
    SopDocument,
)

NOW = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)


def _enforcement(**overrides: Any) -> Enforcement:
    base = Enforcement(
        id=7,
        ref="ENF-0007",
        action=EnforcementAction.LISTING_REMOVAL,
        scope="listing L-991",
        policy_code="IP_COUNTERFEIT",
        policy_name="Counterfeit and IP",
        clause="3.2(b)",
        facts="Logo matches a registered trademark; price 80% below market.",
        evidence={"listing_title": "Designer bag", "price_eur": 19.9, "images": ["a.jpg"]},
        automated_detection=True,
        automated_decision=AutomatedDecision.PARTIALLY,
        automation_ref="IPX-model-4",
        decided_by_user_id=3,
        decided_by_label="Agent Smith",
        enforced_at=NOW - timedelta(days=3),
        listing_id="L-991",
        is_strike=True,
    )
    return replace(base, **overrides)


@pytest.fixture
def make_case() -> Callable[..., CaseDetail]:
    """Build a realistic CaseDetail; keyword arguments override fields."""

    def build(**overrides: Any) -> CaseDetail:
        appellant = Appellant(
            id=1, ref="S-100", kind=AppellantType.SELLER, display_name="深圳市星光贸易有限公司",
            account_type=AccountType.BUSINESS, market="DE", language="zh",
        )
        case = CaseDetail(
            appeal_id=42,
            ref="APL-000042",
            round=1,
            received_at=NOW - timedelta(hours=20),
            sla_due_at=NOW + timedelta(hours=2, minutes=13),
            status=AppealStatus.IN_REVIEW,
            queue_code="EMEA-IP",
            priority=2,
            market="DE",
            language="zh",
            statement="我们的产品是正品，附上供应商发票。",
            plan_of_action="We will add supplier invoices to every listing.",
            version=3,
            appellant=appellant,
            enforcement=_enforcement(),
            attachments=(Attachment("invoice.pdf", "application/pdf", 245_000, "Invoice"),),
            prior_enforcements=(
                _enforcement(id=5, ref="ENF-0005", enforced_at=NOW - timedelta(days=90)),
            ),
            related_appeals=(
                PriorAppeal(
                    appeal_id=30, ref="APL-000030", round=1,
                    received_at=NOW - timedelta(days=80), status=AppealStatus.DECIDED,
                    policy_code="IP_COUNTERFEIT", outcome=Outcome.UPHOLD, relation="same_seller",
                ),
            ),
            events=(
                Event(NOW - timedelta(hours=20), EventType.CREATED, None, None, "new", None),
                Event(NOW - timedelta(minutes=5), EventType.CLAIMED, "rev1", "new",
                      "in_review", None),
            ),
            lease=Lease(42, 9, NOW - timedelta(minutes=5), NOW + timedelta(minutes=10)),
        )
        return replace(case, **overrides)

    return build


@pytest.fixture
def make_sop() -> Callable[..., SopDocument]:
    """Build an SopDocument; keyword arguments override fields."""

    def build(**overrides: Any) -> SopDocument:
        sop = SopDocument(
            id=11,
            policy_code="IP_COUNTERFEIT",
            version=4,
            title="Counterfeit and IP appeals",
            body_markdown=(
                "# Counterfeit appeals\n\n## Evidence\n\n- Check the invoice\n- Check the brand\n"
                "\n## Checklist\n\n- [ ] Invoice matches listing\n- [ ] Brand authorised\n"
            ),
            checklist=("Invoice matches listing", "Brand authorised"),
            effective_from=datetime(2026, 1, 15, 12, 0, tzinfo=UTC),
        )
        return replace(sop, **overrides)

    return build


REASON_CODES: tuple[ReasonCode, ...] = (
    ReasonCode("UPH-INSUFFICIENT-EVIDENCE", Outcome.UPHOLD, None, "Insufficient evidence"),
    ReasonCode("UPH-REPEAT-VIOLATION", Outcome.UPHOLD, None, "Repeat violation"),
    ReasonCode("UPH-IP-BRAND", Outcome.UPHOLD, "IP_COUNTERFEIT", "Brand not authorised"),
    ReasonCode("UPH-UNSAFE-ONLY", Outcome.UPHOLD, "UNSAFE_PRODUCT", "Unsafe only"),
    ReasonCode("OVR-NEW-EVIDENCE", Outcome.OVERTURN, None, "New evidence"),
    ReasonCode("OVR-AUTOMATION-FP", Outcome.OVERTURN, None, "Automation false positive"),
    ReasonCode("PAR-SCOPE", Outcome.PARTIAL, None, "Scope reduced"),
    ReasonCode("ESC-LEGAL", Outcome.ESCALATE, None, "Legal review"),
    ReasonCode("REJ-OUT-OF-WINDOW", Outcome.REJECT_INADMISSIBLE, None, "Out of window"),
)


@pytest.fixture
def reason_codes() -> tuple[ReasonCode, ...]:
    """Reason codes for several outcomes and two policies."""
    return REASON_CODES


@pytest.fixture
def make_template() -> Callable[..., ResponseTemplate]:
    """Build a ResponseTemplate for an outcome."""

    def build(
        outcome: Outcome = Outcome.UPHOLD,
        language: str = "zh",
        body: str = "您好 {appellant_name}，关于申诉 {appeal_ref}：我们维持原决定。",
    ) -> ResponseTemplate:
        return ResponseTemplate(
            outcome=outcome,
            language=language,
            body=body,
            redress_text="您可以在 6 个月内向争议解决机构提出申诉。",
        )

    return build
