"""Hostile text from a CRM file is shown literally in every window a lead opens.

The file goes in through the real import (as a CRM export would); then the main window, the
opened case and every team-dashboard tab are walked widget by widget. Wherever the marker
``ZQX`` shows, its tags must show with it: a label must be plain text, an editor must hold
the tags literally, a table cell must not carry markup into a tooltip (Qt renders tooltips
as rich text), and no cell may hold the 1 MB statement whole (painting would stall).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from factories import Factory
from PySide6 import QtGui
from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QLabel,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from test_import_cli import COLUMNS, row, write_csv

from reviewer_app.cli import main as cli_main
from reviewer_app.data.db import Database, create_db_engine
from reviewer_app.data.orm import AppealRow, UserRow
from reviewer_app.domain.enums import Role
from reviewer_app.services.catalog import install_default_catalog
from reviewer_app.ui.main_window import MainWindow

MARK = "ZQX"
TAGGED = f"<b>{MARK}</b>"
# Short enough for 64-character keys (appellant, listing, login), long enough to hurt.
SHORT = f'{TAGGED}<a href="javascript:x()">{MARK}</a>'
HOSTILE = (f'{TAGGED}<script>alert(1)</script><a href="javascript:alert(2)">{MARK} link</a>'
           " مرحبا بالعالم 👍🏽 zero\u200bwidth bell\u0007 <i>qt</i>")
MEGABYTE_CHARS = 350_000  # CJK: three UTF-8 bytes each, so a little over 1 MB
LONGEST_CELL = 10_000  # a cell longer than this is the statement pasted whole
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def db(sqlite_url: str, tmp_path: Path) -> Iterator[Database]:
    database = Database(create_db_engine(sqlite_url))
    install_default_catalog(database)
    now = datetime.now(UTC)
    people = Factory(database, now=now)
    people.user("thomas", role=Role.LEAD)
    people.user("quinn", role=Role.QA)
    received = (now - timedelta(days=3)).isoformat(timespec="seconds")
    enforced = (now - timedelta(days=4)).isoformat(timespec="seconds")
    rows = [
        row(1, appeal_text=HOSTILE + "长" * MEGABYTE_CHARS, appellant_id=SHORT,
            decision_facts=HOSTILE, listing_id=SHORT, received_at=received,
            enforced_at=enforced, priority="99"),
        row(2, appeal_text=HOSTILE, appellant_id=SHORT, decision_facts=HOSTILE,
            received_at=received, enforced_at=enforced, outcome="uphold",
            decided_at=(now - timedelta(days=1)).isoformat(timespec="seconds"),
            decided_by=SHORT, reason_code="IP_VALID_NOTICE", handle_seconds="300"),
    ]
    source = write_csv(tmp_path / "hostile.csv", rows, columns=COLUMNS)
    assert cli_main(["import", str(source), "--db", sqlite_url]) == 0
    with database.read() as s:  # the file went in whole: nothing was trimmed on the way
        texts = dict(s.execute(select(AppealRow.ref, AppealRow.statement)).all())
        assert texts["AP-1"] == HOSTILE + "长" * MEGABYTE_CHARS
        assert SHORT in set(s.scalars(select(UserRow.login)))
    yield database
    database.dispose()


@pytest.fixture
def window_start_timeout_ms() -> int:
    return 10_000  # the queue's first load reads the imported 1 MB statement's row


@pytest.fixture
def lead_window(window_for: Callable[[str], MainWindow]) -> MainWindow:
    return window_for("thomas")


def cells(model: QAbstractItemModel) -> Iterator[tuple[int, int, QModelIndex
                                                      | QPersistentModelIndex]]:
    """The first 200 top-level rows' cells of ``model``."""
    top = QModelIndex()
    # A list model's columnCount is private in PySide6: it has one column.
    columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(top)
    for r in range(min(model.rowCount(top), 200)):
        for c in range(columns):
            yield r, c, model.index(r, c, top)


def tooltip_as_shown(tip: str) -> str:
    """The characters Qt shows for a tooltip: it renders anything that looks like markup."""
    if not QtGui.Qt.mightBeRichText(tip):  # PySide6 keeps it in QtGui's Qt namespace
        return tip
    document = QTextDocument()
    document.setHtml(tip)
    return document.toPlainText()


