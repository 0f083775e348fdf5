"""`reviewer-app staffing` and `reviewer-app forecast`, in process, with DOMAIN.md's answers."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest
from cli_support import run_error, run_ok
from factories import Factory

from reviewer_app.data.db import Database
from reviewer_app.domain.enums import AppealStatus, Outcome


def test_erlang_known_answer(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_ok(capsys, "staffing", "erlang", "--traffic", "10", "--agents", "14",
                    "--target-seconds", "20", "--aht-seconds", "180")
    # ASA = 0.174132 × 180 ÷ (14 − 10) = 7.8359 s
    assert result == {"p_wait": 0.1741, "service_level": 0.8884, "asa_seconds": 7.8359}


def test_erlang_overloaded_queue_has_no_asa(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_ok(capsys, "staffing", "erlang", "--traffic", "10", "--agents", "9",
                    "--target-seconds", "20", "--aht-seconds", "180")
    assert result == {"p_wait": 1.0, "service_level": 0.0, "asa_seconds": None}


def test_backoffice_known_answer(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_ok(capsys, "staffing", "backoffice", "--backlog", "200", "--days", "5",
                    "--intake", "80", "--aht-minutes", "25", "--hours", "5.5")
    assert result == {"reviewers": 10, "reviewers_before_shrinkage": 10}


def test_backoffice_with_shrinkage(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_ok(capsys, "staffing", "backoffice", "--backlog", "200", "--days", "5",
                    "--intake", "80", "--aht-minutes", "25", "--hours", "5.5",
                    "--shrinkage", "0.3")
    # (200 ÷ 5 + 80) ÷ 13.2 = 9.09 → 10; 10 ÷ 0.7 = 14.29 → 15
    assert result == {"reviewers": 15, "reviewers_before_shrinkage": 10}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["erlang", "--traffic", "ten", "--agents", "14", "--target-seconds", "20",
          "--aht-seconds", "180"], "--traffic: 'ten' is not a number"),
        (["erlang", "--traffic", "10", "--agents", "14.5", "--target-seconds", "20",
          "--aht-seconds", "180"], "--agents: '14.5' is not a whole number"),
        (["erlang", "--traffic", "10", "--agents", "14", "--target-seconds", "20",
          "--aht-seconds", "0"], "handle time"),
        (["backoffice", "--backlog", "200", "--days", "0", "--intake", "80",
          "--aht-minutes", "25", "--hours", "5.5"], "days to clear"),
        (["backoffice", "--backlog", "200", "--days", "5", "--intake", "80",
          "--aht-minutes", "25", "--hours", "5.5", "--shrinkage", "1"], "shrinkage"),
    ],
)
def test_bad_numbers_are_one_line_errors(capsys: pytest.CaptureFixture[str], args: list[str],
                                         message: str) -> None:
    assert message in run_error(capsys, "staffing", *args)


def test_forecast_from_the_database(capsys: pytest.CaptureFixture[str], database: Database,
                                    db_url: str) -> None:
    now = datetime.now(UTC)
    today = datetime.combine(now.date(), time(0), tzinfo=UTC)
    f = Factory(database, now=now)
    reviewer = f.user("ana")
    # Ten complete days: 3 appeals a day, none on the 4th day back (a quiet day).
    for back in range(1, 11):
        if back != 4:
            f.appeals(3, queue_code="general", received_at=today - timedelta(days=back, hours=-9))
    done = f.appeal(queue_code="general", status=AppealStatus.DECIDED,
                    received_at=today - timedelta(days=300))
    f.decision(done, reviewer, Outcome.UPHOLD, decided_at=now - timedelta(days=1),
               handle_seconds=1800)
    result = run_ok(capsys, "forecast", "--db", db_url, "--days", "3", "--queue", "general",
                    "--holdout", "3")
    (queue,) = result["queues"]  # type: ignore[misc]
    assert queue["queue"] == "general"
    assert queue["history_days"] == 10
    # 10 days: fewer than two weeks, so the last week repeats. Holdout: trained on 7 days.
    assert (queue["method"], queue["fallback"]) == ("seasonal_naive", "short_history")
    assert [d["intake"] for d in queue["forecast"]] == [3.0, 3.0, 3.0]
    assert queue["forecast"][0]["day"] == now.date().isoformat()
    assert queue["holdout"]["days"] == 3
    # Held out: days 3, 2, 1 back (3, 3, 3). Training on days 10..4 back, the seasonal
    # naive predicts them from the same weekdays a week earlier, days 10, 9, 8 back: 3, 3, 3.
    assert queue["holdout"]["mae"] == 0.0
    # Backlog 27 open; 1 reviewer, AHT 1800 s: 5.5 × 3600 ÷ 1800 = 11 a day; SLA 48 h.
    assert queue["backlog"] == 27 and queue["received_today"] == 0
    assert queue["capacity_per_day"] == 11.0
    # 27 ÷ 11 = 2.45 days of work today > 2: breached now; today ends at 27 + 3 − 11 = 19
    # (1.73 days), tomorrow at 11 (1 day): the forecast days are within the SLA.
    assert queue["breached_now"] is True
    assert [d["backlog"] for d in queue["projection"]] == [19.0, 11.0, 3.0]
    assert queue["breach_day"] is None


@pytest.mark.usefixtures("database")  # a migrated database at db_url
def test_forecast_unknown_queue(capsys: pytest.CaptureFixture[str], db_url: str) -> None:
    assert "No queue 'nope'" in run_error(capsys, "forecast", "--db", db_url, "--queue", "nope")
