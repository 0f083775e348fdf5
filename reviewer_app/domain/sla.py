"""SLA arithmetic: due times and how an appeal stands against them."""

from __future__ import annotations

from datetime import datetime, timedelta

from reviewer_app.domain.enums import SlaState


def sla_due(received_at: datetime, hours: float) -> datetime:
    """When an appeal received at ``received_at`` with ``hours`` of SLA falls due."""
    return received_at + timedelta(hours=hours)


def at_risk_cutoff(now: datetime, at_risk_hours: float) -> datetime:
    """Appeals due before this instant (and not yet breached) are at risk."""
    return now + timedelta(hours=at_risk_hours)


def sla_state(due: datetime, now: datetime, at_risk_hours: float) -> SlaState:
    """Breached when due is past, at risk when due within ``at_risk_hours``, else ok."""
    if due < now:
        return SlaState.BREACHED
    if due < at_risk_cutoff(now, at_risk_hours):
        return SlaState.AT_RISK
    return SlaState.OK
