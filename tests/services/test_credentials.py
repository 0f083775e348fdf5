"""The keyring wrapper: passwords in the OS keyring, a clear refusal when there is none."""

from __future__ import annotations

import keyring
import pytest
from keyring_support import MemoryKeyring, PlaintextKeyring

from reviewer_app.domain.connection import (
    KEYRING_SERVICE,
    ConnectionProfile,
    KeyringUnavailableError,
)
from reviewer_app.services.credentials import CredentialStore, StoredPassword

PROFILE = ConnectionProfile(host="db.example", database="appeals", user="ana")


def test_password_goes_into_the_keyring_under_the_profile(memory_keyring: MemoryKeyring) -> None:
    store = CredentialStore()
    assert store.available()
    assert store.get(PROFILE) is None
    store.set(PROFILE, "s3cret")
    assert memory_keyring.entries == {(KEYRING_SERVICE, "ana@db.example:5432/appeals"): "s3cret"}
    assert store.lookup(PROFILE) == StoredPassword(True, "s3cret")
    store.delete(PROFILE)
    store.delete(PROFILE)  # nothing left to delete is fine
    assert store.get(PROFILE) is None


def test_remember_false_forgets_the_password(memory_keyring: MemoryKeyring) -> None:
    store = CredentialStore()
    store.remember(PROFILE, "s3cret", keep=True)
    assert store.get(PROFILE) == "s3cret"
    store.remember(PROFILE, "s3cret", keep=False)
    assert memory_keyring.entries == {}


def test_no_keyring_is_said_clearly_and_nothing_is_stored(no_keyring: None) -> None:
    store = CredentialStore()
    assert not store.available()
    assert store.lookup(PROFILE) == StoredPassword(False, None)
    with pytest.raises(KeyringUnavailableError):
        store.set(PROFILE, "s3cret")
    store.delete(PROFILE)  # no keyring: nothing to forget, no error


def test_a_plaintext_backend_is_refused() -> None:
    keyring.set_keyring(PlaintextKeyring())  # the autouse fixture restores the keyring
    store = CredentialStore()
    assert not store.available()
    with pytest.raises(KeyringUnavailableError):
        store.set(PROFILE, "s3cret")
