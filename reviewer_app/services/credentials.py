"""Database passwords in the operating system's keyring (never in settings, never in logs)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import keyring
from keyring.backend import KeyringBackend
from keyring.backends import fail, null
from keyring.errors import KeyringError, PasswordDeleteError

from reviewer_app.domain.connection import (
    KEYRING_SERVICE,
    ConnectionProfile,
    KeyringUnavailableError,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class StoredPassword:
    """What the keyring holds for a profile: ``available`` False means "no keyring at all"."""

    available: bool
    password: str | None


def _is_usable(backend: KeyringBackend) -> bool:
    """False for the "no keyring" stand-ins and for any backend that writes plain text.

    On a headless Linux box keyring falls back to ``fail.Keyring``; ``keyrings.alt`` offers
    a plaintext file backend. Neither may hold a database password.
    """
    children = getattr(backend, "backends", None)  # keyring's ChainerBackend
    if children is not None:
        return bool(children) and all(_is_usable(child) for child in children)
    if isinstance(backend, fail.Keyring | null.Keyring):
        return False
    return "plaintext" not in type(backend).__name__.lower()


class CredentialStore:
    """Get, set and delete the password of a ``ConnectionProfile`` in the system keyring.

    Keyring calls may talk to a desktop service over D-Bus (and wait for an unlock
    prompt), so call these off the GUI thread, through the runner.
    """

    def __init__(self, service: str = KEYRING_SERVICE) -> None:
        self.service = service

    def available(self) -> bool:
        """True when a real (encrypted, OS-provided) keyring backend is in use."""
        backend = keyring.get_keyring()
        usable = _is_usable(backend)
        if not usable:
            log.info("no usable keyring (backend %s)", type(backend).__name__)
        return usable

    def _require(self) -> None:
        if not self.available():
            raise KeyringUnavailableError("No system keyring is available")

    def get(self, profile: ConnectionProfile) -> str | None:
        """The stored password, or None when there is none.

        Raises:
            KeyringUnavailableError: no usable keyring, or it refused to answer.
        """
        self._require()
        try:
            return keyring.get_password(self.service, profile.keyring_username)
        except KeyringError as exc:
            raise KeyringUnavailableError(f"The keyring could not be read: {exc}") from exc

    def set(self, profile: ConnectionProfile, password: str) -> None:
        """Store ``password`` for ``profile`` (replacing an older one).

        Raises:
            KeyringUnavailableError: no usable keyring, or it refused to store.
        """
        self._require()
        try:
            keyring.set_password(self.service, profile.keyring_username, password)
        except KeyringError as exc:
            raise KeyringUnavailableError(f"The keyring could not store it: {exc}") from exc

    def delete(self, profile: ConnectionProfile) -> None:
        """Forget the password of ``profile``; nothing to forget is fine."""
        if not self.available():
            return
        try:
            keyring.delete_password(self.service, profile.keyring_username)
        except PasswordDeleteError:
            pass  # there was none
        except KeyringError as exc:
            raise KeyringUnavailableError(f"The keyring could not delete it: {exc}") from exc

    def lookup(self, profile: ConnectionProfile) -> StoredPassword:
        """Like ``get`` but never raises for a missing keyring: ``available`` says so."""
        try:
            return StoredPassword(True, self.get(profile))
        except KeyringUnavailableError:
            return StoredPassword(False, None)

    def remember(self, profile: ConnectionProfile, password: str, *, keep: bool) -> None:
        """After a successful connect: store the password if ``keep``, else forget it."""
        if keep and password:
            self.set(profile, password)
        else:
            self.delete(profile)
