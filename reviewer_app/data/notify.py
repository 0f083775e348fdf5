"""Waiting for change notifications: PostgreSQL LISTEN on its own connection, or a timer.

Migration 0005 sends a payload-free ``NOTIFY reviewer_app_changes`` whenever feed rows are
committed. A listener only says "something may have changed"; the reader then reads the
feed (``change_feed.read_after``), so a missed or folded notification never loses a change.
"""

from __future__ import annotations

import contextlib
import logging
import select
import socket
import threading
import time
from typing import Protocol

import psycopg
from psycopg.conninfo import make_conninfo
from sqlalchemy.engine import URL, make_url

log = logging.getLogger(__name__)

CHANNEL = "reviewer_app_changes"
SQLITE_POLL_SECONDS = 0.3
# A silent listening connection is checked with a round trip this often: a peer that
# vanished without closing the socket (a laptop's network gone) otherwise looks idle forever.
HEALTH_CHECK_SECONDS = 30.0
RECONNECT_BACKOFF = (0.5, 1.0, 2.0, 5.0)


class Listener(Protocol):
    """Something to block on until the change feed may have grown."""

    def connect(self) -> bool:
        """Get ready to wait (open a connection); False if that failed for now."""

    def wait(self, timeout: float) -> bool:
        """Block up to ``timeout`` seconds; True if a change may have arrived."""

    def wake(self) -> None:
        """Make a running ``wait`` return now (from any thread)."""

    def close(self) -> None:
        """Release the connection (by the thread that waits, once it stopped waiting)."""


class TimerListener:
    """SQLite has no NOTIFY: every ``interval`` seconds the reader just looks at the feed."""

    def __init__(self, interval: float = SQLITE_POLL_SECONDS) -> None:
        self.interval = interval
        self._woken = threading.Event()
        self._closed = False

    def connect(self) -> bool:
        """Nothing to connect to: always ready."""
        return True

    def wait(self, timeout: float) -> bool:
        """Sleep ``min(timeout, interval)`` (interruptible); True: it is time to poll."""
        if self._closed:
            return False
        woken = self._woken.wait(min(timeout, self.interval))
        self._woken.clear()
        return not woken

    def wake(self) -> None:
        """Interrupt a running ``wait``."""
        self._woken.set()

    def close(self) -> None:
        """Stop waiting for good."""
        self._closed = True
        self._woken.set()


