"""Calibration and golden-case tabs of the QA window, driven through their widgets and
checked in the database."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from factories import Factory
from PySide6.QtCore import Qt
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from reviewer_app.data.db import Database, create_db_engine
from reviewer_app.data.orm import AppealRow, DecisionRow
from reviewer_app.data.qa_orm import (
    CalibrationRatingRow,
    CalibrationSessionRow,
    GoldenCaseRow,
    QaEvaluationRow,
)
from reviewer_app.domain.enums import Outcome, Role
from reviewer_app.domain.models import User
from reviewer_app.services.calibration import CalibrationService
from reviewer_app.services.golden import GoldenService
from reviewer_app.services.qa import QaService
from reviewer_app.ui.qa.calibration_panel import parse_cases
from reviewer_app.ui.qa.qa_window import QaWindow
from reviewer_app.workers.runner import Runner

CTRL = Qt.KeyboardModifier.ControlModifier


@dataclass
class Desk:
    db: Database
    runner: Runner
    users: dict[str, User]
    refs: list[str]
    open_ref: str
    open_id: int

    def window(self, qtbot: QtBot, who: str) -> QaWindow:
        window = QaWindow(self.runner, QaService(self.db), self.users[who],
                          calibration=CalibrationService(self.db),
                          golden=GoldenService(self.db))
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.reload()
        return window

    def count(self, row: type) -> int:
        with self.db.read() as s:
            return int(s.scalar(select(func.count()).select_from(row)))


@pytest.fixture
def desk(sqlite_url: str) -> Iterator[Desk]:
    db = Database(create_db_engine(sqlite_url))
    f = Factory(db, now=datetime.now(UTC))
    roles = {"ana": Role.REVIEWER, "ben": Role.REVIEWER, "quinn": Role.QA}
    ids = {name: f.user(name, role=role) for name, role in roles.items()}
    users = {k: User(id=v, login=k, display_name=k.title(), role=roles[k])
             for k, v in ids.items()}
    decided = f.appeals(2, status="decided")
    open_id = f.appeal()
    with db.read() as s:
        refs = [s.scalar(select(AppealRow.ref).where(AppealRow.id == a)) for a in decided]
        open_ref = s.scalar(select(AppealRow.ref).where(AppealRow.id == open_id))
    runner = Runner()
    yield Desk(db, runner, users, refs, open_ref, open_id)
    runner.shutdown()
    db.dispose()


def test_case_lines_are_parsed_or_refused_by_line_number() -> None:
    assert parse_cases("AP-1 overturn OVR-X\n\nAP-2 uphold\n") == [
        ("AP-1", Outcome.OVERTURN, "OVR-X"), ("AP-2", Outcome.UPHOLD, None)]
    for bad, line in (("AP-1", "1"), ("AP-1 uphold\nAP-2 escalate", "2"),
                      ("AP-1 maybe", "1"), ("AP-1 uphold A B", "1")):
        with pytest.raises(ValueError, match=line):
            parse_cases(bad)


def test_a_calibration_session_created_rated_and_compared(qtbot: QtBot, desk: Desk) -> None:
    quinn = desk.window(qtbot, "quinn")
    panel = quinn.calibration
    assert panel is not None
    quinn.tabs.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: panel.people_list.count() == 3, timeout=5000)
    qtbot.keyClicks(panel.new_name, "March calibration")
    panel.new_cases.setPlainText(f"{desk.refs[0]} uphold\nAP-NOPE overturn")
    for i in range(panel.people_list.count()):
        item = panel.people_list.item(i)
        if item.text() in ("Ana", "Ben"):
            item.setCheckState(Qt.CheckState.Checked)
    qtbot.mouseClick(panel.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "No appeal AP-NOPE" in quinn.banner.text(), timeout=5000)
    assert desk.count(CalibrationSessionRow) == 0  # nothing half made
    panel.new_cases.setPlainText(f"{desk.refs[0]} uphold\n{desk.refs[1]} overturn")
    qtbot.mouseClick(panel.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.session_list.count() == 1, timeout=5000)

    for who, answers in (("ana", ("uphold", "overturn")), ("ben", ("uphold", "uphold"))):
        window = desk.window(qtbot, who)
        mine = window.calibration
        assert mine is not None and not mine.new_box.isVisibleTo(window)
        window.tabs.setCurrentWidget(mine)
        for n, answer in enumerate(answers):
            qtbot.waitUntil(lambda m=mine, n=n: m.item is not None and m.item.position == n,
                            timeout=5000)
            assert "gold" not in mine.case_view.toPlainText().lower()
            mine.outcome.setCurrentIndex(mine.outcome.findData(answer))
            mine.reason.setFocus()
            qtbot.waitUntil(mine.reason.hasFocus, timeout=2000)
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, CTRL)
        qtbot.waitUntil(lambda m=mine: m.item is None, timeout=5000)
        assert "Nothing to rate" in mine.case_view.toPlainText()
    assert desk.count(CalibrationRatingRow) == 4

    quinn.reload()
    qtbot.waitUntil(lambda: "Ana: 2/2" in panel.results.toPlainText(), timeout=5000)
    text = panel.results.toPlainText()
    assert "Ana: 2/2 (100%)" in text and "Ben: 1/2 (50%)" in text
    assert text.index("Most contested first:") < text.index(desk.refs[1])  # Ben differed


def test_a_golden_case_is_planted_and_its_decision_scored(qtbot: QtBot, desk: Desk) -> None:
    quinn = desk.window(qtbot, "quinn")
    panel = quinn.golden
    assert panel is not None and desk.window(qtbot, "ana").golden is None
    quinn.tabs.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: panel.targets.count() == 2, timeout=5000)  # reviewers only
    qtbot.keyClicks(panel.ref, desk.open_ref)
    panel.outcome.setCurrentIndex(panel.outcome.findData("overturn"))
    qtbot.mouseClick(panel.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Choose the reviewers" in quinn.banner.text(), timeout=5000)
    panel.targets.item(0).setCheckState(Qt.CheckState.Checked)  # Ana
    qtbot.mouseClick(panel.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: desk.count(GoldenCaseRow) == 1, timeout=5000)
    # Ana decides it (wrongly); the next scoring pass publishes a golden evaluation.
    with desk.db.write() as s:
        s.add(DecisionRow(appeal_id=desk.open_id, user_id=desk.users["ana"].id,
                          outcome="uphold", reason_code="UPH-X",
                          decided_at=datetime.now(UTC) - timedelta(minutes=1)))
        s.get(AppealRow, desk.open_id).status = "decided"
    qtbot.mouseClick(panel.score_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.table.rowCount() == 1, timeout=5000)
    assert [panel.table.item(0, c).text() for c in range(4)] == ["Ana", "1", "0", "0%"]
    assert "1 golden decision(s) scored" in quinn.banner.text()
    with desk.db.read() as s:
        ev = s.execute(select(QaEvaluationRow.kind, QaEvaluationRow.status,
                              QaEvaluationRow.score)).one()
    assert tuple(ev) == ("golden", "published", 0.0)


def test_held_keys_record_publish_and_rate_once(qtbot: QtBot, desk: Desk) -> None:
    # Ctrl+Return records a blind decision or a rating; held down it must not repeat.
    quinn = desk.window(qtbot, "quinn")
    acting = {"Ctrl+Return", "Ctrl+Enter", "Ctrl+Shift+P"}
    shortcuts = [s for s in quinn.findChildren(QShortcut) if s.key().toString() in acting]
    assert len(shortcuts) >= 5  # audit: record twice and publish; calibration: rate twice
    assert not any(s.autoRepeat() for s in shortcuts)
