"""The default catalog: complete, idempotent, and kept apart from team edits."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select, update

from reviewer_app.data.catalog_store import SlaSpec, catalog_counts
from reviewer_app.data.db import Database
from reviewer_app.data.orm import (
    PolicyRow,
    QueueDefRow,
    ReasonCodeRow,
    ResponseTemplateRow,
    SlaPolicyRow,
    SopDocumentRow,
)
from reviewer_app.domain.enums import Outcome
from reviewer_app.domain.sop import parse_checklist
from reviewer_app.services import resources
from reviewer_app.services.catalog import (
    has_catalog,
    install_default_catalog,
    render_template,
    sla_hours,
)

POLICY_CODES = {"IP_COUNTERFEIT", "PROHIBITED_PRODUCT", "UNSAFE_PRODUCT", "MISLEADING_LISTING",
                "INAUTHENTIC_REVIEWS", "SELLER_IDENTITY"}
NAMED_CODES = {"OVR-NEW-EVIDENCE", "OVR-ORIGINAL-ERROR", "OVR-AUTOMATION-FP",
               "UPH-INSUFFICIENT-EVIDENCE", "UPH-DOCS-INVALID", "UPH-REPEAT-VIOLATION", "ESC-LEGAL"}
CJK = re.compile(r"[\u4e00-\u9fff]")


def test_new_database_has_no_catalog_until_installed(database: Database) -> None:
    assert not has_catalog(database)
    install_default_catalog(database)
    assert has_catalog(database)


def test_policies_each_have_an_sop_with_a_checklist(database: Database) -> None:
    install_default_catalog(database)
    with database.read() as s:
        policies = {p.code: p for p in s.scalars(select(PolicyRow))}
        assert set(policies) == POLICY_CODES
        for code, policy in policies.items():
            sops = list(s.scalars(select(SopDocumentRow).where(
                SopDocumentRow.policy_id == policy.id)))
            assert [d.version for d in sops] == [1], code
            sop = sops[0]
            assert sop.effective_from < datetime.now(UTC)
            assert code in sop.body_markdown
            assert "## Checklist" in sop.body_markdown
            assert len(parse_checklist(sop.body_markdown)) >= 5, code
            assert sop.title.startswith("SOP:")
            assert policy.severity in {"medium", "high", "critical"}


def test_every_outcome_has_english_and_chinese_templates_with_redress(
    database: Database,
) -> None:
    install_default_catalog(database)
    with database.read() as s:
        rows = {(t.outcome, t.language): (t.body, t.redress_text)
                for t in s.scalars(select(ResponseTemplateRow))}
    assert len(rows) == 2 * len(Outcome)
    for outcome in Outcome:
        (_en_body, en_redress) = rows[(outcome.value, "en")]
        (zh_body, zh_redress) = rows[(outcome.value, "zh-CN")]
        assert "Article 21" in en_redress and "court" in en_redress
        assert "six months" in en_redress
        assert "第21条" in zh_redress and "法院" in zh_redress
        assert CJK.search(zh_body) and CJK.search(zh_redress)
        for body, redress in (rows[(outcome.value, "en")], rows[(outcome.value, "zh-CN")]):
            assert "{appeal_ref}" in body
            assert "{" not in redress  # redress is sent verbatim


def test_reason_codes_cover_every_outcome_and_policy_specific_codes(
    database: Database,
) -> None:
    install_default_catalog(database)
    with database.read() as s:
        policy_by_id = {p.id: p.code for p in s.scalars(select(PolicyRow))}
        codes = [(c.code, c.outcome, policy_by_id.get(c.policy_id))
                 for c in s.scalars(select(ReasonCodeRow))]
    general = {outcome for _code, outcome, policy in codes if policy is None}
    assert general == {o.value for o in Outcome}
    assert {code for code, _o, _p in codes} >= NAMED_CODES
    ip_codes = {code for code, _o, policy in codes if policy == "IP_COUNTERFEIT"}
    assert {"UPH-IP-NO-AUTHORIZATION", "OVR-IP-AUTHORIZED-RESELLER"} <= ip_codes
    for code, outcome, _policy in codes:
        expected = {"OVR": "overturn", "UPH": "uphold", "PAR": "partial", "ESC": "escalate",
                    "RFI": "request_info", "REJ": "reject_inadmissible"}[code.split("-")[0]]
        assert outcome == expected, code


def test_queues_and_sla_policies(database: Database) -> None:
    install_default_catalog(database)
    with database.read() as s:
        queues = set(s.scalars(select(QueueDefRow.code)))
        slas = [(r.queue_id, r.policy_id, r.market, r.hours)
                for r in s.scalars(select(SlaPolicyRow))]
        unsafe = s.scalar(select(PolicyRow.id).where(PolicyRow.code == "UNSAFE_PRODUCT"))
    assert {"general", "ip_brand", "product_safety", "trust_identity", "escalations"} <= queues
    assert [h for q, p, m, h in slas if (q, p, m) == (None, None, None)] == [48.0]
    assert [h for _q, p, m, h in slas if p == unsafe and m is None] == [24.0]


def test_install_is_idempotent_and_keeps_team_edits(database: Database) -> None:
    first = install_default_catalog(database)
    assert first.policies == 6 and first.templates == 12 and first.sop_documents == 6
    before = catalog_counts(database)
    with database.write() as s:
        s.execute(update(PolicyRow).where(PolicyRow.code == "IP_COUNTERFEIT")
                  .values(name="Brand protection"))
        s.execute(update(SlaPolicyRow).values(hours=12.0))
    again = install_default_catalog(database)
    assert again.total == 0
    assert catalog_counts(database) == before
    with database.read() as s:
        name = s.scalar(select(PolicyRow.name).where(PolicyRow.code == "IP_COUNTERFEIT"))
        hours = set(s.scalars(select(SlaPolicyRow.hours)))
    assert name == "Brand protection"
    assert hours == {12.0}


def test_install_adds_only_what_is_missing(database: Database) -> None:
    install_default_catalog(database)
    with database.write() as s:
        s.query(ResponseTemplateRow).filter_by(outcome="uphold", language="zh-CN").delete()
    added = install_default_catalog(database)
    assert added.templates == 1 and added.total == 1


def test_sla_hours_picks_the_most_specific_rule() -> None:
    slas = (SlaSpec(48.0), SlaSpec(24.0, queue_code="q"), SlaSpec(36.0, policy_code="P"),
            SlaSpec(30.0, policy_code="P", market="DE"), SlaSpec(72.0, market="US"))
    assert sla_hours(slas, queue_code="x", policy_code="Z", market="FR") == 48.0
    assert sla_hours(slas, queue_code="q", policy_code="Z", market="FR") == 24.0
    assert sla_hours(slas, queue_code="q", policy_code="P", market="FR") == 36.0
    assert sla_hours(slas, queue_code="q", policy_code="P", market="DE") == 30.0
    assert sla_hours(slas, queue_code="x", policy_code="Z", market="US") == 72.0
    assert sla_hours((), queue_code="x", policy_code="Z", market="US") == 48.0


def test_render_template_fills_known_and_keeps_unknown_placeholders() -> None:
    text = "Dear {appellant_name}, appeal {appeal_ref}: {details} {unknown}"
    out = render_template(text, {"appellant_name": "Anna", "appeal_ref": "AP-1"})
    assert out == "Dear Anna, appeal AP-1: {details} {unknown}"


def test_resources_found_from_checkout_and_override(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = resources.resources_dir()
    assert (found / "sop" / "IP_COUNTERFEIT.md").is_file()
    (tmp_path / "res" / "sop").mkdir(parents=True)
    monkeypatch.setenv(resources.ENV_OVERRIDE, str(tmp_path / "res"))
    assert resources.resources_dir() == tmp_path / "res"
