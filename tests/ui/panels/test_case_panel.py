"""CasePanel: plain-text guarantee, live SLA countdown, long statements, sections."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTableWidget

from reviewer_app.domain.enums import SlaState
from reviewer_app.domain.models import Attachment
from reviewer_app.ui.case import CasePanel
from reviewer_app.ui.case.text_view import PREVIEW_CHARS

NOW = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)  # the same instant the builders use

HOSTILE = '<b>x</b><script>alert(1)</script><a href="javascript:alert(2)">click</a>'


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def _table_texts(table: QTableWidget) -> list[str]:
    return [
        table.item(r, c).text()
        for r in range(table.rowCount())
        for c in range(table.columnCount())
        if table.item(r, c) is not None
    ]


def test_hostile_appellant_text_is_shown_literally(qtbot, make_case):
    base = make_case()
    case = make_case(
        statement=HOSTILE,
        plan_of_action=HOSTILE,
        appellant=replace(base.appellant, display_name=HOSTILE),
        attachments=(Attachment(HOSTILE, "text/html", 10, HOSTILE),),
    )
    panel = CasePanel(clock=FakeClock(NOW))
    qtbot.addWidget(panel)
    panel.show_case(case)

    section = panel.appellant_section
    assert section.statement_view.editor.toPlainText() == HOSTILE
    assert section.plan_view.editor.toPlainText() == HOSTILE
    assert HOSTILE in section.name_label.text()
    assert _table_texts(section.attachments_table).count(HOSTILE) == 2
    # Every label of the case view is plain text, so no markup can ever be interpreted.
    data_labels = [lb for lb in panel.findChildren(QLabel) if lb.text()]
    assert data_labels
    assert all(lb.textFormat() == Qt.TextFormat.PlainText for lb in data_labels)


def test_hostile_enforcement_facts_and_evidence_are_literal(qtbot, make_case):
    base = make_case()
    enforcement = replace(base.enforcement, facts=HOSTILE, evidence={"<i>key</i>": HOSTILE})
    panel = CasePanel(clock=FakeClock(NOW))
    qtbot.addWidget(panel)
    panel.show_case(make_case(enforcement=enforcement))
    section = panel.enforcement_section
    assert section.facts_label.text() == HOSTILE
    assert section.facts_label.textFormat() == Qt.TextFormat.PlainText
    assert _table_texts(section.evidence_table) == ["<i>key</i>", HOSTILE]


def test_countdown_ticks_and_turns_breached(qtbot, make_case):
    clock = FakeClock(NOW)
    panel = CasePanel(clock=clock, at_risk_hours=4)
    qtbot.addWidget(panel)
    panel.show_case(make_case(sla_due_at=NOW + timedelta(hours=2, minutes=13)))
    header = panel.header
    assert header.countdown_label.text().startswith("2h 13m")
    assert header.sla_state() is SlaState.AT_RISK
    assert header.is_ticking()

    clock.now = NOW + timedelta(hours=3, minutes=18)  # 1h 05m past due
    qtbot.waitUntil(lambda: "overdue 1h 05m" in header.countdown_label.text(), timeout=3000)
    assert header.sla_state() is SlaState.BREACHED
    assert "#d32f2f" in header.countdown_label.styleSheet()

    panel.clear()
    assert not header.is_ticking()
    assert header.countdown_label.text() == ""


def test_countdown_ok_state_has_no_alarm_colour(qtbot, make_case):
    panel = CasePanel(clock=FakeClock(NOW), at_risk_hours=4)
    qtbot.addWidget(panel)
    panel.show_case(make_case(sla_due_at=NOW + timedelta(days=1, hours=3)))
    assert panel.header.countdown_label.text().startswith("1d 03h")
    assert panel.header.sla_state() is SlaState.OK
    assert panel.header.countdown_label.styleSheet() == ""


def test_long_statement_shows_prefix_then_all_by_keyboard(qtbot, make_case):
    statement = "申诉内容。" * 12_000  # 60,000 characters
    panel = CasePanel(clock=FakeClock(NOW))
    qtbot.addWidget(panel)
    panel.show()
    panel.show_case(make_case(statement=statement))
    panel.tabs.setCurrentWidget(panel.appellant_section)
    view = panel.appellant_section.statement_view
    assert len(view.editor.toPlainText()) == PREVIEW_CHARS
    assert view.is_truncated()
    assert view.show_all_button.isVisible()

    view.show_all_button.setFocus()
    qtbot.keyClick(view.show_all_button, Qt.Key.Key_Space)
    assert view.editor.toPlainText() == statement
    assert not view.is_truncated()


def test_lease_until_and_header_fields(qtbot, make_case):
    case = make_case()
    panel = CasePanel(clock=FakeClock(NOW))
    qtbot.addWidget(panel)
    panel.show()
    panel.show_case(case)
    expected = case.lease.expires_at.astimezone().strftime("%H:%M")
    assert panel.header.lease_label.isVisible()
    assert expected in panel.header.lease_label.text()
    assert panel.header.ref_label.text() == "APL-000042"
    assert panel.header.round_label.text() == "1st round"
    assert panel.header.queue_label.text() == "EMEA-IP"
    assert panel.header.language_label.text() == "zh"

    panel.show_case(make_case(lease=None, round=2))
    assert not panel.header.lease_label.isVisible()
    assert panel.header.round_label.text() == "2nd round"


def test_sections_show_history_events_and_evidence(qtbot, make_case):
    panel = CasePanel(clock=FakeClock(NOW))
    qtbot.addWidget(panel)
    panel.show_case(make_case())
    history = panel.history_section
    assert history.prior_table.rowCount() == 1
    related = _table_texts(history.related_table)
    assert "APL-000030" in related
    assert "Same seller" in related
    assert "Uphold" in related
    assert "Prior enforcements: 1 · strikes: 1" in history.summary_label.text()
    events = _table_texts(panel.events_section.table)
    assert "Claimed" in events
    assert "New → In review" in events
    evidence = _table_texts(panel.enforcement_section.evidence_table)
    assert evidence[:2] == ["listing_title", "Designer bag"]
    assert '["a.jpg"]' in evidence
    assert "IPX-model-4" in panel.enforcement_section.automation_label.text()
    assert panel.tabs.tabText(2) == "History (2)"


def test_clear_shows_empty_state_and_refresh_keeps_tab(qtbot, make_case):
    panel = CasePanel(clock=FakeClock(NOW))
    qtbot.addWidget(panel)
    panel.show()
    assert panel.empty_label.isVisible()
    panel.show_case(make_case())
    assert not panel.empty_label.isVisible()
    assert not panel.appellant_section.statement_view.is_truncated()

    panel.tabs.setCurrentIndex(3)
    panel.show_case(make_case(events=()))  # a refresh of the same appeal
    assert panel.tabs.currentIndex() == 3
    assert panel.events_section.table.rowCount() == 0
    panel.show_case(make_case(appeal_id=43, ref="APL-000043"))  # another appeal
    assert panel.tabs.currentIndex() == 0

    panel.clear()
    assert panel.case() is None
    assert panel.empty_label.isVisible()
    assert panel.appellant_section.statement_view.editor.toPlainText() == ""


def test_the_same_case_shown_again_keeps_the_live_lease_line(qtbot, make_case) -> None:
    # Our own hold comes back through the change feed and re-shows the case: the header
    # must keep "Held for help: …" (the lease indicator's line), not flash back to the
    # loaded "You hold the lease until …" until the indicator's next tick.
    panel = CasePanel(clock=FakeClock(NOW))
    qtbot.addWidget(panel)
    panel.show_case(make_case())
    header = panel.header
    header.show_lease("Held for help: asking Lena · until 18:00")
    panel.update_live(make_case())
    assert header.lease_label.text() == "Held for help: asking Lena · until 18:00"
    panel.show_case(make_case(appeal_id=43, ref="APL-000043"))  # another case: its own line
    assert header.lease_label.text().startswith("You hold the lease until")
