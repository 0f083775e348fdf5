"""A private PostgreSQL server with passwords and TLS, for tests the shared one cannot do.

The shared test server trusts 127.0.0.1 and has no TLS, so a wrong password or a verified
certificate cannot be shown on it. This starts its own cluster (initdb as the ``postgres``
user) on a free port, with scram-sha-256 passwords and a server certificate for
``localhost`` signed by a throw-away CA, and stops it afterwards. It never touches the
shared cluster.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

BIN = Path("/usr/lib/postgresql/15/bin")
SUPERUSER_PASSWORD = "su-Pw 9!"


@dataclass(frozen=True)
class PrivateServer:
    """Where the private server listens and the files a client needs."""

    port: int
    ca_file: Path
    password: str = SUPERUSER_PASSWORD
    user: str = "postgres"
    database: str = "postgres"


def available() -> str | None:
    """Why the server cannot be started here, or None when it can."""
    if not (BIN / "initdb").exists():
        return "PostgreSQL 15 server binaries not installed"
    if shutil.which("openssl") is None or shutil.which("runuser") is None:
        return "openssl or runuser missing"
    if os.geteuid() != 0:
        return "needs root to run initdb as the postgres user"
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _run(*args: str | Path, cwd: Path | None = None) -> None:
    subprocess.run([str(a) for a in args], check=True, capture_output=True, cwd=cwd)


def _as_postgres(*args: str | Path) -> None:
    _run("runuser", "-u", "postgres", "--", *args)


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


@contextmanager
def private_server() -> Iterator[PrivateServer]:
    """Start the server, yield how to reach it, stop it and delete its files."""
    # Not under pytest's tmp_path: its parents are private to root, and the server runs
    # as the postgres user.
    root = Path(tempfile.mkdtemp(prefix="reviewer-pg-"))
    try:
        root.chmod(0o755)
        _certificates(root)
        data = root / "data"
        pwfile = root / "pw"
        pwfile.write_text(SUPERUSER_PASSWORD + "\n")
        for path in (root, *root.iterdir()):
            shutil.chown(path, "postgres", "postgres")
        (root / "server.key").chmod(0o600)
        _as_postgres(BIN / "initdb", "-D", data, "-U", "postgres", "-A", "scram-sha-256",
                     f"--pwfile={pwfile}")
        port = _free_port()
        with (data / "postgresql.conf").open("a") as conf:
            conf.write(
                f"port = {port}\nlisten_addresses = '127.0.0.1'\n"
                f"unix_socket_directories = '{root}'\nssl = on\n"
                f"ssl_cert_file = '{root / 'server.crt'}'\n"
                f"ssl_key_file = '{root / 'server.key'}'\n"
                "max_connections = 20\nshared_buffers = 16MB\nfsync = off\n"
            )
        (data / "pg_hba.conf").write_text(
            "local all all scram-sha-256\nhost all all 127.0.0.1/32 scram-sha-256\n"
        )
        _as_postgres(BIN / "pg_ctl", "-D", data, "-l", root / "log", "-w", "start")
        try:
            yield PrivateServer(port=port, ca_file=root / "ca.crt")
        finally:
            _as_postgres(BIN / "pg_ctl", "-D", data, "-m", "immediate", "-w", "stop")
    finally:
        shutil.rmtree(root, ignore_errors=True)