class PgListener:
    """``LISTEN`` on a dedicated autocommit psycopg connection (not from the SQLAlchemy pool).

    A pooled connection would be handed to other work between waits and lose its LISTEN;
    this one lives as long as the listener. After a connection loss ``wait`` reconnects with
    backoff and returns True once it is back, because notifications sent meanwhile are gone
    and the caller must read the feed to catch up.
    """

    def __init__(self, url: URL | str, *, channel: str = CHANNEL,
                 connect_timeout: int = 5) -> None:
        self._conninfo = libpq_url(url)
        self._channel = channel
        self._connect_timeout = connect_timeout
        self._conn: psycopg.Connection | None = None
        # A socket pair, not a pipe: select() on Windows only takes sockets.
        self._wake_r, self._wake_w = socket.socketpair()
        self._wake_r.setblocking(False)
        self._failures = 0
        self._next_attempt = 0.0
        self._last_traffic = time.monotonic()
        self._closed = False
        self._was_connected = False
        self.reconnects = 0  # how often a lost connection was re-established (for tests/logs)

    @property
    def connected(self) -> bool:
        """True while the LISTEN connection is open."""
        return self._conn is not None and not self._conn.closed

    def connect(self) -> bool:
        """Open the connection and LISTEN; False (logged) if the server cannot be reached."""
        if self._closed:
            return False
        try:
            conn = psycopg.connect(
                self._conninfo, autocommit=True, connect_timeout=self._connect_timeout,
                keepalives=1, keepalives_idle=10, keepalives_interval=5, keepalives_count=3,
                application_name="reviewer-app listener",
            )
            conn.execute(f'LISTEN "{self._channel}"')
        except psycopg.Error as exc:
            self._failures += 1
            delay = RECONNECT_BACKOFF[min(self._failures - 1, len(RECONNECT_BACKOFF) - 1)]
            self._next_attempt = time.monotonic() + delay
            log.warning("change listener cannot connect (retry in %.1f s): %s", delay,
                        _first_line(exc))
            return False
        if self._was_connected:
            self.reconnects += 1
            log.info("change listener connected again")
        self._failures = 0
        self._conn = conn
        self._was_connected = True
        self._last_traffic = time.monotonic()
        return True

    def wait(self, timeout: float) -> bool:
        """Block until a notification, a wake-up or ``timeout``; True if changes may exist."""
        if self._closed:
            return False
        if not self.connected:
            return self._reconnect(timeout)
        assert self._conn is not None
        try:
            ready, _, _ = select.select([self._conn.fileno(), self._wake_r], [], [], timeout)
        except (OSError, ValueError):  # the socket was closed under us
            self._drop()
            return True
        if self._wake_r in ready:
            self._drain_wake()
            return False
        try:
            if ready:
                self._last_traffic = time.monotonic()
                # A short timeout, not 0: with 0, psycopg does not read the socket far
                # enough to notice that a terminated backend closed it. stop_after=1 returns
                # on the first notification instead of waiting out the timeout.
                return any(True for _ in self._conn.notifies(timeout=0.01, stop_after=1))
            if time.monotonic() - self._last_traffic > HEALTH_CHECK_SECONDS:
                self._conn.execute("SELECT 1")
                self._last_traffic = time.monotonic()
        except psycopg.Error as exc:
            log.warning("change listener lost its connection: %s", _first_line(exc))
            self._drop()
            return True
        return False

    def wake(self) -> None:
        """Interrupt a running ``wait`` (thread-safe)."""
        # Closed already, or the buffer is full of wake-ups: either way a wait returns.
        with contextlib.suppress(OSError):
            self._wake_w.send(b"x")

    def close(self) -> None:
        """Close the listening connection and the wake-up sockets.

        Called by the waiting thread after its last ``wait``: closing a socket another
        thread is blocked on in ``select`` is undefined behaviour on some platforms.
        """
        self._closed = True
        self._drop()
        self._wake_r.close()
        self._wake_w.close()

    def _reconnect(self, timeout: float) -> bool:
        pause = self._next_attempt - time.monotonic()
        if pause > 0:
            self._sleep(min(pause, timeout))
            if self._closed or self._next_attempt > time.monotonic():
                return False
        return self.connect()

    def _sleep(self, seconds: float) -> None:
        ready, _, _ = select.select([self._wake_r], [], [], max(0.0, seconds))
        if ready:
            self._drain_wake()

    def _drain_wake(self) -> None:
        with contextlib.suppress(OSError):  # BlockingIOError: drained
            while self._wake_r.recv(512):
                pass

    def _drop(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            try:
                conn.close()
            except psycopg.Error:  # closing a broken connection may fail; it is gone anyway
                log.debug("closing the broken listener connection failed", exc_info=True)


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__


def libpq_url(url: URL | str) -> str:
    """A SQLAlchemy URL (``postgresql+psycopg://...``) as a libpq keyword connection string.

    Keywords, not a URI: SQLAlchemy leaves a space in a password unquoted, which libpq's URI
    parser refuses, quoting the password in its error message (and so in our log).
    """
    parsed = url if isinstance(url, URL) else make_url(url)
    params = {"host": parsed.host, "port": parsed.port, "dbname": parsed.database,
              "user": parsed.username, "password": parsed.password,
              "application_name": "reviewer-app", **parsed.query}
    return make_conninfo(**{k: v for k, v in params.items() if v is not None})


def listener_for(url: URL | str) -> Listener:
    """The listener that fits the database: LISTEN on PostgreSQL, a timer on SQLite."""
    parsed = url if isinstance(url, URL) else make_url(url)
    if parsed.get_backend_name() == "postgresql":
        return PgListener(parsed)
    return TimerListener()
