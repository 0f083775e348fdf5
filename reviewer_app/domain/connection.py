"""A saved PostgreSQL connection (everything but the password) and why connecting failed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

from reviewer_app.domain.errors import DatabaseUnavailableError, ReviewerError
from reviewer_app.domain.models import FieldError

DRIVER = "postgresql+psycopg"
DEFAULT_PORT = 5432
KEYRING_SERVICE = "reviewer-app"

# "scheme://user:secret@host" -> "scheme://user:***@host"; also when the URL cannot be parsed
# (a typo must not put the password into a message or a log line).
_PASSWORD_IN_URL = re.compile(r"(?P<head>[A-Za-z][A-Za-z0-9+.\-]*://[^/@:]*):(?P<pw>[^/]*)@")


class SslMode(StrEnum):
    """libpq ``sslmode``: how much TLS the client insists on (weakest first)."""

    DISABLE = "disable"
    ALLOW = "allow"
    PREFER = "prefer"
    REQUIRE = "require"
    VERIFY_CA = "verify-ca"
    VERIFY_FULL = "verify-full"

    @property
    def needs_ca_file(self) -> bool:
        """True when the server certificate is checked against a CA we must be given."""
        return self in (SslMode.VERIFY_CA, SslMode.VERIFY_FULL)


class ConnectionProblem(StrEnum):
    """Why a connection attempt failed, in terms a person can act on."""

    WRONG_PASSWORD = "wrong_password"
    NO_PASSWORD = "no_password"
    UNKNOWN_USER = "unknown_user"
    UNKNOWN_DATABASE = "unknown_database"
    UNKNOWN_HOST = "unknown_host"
    REFUSED = "refused"
    TIMEOUT = "timeout"
    TLS = "tls"
    NOT_ALLOWED = "not_allowed"
    OTHER = "other"


class ConnectionFailedError(DatabaseUnavailableError):
    """Connecting to a PostgreSQL server failed; ``problem`` says why (no password inside)."""

    def __init__(self, message: str, problem: ConnectionProblem) -> None:
        super().__init__(message)
        self.problem = problem


class KeyringUnavailableError(ReviewerError):
    """The operating system has no usable keyring, so no password can be stored."""


def hide_password(url: str) -> str:
    """``url`` with any password replaced by ``***`` (works on malformed URLs too)."""
    return _PASSWORD_IN_URL.sub(lambda m: f"{m['head']}:***@", url)


@dataclass(frozen=True, slots=True)
class ConnectionProfile:
    """Where the team database is and how to reach it. Never holds the password.

    Attributes:
        host: server name or address.
        port: TCP port.
        database: database name.
        user: PostgreSQL role to sign in as.
        sslmode: how much TLS to insist on.
        sslrootcert: CA certificate file; required for ``verify-ca`` and ``verify-full``.
    """

    host: str
    database: str
    user: str
    port: int = DEFAULT_PORT
    sslmode: SslMode = SslMode.PREFER
    sslrootcert: str = ""

    @property
    def keyring_username(self) -> str:
        """The keyring entry name: one password per role on one server and database."""
        return f"{self.user}@{self.host}:{self.port}/{self.database}"

    def field_errors(self, *, ca_file_exists: bool) -> tuple[FieldError, ...]:
        """What is missing or wrong, field by field (empty when the profile can be used).

        Args:
            ca_file_exists: whether ``sslrootcert`` names an existing file (the caller
                checks the file system; the domain does no I/O).
        """
        errors = [FieldError(name, "required") for name in ("host", "database", "user")
                  if not getattr(self, name).strip()]
        if not 0 < self.port < 65536:
            errors.append(FieldError("port", "invalid"))
        if self.sslmode.needs_ca_file:
            if not self.sslrootcert.strip():
                errors.append(FieldError("sslrootcert", "required"))
            elif not ca_file_exists:
                errors.append(FieldError("sslrootcert", "missing_file"))
        return tuple(errors)

    def url(self, password: str | None = None) -> str:
        """The SQLAlchemy URL (psycopg 3 driver); user, password and database URL-quoted.

        TLS options travel as libpq query parameters, which psycopg passes on unchanged.
        """
        auth = quote(self.user, safe="")
        if password:
            auth += ":" + quote(password, safe="")
        host = f"[{self.host}]" if ":" in self.host else self.host  # IPv6 literal
        query: dict[str, str] = {"sslmode": self.sslmode.value}
        if self.sslrootcert.strip():
            query["sslrootcert"] = self.sslrootcert.strip()
        return (f"{DRIVER}://{auth}@{host}:{self.port}/{quote(self.database, safe='')}"
                f"?{urlencode(query, quote_via=quote)}")


def profile_from_url(url: str) -> tuple[ConnectionProfile, str] | None:
    """Split a PostgreSQL URL into a profile and its password (``""`` when none).

    Returns None for anything that is not a ``postgresql`` URL with a host, e.g. SQLite.
    """
    try:
        parts = urlsplit(url.strip())
        port = parts.port or DEFAULT_PORT
    except ValueError:  # a port that is not a number
        return None
    if not parts.scheme.startswith("postgres") or not parts.hostname:
        return None
    query = dict(parse_qsl(parts.query))
    try:
        mode = SslMode(query.get("sslmode", SslMode.PREFER.value))
    except ValueError:
        mode = SslMode.PREFER
    profile = ConnectionProfile(
        host=parts.hostname,
        port=port,
        database=unquote(parts.path.lstrip("/")),
        user=unquote(parts.username or ""),
        sslmode=mode,
        sslrootcert=query.get("sslrootcert", ""),
    )
    return profile, unquote(parts.password or "")
