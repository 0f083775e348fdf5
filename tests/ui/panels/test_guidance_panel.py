"""GuidancePanel: safe Markdown rendering, per-case checklist, SOP search by keyboard."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt

from reviewer_app.ui.guidance import GuidancePanel
from reviewer_app.ui.guidance.markdown import render_markdown


@dataclass(frozen=True)
class Hit:
    """Same shape as services.guidance.SopHit (ui tests must not need the services)."""

    policy_code: str
    version: int
    title: str
    snippet: str


def test_markdown_renders_headings_and_lists_and_escapes_html(qtbot, make_sop):
    body = (
        "# Main heading\n\n## Sub heading\n\n- first point\n- second point\n\n"
        "<script>alert(1)</script>\n\n<b>bold?</b> and [bad](javascript:alert(2))\n"
    )
    html = render_markdown(body)
    assert "<h1>Main heading</h1>" in html
    assert "<li>first point</li>" in html
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert 'href="javascript' not in html

    panel = GuidancePanel()
    qtbot.addWidget(panel)
    panel.show_sop(make_sop(body_markdown=body))
    text = panel.browser.toPlainText()
    # Raw HTML is shown as the literal characters, headings and list items as text.
    assert "<script>alert(1)</script>" in text
    assert "<b>bold?</b>" in text
    assert "Main heading" in text
    assert "second point" in text
    rendered = panel.browser.toHtml()
    assert "<li" in rendered
    assert panel.title_label.text() == "Counterfeit and IP appeals"
    assert panel.version_label.text() == "Version 4, in force since 2026-01-15"
    assert not panel.browser.openLinks()
    assert not panel.browser.openExternalLinks()


def test_checklist_is_checkable_by_keyboard_and_resets_per_case(qtbot, make_sop):
    panel = GuidancePanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.show_sop(make_sop())
    assert panel.checklist.count() == 2
    assert panel.checked_items() == ()

    panel.checklist.setFocus()
    panel.checklist.setCurrentRow(1)
    qtbot.keyClick(panel.checklist, Qt.Key.Key_Space)
    assert panel.checked_items() == ("Brand authorised",)
    panel.checklist.setCurrentRow(0)
    qtbot.keyClick(panel.checklist, Qt.Key.Key_Return)  # Return toggles as well
    assert panel.checked_items() == ("Invoice matches listing", "Brand authorised")
    qtbot.keyClick(panel.checklist, Qt.Key.Key_Return)
    assert panel.checked_items() == ("Brand authorised",)

    # Looking at another SOP during the same case and coming back keeps the ticks.
    other = make_sop(id=12, policy_code="UNSAFE_PRODUCT", checklist=("Only item",))
    panel.show_sop(other, new_case=False)
    assert [panel.checklist.item(i).text() for i in range(panel.checklist.count())] == [
        "Only item"
    ]
    assert panel.checked_items() == ()
    panel.show_sop(make_sop(), new_case=False)
    assert panel.checked_items() == ("Brand authorised",)

    # A new case starts with a clean checklist, even for the same SOP.
    panel.show_sop(make_sop())
    assert panel.checked_items() == ()
    panel.checklist.setCurrentRow(0)
    qtbot.keyClick(panel.checklist, Qt.Key.Key_Space)
    panel.reset_checklist()
    assert panel.checked_items() == ()


def test_search_emits_and_results_activate(qtbot):
    panel = GuidancePanel()
    qtbot.addWidget(panel)
    with qtbot.waitActive(panel):
        panel.show()
        panel.activateWindow()
    panel.focus_search()
    assert panel.search_edit.hasFocus()

    qtbot.keyClicks(panel.search_edit, "  invoice ")
    with qtbot.waitSignal(panel.search_requested) as searched:
        qtbot.keyClick(panel.search_edit, Qt.Key.Key_Return)
    assert searched.args == ["invoice"]

    panel.show_results([
        Hit("IP_COUNTERFEIT", 4, "Counterfeit", "…supplier invoice…"),
        Hit("UNSAFE_PRODUCT", 2, "Unsafe products", "…test invoice…"),
    ])
    assert panel.results_list.isVisible()
    assert "UNSAFE_PRODUCT" in panel.results_list.item(1).text()
    panel.results_list.setFocus()
    qtbot.keyClick(panel.results_list, Qt.Key.Key_Down)
    with qtbot.waitSignal(panel.sop_requested) as requested:
        qtbot.keyClick(panel.results_list, Qt.Key.Key_Return)
    assert requested.args == ["UNSAFE_PRODUCT"]

    panel.show_results([])
    assert not panel.results_list.isVisible()
    assert panel.no_results_label.isVisible()


def test_empty_search_emits_nothing_and_clear_empties(qtbot, make_sop):
    panel = GuidancePanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.search_edit.setFocus()
    with qtbot.assertNotEmitted(panel.search_requested):
        qtbot.keyClicks(panel.search_edit, "   ")
        qtbot.keyClick(panel.search_edit, Qt.Key.Key_Return)
    panel.show_sop(make_sop())
    panel.clear()
    assert panel.sop() is None
    assert panel.browser.toPlainText() == ""
    assert panel.checklist.count() == 0


def test_markdown_tables_render_as_tables_with_cells_escaped() -> None:
    from reviewer_app.ui.guidance.markdown import render_markdown

    html = render_markdown("| Document | Valid when |\n|---|---|\n| Invoice | <b>dated</b> |\n")
    assert "<table>" in html
    assert "<th>Document</th>" in html
    assert "<td>&lt;b&gt;dated&lt;/b&gt;</td>" in html
