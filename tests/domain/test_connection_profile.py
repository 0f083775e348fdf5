"""ConnectionProfile: URL building (quoting, TLS parameters), field checks, password masking."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy.engine import make_url

from reviewer_app.domain.connection import (
    ConnectionProfile,
    SslMode,
    hide_password,
    profile_from_url,
)

PROFILE = ConnectionProfile(host="db.example.org", port=6432, database="appeals", user="ana")


@pytest.mark.parametrize("password", ["p@ss:w/rd?#%&", "sp ace+plus", "ünï©ødé", "a'b\"c\\d"])
def test_special_characters_in_the_password_survive_the_url(password: str) -> None:
    url = make_url(PROFILE.url(password))
    assert url.password == password
    assert (url.username, url.host, url.port, url.database) == (
        "ana", "db.example.org", 6432, "appeals")
    assert url.drivername == "postgresql+psycopg"
    assert profile_from_url(PROFILE.url(password)) == (
        PROFILE, password)


@given(st.text(min_size=1, max_size=40).filter(lambda s: "\x00" not in s))
def test_any_password_round_trips(password: str) -> None:
    assert make_url(PROFILE.url(password)).password == password


def test_no_password_leaves_it_out() -> None:
    url = PROFILE.url()
    assert ":@" not in url and make_url(url).password is None
    assert url.startswith("postgresql+psycopg://ana@db.example.org:6432/appeals?")


def test_tls_options_become_libpq_query_parameters() -> None:
    profile = ConnectionProfile(host="db", database="d", user="u", sslmode=SslMode.VERIFY_FULL,
                                sslrootcert="/etc/ssl/team ca.crt")
    query = make_url(profile.url("x")).query
    assert query == {"sslmode": "verify-full", "sslrootcert": "/etc/ssl/team ca.crt"}


def test_ipv6_literal_is_bracketed() -> None:
    url = make_url(ConnectionProfile(host="::1", database="d", user="u").url())
    assert url.host == "::1"


def test_verify_modes_need_an_existing_ca_file() -> None:
    full = ConnectionProfile(host="db", database="d", user="u", sslmode=SslMode.VERIFY_FULL)
    assert [(e.field, e.code) for e in full.field_errors(ca_file_exists=False)] == [
        ("sslrootcert", "required")]
    with_ca = ConnectionProfile(host="db", database="d", user="u", sslmode=SslMode.VERIFY_CA,
                                sslrootcert="/nope.crt")
    assert [(e.field, e.code) for e in with_ca.field_errors(ca_file_exists=False)] == [
        ("sslrootcert", "missing_file")]
    assert with_ca.field_errors(ca_file_exists=True) == ()
    require = ConnectionProfile(host="db", database="d", user="u", sslmode=SslMode.REQUIRE)
    assert require.field_errors(ca_file_exists=False) == ()


def test_empty_fields_are_reported() -> None:
    empty = ConnectionProfile(host=" ", database="", user="", port=0)
    assert {e.field for e in empty.field_errors(ca_file_exists=False)} == {
        "host", "database", "user", "port"}


def test_keyring_username_names_the_role_server_and_database() -> None:
    assert PROFILE.keyring_username == "ana@db.example.org:6432/appeals"


@pytest.mark.parametrize(("url", "shown"), [
    ("postgresql://ana:secret@db/x", "postgresql://ana:***@db/x"),
    ("postgresql+psycopg://ana:pa@ss@db:5/x?sslmode=require",
     "postgresql+psycopg://ana:***@db:5/x?sslmode=require"),
    ("postgresql+nodriver://ana:secret@db/x", "postgresql+nodriver://ana:***@db/x"),
    ("postgresql://ana@db/x", "postgresql://ana@db/x"),
    ("sqlite:///C:/data/reviewer.sqlite3", "sqlite:///C:/data/reviewer.sqlite3"),
])
def test_hide_password(url: str, shown: str) -> None:
    assert hide_password(url) == shown


def test_profile_from_url_ignores_other_databases() -> None:
    assert profile_from_url("sqlite:///x.sqlite3") is None
    assert profile_from_url("postgresql://ana@db:notaport/x") is None
    parsed = profile_from_url("postgresql://ana@db/x?sslmode=bogus")
    assert parsed is not None and parsed[0].sslmode is SslMode.PREFER and parsed[1] == ""
