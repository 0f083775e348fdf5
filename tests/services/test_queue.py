"""Queue service on SQLite and PostgreSQL: keyset paging, filters, counts, options."""

from __future__ import annotations

from datetime import timedelta

import pytest
from factories import NOW, Factory

from reviewer_app.data.db import Database
from reviewer_app.domain.enums import AppealStatus, SlaState, SortKey
from reviewer_app.domain.models import QueueFilter, QueueRow, QueueSort
from reviewer_app.services.queue import QueueService

STATUSES = [AppealStatus.NEW, AppealStatus.IN_REVIEW, AppealStatus.ESCALATED,
            AppealStatus.DECIDED, AppealStatus.AWAITING_INFO, AppealStatus.REOPENED]


@pytest.fixture
def svc(database: Database) -> QueueService:
    return QueueService(database, clock=lambda: NOW, at_risk_hours=4.0)


@pytest.fixture
def mixed(database: Database) -> list[int]:
    """37 appeals with many ties on every sort key, across markets/policies/statuses."""
    f = Factory(database)
    return f.appeals(
        37,
        sla_due_at=lambda i: NOW + timedelta(hours=(i % 5) * 3 - 6),  # -6h..+6h, 5 values
        received_at=lambda i: NOW - timedelta(hours=i % 4),
        priority=lambda i: (i * 7) % 3 * 10,
        status=lambda i: STATUSES[i % len(STATUSES)],
        market=lambda i: ["DE", "FR", "PL"][i % 3],
        language=lambda i: ["de", "fr", "zh-CN"][i % 3],
        policy_code=lambda i: ["IP_COUNTERFEIT", "UNSAFE_PRODUCT"][i % 2],
        round=lambda i: 1 + (i % 4 == 0),
        listing_id=lambda i: f"L-{i}",
    )


def _key(row: QueueRow, key: SortKey) -> object:
    return {SortKey.SLA_DUE: row.sla_due_at, SortKey.PRIORITY: row.priority,
            SortKey.RECEIVED: row.received_at}[key]


def _walk(svc: QueueService, flt: QueueFilter, sort: QueueSort, limit: int) -> list[QueueRow]:
    rows: list[QueueRow] = []
    page = svc.page(flt, sort, limit=limit)
    rows.extend(page.rows)
    while page.next_cursor is not None:
        page = svc.page(flt, sort, page.next_cursor, limit=limit)
        assert len(page.rows) <= limit
        rows.extend(page.rows)
    return rows


@pytest.mark.parametrize("key", list(SortKey))
@pytest.mark.parametrize("descending", [False, True])
def test_paging_covers_every_row_once_in_order(
    svc: QueueService, mixed: list[int], key: SortKey, descending: bool
) -> None:
    flt = QueueFilter(open_only=False)
    rows = _walk(svc, flt, QueueSort(key, descending), limit=4)
    assert sorted(r.appeal_id for r in rows) == sorted(mixed)
    ordering = [(_key(r, key), r.appeal_id) for r in rows]
    assert ordering == sorted(ordering, reverse=descending)


@pytest.mark.parametrize("key", list(SortKey))
def test_open_only_default_hides_decided(svc: QueueService, mixed: list[int], key: SortKey) -> None:
    rows = _walk(svc, QueueFilter(), QueueSort(key), limit=5)
    assert rows and all(r.status is not AppealStatus.DECIDED for r in rows)
    everything = _walk(svc, QueueFilter(open_only=False), QueueSort(key), limit=50)
    assert len(rows) == sum(r.status is not AppealStatus.DECIDED for r in everything)


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("key", list(SortKey))
def test_last_page_is_the_tail_in_display_order(
    svc: QueueService, mixed: list[int], key: SortKey, descending: bool
) -> None:
    sort = QueueSort(key, descending)
    everything = _walk(svc, QueueFilter(), sort, limit=100)
    last = svc.last_page(QueueFilter(), sort, limit=6)
    assert list(last.rows) == everything[-6:]
    assert last.next_cursor is None


def test_first_page_cursor_none_when_all_fit(svc: QueueService, mixed: list[int]) -> None:
    page = svc.page(QueueFilter(open_only=False), QueueSort(), limit=37)
    assert len(page.rows) == 37 and page.next_cursor is None


