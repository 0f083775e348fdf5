"""Gets a team database open: the saved profile with the keyring password, or the form."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from reviewer_app.domain.connection import ConnectionProfile
from reviewer_app.domain.errors import ReviewerError
from reviewer_app.services.credentials import CredentialStore, StoredPassword
from reviewer_app.ui.connection_settings import remembers_password, save_profile
from reviewer_app.ui.dialogs.connection import ConnectionDialog
from reviewer_app.ui.dialogs.errors import describe_error, show_known_error
from reviewer_app.workers.runner import Runner

OnError = Callable[[ReviewerError], None]
OpenUrl = Callable[[str, OnError], None]


class TeamConnector(QObject):
    """Finds the password for a ``ConnectionProfile`` and hands the URL to ``open_url``.

    The password comes from the keyring (looked up through the runner: keyring calls may
    wait on D-Bus) or from the connection form, which tests it before closing. After the
    form, the profile goes to QSettings and the password to the keyring if the user asked,
    never anywhere else. A profile that then fails to open brings the form back with the
    reason.
    """

    def __init__(
        self,
        runner: Runner,
        open_url: OpenUrl,
        *,
        credentials: CredentialStore | None = None,
        window: Callable[[], QWidget | None] = lambda: None,
        forget_typed_url: Callable[[], None] = lambda: None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._open_url = open_url
        self._window = window
        self._forget_typed_url = forget_typed_url
        self.credentials = credentials or CredentialStore()
        self.profile: ConnectionProfile | None = None  # the last one used

    def connect(
        self,
        profile: ConnectionProfile | None,
        *,
        ask: bool,
        password: str = "",
        message: str = "",
        on_cancel: Callable[[], None] | None = None,
    ) -> None:
        """Open a team database: with the keyring's password, or through the form.

        Args:
            profile: the server to prefill (None: an empty form).
            ask: show the form even if the keyring has a password (menu, first run).
            password: a password typed into an address (first-run screen, or an address
                saved by an older version): prefilled in the form, or with ``ask`` False
                used and moved to the keyring when the keyring has none.
            message: why the form is shown again (e.g. the saved password was refused).
            on_cancel: what to do when the form is cancelled (also after a later failure).
        """
        if profile is None:
            self._runner.submit(self.credentials.available, on_done=lambda available: (
                self._ask(None, StoredPassword(bool(available), None), password, message,
                          on_cancel)))
            return

        def looked_up(stored: StoredPassword) -> None:
            secret = stored.password or password
            if secret and not ask:
                if not stored.password and stored.available:  # an old saved address
                    self._runner.submit(self.credentials.set, profile, secret,
                                        on_error=self._on_keyring_error)
                self._open(profile, secret, on_cancel)
            else:
                self._ask(profile, stored, password, message, on_cancel)

        self._runner.submit(self.credentials.lookup, profile, on_done=looked_up)

    def _open(
        self, profile: ConnectionProfile, password: str, on_cancel: Callable[[], None] | None
    ) -> None:
        self.profile = profile

        def failed(exc: ReviewerError) -> None:
            # Password changed, server moved, schema too old: say why and offer the form.
            self.connect(profile, ask=True, message=f"{describe_error(exc)}\n{exc}",
                         on_cancel=on_cancel)

        self._open_url(profile.url(password), failed)

    def _ask(
        self,
        profile: ConnectionProfile | None,
        stored: StoredPassword,
        password: str,
        message: str,
        on_cancel: Callable[[], None] | None,
    ) -> None:
        window = self._window()
        dialog = ConnectionDialog(
            self._runner, profile, password=password or stored.password or "",
            keyring_available=stored.available, remember=remembers_password(),
            message=message, parent=window,
        )
        if dialog.exec() != ConnectionDialog.DialogCode.Accepted:
            if on_cancel is not None:
                on_cancel()
            return
        chosen, secret, keep = dialog.profile(), dialog.password(), dialog.remember_password()
        self._forget_typed_url()  # the saved profile supersedes an address typed earlier
        save_profile(chosen, remember=keep)
        if stored.available:
            self._runner.submit(self.credentials.remember, chosen, secret, keep=keep,
                                on_error=self._on_keyring_error)
        self._open(chosen, secret, on_cancel)

    def _on_keyring_error(self, exc: ReviewerError) -> None:
        show_known_error(self._window(), exc, self.tr("Password not remembered"))
