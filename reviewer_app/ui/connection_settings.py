"""The saved team-database profile in QSettings: everything except the password."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from reviewer_app.domain.connection import DEFAULT_PORT, ConnectionProfile, SslMode

GROUP = "connection"
_FIELDS = ("host", "port", "database", "user", "sslmode", "sslrootcert", "remember")


def load_profile(settings: QSettings | None = None) -> ConnectionProfile | None:
    """The saved profile, or None when there is none (or it is unusable)."""
    settings = settings or QSettings()
    settings.beginGroup(GROUP)
    try:
        host = str(settings.value("host", "") or "")
        if not host:
            return None
        try:
            mode = SslMode(str(settings.value("sslmode", SslMode.PREFER.value)))
            port = int(str(settings.value("port", DEFAULT_PORT)))
        except ValueError:  # edited by hand: fall back rather than refuse to start
            mode, port = SslMode.PREFER, DEFAULT_PORT
        return ConnectionProfile(
            host=host,
            port=port,
            database=str(settings.value("database", "") or ""),
            user=str(settings.value("user", "") or ""),
            sslmode=mode,
            sslrootcert=str(settings.value("sslrootcert", "") or ""),
        )
    finally:
        settings.endGroup()


def remembers_password(settings: QSettings | None = None) -> bool:
    """Whether the user asked for the password to be kept in the keyring (default yes)."""
    value = (settings or QSettings()).value(f"{GROUP}/remember", True)
    return value is True or str(value).lower() == "true"


def save_profile(
    profile: ConnectionProfile, *, remember: bool, settings: QSettings | None = None
) -> None:
    """Store ``profile`` (no password: that lives only in the keyring)."""
    settings = settings or QSettings()
    settings.beginGroup(GROUP)
    try:
        for key in _FIELDS:
            settings.remove(key)
        settings.setValue("host", profile.host)
        settings.setValue("port", profile.port)
        settings.setValue("database", profile.database)
        settings.setValue("user", profile.user)
        settings.setValue("sslmode", profile.sslmode.value)
        settings.setValue("sslrootcert", profile.sslrootcert)
        settings.setValue("remember", remember)
    finally:
        settings.endGroup()
    settings.sync()
