"""A private PostgreSQL server that a test may stop and start (never the shared cluster).

``initdb`` into a fresh directory and ``pg_ctl`` on a free port. As root the server runs as
the ``postgres`` system user (PostgreSQL refuses to run as root). Tests that use it skip
when no PostgreSQL binaries are installed. Import the fixtures into a test module::

    from private_pg import PrivateServer, private_pg_url, private_server  # noqa: F401
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from reviewer_app.data.db import create_db_engine
from reviewer_app.data.schema import upgrade


def _bindir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), reverse=True)
    if found:
        return Path(found[0]).parent
    pg_ctl = shutil.which("pg_ctl")
    return Path(pg_ctl).parent if pg_ctl else None


def available() -> bool:
    """True when initdb and pg_ctl can be run here."""
    if _bindir() is None:
        return False
    if os.geteuid() != 0:
        return True
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        return False
    return True


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PrivateServer:
    """One throw-away cluster: ``start()``, ``stop()``, ``url(dbname)``, ``destroy()``."""

    def __init__(self) -> None:
        bindir = _bindir()
        assert bindir is not None
        self._bin = bindir
        self.port = _free_port()
        self.root = Path(tempfile.mkdtemp(prefix="reviewer-private-pg-"))
        self.data = self.root / "data"
        self._as_postgres = os.geteuid() == 0
        if self._as_postgres:
            account = pwd.getpwnam("postgres")
            os.chown(self.root, account.pw_uid, account.pw_gid)
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust",
                  "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")

    def _run(self, tool: str, *args: str) -> None:
        cmd = [str(self._bin / tool), *args]
        if self._as_postgres:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        subprocess.run(cmd, check=True, capture_output=True, timeout=120)

    def start(self) -> None:
        """Start the server and wait until it accepts connections."""
        options = (f"-p {self.port} -c listen_addresses=127.0.0.1 "
                   f"-c unix_socket_directories={self.root} -c fsync=off "
                   "-c max_connections=60")
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l",
                  str(self.root / "server.log"), "-w", "-t", "60", "start")

    def stop(self) -> None:
        """Fast shutdown: open sessions are cut, as in a server restart."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "-t", "60", "stop")

    def url(self, database: str = "postgres") -> str:
        """SQLAlchemy URL of ``database`` on this server."""
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def destroy(self) -> None:
        """Stop (if running) and delete the cluster."""
        if (self.data / "postmaster.pid").exists():
            with contextlib.suppress(subprocess.CalledProcessError):
                self.stop()
        shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture(scope="session")
def private_server() -> Iterator[PrivateServer]:
    """A private cluster for this test session (one per xdist worker)."""
    if not available():
        pytest.skip("no PostgreSQL binaries (initdb, pg_ctl) for a private server")
    server = PrivateServer()
    try:
        server.start()
        yield server
    finally:
        server.destroy()


@pytest.fixture
def private_pg_url(private_server: PrivateServer) -> Iterator[str]:
    """A fresh migrated database on the private server (restarted if a test left it down)."""
    if not (private_server.data / "postmaster.pid").exists():
        private_server.start()
    name = f"reviewer_p_{uuid.uuid4().hex[:10]}"
    # NullPool: a pooled admin connection would not survive a test restarting the server.
    admin = create_engine(private_server.url(), isolation_level="AUTOCOMMIT", poolclass=NullPool)
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = private_server.url(name)
    engine = create_db_engine(url)
    upgrade(engine)
    engine.dispose()
    try:
        yield url
    finally:
        if not (private_server.data / "postmaster.pid").exists():
            private_server.start()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
