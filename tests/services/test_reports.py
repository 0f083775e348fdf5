"""Known answers for the KPI and DSA reports on SQLite and PostgreSQL (tests/kpi_data.py).

Every expected value is worked out by hand from DOMAIN.md's definitions; the comments
show the arithmetic. Both engines must give exactly the same numbers.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

import pytest
from factories import Factory
from kpi_data import EMPTY_FROM, EMPTY_TO, FROM, TO, build_week, t

from reviewer_app.data.db import Database
from reviewer_app.data.kpi_store import kpi_counts
from reviewer_app.domain.enums import Outcome
from reviewer_app.domain.kpis import KPI_KEYS, QUANTILES, Period, ReportInputError, percentile
from reviewer_app.services.reports import dsa_report, kpi_report

WEEK = Period(date.fromisoformat(FROM), date.fromisoformat(TO))
approx = pytest.approx

# Decided in P (final decision as of 03-09 00:00, decided_at in P):
#   A1 10 h uphold, A2 48 h overturn (late), A3 6 h partial, A7 1.5 h reject,
#   A8 28 h overturn (ben's, after the reopen; ana's superseded uphold does not count).
#   A5 is decided at 03-09 00:00 = end of P: not in P.  n = 5; sorted 1.5, 6, 10, 28, 48.
OVERALL: dict[str, Any] = {
    "intake": 6,  # A1 (exactly at start), A2, A3, A5, A7, A8; not A4/A9/A10 (before), A6 (= end)
    "decisions": 5,
    "backlog_end": 3,  # A4 (awaiting info), A5 (decided at end), A10 (reopened); not A6
    "median_ttd_hours": 10.0,  # rank ceil(0.5·5) = 3 → 10
    "p90_ttd_hours": 48.0,  # rank ceil(0.9·5) = ceil(4.5) = 5 → 48 (floor would give 28)
    "p95_ttd_hours": 48.0,  # rank ceil(4.75) = 5
    "sla_compliance": 0.8,  # on time A1, A3, A7, A8 = 4 / 5
    "sla_compliance_inclusive": 4 / 7,  # 4 / (5 + open past SLA at end: A4, A10)
    "aht_seconds": 156.0,  # final decisions (100 + 300 + 200 + 60 + 120) / 5 = 780 / 5
    "overturn_rate": 0.6,  # (overturn A2, A8 + partial A3) / 5
    "full_overturn_rate": 0.4,  # 2 / 5
    "partial_rate": 0.2,  # 1 / 5
    # Handled in P: any decision in P: A1, A2, A3, A4, A7, A8 = 6 (A5's is at the end).
    "escalation_rate": 1 / 6,  # A2
    "info_request_rate": 1 / 6,  # A4
    # Audited: published/disputed/resolved audits of decisions in P: E1 (90), E2 (0), E3 (75)
    "qa_accuracy": 2 / 3,
    # Wilson z=1.96, 2/3: centre (p + z²/2n)/(1 + z²/n) = 1.3069/2.2805 = 0.5731,
    # half 0.8595·sqrt(0.0741 + 0.1067) = 0.3654 → [0.2077, 0.9385]
    "qa_accuracy_ci": [approx(0.2077, abs=1e-4), approx(0.9385, abs=1e-4)],
    "dispute_rate": 1 / 3,  # E2 has a dispute / 3 published evaluations
}

GROUPS: dict[str, dict[str, Any]] = {
    "DE": {  # A1, A2, A5, A6, A8, A9, A10
        "intake": 4,  # A1, A2, A5, A8
        "decisions": 3,  # A1 10 h, A2 48 h, A8 28 h; sorted 10, 28, 48
        "backlog_end": 2,  # A5, A10
        "median_ttd_hours": 28.0,  # rank ceil(1.5) = 2
        "p90_ttd_hours": 48.0,  # rank ceil(2.7) = 3
        "p95_ttd_hours": 48.0,  # rank ceil(2.85) = 3
        "sla_compliance": 2 / 3,  # A1, A8 on time; A2 late
        "sla_compliance_inclusive": 0.5,  # 2 / (3 + A10)
        "aht_seconds": 520 / 3,  # (100 + 300 + 120) / 3
        "overturn_rate": 2 / 3,  # A2, A8
        "full_overturn_rate": 2 / 3,
        "partial_rate": 0.0,  # 0 / 3: a zero, not null (the denominator is 3)
        "escalation_rate": 1 / 3,  # handled A1, A2, A8; escalated A2
        "info_request_rate": 0.0,
        "qa_accuracy": 0.5,  # E1 correct, E2 not
        "qa_accuracy_ci": [approx(0.0945, abs=1e-4), approx(0.9055, abs=1e-4)],  # Wilson 1/2
        "dispute_rate": 0.5,  # E2 / (E1, E2)
    },
    "FR": {  # A3, A4, A7
        "intake": 2,  # A3, A7 (A4 before P)
        "decisions": 2,  # A7 1.5 h, A3 6 h
        "backlog_end": 1,  # A4
        "median_ttd_hours": 1.5,  # rank ceil(1) = 1
        "p90_ttd_hours": 6.0,  # rank ceil(1.8) = 2
        "p95_ttd_hours": 6.0,  # rank ceil(1.9) = 2
        "sla_compliance": 1.0,  # both on time
        "sla_compliance_inclusive": 2 / 3,  # 2 / (2 + A4)
        "aht_seconds": 130.0,  # (200 + 60) / 2
        "overturn_rate": 0.5,  # A3 partial
        "full_overturn_rate": 0.0,
        "partial_rate": 0.5,
        "escalation_rate": 0.0,  # handled A3, A4, A7
        "info_request_rate": 1 / 3,  # A4
        "qa_accuracy": 1.0,  # E3
        "qa_accuracy_ci": [approx(0.2065, abs=1e-4), 1.0],  # Wilson 1/1: high end exactly 1
        "dispute_rate": 0.0,
    },
}

EMPTY: dict[str, Any] = {key: None for key in KPI_KEYS} | {
    "intake": 0, "decisions": 0, "backlog_end": 0,  # counts are 0; rates are null
    "qa_accuracy_ci": [None, None],
}


def as_expected(actual: dict[str, Any], expected: dict[str, Any]) -> None:
    assert list(actual) == list(KPI_KEYS)
    for key in KPI_KEYS:
        want = expected[key]
        if isinstance(want, float):
            want = approx(want, rel=1e-12)
        assert actual[key] == want, key


def test_week_overall(database: Database) -> None:
    build_week(database)
    as_expected(kpi_report(database, WEEK).as_dict(), OVERALL)


def test_week_by_market(database: Database) -> None:
    build_week(database)
    report = kpi_report(database, WEEK, "market").as_dict()
    assert set(report) == {"overall", "groups"}
    as_expected(report["overall"], OVERALL)
    assert list(report["groups"]) == ["DE", "FR"]
    for market, expected in GROUPS.items():
        as_expected(report["groups"][market], expected)


@pytest.mark.parametrize(("cut", "names"), [
    ("policy", {"DE": "IP_COUNTERFEIT", "FR": "PROHIBITED_ITEMS"}),
    ("queue", {"DE": "de-queue", "FR": "fr-queue"}),
    ("language", {"DE": "de", "FR": "fr"}),
])
def test_other_cuts_split_like_markets(database: Database, cut: str,
                                       names: dict[str, str]) -> None:
    build_week(database)  # each market has its own policy, queue and language
    groups = kpi_report(database, WEEK, cut).as_dict()["groups"]
    assert sorted(groups) == sorted(names.values())
    for market, name in names.items():
        as_expected(groups[name], GROUPS[market])


def test_week_by_reviewer(database: Database) -> None:
    build_week(database)
    groups = kpi_report(database, WEEK, "reviewer").as_dict()["groups"]
    # The reviewer is the author of the final decision (or of the handling step); open
    # appeals have none, so intake, backlog and the inclusive SLA variant are null.
    ana = groups["ana"]
    assert ana["intake"] is None and ana["backlog_end"] is None
    assert ana["sla_compliance_inclusive"] is None
    assert ana["decisions"] == 2  # A1 10 h, A7 1.5 h
    assert ana["median_ttd_hours"] == 1.5  # rank ceil(1) = 1
    assert ana["aht_seconds"] == 80.0  # (100 + 60) / 2
    assert ana["escalation_rate"] == 0.25  # handled A1, A2, A7, A8 (superseded uphold); esc A2
    assert ana["qa_accuracy"] == 1.0  # E1 (E4 is a draft)
    ben = groups["ben"]
    assert ben["decisions"] == 3  # A2 48 h, A3 6 h, A8 28 h
    assert ben["median_ttd_hours"] == 28.0  # rank 2 of 6, 28, 48
    assert ben["overturn_rate"] == 1.0  # overturn, partial, overturn
    assert ben["info_request_rate"] == 0.25  # handled A2, A3, A4, A8; RFI A4
    assert ben["dispute_rate"] == 0.5  # E2 disputed of E2, E3


def test_empty_period_gives_nulls_not_zeros(database: Database) -> None:
    build_week(database)  # nothing was received before 2025-01-08
    empty = Period(date.fromisoformat(EMPTY_FROM), date.fromisoformat(EMPTY_TO))
    as_expected(kpi_report(database, empty).as_dict(), EMPTY)
    assert kpi_report(database, empty, "market").as_dict() == {"overall": EMPTY, "groups": {}}


def test_unknown_cut_is_a_known_error(database: Database) -> None:
    with pytest.raises(ReportInputError, match="unknown cut"):
        kpi_report(database, WEEK, "country")


def test_dsa_figures(database: Database) -> None:
    build_week(database)
    assert dsa_report(database, WEEK).as_dict() == {
        "period": {"from": FROM, "to": TO},
        "markets": {
            "DE": {"complaints_received": 4,  # A1, A2, A5, A8
                   "decisions_by_outcome": {"uphold": 1, "overturn": 2, "partial": 0,
                                            "reject_inadmissible": 0},  # A1; A2, A8
                   "median_ttd_hours": 28.0, "reversed": 2},  # 10, 28, 48 → rank 2
            "FR": {"complaints_received": 2,  # A3, A7
                   "decisions_by_outcome": {"uphold": 0, "overturn": 0, "partial": 1,
                                            "reject_inadmissible": 1},
                   "median_ttd_hours": 1.5, "reversed": 1},  # 1.5, 6 → rank 1; A3 partial
        },
        "total": {"complaints_received": 6,
                  "decisions_by_outcome": {"uphold": 1, "overturn": 2, "partial": 1,
                                           "reject_inadmissible": 1},
                  "median_ttd_hours": 10.0, "reversed": 3},
    }


def test_sql_percentiles_equal_domain_nearest_rank(database: Database) -> None:
    """Random microsecond times to decision: the SQL ranks on this engine give exactly
    what ``domain.kpis.percentile`` gives on the same values, so both engines agree."""
    rng = random.Random(20260302)
    f = Factory(database, now=t(3, 1))
    user = f.user("ana")
    ttds: list[timedelta] = []
    for i in range(37):  # 37: ceil(0.5·37) = 19, ceil(0.9·37) = 34, ceil(0.95·37) = 36
        received = t(3, 2) + timedelta(seconds=rng.randrange(86_400 * 3),
                                       microseconds=rng.randrange(1_000_000))
        ttd = timedelta(hours=rng.choice([1, 5, 30]), microseconds=rng.randrange(10**10))
        if i == 5:
            ttd = ttds[0]  # a tie
        ttds.append(ttd)
        appeal = f.appeal(received_at=received, market="DE" if i % 2 else "FR")
        f.decision(appeal, user, Outcome.UPHOLD, decided_at=received + ttd)
    hours = [td / timedelta(hours=1) for td in ttds]
    with database.read() as session:
        counts = kpi_counts(session, WEEK)[None]
    assert counts.decided == 37
    for q in QUANTILES:
        micro = sorted(td // timedelta(microseconds=1) for td in ttds)
        assert counts.ttd_us_at_rank[-(-q.numerator * 37 // q.denominator)] == \
            micro[-(-q.numerator * 37 // q.denominator) - 1]
    report = kpi_report(database, WEEK).as_dict()
    assert report["median_ttd_hours"] == percentile(hours, QUANTILES[0])
    assert report["p90_ttd_hours"] == percentile(hours, QUANTILES[1])
    assert report["p95_ttd_hours"] == percentile(hours, QUANTILES[2])
