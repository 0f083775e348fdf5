"""Translated sentences for the connection dialog: field errors and why connecting failed."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from reviewer_app.domain.connection import ConnectionProblem, SslMode
from reviewer_app.domain.models import FieldError

# Every literal is spelled out in a QCoreApplication.translate call so lupdate finds it.


def field_error_text(error: FieldError, mode: SslMode) -> str:
    """The sentence shown under a field of the connection form."""
    if error.field == "host":
        return QCoreApplication.translate("Connection", "Enter the server name or address.")
    if error.field == "database":
        return QCoreApplication.translate("Connection", "Enter the database name.")
    if error.field == "user":
        return QCoreApplication.translate("Connection", "Enter your database user name.")
    if error.field == "port":
        return QCoreApplication.translate("Connection", "The port must be 1 to 65535.")
    if error.field == "sslrootcert" and error.code == "missing_file":
        return QCoreApplication.translate("Connection", "There is no file at this path.")
    if error.field == "sslrootcert":
        return QCoreApplication.translate(
            "Connection", "Choose the CA certificate file: “{mode}” checks the server with it."
        ).format(mode=mode.value)
    return QCoreApplication.translate("Connection", "Check this field.")


def problem_text(problem: ConnectionProblem) -> str:
    """What went wrong and what to do about it."""
    texts = {
        ConnectionProblem.WRONG_PASSWORD: QCoreApplication.translate(
            "Connection", "The password was refused for this user. Check it and try again."),
        ConnectionProblem.NO_PASSWORD: QCoreApplication.translate(
            "Connection", "The server asks for a password. Enter it and try again."),
        ConnectionProblem.UNKNOWN_USER: QCoreApplication.translate(
            "Connection", "The server has no user with this name."),
        ConnectionProblem.UNKNOWN_DATABASE: QCoreApplication.translate(
            "Connection", "The server has no database with this name."),
        ConnectionProblem.UNKNOWN_HOST: QCoreApplication.translate(
            "Connection", "The server name could not be found. Check the spelling, and your "
            "network or VPN."),
        ConnectionProblem.REFUSED: QCoreApplication.translate(
            "Connection", "Nothing answered on this server and port (connection refused). "
            "Check the port, and that the server is running."),
        ConnectionProblem.TIMEOUT: QCoreApplication.translate(
            "Connection", "The server did not answer in time. Check the address, and your "
            "network or VPN."),
        ConnectionProblem.TLS: QCoreApplication.translate(
            "Connection", "The secure (TLS) connection failed: the server does not offer "
            "TLS, or its certificate could not be verified with these settings."),
        ConnectionProblem.NOT_ALLOWED: QCoreApplication.translate(
            "Connection", "The server does not accept connections from this computer or "
            "user. Ask your database administrator."),
    }
    fallback = QCoreApplication.translate("Connection", "The connection failed.")
    return texts.get(problem, fallback)


def details_text(detail: str) -> str:
    """The server's own words, below the explanation (never holds the password)."""
    return QCoreApplication.translate("Connection", "Details: {detail}").format(detail=detail)


def no_keyring_text() -> str:
    """Why "Remember password" is off on this computer."""
    return QCoreApplication.translate(
        "Connection", "No system keyring is available on this computer, so the password "
        "cannot be stored safely. You will be asked for it at every start."
    )
