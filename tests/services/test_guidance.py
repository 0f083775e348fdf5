"""Guidance service on SQLite and PostgreSQL: SOP in force and SOP search."""

from __future__ import annotations

from datetime import timedelta

import pytest
from factories import NOW, Factory

from reviewer_app.data.db import Database
from reviewer_app.domain.errors import NotFoundError
from reviewer_app.services.guidance import GuidanceService

BODY_V2 = """# Counterfeit goods

Check the **brand authorisation** letter against the [registry](https://example.com).

- [ ] Compare the invoice with the listing
- [ ] Check prior strikes
"""


@pytest.fixture
def svc(database: Database) -> GuidanceService:
    f = Factory(database)
    f.sop("IP_COUNTERFEIT", version=1, body="- [ ] Old item\nAuthorisation v1",
          effective_from=NOW - timedelta(days=60))
    f.sop("IP_COUNTERFEIT", version=2, title="Counterfeit SOP", body=BODY_V2,
          effective_from=NOW - timedelta(days=1))
    f.sop("IP_COUNTERFEIT", version=3, body="Future authorisation rules",
          effective_from=NOW + timedelta(days=1))
    f.sop("UNSAFE_PRODUCT", version=1, title="Unsafe products", body="Recall lists; CE mark.")
    f.policy("SELLER_IDENTITY")
    return GuidanceService(database, clock=lambda: NOW)


def test_sop_in_force_with_checklist(svc: GuidanceService) -> None:
    sop = svc.sop_for("IP_COUNTERFEIT")
    assert (sop.version, sop.title, sop.policy_code) == (2, "Counterfeit SOP", "IP_COUNTERFEIT")
    assert sop.checklist == ("Compare the invoice with the listing", "Check prior strikes")
    assert sop.body_markdown == BODY_V2


def test_sop_version_follows_clock(database: Database, svc: GuidanceService) -> None:
    later = GuidanceService(database, clock=lambda: NOW + timedelta(days=2))
    assert later.sop_for("IP_COUNTERFEIT").version == 3
    earlier = GuidanceService(database, clock=lambda: NOW - timedelta(days=30))
    assert earlier.sop_for("IP_COUNTERFEIT").version == 1


def test_no_sop_is_not_found(svc: GuidanceService) -> None:
    with pytest.raises(NotFoundError):
        svc.sop_for("SELLER_IDENTITY")
    with pytest.raises(NotFoundError):
        svc.sop_for("NO_SUCH_POLICY")


def test_search_only_sops_in_force_case_insensitive(svc: GuidanceService) -> None:
    hits = svc.search("AUTHORISATION")
    assert [(h.policy_code, h.version) for h in hits] == [("IP_COUNTERFEIT", 2)]
    assert "brand authorisation letter against the registry" in hits[0].snippet
    assert "**" not in hits[0].snippet and "](" not in hits[0].snippet
    assert [h.policy_code for h in svc.search("unsafe")] == ["UNSAFE_PRODUCT"]  # title match
    assert svc.search("ce MARK")[0].snippet.endswith("CE mark.")
    assert svc.search("nowhere to be found") == ()
    assert svc.search("   ") == ()
