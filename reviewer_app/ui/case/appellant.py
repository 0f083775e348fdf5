"""The appellant, their statement in its original language, plan of action and attachments."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QGroupBox, QSplitter, QVBoxLayout, QWidget

from reviewer_app.domain.models import CaseDetail
from reviewer_app.ui import labels
from reviewer_app.ui.case.text_view import LongTextView
from reviewer_app.ui.case.widgets import caption_label, fill_table, make_table, plain_label


class AppellantSection(QWidget):
    """Who appeals and what they say; all of it is shown as plain text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name_label = plain_label("", self, wrap=True)
        self.kind_label = plain_label("", self)
        self.market_label = plain_label("", self)

        who = QGroupBox(self.tr("Appellant"), self)
        form = QFormLayout(who)
        form.addRow(caption_label(self.tr("Name"), self), self.name_label)
        form.addRow(caption_label(self.tr("Type"), self), self.kind_label)
        form.addRow(caption_label(self.tr("Market / language"), self), self.market_label)

        statement_box = QGroupBox(self.tr("Statement (original language)"), self)
        self.statement_view = LongTextView(statement_box)
        QVBoxLayout(statement_box).addWidget(self.statement_view)

        plan_box = QGroupBox(self.tr("Plan of action"), self)
        self.plan_view = LongTextView(plan_box)
        QVBoxLayout(plan_box).addWidget(self.plan_view)

        attachments_box = QGroupBox(self.tr("Attachments"), self)
        self.attachments_table = make_table(
            [self.tr("File"), self.tr("Type"), self.tr("Size"), self.tr("Description")],
            attachments_box,
        )
        QVBoxLayout(attachments_box).addWidget(self.attachments_table)

        # A splitter lets the reviewer give the statement the room it needs.
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(statement_box)
        splitter.addWidget(plan_box)
        splitter.addWidget(attachments_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setStretchFactor(2, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(who)
        layout.addWidget(splitter, 1)

    def show_case(self, case: CaseDetail) -> None:
        """Fill the section from ``case``."""
        a = case.appellant
        self.name_label.setText(f"{a.display_name} ({a.ref})")
        self.kind_label.setText(
            f"{labels.appellant_type(a.kind)} · {labels.account_type(a.account_type)}"
        )
        self.market_label.setText(f"{a.market} / {a.language}")
        self.statement_view.set_text(case.statement)
        self.plan_view.set_text(case.plan_of_action)
        fill_table(
            self.attachments_table,
            [
                (x.filename, x.mime_type, labels.file_size(x.size_bytes), x.description)
                for x in case.attachments
            ],
        )

    def clear(self) -> None:
        """Empty the section."""
        for label in (self.name_label, self.kind_label, self.market_label):
            label.clear()
        self.statement_view.set_text("")
        self.plan_view.set_text("")
        self.attachments_table.setRowCount(0)
