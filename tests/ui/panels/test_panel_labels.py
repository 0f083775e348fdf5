"""ui/labels.py: every enum value has a label, countdown formatting, template filling."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from enum import Enum

import pytest

from reviewer_app.domain.enums import (
    AccountType,
    AppealStatus,
    AppellantType,
    AutomatedDecision,
    EnforcementAction,
    EventType,
    Outcome,
    Role,
    SlaState,
)
from reviewer_app.ui import labels
from reviewer_app.ui.decision.template_text import compose_response, fill_placeholders

T0 = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("enum", "func"),
    [
        (AppealStatus, labels.appeal_status),
        (Outcome, labels.outcome),
        (SlaState, labels.sla_state),
        (Role, labels.role),
        (EnforcementAction, labels.enforcement_action),
        (AutomatedDecision, labels.automated_decision),
        (AccountType, labels.account_type),
        (AppellantType, labels.appellant_type),
        (EventType, labels.event_type),
    ],
)
def test_every_enum_value_has_a_distinct_label(
    qapp, enum: type[Enum], func: Callable[[Enum], str]
) -> None:
    texts = [func(member) for member in enum]
    assert all(texts)
    assert len(set(texts)) == len(texts)
    # A label is for people: it is never just the stored code.
    assert not any(t == m.value for t, m in zip(texts, enum, strict=True) if "_" in m.value)


def test_codes_have_labels_and_unknown_codes_pass_through(qapp) -> None:
    assert labels.field_error("required") == "This field is required."
    assert "redress" in labels.field_error("missing_redress")
    assert labels.field_error("brand_new_code") == "brand_new_code"
    assert labels.relation("same_listing") == "Same listing"
    assert labels.claim_ineligibility("original_decider").startswith("You made")
    assert {labels.requested_document(c) for c in labels.REQUESTED_DOCUMENT_CODES}.isdisjoint(
        labels.REQUESTED_DOCUMENT_CODES
    )
    assert labels.appeal_round(1) == "1st round"
    assert labels.appeal_round(2) == "2nd round"


@pytest.mark.parametrize(
    ("delta", "text"),
    [
        (timedelta(hours=2, minutes=13, seconds=59), "2h 13m"),
        (timedelta(minutes=4, seconds=5), "4m 05s"),
        (timedelta(days=1, hours=3, minutes=10), "1d 03h"),
        (timedelta(0), "0m 00s"),
        (-timedelta(hours=1, minutes=5), "overdue 1h 05m"),
        (-timedelta(seconds=30), "overdue 0m 30s"),
        (-timedelta(days=2, hours=1), "overdue 2d 01h"),
    ],
)
def test_sla_countdown(qapp, delta: timedelta, text: str) -> None:
    assert labels.sla_countdown(T0 + delta, T0) == text


def test_file_size_and_times(qapp) -> None:
    assert labels.file_size(512) == "512 B"
    assert labels.file_size(1536) == "1.5 KB"
    assert labels.file_size(3 * 1024 * 1024) == "3.0 MB"
    assert labels.clock_time(T0) == T0.astimezone().strftime("%H:%M")


def test_fill_placeholders_and_compose_response() -> None:
    filled = fill_placeholders(
        "Dear {appellant_name}, appeal {appeal_ref} {unknown} {{x}}",
        {"appellant_name": "Ana", "appeal_ref": "APL-1"},
    )
    assert filled == "Dear Ana, appeal APL-1 {unknown} {{x}}"
    assert compose_response("Body.  ", "Redress.") == "Body.\n\nRedress."
    assert compose_response("Body. Redress.", "Redress.") == "Body. Redress."  # not twice
    assert compose_response("   ", "Redress.") == ""  # no body: nothing to send
    assert compose_response("Body.", "") == "Body."
