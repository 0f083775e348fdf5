"""Show the case, SOP and decision panels with realistic data and save a screenshot.

Run: xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python tests/ui/panels/show_panels.py
"""

from __future__ import annotations

import os
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QLabel, QSplitter

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
from reviewer_app.ui.case import CasePanel
from reviewer_app.ui.decision import DecisionPanel
from reviewer_app.ui.guidance import GuidancePanel

NOW = datetime.now(UTC)

STATEMENT = (
    "尊敬的平台审核团队：\n\n我们是深圳市星光贸易有限公司，主营女士手袋。贵平台以“疑似假冒商品”为由"
    "下架了我们的商品 L-99172。该商品为我司自有品牌“星光”，并非仿冒任何国际品牌。"
    "我们已附上商标注册证书、"
    "供应商发票以及工厂生产记录。\n\n恳请贵方重新审核并恢复该商品。谢谢！\n\n"
    "<b>注意</b>: <script>alert('x')</script>"
)
SOP = """# Counterfeit and IP appeals

Use this SOP for appeals against removals under **IP_COUNTERFEIT**.

## 1. Read the evidence
- Compare the listing images with the brand's registered marks.
- Check that invoices name the **same** product and quantity.
- Trademark certificates must be valid in the listing's market.

## 2. Decide
1. New, verifiable evidence → *overturn* (`OVR-NEW-EVIDENCE`).
2. Automation false positive → *overturn* (`OVR-AUTOMATION-FP`).
3. Otherwise → *uphold* with the reason that applies.

## Checklist
- [ ] Invoice matches the listing
- [ ] Brand authorisation checked
- [ ] Prior strikes reviewed
"""


def build_case() -> CaseDetail:
    """A realistic Chinese-language seller appeal."""
    enforcement = Enforcement(
        id=7, ref="ENF-2026-00917", action=EnforcementAction.LISTING_REMOVAL,
        scope="listing L-99172 (DE, FR)", policy_code="IP_COUNTERFEIT",
        policy_name="Counterfeit and intellectual property", clause="3.2(b)",
        facts="Image similarity 0.94 with a registered luxury brand logo; price 82% below "
              "the category median; 3 rights-owner notices in 30 days.",
        evidence={"listing_title": "星光 女士真皮手袋 Ladies leather handbag",
                  "price_eur": 24.9, "image_similarity": 0.94, "notices": 3,
                  "images": ["img_1.jpg", "img_2.jpg"]},
        automated_detection=True, automated_decision=AutomatedDecision.PARTIALLY,
        automation_ref="ipx-logo-match v4.2", decided_by_user_id=3,
        decided_by_label="M. Kowalska (EMEA-IP)", enforced_at=NOW - timedelta(days=3),
        listing_id="L-99172", is_strike=True,
    )
    prior = Enforcement(
        id=5, ref="ENF-2026-00311", action=EnforcementAction.PAYMENT_HOLD, scope="14 days",
        policy_code="MISLEADING_LISTING", policy_name="Misleading listing", clause="2.1",
        facts="", evidence={}, automated_detection=False,
        automated_decision=AutomatedDecision.NOT, automation_ref=None,
        decided_by_user_id=4, decided_by_label="J. Weber", enforced_at=NOW - timedelta(days=95),
        listing_id=None, is_strike=False,
    )
    return CaseDetail(
        appeal_id=42, ref="APL-2026-004217", round=1, received_at=NOW - timedelta(hours=21),
        sla_due_at=NOW + timedelta(hours=2, minutes=13), status=AppealStatus.IN_REVIEW,
        queue_code="EMEA-IP", priority=2, market="DE", language="zh",
        statement=STATEMENT,
        plan_of_action="1. 为每个商品上传品牌授权和发票。\n2. 指定专人审核新上架商品。",
        version=3,
        appellant=Appellant(1, "S-88120", AppellantType.SELLER, "深圳市星光贸易有限公司",
                            AccountType.BUSINESS, "DE", "zh"),
        enforcement=enforcement,
        attachments=(
            Attachment("商标注册证.pdf", "application/pdf", 845_112, "Trademark certificate"),
            Attachment("invoice_2026_0412.jpg", "image/jpeg", 1_204_000, "供应商发票"),
        ),
        prior_enforcements=(prior,),
        related_appeals=(
            PriorAppeal(30, "APL-2026-001130", 1, NOW - timedelta(days=90),
                        AppealStatus.DECIDED, "MISLEADING_LISTING", Outcome.OVERTURN,
                        "same_seller"),
            PriorAppeal(41, "APL-2026-004190", 1, NOW - timedelta(days=2),
                        AppealStatus.NEW, "IP_COUNTERFEIT", None, "same_listing"),
        ),
        events=(
            Event(NOW - timedelta(hours=21), EventType.CREATED, None, None, "new", None),
            Event(NOW - timedelta(minutes=4), EventType.CLAIMED, "li.na", "new", "in_review",
                  None),
        ),
        lease=Lease(42, 9, NOW - timedelta(minutes=4), NOW + timedelta(minutes=11)),
    )


