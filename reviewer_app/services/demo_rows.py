"""Builds demo enforcement and decision content (evidence, facts, rationale, responses)."""

from __future__ import annotations

import json
import random
from typing import Any

from reviewer_app.services.catalog import compose_response
from reviewer_app.services.demo_people import CURRENCY
from reviewer_app.services.demo_texts import PhraseBanks

RATIONALE = {
    "uphold": "Documents provided do not establish compliance; the violation stands per SOP.",
    "overturn": "New documents verified against the SOP evidence standard; restriction lifted.",
    "partial": "Documents cover part of the affected items; measure reduced accordingly.",
    "reject_inadmissible": "Appeal received outside the appeal window.",
    "escalate": "Needs specialist review before a decision can be made.",
    "request_info": "Referenced documents were not attached.",
}
DETAILS = {
    "en": {
        "uphold": "the documents you sent do not show that the items comply with our policy.",
        "overturn": "the documents you sent show that the items comply with our policy.",
        "partial": "the restriction now applies only to the listings named in our notice.",
        "reject_inadmissible": "the appeal was received after the six-month appeal window.",
        "escalate": "",
        "request_info": "- supplier invoices for the last 12 months\n- the authorisation letter",
    },
    "zh-CN": {
        "uphold": "您提供的文件无法证明商品符合我们的政策。",
        "overturn": "您提供的文件证明商品符合我们的政策。",
        "partial": "限制措施现在仅适用于我们通知中列出的商品。",
        "reject_inadmissible": "申诉是在六个月的申诉期限之后收到的。",
        "escalate": "",
        "request_info": "- 最近12个月的供应商发票\n- 品牌授权书",
    },
}
WHAT_CHANGES = "Restriction limited to the listings covered by the notice; others restored."
REQUESTED_DOCS = ["Supplier invoices (last 12 months)", "Authorisation letter from the brand"]


def evidence(
    rng: random.Random, banks: PhraseBanks, policy: str, market: str, listing_id: str | None
) -> tuple[dict[str, Any], str, str]:
    """(evidence snapshot, product title, brand) for an enforcement under ``policy``."""
    spec = banks.products[policy]
    brand = rng.choice(banks.products["brands"])
    title = rng.choice(spec["titles"]).replace("{brand}", brand)
    lo, hi = spec["price"]
    price = round(rng.uniform(lo, hi), 2)
    msrp = round(rng.uniform(*spec["msrp"]), 2)
    signals = [
        {"signal": s, "score": round(rng.uniform(0.55, 0.99), 2)}
        for s in rng.sample(spec["signals"], k=rng.randint(1, 3))
    ]
    snap: dict[str, Any] = {"detection_signals": signals, "market": market}
    if policy == "SELLER_IDENTITY":
        snap["verification"] = {
            "check": title, "document": rng.choice(["passport", "business_registration",
                                                    "utility_bill", "bank_statement"]),
            "result": "failed",
        }
    else:
        snap.update({
            "listing_id": listing_id, "listing_title": title, "brand": brand,
            "price": {"amount": price, "currency": CURRENCY.get(market, "EUR")},
            "reference_price": msrp, "images": rng.randint(1, 8),
            "units_sold_30d": rng.randint(0, 900), "seller_rating": round(rng.uniform(3.1, 4.9), 1),
        })
    if policy == "IP_COUNTERFEIT":
        snap["rights_owner_notice"] = f"RN-2026-{rng.randint(10000, 99999)}"
    if policy == "UNSAFE_PRODUCT":
        snap["model"] = f"{brand[:3].upper()}-{rng.randint(100, 999)}"
        snap["safety_gate_alert"] = f"A12/{rng.randint(10000, 99999)}/26"
    return snap, title, brand


def facts(policy: str, snap: dict[str, Any], clause: str) -> str:
    """The facts the enforcement relied on (internal English, no personal data)."""
    signals = ", ".join(s["signal"].replace("_", " ") for s in snap["detection_signals"])
    if policy == "SELLER_IDENTITY":
        ver = snap["verification"]
        return (f"{ver['check']}: the {ver['document'].replace('_', ' ')} check failed. "
                f"Signals: {signals}. Clause {clause}.")
    price = snap["price"]
    text = (f"Listing {snap['listing_id']} '{snap['listing_title']}' offered at "
            f"{price['amount']:.2f} {price['currency']} (reference {snap['reference_price']:.2f}). "
            f"Signals: {signals}. Clause {clause}.")
    if "rights_owner_notice" in snap:
        text += f" Rights owner notice {snap['rights_owner_notice']}."
    if "safety_gate_alert" in snap:
        text += f" Compared with Safety Gate alert {snap['safety_gate_alert']}."
    return text


def decision_text(
    outcome: str, language: str, templates: dict[tuple[str, str], tuple[str, str]],
    values: dict[str, str],
) -> tuple[str, str]:
    """(response text, response language) for a demo decision, from the catalog templates."""
    lang = language if (outcome, language) in templates else "en"
    if (outcome, lang) not in templates:
        return "", lang
    body, redress = templates[(outcome, lang)]
    details = DETAILS.get(lang, DETAILS["en"])[outcome]
    return compose_response(body, redress, {**values, "details": details}), lang


def requested_documents_json(outcome: str) -> str:
    """The documents list stored with a request-info decision."""
    return json.dumps(REQUESTED_DOCS if outcome == "request_info" else [])
