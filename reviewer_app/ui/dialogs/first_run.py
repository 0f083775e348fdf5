"""First-run screen for an empty database: connect to a team database, import, or the demo."""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.ui.dialogs.import_file_chooser import choose_import_file


class FirstRunChoice(StrEnum):
    """What the user chose on the first-run screen."""

    CONNECT = "connect"
    DEMO = "demo"
    IMPORT = "import"
    QUIT = "quit"


def _option_box(
    parent: QWidget, title: str, text: str, button_text: str
) -> tuple[QGroupBox, QPushButton]:
    """A titled section: a line of explanation and the button that takes that path."""
    box = QGroupBox(title, parent)
    button = QPushButton(button_text, box)
    label = QLabel(text, box)
    label.setWordWrap(True)
    layout = QVBoxLayout(box)
    layout.addWidget(label)
    layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
    return box, button


class FirstRunDialog(QDialog):
    """Shown instead of a blank window when the database has no users and no appeals."""

    def __init__(self, database_label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstRun")
        self.setWindowTitle(self.tr("Welcome to the Reviewer Workstation"))
        self.choice = FirstRunChoice.QUIT
        self.import_path = ""
        self.import_encoding = "auto"  # as the chosen file type names it
        title = QLabel(self.tr("This database is empty"), self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        where = QLabel(self.tr("Database: {where}").format(where=database_label), self)
        where.setTextFormat(Qt.TextFormat.PlainText)
        where.setWordWrap(True)

        team = QGroupBox(self.tr("Connect to your team's database"), self)
        self.url_edit = QLineEdit(team)
        self.url_edit.setObjectName("teamDbUrl")
        self.url_edit.setPlaceholderText(self.tr("Optional: paste an address, "
                                                 "postgresql://user@host/appeals"))
        # The button opens the connection form (prefilled from a pasted address), where the
        # connection is tested and the password goes to the system keyring.
        self.connect_button = QPushButton(self.tr("&Connect…"), team)
        self.url_edit.returnPressed.connect(self._on_connect_button_clicked)
        self.connect_button.clicked.connect(self._on_connect_button_clicked)
        hint = QLabel(
            self.tr("Ask your team lead for the server and database names. They are "
                    "remembered for the next start; the password only in the system keyring."),
            team,
        )
        hint.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.url_edit, 1)
        row.addWidget(self.connect_button)
        team_layout = QVBoxLayout(team)
        team_layout.addLayout(row)
        team_layout.addWidget(hint)

        demo, self.demo_button = _option_box(
            self,
            self.tr("Try it out"),
            self.tr("A separate demo database with realistic appeals, users of every role and "
                    "the SOPs. Your own database stays untouched."),
            self.tr("Open the &demo"),
        )
        self.demo_button.clicked.connect(self._on_demo_button_clicked)

        own, self.import_button = _option_box(
            self,
            self.tr("Start with your own appeals"),
            self.tr("Load appeals from a CSV or JSON Lines file into this database. Rows with "
                    "problems are listed in an errors file next to it."),
            self.tr("&Import appeals…"),
        )
        self.import_button.setObjectName("importAppeals")
        self.import_button.clicked.connect(self._on_import_button_clicked)

        self.quit_button = QPushButton(self.tr("&Quit"), self)
        self.quit_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(where)
        layout.addWidget(team)
        layout.addWidget(own)
        layout.addWidget(demo)
        layout.addWidget(self.quit_button, 0, Qt.AlignmentFlag.AlignRight)
        self.resize(560, 460)
        self.demo_button.setFocus()

    def team_url(self) -> str:
        """The database address typed in."""
        return self.url_edit.text().strip()

    def _on_connect_button_clicked(self) -> None:
        self.choice = FirstRunChoice.CONNECT
        self.accept()

    def _on_demo_button_clicked(self) -> None:
        self.choice = FirstRunChoice.DEMO
        self.accept()

    def _on_import_button_clicked(self) -> None:
        chosen = choose_import_file(self, self.tr("Import appeals"))
        if chosen is not None:
            path, self.import_encoding = chosen
            self.import_path = str(path)
            self.choice = FirstRunChoice.IMPORT
            self.accept()
