"""Active handle time counts only while a case is open, the window focused and the user active."""

from __future__ import annotations

import pytest

from reviewer_app.domain.handle_time import HandleTimeMeter


def focused_meter(idle: float = 60.0, at: float = 0.0) -> HandleTimeMeter:
    meter = HandleTimeMeter(idle)
    meter.set_focused(True, at)
    meter.start_case(at)
    return meter


def test_counts_while_focused_and_active() -> None:
    meter = focused_meter()
    meter.user_input(30.0)
    meter.user_input(50.0)
    assert meter.active_seconds(80.0) == pytest.approx(80.0)
    assert meter.is_active(80.0)


def test_idle_gap_counts_only_up_to_the_threshold() -> None:
    meter = focused_meter(idle=60.0)
    meter.user_input(10.0)
    # No input from 10 s to 300 s: only 10..70 counts, then the user comes back.
    assert not meter.is_active(200.0)
    meter.user_input(300.0)
    assert meter.active_seconds(320.0) == pytest.approx(70.0 + 20.0)


def test_unfocused_time_does_not_count() -> None:
    meter = focused_meter()
    meter.set_focused(False, 20.0)
    meter.user_input(40.0)  # input while another window has focus does not count either
    assert meter.active_seconds(100.0) == pytest.approx(20.0)
    meter.set_focused(True, 100.0)
    assert meter.active_seconds(110.0) == pytest.approx(30.0)


def test_nothing_counts_without_an_open_case() -> None:
    meter = HandleTimeMeter(60.0)
    meter.set_focused(True, 0.0)
    meter.user_input(5.0)
    assert meter.active_seconds(50.0) == 0.0
    assert not meter.is_active(5.0)


def test_case_opened_while_unfocused_starts_counting_on_focus() -> None:
    meter = HandleTimeMeter(60.0)
    meter.start_case(0.0)
    assert meter.active_seconds(30.0) == 0.0
    meter.set_focused(True, 30.0)
    assert meter.active_seconds(45.0) == pytest.approx(15.0)


def test_stop_case_returns_total_and_resets() -> None:
    meter = focused_meter()
    assert meter.stop_case(42.0) == pytest.approx(42.0)
    assert not meter.case_open
    assert meter.active_seconds(100.0) == 0.0
    meter.start_case(100.0)
    assert meter.active_seconds(110.0) == pytest.approx(10.0)


def test_idle_must_be_positive() -> None:
    with pytest.raises(ValueError, match="positive"):
        HandleTimeMeter(0)
