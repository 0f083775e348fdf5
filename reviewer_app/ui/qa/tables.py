"""Small widgets the QA tabs share: read-only result tables and checkable people lists."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QListWidget,
    QListWidgetItem,
    QTableWidget,
    QTableWidgetItem,
)

from reviewer_app.domain.models import User


def read_only_table(name: str, headers: Sequence[str], *, rows_selectable: bool = False
                    ) -> QTableWidget:
    """A table the user reads (and, with ``rows_selectable``, picks one row of)."""
    table = QTableWidget(0, len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    if rows_selectable:
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    table.verticalHeader().hide()
    return table


def fill_rows(table: QTableWidget, rows: Sequence[Sequence[str]]) -> None:
    """Replace the table's rows with ``rows`` of text."""
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.setItem(r, c, QTableWidgetItem(value))


def fill_people(people_list: QListWidget, people: Iterable[User]) -> None:
    """One checkable line per person, keeping the ticks of people still listed."""
    ticked = set(checked_ids(people_list))
    people_list.clear()
    for person in people:
        entry = QListWidgetItem(person.display_name)
        entry.setData(Qt.ItemDataRole.UserRole, person.id)
        entry.setCheckState(Qt.CheckState.Checked if person.id in ticked
                            else Qt.CheckState.Unchecked)
        people_list.addItem(entry)


def checked_ids(people_list: QListWidget) -> list[int]:
    """The user ids ticked in a list made by ``fill_people``."""
    return [people_list.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(people_list.count())
            if people_list.item(i).checkState() == Qt.CheckState.Checked]
