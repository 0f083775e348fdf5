"""The QA workstation driven through its widgets: a plan, a draw, a blind re-review, publish;
the reviewer disputes, the lead resolves; each step checked in the database."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from factories import Factory
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from reviewer_app.app import build_main_window, build_services
from reviewer_app.config import load_config
from reviewer_app.data.db import Database, create_db_engine
from reviewer_app.data.orm import DecisionRow
from reviewer_app.data.qa_orm import QaDisputeRow, QaEvaluationRow
from reviewer_app.domain.enums import Outcome, Role
from reviewer_app.domain.models import User
from reviewer_app.services.qa import QaService
from reviewer_app.ui.qa.qa_window import QaWindow
from reviewer_app.workers.runner import Runner

CTRL = Qt.KeyboardModifier.ControlModifier
SECRET = "Invoice checked against the brand registry"  # the original rationale


@dataclass
class Desk:
    db: Database
    runner: Runner
    qa: QaService
    users: dict[str, User]


@pytest.fixture
def desk(sqlite_url: str) -> Iterator[Desk]:
    db = Database(create_db_engine(sqlite_url))
    now = datetime.now(UTC)
    f = Factory(db, now=now)
    ids = {"ana": f.user("ana"), "quinn": f.user("quinn", role=Role.QA),
           "lena": f.user("lena", role=Role.LEAD)}
    roles = {"ana": Role.REVIEWER, "quinn": Role.QA, "lena": Role.LEAD}
    users = {k: User(id=v, login=k, display_name=k.title(), role=roles[k])
             for k, v in ids.items()}
    for appeal in f.appeals(2, status="decided"):
        with db.write() as s:
            s.add(DecisionRow(appeal_id=appeal, user_id=ids["ana"], outcome="uphold",
                              reason_code="UPH-DOCS-INVALID", rationale=SECRET,
                              response_text="Upheld.", decided_at=now - timedelta(hours=2)))
    runner = Runner()
    yield Desk(db, runner, QaService(db), users)
    runner.shutdown()
    db.dispose()


def window_for(qtbot: QtBot, desk: Desk, who: str) -> QaWindow:
    window = QaWindow(desk.runner, desk.qa, desk.users[who])
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.reload()
    return window


def key(qtbot: QtBot, widget: QWidget, k: Qt.Key, mod: Qt.KeyboardModifier) -> None:
    widget.window().activateWindow()
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus, timeout=2000)
    qtbot.keyClick(QApplication.focusWidget(), k, mod)


def evaluation(db: Database) -> QaEvaluationRow:
    with db.read() as s:
        row = s.scalars(select(QaEvaluationRow)).one()
        s.expunge(row)
        return row


def test_blind_review_publish_dispute_resolve(qtbot: QtBot, desk: Desk) -> None:
    qa_window = window_for(qtbot, desk, "quinn")
    sampling, audit = qa_window.sampling, qa_window.audit
    assert sampling is not None and audit is not None
    # A plan: every decision of the period (100 %), by keyboard in the form.
    qa_window.tabs.setCurrentWidget(sampling)
    sampling.name.setFocus()
    qtbot.keyClicks(sampling.name, "Everything this week")
    sampling.rate.setValue(100.0)
    qtbot.mouseClick(sampling.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: sampling.plan_list.count() == 1, timeout=5000)
    sampling.plan_list.setCurrentRow(0)
    sampling.date_from.setDate(QDate.currentDate().addDays(-1))
    sampling.seed.setText("7")
    qtbot.mouseClick(sampling.draw_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: audit.table.rowCount() == 2, timeout=5000)
    assert "2 of 2 decisions picked (seed 7)" in qa_window.banner.text()

    # Blind: the case is there, the original decision is not.
    qa_window.tabs.setCurrentWidget(audit)
    qtbot.waitUntil(lambda: "Appellant's statement" in audit.case_view.toPlainText(),
                    timeout=5000)
    assert SECRET not in audit.case_view.toPlainText()
    assert SECRET not in audit.comparison.toPlainText()
    assert not audit.reveal_box.isEnabled()
    audit.outcome.setCurrentIndex(audit.outcome.findData(Outcome.OVERTURN.value))
    qtbot.keyClicks(audit.reason, "OVR-NEW-EVIDENCE")
    key(qtbot, audit.reason, Qt.Key.Key_Return, CTRL)  # record and reveal
    qtbot.waitUntil(lambda: audit.reveal is not None, timeout=5000)
    assert SECRET in audit.comparison.toPlainText()
    # Different outcome: outcome and reason start as not met, error type wrong uphold.
    assert audit.scorecard.total.text() == "0 / 100"
    assert audit.scorecard.chosen_error() is not None
    assert audit.scorecard.chosen_error().value == "wrong_uphold"
    qtbot.keyClicks(audit.scorecard.comment, "The new invoice was genuine.")
    key(qtbot, audit.scorecard.comment, Qt.Key.Key_P,
        CTRL | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: audit.table.rowCount() == 1, timeout=5000)
    # The next sampled case opens blind, ready for its own decision.
    qtbot.waitUntil(lambda: audit.reveal is None and audit.record_button.isEnabled(),
                    timeout=5000)
    assert audit.table.item(0, 0).text() in audit.case_view.toPlainText()
    assert audit.scorecard.levels == {} and audit.scorecard.total.text() == "—"  # no leftovers
    assert audit.scorecard.comment.toPlainText() == ""
    ev = evaluation(desk.db)
    assert (ev.status, ev.score, ev.error_type, ev.blind_outcome) == (
        "published", 0.0, "wrong_uphold", "overturn")
    assert ev.comment == "The new invoice was genuine."
    accuracy = qa_window.accuracy
    accuracy.reload()
    qtbot.waitUntil(lambda: accuracy.samples.rowCount() == 1
                    and accuracy.samples.item(0, 2).text() == "1 / 2", timeout=5000)
    assert accuracy.samples.item(0, 3).text() == "0.0%"  # the one audit found an error

    # The reviewer sees it and disputes the outcome criterion.
    mine = window_for(qtbot, desk, "ana")
    assert mine.audit is None and mine.sampling is None  # no auditing for reviewers
    panel = mine.evaluations
    mine.tabs.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: bool(panel.dispute_boxes), timeout=5000)
    reason = panel.findChild(QWidget, "disputeReason_outcome")
    hostile = "The invoice number <b>does not</b> exist <a href='javascript:alert(1)'>at</a>"
    qtbot.keyClicks(reason, hostile)
    assert panel.findChild(QWidget, "dispute_outcome").isChecked()
    qtbot.mouseClick(panel.action_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: evaluation(desk.db).status == "disputed", timeout=5000)
    with desk.db.read() as s:
        assert s.scalar(select(QaDisputeRow.reason)).startswith("The invoice number")

    # The lead accepts it: the outcome counts as met, the score is computed again.
    lead = window_for(qtbot, desk, "lena")
    panel = lead.evaluations
    lead.tabs.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: bool(panel.answers), timeout=5000)
    # The lead reads the reviewer's reason literally: tags are text, not markup or links.
    shown = [w for w in panel.findChildren(QLabel) if hostile in w.text()]
    assert shown and all(w.textFormat() == Qt.TextFormat.PlainText for w in shown)
    answer = panel.findChild(QWidget, "answer_outcome")
    answer.setCurrentIndex(answer.findData("accepted"))
    qtbot.keyClicks(panel.findChild(QWidget, "answerNote_outcome"), "Agreed")
    qtbot.mouseClick(panel.action_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: evaluation(desk.db).status == "resolved", timeout=5000)
    ev = evaluation(desk.db)
    assert (ev.resolution, ev.score) == ("accepted", 75.0)  # reason (25) still not met
    qtbot.waitUntil(lambda: "resolved" in panel.detail.toPlainText(), timeout=5000)


def test_a_reviewer_sees_only_their_own_accuracy(qtbot: QtBot, desk: Desk) -> None:
    window = window_for(qtbot, desk, "ana")
    assert [window.accuracy.cut.itemData(i) for i in range(window.accuracy.cut.count())] \
        == ["reviewer"]


def test_ctrl_shift_q_opens_the_qa_window_from_the_workstation(
        qtbot: QtBot, desk: Desk, sqlite_url: str) -> None:
    cfg = load_config(sqlite_url)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    window = build_main_window(desk.runner, build_services(desk.db, cfg), desk.users["quinn"],
                               cfg, app)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    key(qtbot, window.queue_panel.table, Qt.Key.Key_Q,
        CTRL | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: window.qa_window is not None and window.qa_window.isVisible(),
                    timeout=3000)
    assert window.qa_window.audit is not None
    qtbot.waitUntil(lambda: window.qa_window.audit.table.rowCount() == 0
                    and "0 sampled" in window.qa_window.audit.count_label.text(), timeout=5000)


def test_the_plan_form_offers_only_what_the_kind_uses(qtbot: QtBot, desk: Desk) -> None:
    window = window_for(qtbot, desk, "quinn")
    sampling = window.sampling
    assert sampling is not None
    sampling.kind.setCurrentIndex(sampling.kind.findData("minimum"))
    assert not sampling.strata["policy"].isEnabled() and not sampling.rate.isEnabled()
    assert sampling.per_reviewer.isEnabled()
    sampling.per_reviewer.setValue(3)
    qtbot.keyClicks(sampling.name, "Three each")
    qtbot.mouseClick(sampling.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: sampling.plan_list.count() == 1, timeout=5000)
    assert sampling.plan_list.item(0).text() == (
        "Three each · Minimum per reviewer a week · 3 per reviewer a week")
    sampling.kind.setCurrentIndex(sampling.kind.findData("stratified"))
    assert sampling.strata["policy"].isEnabled() and not sampling.per_reviewer.isEnabled()


def test_results_arriving_after_the_window_closed_are_dropped(qtbot: QtBot,
                                                               desk: Desk) -> None:
    # A slow read may return after the person closed the QA window: the tabs are gone by
    # then and must not be touched (the runner would report a bug).
    window = QaWindow(desk.runner, desk.qa, desk.users["quinn"])
    bugs: list[object] = []
    desk.runner.bug_found.connect(bugs.append)
    window.reload()
    assert desk.runner.pending >= 4
    window.deleteLater()
    qtbot.waitUntil(lambda: desk.runner.pending == 0, timeout=5000)
    assert bugs == []


def test_a_lead_saves_a_new_scorecard_version(qtbot: QtBot, desk: Desk) -> None:
    window = window_for(qtbot, desk, "lena")
    panel = window.scorecard
    assert panel is not None and window_for(qtbot, desk, "quinn").scorecard is None
    window.tabs.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: panel.table.rowCount() == 4, timeout=5000)
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert panel.table.rowCount() == 5 and panel.table.currentRow() == 4  # editing its code
    panel.table.item(4, 0).setText("tone")
    panel.table.item(4, 1).setText("Tone of the response")
    panel.table.item(4, 2).setText("abc")
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert "weight must be a number" in window.banner.text()
    panel.table.item(4, 2).setText("10")
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "version 2" in panel.version_label.text(), timeout=5000)
    card = desk.qa.active_scorecard()
    assert (card.version, [c.code for c in card.criteria][-1]) == (2, "tone")
    assert card.criteria[-1].weight == 10 and not card.criteria[-1].critical