def markup_problems(root: QWidget) -> list[str]:
    """Every place under ``root`` where the marker shows without its tags, or could."""
    found: list[str] = []
    for label in root.findChildren(QLabel):
        if MARK in label.text() and label.textFormat() != Qt.TextFormat.PlainText:
            found.append(f"label {label.objectName() or label.text()[:40]!r} is not plain text")
    for editor in root.findChildren(QTextEdit) + root.findChildren(QPlainTextEdit):
        text = editor.toPlainText()
        if MARK in text and TAGGED not in text:
            found.append(f"editor {editor.objectName()!r} rendered the markup")
    views = root.findChildren(QAbstractItemView) + [c.view() for c in root.findChildren(QComboBox)]
    for view in views:
        model = view.model()
        if model is None:
            continue
        for r, c, index in cells(model):
            shown = model.data(index, Qt.ItemDataRole.DisplayRole)
            tip = model.data(index, Qt.ItemDataRole.ToolTipRole)
            if isinstance(shown, str) and len(shown) > LONGEST_CELL:
                found.append(f"view {view.objectName()!r} cell ({r},{c}) holds "
                             f"{len(shown):,} characters")
            if isinstance(tip, str) and MARK in tip and TAGGED not in tooltip_as_shown(tip):
                found.append(f"view {view.objectName()!r} tooltip ({r},{c}) renders markup")
    return found


def marked_widgets(root: QWidget) -> int:
    """How many labels, editors and cells under ``root`` show the marker (the walk saw it)."""
    n = sum(MARK in lb.text() for lb in root.findChildren(QLabel))
    n += sum(MARK in e.toPlainText()
             for e in root.findChildren(QTextEdit) + root.findChildren(QPlainTextEdit))
    for view in root.findChildren(QAbstractItemView):
        model = view.model()
        if model is None:
            continue
        n += sum(MARK in str(model.data(index, Qt.ItemDataRole.DisplayRole) or "")
                 for _r, _c, index in cells(model))
    return n


def test_the_queue_and_the_opened_case_show_hostile_text_literally(
    qtbot: QtBot, lead_window: MainWindow
) -> None:
    window = lead_window
    table = window.queue_panel.table
    qtbot.waitUntil(lambda: window.queue_panel.model.rowCount() == 1, timeout=10_000)
    assert marked_widgets(window) >= 1  # the seller column shows the appellant's id
    assert markup_problems(window) == []

    table.setFocus()
    table.selectRow(0)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.flow.current is not None, timeout=10_000)
    case = window.case_panel.case()
    assert case is not None and case.statement.startswith(HOSTILE)
    window.grab()  # paint everything once: a 1 MB statement must not stall this
    statement = window.case_panel.appellant_section.statement_view.editor.toPlainText()
    assert statement.startswith(TAGGED)
    assert len(statement) < MEGABYTE_CHARS  # the start is shown, the rest on "show all"
    assert marked_widgets(window) >= 3
    assert markup_problems(window) == []


def test_every_team_dashboard_tab_shows_a_hostile_login_literally(
    qtbot: QtBot, lead_window: MainWindow
) -> None:
    window = lead_window
    qtbot.keyClick(window, Qt.Key.Key_L, CTRL_SHIFT)
    team = window.dashboards.team
    assert team is not None
    qtbot.waitUntil(team.isVisible, timeout=5000)
    titles = [team.tabs.tabText(i) for i in range(team.tabs.count())]
    reviewers = team.tabs.widget(titles.index("Reviewers"))
    team.tabs.setCurrentWidget(reviewers)
    qtbot.waitUntil(lambda: reviewers.model.rowCount() >= 1, timeout=20_000)
    for i in range(team.tabs.count()):
        team.tabs.setCurrentIndex(i)
        qtbot.wait(50)
        team.grab()
    assert marked_widgets(team) >= 1  # the imported decider's login, as their name
    assert markup_problems(team) == []


def test_the_qa_window_shows_a_hostile_case_and_decider_literally(
    qtbot: QtBot, window_for: Callable[[str], MainWindow]
) -> None:
    window = window_for("quinn")
    qtbot.keyClick(window.queue_panel.table, Qt.Key.Key_Q, CTRL_SHIFT)
    qtbot.waitUntil(lambda: window.qa_window is not None and window.qa_window.isVisible(),
                    timeout=5000)
    qa = window.qa_window
    sampling, audit = qa.sampling, qa.audit
    assert sampling is not None and audit is not None
    qa.tabs.setCurrentWidget(sampling)
    sampling.name.setFocus()
    qtbot.keyClicks(sampling.name, "All of it")
    sampling.rate.setValue(100.0)
    qtbot.mouseClick(sampling.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: sampling.plan_list.count() == 1, timeout=5000)
    sampling.plan_list.setCurrentRow(0)
    sampling.date_from.setDate(QDate.currentDate().addDays(-7))
    qtbot.mouseClick(sampling.draw_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: audit.table.rowCount() == 1, timeout=5000)  # the decided AP-2
    qa.tabs.setCurrentWidget(audit)
    qtbot.waitUntil(lambda: TAGGED in audit.case_view.toPlainText(), timeout=5000)
    qa.grab()
    assert marked_widgets(qa) >= 1
    assert markup_problems(qa) == []
