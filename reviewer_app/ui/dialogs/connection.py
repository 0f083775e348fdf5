"""The team-database connection form: server, database, user, password, TLS, test, connect."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.domain.connection import (
    DEFAULT_PORT,
    ConnectionFailedError,
    ConnectionProblem,
    ConnectionProfile,
    SslMode,
)
from reviewer_app.domain.errors import ReviewerError
from reviewer_app.services.connection import try_connection
from reviewer_app.ui.dialogs.connection_messages import (
    details_text,
    field_error_text,
    no_keyring_text,
    problem_text,
)
from reviewer_app.workers.runner import Runner

Check = Callable[[ConnectionProfile, str], str]


class ConnectionDialog(QDialog):
    """Collects a ``ConnectionProfile`` and a password and proves they work.

    "Test connection" and "Connect" both try the server through the runner (never on the GUI
    thread); "Connect" closes the dialog only after a successful try. The caller saves the
    profile and, if asked to, the password (in the keyring, never in settings).
    """

    def __init__(
        self,
        runner: Runner,
        profile: ConnectionProfile | None = None,
        *,
        password: str = "",
        keyring_available: bool = True,
        remember: bool = True,
        message: str = "",
        check: Check = try_connection,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("connectionDialog")
        self.setWindowTitle(self.tr("Connect to a team database"))
        self._runner = runner
        self._check = check
        self._generation = 0  # a result from before the last edit or close is dropped
        self._accept_on_success = False
        self._build(keyring_available)
        self._fill(profile, password, remember and keyring_available)
        if message:
            self._show_result(message, ok=False)
        (self.password_edit if profile is not None else self.host_edit).setFocus()

    # -- construction --------------------------------------------------------------------

    def _build(self, keyring_available: bool) -> None:
        self.host_edit = self._line("hostEdit", "db.example.org")
        self.port_spin = QSpinBox(self)
        self.port_spin.setObjectName("portSpin")
        self.port_spin.setRange(1, 65535)
        self.database_edit = self._line("databaseEdit", "appeals")
        self.user_edit = self._line("userEdit", "")
        self.password_edit = self._line("passwordEdit", "")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.sslmode_combo = QComboBox(self)
        self.sslmode_combo.setObjectName("sslModeCombo")
        for mode in SslMode:
            self.sslmode_combo.addItem(mode.value, mode)
        self.ca_edit = self._line("caFileEdit", "/path/to/root.crt")
        self.ca_button = QPushButton(self.tr("&Browse…"), self)
        self.ca_button.setObjectName("caBrowseButton")
        self.ca_button.clicked.connect(self._on_ca_button_clicked)
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_edit, 1)
        ca_row.addWidget(self.ca_button)
        self.remember_check = QCheckBox(self.tr("&Remember password (in the system keyring)"),
                                        self)
        self.remember_check.setObjectName("rememberCheck")
        self.keyring_note = QLabel(no_keyring_text(), self)
        self.keyring_note.setObjectName("keyringNote")
        self.keyring_note.setWordWrap(True)
        self.keyring_note.setVisible(not keyring_available)
        self.remember_check.setEnabled(keyring_available)

        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        rows: list[tuple[str, str, QWidget | QHBoxLayout]] = [
            ("host", self.tr("&Server:"), self.host_edit),
            ("port", self.tr("P&ort:"), self.port_spin),
            ("database", self.tr("&Database:"), self.database_edit),
            ("user", self.tr("&User:"), self.user_edit),
            ("password", self.tr("Pass&word:"), self.password_edit),
            ("sslmode", self.tr("T&LS mode:"), self.sslmode_combo),
            ("sslrootcert", self.tr("&CA certificate:"), ca_row),
        ]
        for name, text, field in rows:
            label = QLabel(text, self)
            label.setBuddy(field if isinstance(field, QWidget) else self.ca_edit)
            form.addRow(label, field)
            error = QLabel(self)
            error.setObjectName(f"{name}Error")
            error.setProperty("role", "error")
            error.setStyleSheet("color: #b00020;")
            error.setWordWrap(True)
            error.hide()
            form.addRow("", error)
            self.errors[name] = error

        self.result_label = QLabel(self)
        self.result_label.setObjectName("connectionResult")
        self.result_label.setWordWrap(True)
        self.result_label.setTextFormat(Qt.TextFormat.PlainText)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.test_button = QPushButton(self.tr("&Test connection"), self)
        self.test_button.setObjectName("testConnection")
        self.test_button.clicked.connect(self._on_test_button_clicked)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.connect_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.connect_button.setText(self.tr("Co&nnect"))
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        self.buttons.addButton(self.test_button, QDialogButtonBox.ButtonRole.ActionRole)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.remember_check)
        layout.addWidget(self.keyring_note)
        layout.addWidget(self.result_label)
        layout.addWidget(self.buttons)
        for edit in (self.host_edit, self.database_edit, self.user_edit, self.password_edit,
                     self.ca_edit):
            edit.textEdited.connect(self._on_form_edited)
        self.port_spin.valueChanged.connect(self._on_form_edited)
        self.sslmode_combo.currentIndexChanged.connect(self._on_form_edited)
        self.resize(520, 0)

    def _line(self, name: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        return edit

    def _fill(self, profile: ConnectionProfile | None, password: str, remember: bool) -> None:
        profile = profile or ConnectionProfile(host="", database="", user="")
        self.host_edit.setText(profile.host)
        self.port_spin.setValue(profile.port or DEFAULT_PORT)
        self.database_edit.setText(profile.database)
        self.user_edit.setText(profile.user)
        self.password_edit.setText(password)
        self.sslmode_combo.setCurrentIndex(self.sslmode_combo.findData(profile.sslmode))
        self.ca_edit.setText(profile.sslrootcert)
        self.remember_check.setChecked(remember)

    # -- what the caller reads -----------------------------------------------------------

    def profile(self) -> ConnectionProfile:
        """The connection as filled in (without the password)."""
        return ConnectionProfile(
            host=self.host_edit.text().strip(),
            port=self.port_spin.value(),
            database=self.database_edit.text().strip(),
            user=self.user_edit.text().strip(),
            sslmode=SslMode(self.sslmode_combo.currentData()),
            sslrootcert=self.ca_edit.text().strip(),
        )

    def password(self) -> str:
        """The password typed in (kept only in memory and, if chosen, the keyring)."""
        return self.password_edit.text()

    def remember_password(self) -> bool:
        """True when the password should go to the keyring."""
        return self.remember_check.isEnabled() and self.remember_check.isChecked()

    # -- behaviour ----------------------------------------------------------------------

    def _on_form_edited(self, *_args: object) -> None:
        self._generation += 1  # an answer for the old values no longer says anything
        self._set_busy(False)
        self.result_label.clear()

    def _on_ca_button_clicked(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("CA certificate"), self.ca_edit.text(),
            self.tr("Certificates (*.crt *.pem *.cer);;All files (*)"),
        )
        if path:
            self.ca_edit.setText(path)
            self._on_form_edited()

    def _on_test_button_clicked(self) -> None:
        self._try(accept=False)

    def _on_buttons_accepted(self) -> None:
        self._try(accept=True)

    def _valid(self) -> bool:
        profile = self.profile()
        ca = profile.sslrootcert
        problems = profile.field_errors(ca_file_exists=bool(ca) and Path(ca).is_file())
        for label in self.errors.values():
            label.hide()
        for error in problems:
            label = self.errors[error.field]
            label.setText(field_error_text(error, profile.sslmode))
            label.show()
        if problems:
            field = {"host": self.host_edit, "port": self.port_spin,
                     "database": self.database_edit, "user": self.user_edit,
                     "sslrootcert": self.ca_edit}[problems[0].field]
            field.setFocus(Qt.FocusReason.OtherFocusReason)
        return not problems

    def _try(self, *, accept: bool) -> None:
        if not self._valid():
            self.result_label.clear()
            return
        self._generation += 1
        generation = self._generation
        self._accept_on_success = accept
        self._set_busy(True)
        self.result_label.setText(self.tr("Connecting…"))
        self._runner.submit(
            self._check, self.profile(), self.password(),
            on_done=lambda version: self._on_check_done(generation, version),
            on_error=lambda exc: self._on_check_failed(generation, exc),
            on_finally=lambda: self._on_check_finished(generation),
        )

    def _on_check_done(self, generation: int, version: str) -> None:
        if generation != self._generation:
            return
        self._show_result(self.tr("Connected to PostgreSQL {version}.").format(version=version),
                          ok=True)
        if self._accept_on_success:
            self.accept()

    def _on_check_failed(self, generation: int, exc: ReviewerError) -> None:
        if generation != self._generation:
            return
        problem = exc.problem if isinstance(exc, ConnectionFailedError) else None
        text = f"{problem_text(problem or ConnectionProblem.OTHER)}\n{details_text(str(exc))}"
        self._show_result(text, ok=False)
        self._focus_for(exc)

    def _focus_for(self, exc: ReviewerError) -> None:
        """Put the cursor where the fix most likely is (the password after a refusal)."""
        problem = getattr(exc, "problem", None)
        field: QWidget = {
            ConnectionProblem.UNKNOWN_HOST: self.host_edit,
            ConnectionProblem.REFUSED: self.port_spin,
            ConnectionProblem.TIMEOUT: self.host_edit,
            ConnectionProblem.UNKNOWN_DATABASE: self.database_edit,
            ConnectionProblem.UNKNOWN_USER: self.user_edit,
            ConnectionProblem.TLS: self.sslmode_combo,
        }.get(problem, self.password_edit) if problem else self.password_edit
        field.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_check_finished(self, generation: int) -> None:
        if generation == self._generation:
            self._set_busy(False)

    def _show_result(self, text: str, *, ok: bool) -> None:
        self.result_label.setProperty("ok", ok)
        self.result_label.setStyleSheet("color: #1b5e20;" if ok else "color: #b00020;")
        self.result_label.setText(text)

    def _set_busy(self, busy: bool) -> None:
        self.test_button.setEnabled(not busy)
        self.connect_button.setEnabled(not busy)

    def done(self, result: int) -> None:
        """Close; an answer still on its way is then ignored."""
        self._generation += 1
        super().done(result)
