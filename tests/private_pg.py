"""A private PostgreSQL server for tests the shared cluster cannot serve (never touches it).

``initdb`` into a fresh directory and ``pg_ctl`` on a free port. As root the server runs as
the ``postgres`` system user (PostgreSQL refuses to run as root). It trusts every local
connection by default; with a ``password`` it asks for scram-sha-256 passwords, and with
``tls`` it also serves a certificate for ``localhost`` signed by a throw-away CA (the shared
test server trusts 127.0.0.1 and has no TLS, so neither a wrong password nor a verified
certificate can be shown on it). Tests that use it skip when it cannot run here.

Restart proofs import the fixtures into a test module::

    from private_pg import PrivateServer, private_pg_url, private_server  # noqa: F401

others start their own with ``running_server(password=..., tls=True)``.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

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


def unavailable(*, tls: bool = False) -> str | None:
    """Why a private server cannot be started here, or None when it can."""
    if _bindir() is None:
        return "no PostgreSQL binaries (initdb, pg_ctl) for a private server"
    if tls and shutil.which("openssl") is None:
        return "openssl missing"
    if os.geteuid() != 0:
        return None
    if shutil.which("runuser") is None:
        return "runuser missing (needed to run the server as the postgres user)"
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        return "no postgres system user to run the server as"
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _run(*args: str | Path, cwd: Path | None = None) -> str:
    done = subprocess.run([str(a) for a in args], check=True, capture_output=True, text=True,
                          timeout=120, cwd=cwd)
    return done.stdout


def _certificates(folder: Path) -> None:
    """A CA, and a server certificate for DNS:localhost only (not for 127.0.0.1)."""
    _run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", "/CN=reviewer-test-ca", "-keyout", "ca.key", "-out", "ca.crt", cwd=folder)
    _run("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost",
         "-keyout", "server.key", "-out", "server.csr", cwd=folder)
    (folder / "san.ext").write_text("subjectAltName=DNS:localhost\n")
    _run("openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
         "-CAcreateserial", "-days", "2", "-extfile", "san.ext", "-out", "server.crt",
         cwd=folder)


class PrivateServer:
    """One throw-away cluster: ``start()``, ``stop()``, ``url(dbname)``, ``destroy()``.

    ``password`` None trusts every connection; otherwise it is the superuser's password and
    every connection must give one. ``tls`` turns on TLS; ``ca_file`` then verifies it.
    """

    user = "postgres"
    database = "postgres"

    def __init__(self, *, password: str | None = None, tls: bool = False) -> None:
        bindir = _bindir()
        assert bindir is not None
        self._bin = bindir
        self.password = password
        self.tls = tls
        self.port = _free_port()
        # Not under pytest's tmp_path: its parents are private to root, and the server runs
        # as the postgres user.
        self.root = Path(tempfile.mkdtemp(prefix="reviewer-private-pg-"))
        self.data = self.root / "data"
        self.ca_file = self.root / "ca.crt" if tls else None
        self._as_postgres = os.geteuid() == 0
        # The major version the binaries report (``pg_ctl (PostgreSQL) 15.8``): "15".
        match = re.search(r"\d+", self._pg("pg_ctl", "--version"))
        assert match is not None
        self.major = match.group()
        if tls:
            _certificates(self.root)
        auth = ["--auth=trust"]
        if password is not None:
            (self.root / "pw").write_text(password + "\n")
            auth = ["--auth=scram-sha-256", f"--pwfile={self.root / 'pw'}"]
        if self._as_postgres:
            for path in (self.root, *self.root.iterdir()):
                shutil.chown(path, "postgres", "postgres")
        if tls:
            (self.root / "server.key").chmod(0o600)  # the server refuses a readable key
        self._pg("initdb", "-D", self.data, "-U", "postgres", *auth,
                 "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")
        if password is not None:
            (self.data / "pg_hba.conf").write_text(
                "local all all scram-sha-256\nhost all all 127.0.0.1/32 scram-sha-256\n"
            )

    def _pg(self, tool: str, *args: str | Path) -> str:
        cmd: list[str | Path] = [self._bin / tool, *args]
        if self._as_postgres:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        return _run(*cmd)

    def start(self) -> None:
        """Start the server and wait until it accepts connections."""
        options = (f"-p {self.port} -c listen_addresses=127.0.0.1 "
                   f"-c unix_socket_directories={self.root} -c fsync=off "
                   "-c max_connections=60")
        if self.tls:
            options += (f" -c ssl=on -c ssl_cert_file={self.root / 'server.crt'}"
                        f" -c ssl_key_file={self.root / 'server.key'}")
        self._pg("pg_ctl", "-D", self.data, "-o", options, "-l", self.root / "server.log",
                 "-w", "-t", "60", "start")

    def stop(self) -> None:
        """Fast shutdown: open sessions are cut, as in a server restart."""
        self._pg("pg_ctl", "-D", self.data, "-m", "fast", "-w", "-t", "60", "stop")

    def url(self, database: str = "postgres") -> str:
        """SQLAlchemy URL of ``database`` on this server (as the superuser)."""
        login = self.user if self.password is None else f"{self.user}:{quote(self.password)}"
        return f"postgresql+psycopg://{login}@127.0.0.1:{self.port}/{database}"

    def destroy(self) -> None:
        """Stop (if running) and delete the cluster."""
        if (self.data / "postmaster.pid").exists():
            with contextlib.suppress(subprocess.CalledProcessError):
                self.stop()
        shutil.rmtree(self.root, ignore_errors=True)


@contextlib.contextmanager
def running_server(*, password: str | None = None, tls: bool = False
                   ) -> Iterator[PrivateServer]:
    """Start a private server, yield it, then stop it and delete its files.

    Skips the test when it cannot run here (see ``unavailable``).
    """
    reason = unavailable(tls=tls)
    if reason:
        pytest.skip(reason)
    server = PrivateServer(password=password, tls=tls)
    try:
        server.start()
        yield server
    finally:
        server.destroy()


@pytest.fixture(scope="session")
def private_server() -> Iterator[PrivateServer]:
    """A private trusting cluster for this test session (one per xdist worker)."""
    with running_server() as server:
        yield server


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
