"""Trying a connection on the real server: clear kinds of failure, TLS, pool sizing, no password."""

from __future__ import annotations

import dataclasses
import time

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from reviewer_app.data import db as db_module
from reviewer_app.data.connection_check import check_connection, classify
from reviewer_app.data.db import Database, create_db_engine, probe
from reviewer_app.data.workspace_store import safe_url
from reviewer_app.domain.connection import (
    ConnectionFailedError,
    ConnectionProblem,
    ConnectionProfile,
    SslMode,
    profile_from_url,
)
from reviewer_app.domain.errors import DatabaseUnavailableError
from reviewer_app.services.connection import try_connection

SECRET = "s3cr@t:pw/!"  # quoted by ConnectionProfile.url
RAW_SECRET = "s3cretPw!"  # typed straight into a URL by hand


def _profile(pg_url: str, **changes: object) -> ConnectionProfile:
    parsed = profile_from_url(pg_url)
    assert parsed is not None
    return dataclasses.replace(parsed[0], **changes)  # type: ignore[arg-type]


@pytest.mark.parametrize(("message", "problem"), [
    ('connection to server at "db", port 5432 failed: FATAL:  password authentication '
     'failed for user "ana"', ConnectionProblem.WRONG_PASSWORD),
    ("fe_sendauth: no password supplied", ConnectionProblem.NO_PASSWORD),
    ("failed to resolve host 'nope.invalid': [Errno -2] Name or service not known",
     ConnectionProblem.UNKNOWN_HOST),
    ('could not translate host name "nope" to address: Name or service not known',
     ConnectionProblem.UNKNOWN_HOST),
    ('connection to server at "127.0.0.1", port 1 failed: Connection refused',
     ConnectionProblem.REFUSED),
    ("server does not support SSL, but SSL was required", ConnectionProblem.TLS),
    ('root certificate file "/x.crt" does not exist', ConnectionProblem.TLS),
    ("SSL error: certificate verify failed", ConnectionProblem.TLS),
    ('server certificate for "db" does not match host name "db2"', ConnectionProblem.TLS),
    ('FATAL:  database "zz" does not exist', ConnectionProblem.UNKNOWN_DATABASE),
    ('FATAL:  role "zz" does not exist', ConnectionProblem.UNKNOWN_USER),
    ("timeout expired", ConnectionProblem.TIMEOUT),
    ('FATAL:  no pg_hba.conf entry for host "10.0.0.5", user "ana"',
     ConnectionProblem.NOT_ALLOWED),
    ("received invalid response to SSL negotiation: H", ConnectionProblem.OTHER),
])
def test_classify_libpq_messages(message: str, problem: ConnectionProblem) -> None:
    assert classify(message) is problem


@pytest.mark.pg
def test_sslmode_disable_works_and_require_fails_clearly_on_a_server_without_tls(
    pg_url: str
) -> None:
    assert try_connection(_profile(pg_url, sslmode=SslMode.DISABLE), SECRET)
    with pytest.raises(ConnectionFailedError) as failed:
        try_connection(_profile(pg_url, sslmode=SslMode.REQUIRE), SECRET)
    assert failed.value.problem is ConnectionProblem.TLS
    assert "does not support SSL" in str(failed.value)
    assert SECRET not in str(failed.value)


@pytest.mark.pg
@pytest.mark.parametrize(("changes", "problem"), [
    ({"port": 1}, ConnectionProblem.REFUSED),
    ({"host": "no-such-host.invalid"}, ConnectionProblem.UNKNOWN_HOST),
    ({"database": "reviewer_no_such_db"}, ConnectionProblem.UNKNOWN_DATABASE),
    ({"user": "reviewer_no_such_role"}, ConnectionProblem.UNKNOWN_USER),
])
def test_real_failures_are_told_apart(
    pg_url: str, changes: dict[str, object], problem: ConnectionProblem
) -> None:
    with pytest.raises(ConnectionFailedError) as failed:
        try_connection(_profile(pg_url, **changes), SECRET)
    assert failed.value.problem is problem
    assert SECRET not in str(failed.value)


