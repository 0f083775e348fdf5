"""The Simplified Chinese translation is complete, current, and used by the main window."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reviewer_app.app import build_main_window, build_services
from reviewer_app.config import load_config
from reviewer_app.data.db import Database, create_db_engine
from reviewer_app.domain.enums import Role
from reviewer_app.domain.models import User
from reviewer_app.ui.i18n import install_translators, remove_translators, translations_dir
from reviewer_app.ui.main_window import MainWindow
from reviewer_app.workers.runner import Runner

ROOT = Path(__file__).resolve().parents[2]
TS = translations_dir() / "reviewer_app_zh_CN.ts"


def messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    tree = ET.parse(ts)
    found = {}
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            found[(name, message.findtext("source") or "")] = message
    return found


def test_every_message_has_a_finished_chinese_translation() -> None:
    found = messages(TS)
    assert len(found) > 200
    unfinished = []
    for key, message in found.items():
        translation = message.find("translation")
        text = "".join(translation.itertext()) if translation is not None else ""
        if translation is None or translation.get("type") or not text.strip():
            unfinished.append(key)
    assert unfinished == []


def test_translation_file_covers_every_string_in_the_sources(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.ts"
    sources = [str(p) for p in sorted((ROOT / "reviewer_app" / "ui").rglob("*.py"))]
    sources += [str(ROOT / "reviewer_app" / name) for name in ("app.py", "first_run_tasks.py")]
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    subprocess.run([str(lupdate), "-silent", *sources, "-ts", str(fresh)], check=True)
    missing = set(messages(fresh)) - set(messages(TS))
    assert missing == set(), "run packaging/fill_translations.py"


def test_compiled_translation_exists(compiled_translations: list[Path]) -> None:
    assert TS.with_suffix(".qm") in compiled_translations
    assert TS.with_suffix(".qm").stat().st_size > 1000


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[QLocale]:
    locale = install_translators(qapp, QLocale("zh_CN"))
    yield locale
    remove_translators(qapp)
    QLocale.setDefault(QLocale(QLocale.Language.English))


def test_main_window_in_chinese(qtbot: QtBot, chinese: QLocale, sqlite_url: str) -> None:
    db = Database(create_db_engine(sqlite_url))
    runner = Runner()
    try:
        cfg = load_config(sqlite_url)
        user = User(id=1, login="li", display_name="李娜", role=Role.REVIEWER)
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        window: MainWindow = build_main_window(runner, build_services(db, cfg), user, cfg, app)
        qtbot.addWidget(window)
        assert window.actions.claim_next.text() == "领取下一个申诉"
        assert window.actions.submit.text() == "提交决定并领取下一个"
        assert window.queue_dock.windowTitle() == "队列"
        menus = [a.text() for a in window.menuBar().actions()]
        assert menus == ["工作", "导航", "帮助"]
        assert "审核员" in window.user_label.text()
        header = window.queue_panel.model.headerData(0, Qt.Orientation.Horizontal)
        assert header == "申诉"
    finally:
        runner.shutdown()
        db.dispose()
