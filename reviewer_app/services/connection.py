"""Trying a connection profile before it is used or saved (the dialog's "Test connection")."""

from __future__ import annotations

from reviewer_app.data.connection_check import check_connection
from reviewer_app.domain.connection import ConnectionProfile


def try_connection(profile: ConnectionProfile, password: str) -> str:
    """Connect once with ``profile`` and ``password``; return the server version.

    Raises:
        ConnectionFailedError: why it failed (wrong password, unknown host, refused, TLS…);
            the message never contains the password.
    """
    return check_connection(profile.url(password), password)