@pytest.mark.pg
def test_pool_is_sized_for_the_runner_and_admins_see_the_app(pg_url: str) -> None:
    engine = create_db_engine(pg_url)
    try:
        pool = engine.pool
        assert (pool.size(), pool._max_overflow) == (4, 2)  # type: ignore[attr-defined]
        # No ping per checkout (a round trip per transaction); idle ones are pinged, below.
        assert not pool._pre_ping and pool._recycle == 1800  # type: ignore[attr-defined]
        with engine.connect() as conn:
            name = conn.execute(text(
                "SELECT application_name FROM pg_stat_activity WHERE pid = pg_backend_pid()"
            )).scalar_one()
            params = conn.connection.driver_connection.info.get_parameters()
        assert name == "reviewer-app"
        assert params["keepalives"] == "1"
        assert (params["keepalives_idle"], params["keepalives_count"]) == ("30", "3")
        assert params["connect_timeout"] == "5"
    finally:
        engine.dispose()


@pytest.mark.pg
def test_a_dead_connection_idle_in_the_pool_is_replaced_before_use(
    pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = create_db_engine(pg_url)
    admin = create_db_engine(pg_url)
    pid_sql = text("SELECT pg_backend_pid()")
    try:
        with engine.connect() as conn:
            dead = conn.execute(pid_sql).scalar_one()
        with admin.connect() as conn:  # as a server restart or a firewall would
            assert conn.execute(text("SELECT pg_terminate_backend(:p)"), {"p": dead}).scalar()
        later = db_module.monotonic() + db_module._PING_AFTER_IDLE_S + 1
        monkeypatch.setattr(db_module, "monotonic", lambda: later)
        with engine.connect() as conn:  # pinged, found dead, replaced: no error
            assert conn.execute(pid_sql).scalar_one() != dead
    finally:
        engine.dispose()
        admin.dispose()


@pytest.mark.pg
def test_a_connection_the_server_cut_moments_ago_is_replaced_before_use(pg_url: str) -> None:
    engine = create_db_engine(pg_url)
    admin = create_db_engine(pg_url)
    pid_sql = text("SELECT pg_backend_pid()")
    try:
        with engine.connect() as conn:
            dead = conn.execute(pid_sql).scalar_one()
        with admin.connect() as conn:  # a server restart: FATAL sent, socket closed
            assert conn.execute(text("SELECT pg_terminate_backend(:p)"), {"p": dead}).scalar()
        time.sleep(0.5)  # the server's farewell reaches our socket
        with engine.connect() as conn:  # not idle, but the socket spoke: pinged, replaced
            assert conn.execute(pid_sql).scalar_one() != dead
    finally:
        engine.dispose()
        admin.dispose()


@pytest.mark.pg
def test_a_setting_in_the_url_wins_over_the_defaults(pg_url: str) -> None:
    url = make_url(pg_url).update_query_dict({"application_name": "night-batch"})
    engine = create_db_engine(url.render_as_string(hide_password=False))
    try:
        with engine.connect() as conn:
            assert conn.execute(text("SHOW application_name")).scalar_one() == "night-batch"
    finally:
        engine.dispose()


@pytest.mark.pg
def test_check_connection_returns_the_server_version(pg_url: str) -> None:
    assert check_connection(pg_url)[0].isdigit()


@pytest.mark.parametrize("url", [
    f"postgresql+nodriver://ana:{RAW_SECRET}@db/x",
    f"postgresql://ana:{RAW_SECRET}@db:notaport/x",
])
def test_bad_urls_never_put_the_password_in_the_message(url: str) -> None:
    with pytest.raises(DatabaseUnavailableError) as failed:
        create_db_engine(url)
    assert RAW_SECRET not in str(failed.value)


def test_safe_url_hides_the_password_even_in_an_unparsable_url() -> None:
    assert RAW_SECRET not in safe_url(f"postgresql://ana:{RAW_SECRET}@db:notaport/x")
    assert RAW_SECRET not in safe_url(f"postgresql+psycopg://ana:{RAW_SECRET}@db/x")


@pytest.mark.pg
def test_unreachable_server_message_hides_the_password() -> None:
    url = ConnectionProfile(host="127.0.0.1", port=1, database="x", user="ana").url(SECRET)
    db = Database(create_db_engine(url))
    try:
        with pytest.raises(DatabaseUnavailableError) as failed:
            probe(db.engine)
        assert SECRET not in str(failed.value)
        assert "ana:***@127.0.0.1:1" in str(failed.value)
    finally:
        db.dispose()