@pytest.mark.parametrize(
    ("flt", "pred"),
    [
        (QueueFilter(market="FR"), lambda r: r.market == "FR"),
        (QueueFilter(policy_code="UNSAFE_PRODUCT"), lambda r: r.policy_code == "UNSAFE_PRODUCT"),
        (QueueFilter(language="zh-CN"), lambda r: r.language == "zh-CN"),
        (QueueFilter(status=AppealStatus.ESCALATED), lambda r: r.status == "escalated"),
        (QueueFilter(status=AppealStatus.DECIDED), lambda r: r.status == "decided"),
        (QueueFilter(round=2), lambda r: r.round == 2),
        (QueueFilter(market="DE", round=1), lambda r: r.market == "DE" and r.round == 1),
        (QueueFilter(sla_state=SlaState.BREACHED), lambda r: r.sla_due_at < NOW),
        (QueueFilter(sla_state=SlaState.AT_RISK),
         lambda r: NOW <= r.sla_due_at < NOW + timedelta(hours=4)),
        (QueueFilter(sla_state=SlaState.OK), lambda r: r.sla_due_at >= NOW + timedelta(hours=4)),
    ],
)
def test_filters_match_python_reference(svc: QueueService, mixed: list[int], flt, pred) -> None:
    everything = _walk(svc, QueueFilter(open_only=False), QueueSort(), limit=100)
    open_only = flt.open_only and flt.status is None
    expected = [r for r in everything if pred(r) and (not open_only or r.status != "decided")]
    got = _walk(svc, flt, QueueSort(), limit=3)
    assert expected, "the fixture must exercise the filter"
    assert got == expected
    counts = svc.counts(flt)
    assert counts.total == len(expected)
    assert counts.breached == sum(r.sla_due_at < NOW for r in expected)
    assert counts.at_risk == sum(NOW <= r.sla_due_at < NOW + timedelta(hours=4) for r in expected)


def test_sla_state_follows_injected_clock(database: Database, mixed: list[int]) -> None:
    later = QueueService(database, clock=lambda: NOW + timedelta(hours=7), at_risk_hours=4.0)
    # Every due time is at most NOW+6h, so 7 hours on everything is breached.
    assert later.counts(QueueFilter(open_only=False)).breached == 37
    assert later.counts(QueueFilter(sla_state=SlaState.OK)).total == 0


def test_search_by_appeal_seller_or_listing(database: Database, svc: QueueService) -> None:
    f = Factory(database)
    seller = f.appellant("SELLER-42")
    a1 = f.appeal(appellant_id=seller, ref="AP-X1", listing_id="L-1")
    a2 = f.appeal(appellant_id=seller, listing_id="L-77")
    other = f.appeal(listing_id="L-77")
    f.appeal(ref="AP-X10")

    def found(text: str) -> set[int]:
        return {r.appeal_id for r in svc.page(QueueFilter(search=text), QueueSort()).rows}

    assert found("AP-X1") == {a1}
    assert found("ap-x1") == {a1}  # refs are upper case; typing them lower case still finds
    assert found(" SELLER-42 ") == {a1, a2}
    assert found("L-77") == {a2, other}
    assert found("nothing") == set()
    assert svc.counts(QueueFilter(search="SELLER-42")).total == 2


def test_row_fields_and_lease_holder(database: Database, svc: QueueService) -> None:
    f = Factory(database)
    ana = f.user("ana")
    appeal = f.appeal(queue_code="emea", priority=70, market="FR", language="fr",
                      listing_id="L-9", policy_code="SELLER_IDENTITY")
    row = svc.page(QueueFilter(), QueueSort()).rows[0]
    assert (row.appeal_id, row.queue_code, row.priority, row.market, row.language,
            row.policy_code, row.listing_id, row.leased_by) == (
        appeal, "emea", 70, "FR", "fr", "SELLER_IDENTITY", "L-9", None)
    assert row.sla_due_at.tzinfo is not None
    svc.claim(appeal, ana)
    row = svc.page(QueueFilter(), QueueSort()).rows[0]
    assert row.leased_by == "ana" and row.status is AppealStatus.IN_REVIEW


def test_filter_options(database: Database, svc: QueueService, mixed: list[int]) -> None:
    Factory(database).policy("INAUTHENTIC_REVIEWS")
    options = svc.filter_options()
    assert options.markets == ("DE", "FR", "PL")
    assert options.languages == ("de", "fr", "zh-CN")
    assert options.policies == ("INAUTHENTIC_REVIEWS", "IP_COUNTERFEIT", "UNSAFE_PRODUCT")


def test_empty_queue(svc: QueueService) -> None:
    assert svc.page(QueueFilter(), QueueSort()).rows == ()
    assert svc.last_page(QueueFilter(), QueueSort()).rows == ()
    assert svc.counts(QueueFilter()).total == 0
    assert svc.filter_options().markets == ()