def main() -> int:
    """Build the window, take the screenshot, quit."""
    app = QApplication(sys.argv)
    translator = QTranslator(app)
    qm = os.environ.get("PANELS_QM")  # e.g. a compiled zh_CN .qm, to look at the translation
    if qm and translator.load(qm):
        app.installTranslator(translator)
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/shots/panels.png")
    case = build_case()
    splitter = QSplitter(Qt.Orientation.Horizontal)
    queue = QLabel("(queue)")
    queue.setAlignment(Qt.AlignmentFlag.AlignCenter)
    case_panel = CasePanel()
    guidance = GuidancePanel()
    decision = DecisionPanel()
    for w in (queue, case_panel, guidance, decision):
        splitter.addWidget(w)
    splitter.setSizes([330, 560, 380, 330])
    splitter.resize(1600, 1000)

    case_panel.show_case(case)
    guidance.show_sop(SopDocument(11, "IP_COUNTERFEIT", 4, "Counterfeit and IP appeals", SOP,
                                  ("Invoice matches the listing", "Brand authorisation checked",
                                   "Prior strikes reviewed"), NOW - timedelta(days=300)))
    codes = (
        ReasonCode("UPH-INSUFFICIENT-EVIDENCE", Outcome.UPHOLD, None, "Insufficient evidence"),
        ReasonCode("OVR-NEW-EVIDENCE", Outcome.OVERTURN, None, "New evidence provided"),
        ReasonCode("OVR-AUTOMATION-FP", Outcome.OVERTURN, None, "Automation false positive"),
    )
    decision.template_requested.connect(lambda o, lang: decision.set_template(ResponseTemplate(
        o, "zh", "您好 {appellant_name}：\n经复核，关于申诉 {appeal_ref}，我们决定恢复您的商品。",
        "如对本决定有异议，您可在 6 个月内通过卖家中心提出进一步申诉或诉诸庭外争议解决机构。")))
    decision.set_case(42, "IP_COUNTERFEIT", "zh", codes, 11, appeal_ref=case.ref,
                      appellant_name=case.appellant.display_name)
    decision.set_outcome(Outcome.OVERTURN)
    decision.reason_combo.setCurrentIndex(0)
    decision.rationale_edit.setPlainText("Trademark certificate is valid in DE; own brand.")
    decision.show_errors(())
    if "errors" in sys.argv:
        decision.set_outcome(Outcome.UPHOLD)
        decision.rationale_edit.clear()
        decision.request_submit()
    if "info" in sys.argv:
        decision.set_outcome(Outcome.REQUEST_INFO)
        decision.request_submit()
    case_panel.tabs.setCurrentIndex(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
    splitter.show()

    def shoot() -> None:
        out.parent.mkdir(parents=True, exist_ok=True)
        splitter.grab().save(str(out))
        app.quit()

    QTimer.singleShot(500, shoot)
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
