"""Tests for SLA state and due computation."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from reviewer_app.domain.enums import SlaState
from reviewer_app.domain.sla import sla_due, sla_state

NOW = datetime(2026, 1, 10, 12, tzinfo=UTC)


@pytest.mark.parametrize(
    ("offset_h", "expected"),
    [(-1, SlaState.BREACHED), (-0.0001, SlaState.BREACHED), (0, SlaState.AT_RISK),
     (3.9, SlaState.AT_RISK), (4, SlaState.OK), (30, SlaState.OK)],
)
def test_sla_state_boundaries(offset_h: float, expected: SlaState) -> None:
    assert sla_state(NOW + timedelta(hours=offset_h), NOW, 4.0) is expected


def test_sla_due_adds_hours() -> None:
    assert sla_due(NOW, 36) == NOW + timedelta(hours=36)
    assert sla_due(NOW, 0.5) == NOW + timedelta(minutes=30)
