"""GuidancePanel: SOP viewer (Markdown), per-case checklist and SOP search."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.domain.models import SopDocument
from reviewer_app.ui import labels
from reviewer_app.ui.guidance.markdown import STYLE_SHEET, render_markdown

_POLICY_ROLE = Qt.ItemDataRole.UserRole


class SopHitLike(Protocol):
    """What a search hit offers (``services.guidance.SopHit``; ui must not import services)."""

    policy_code: str
    version: int
    title: str
    snippet: str


class GuidancePanel(QWidget):
    """Shows the SOP of the case's policy beside the case; a pure view.

    Signals:
        search_requested(str): the reviewer submitted a search (Return in the search box).
        sop_requested(str): the reviewer activated a search result; the policy code.
    """

    search_requested = Signal(str)
    sop_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("GuidancePanel")
        self._sop: SopDocument | None = None
        self._ticks: dict[int, frozenset[str]] = {}  # SOP id -> ticked items, this case

        self.search_edit = QLineEdit(self)
        self.search_edit.setPlaceholderText(self.tr("Search SOPs (Ctrl+K)"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.returnPressed.connect(self._on_search_edit_return_pressed)
        self.results_list = QListWidget(self)
        self.results_list.setWordWrap(True)
        self.results_list.setMaximumHeight(160)
        self.results_list.setVisible(False)
        self.results_list.itemActivated.connect(self._on_results_list_item_activated)
        self.no_results_label = QLabel(self.tr("No SOP matches."), self)
        self.no_results_label.setVisible(False)

        self.title_label = QLabel(self)
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        self.title_label.setWordWrap(True)
        font = QFont(self.title_label.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.title_label.setFont(font)
        self.version_label = QLabel(self)
        self.version_label.setTextFormat(Qt.TextFormat.PlainText)

        self.browser = QTextBrowser(self)
        # The SOP is read here, never navigated away from: links do not open anything.
        self.browser.setOpenLinks(False)
        self.browser.setOpenExternalLinks(False)
        self.browser.document().setDefaultStyleSheet(STYLE_SHEET)
        self.browser.anchorClicked.connect(self._on_browser_anchor_clicked)

        self.checklist_label = QLabel(self.tr("Checklist"), self)
        self.checklist = QListWidget(self)
        self.checklist.setWordWrap(True)
        self.checklist.itemActivated.connect(self._on_checklist_item_activated)
        self.checklist_label.setBuddy(self.checklist)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.results_list)
        layout.addWidget(self.no_results_label)
        layout.addWidget(self.title_label)
        layout.addWidget(self.version_label)
        layout.addWidget(self.browser, 1)
        layout.addWidget(self.checklist_label)
        layout.addWidget(self.checklist)
        self.clear()

    def show_sop(self, sop: SopDocument, *, new_case: bool = True) -> None:
        """Render ``sop`` with its checklist.

        Args:
            sop: The SOP document to show.
            new_case: True (default) when a case was opened: every tick is forgotten. Pass
                False when the reviewer merely looks at another SOP (search) during the same
                case; ticks made on an SOP are then restored when they come back to it.
        """
        if new_case:
            self._ticks.clear()
        else:
            self._remember_ticks()
        self._sop = sop
        self.title_label.setText(sop.title)
        self.version_label.setText(
            self.tr("Version %1, in force since %2")
            .replace("%1", str(sop.version))
            .replace("%2", labels.date_only(sop.effective_from))
        )
        self.browser.setHtml(render_markdown(sop.body_markdown))
        self._fill_checklist(sop.checklist, self._ticks.get(sop.id, frozenset()))

    def reset_checklist(self) -> None:
        """Uncheck every checklist item and forget remembered ticks."""
        self._ticks.clear()
        for i in range(self.checklist.count()):
            self.checklist.item(i).setCheckState(Qt.CheckState.Unchecked)

    def checked_items(self) -> tuple[str, ...]:
        """Checklist items the reviewer ticked, in checklist order."""
        return tuple(
            self.checklist.item(i).text()
            for i in range(self.checklist.count())
            if self.checklist.item(i).checkState() == Qt.CheckState.Checked
        )

    def sop(self) -> SopDocument | None:
        """The SOP on display, if any."""
        return self._sop

    def focus_search(self) -> None:
        """Put the cursor in the search box with its text selected (Ctrl+K)."""
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def show_results(self, hits: Iterable[SopHitLike]) -> None:
        """List search ``hits``; activating one emits ``sop_requested(policy_code)``."""
        self.results_list.clear()
        for hit in hits:
            text = self.tr("%1 — %2 (v%3)\n%4")
            text = (
                text.replace("%1", hit.policy_code)
                .replace("%2", hit.title)
                .replace("%3", str(hit.version))
                .replace("%4", hit.snippet)
            )
            item = QListWidgetItem(text, self.results_list)
            item.setData(_POLICY_ROLE, hit.policy_code)
        has_hits = self.results_list.count() > 0
        self.results_list.setVisible(has_hits)
        self.no_results_label.setVisible(not has_hits)
        if has_hits:
            self.results_list.setCurrentRow(0)

    def clear(self) -> None:
        """Show nothing (no case open); ticks are forgotten."""
        self._sop = None
        self._ticks.clear()
        self.title_label.setText(self.tr("No SOP loaded"))
        self.version_label.clear()
        self.browser.clear()
        self.checklist.clear()
        self.checklist_label.setVisible(False)
        self.checklist.setVisible(False)

    def _remember_ticks(self) -> None:
        if self._sop is not None:
            self._ticks[self._sop.id] = frozenset(self.checked_items())

    def _fill_checklist(self, items: tuple[str, ...], ticked: frozenset[str]) -> None:
        self.checklist.clear()
        for text in items:
            item = QListWidgetItem(text, self.checklist)
            item.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsUserCheckable
            )
            item.setCheckState(
                Qt.CheckState.Checked if text in ticked else Qt.CheckState.Unchecked
            )
        self.checklist_label.setVisible(bool(items))
        self.checklist.setVisible(bool(items))
        if items:
            # As tall as its items (wrapped lines may need a scroll), so the SOP gets the room.
            rows = sum(self.checklist.sizeHintForRow(i) for i in range(len(items)))
            self.checklist.setMaximumHeight(rows + 2 * self.checklist.frameWidth() + 8)

    def _on_search_edit_return_pressed(self) -> None:
        text = self.search_edit.text().strip()
        if text:
            self.search_requested.emit(text)

    def _on_results_list_item_activated(self, item: QListWidgetItem) -> None:
        self.sop_requested.emit(str(item.data(_POLICY_ROLE)))
        self.results_list.setVisible(False)

    def _on_checklist_item_activated(self, item: QListWidgetItem) -> None:
        # Return/double-click toggles too, not only Space, so the keyboard path is obvious.
        checked = item.checkState() == Qt.CheckState.Checked
        item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)

    def _on_browser_anchor_clicked(self, url: QUrl) -> None:
        # In-document anchors scroll; anything else stays put (SOP links are for reading).
        if url.hasFragment() and not url.scheme() and not url.path():
            self.browser.scrollToAnchor(url.fragment())
