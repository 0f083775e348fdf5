"""Migration 0011: ``enforcements.sor_puid`` added (unique, several NULLs allowed) on SQLite
and PostgreSQL, existing enforcements kept, and removed cleanly on downgrade."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from factories import Factory
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError

from reviewer_app.data.db import Database, create_db_engine
from reviewer_app.data.schema import _alembic_config, current_revision, upgrade


@pytest.fixture(params=["sqlite", pytest.param("pg", marks=pytest.mark.pg)])
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'empty.sqlite3'}"
    return str(request.getfixturevalue("empty_pg_url"))


@pytest.fixture
def at_0010(empty_url: str) -> Iterator[Database]:
    db = Database(create_db_engine(empty_url))
    migrate(db, "0010")
    yield db
    db.dispose()


def migrate(db: Database, revision: str, *, down: bool = False) -> None:
    from alembic import command

    cfg = _alembic_config()
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        (command.downgrade if down else command.upgrade)(cfg, revision)


def columns(db: Database) -> set[str]:
    return {c["name"] for c in inspect(db.engine).get_columns("enforcements")}


def unique_indexes(db: Database) -> dict[str, list[str | None]]:
    return {i["name"]: i["column_names"] for i in inspect(db.engine).get_indexes("enforcements")
            if i["unique"] and i["name"]}


def set_puid(db: Database, enforcement: int, puid: str | None) -> None:
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE enforcements SET sor_puid = :p WHERE id = :i"),
                     {"p": puid, "i": enforcement})


def test_0011_follows_0010() -> None:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_alembic_config()).get_revision("0011")
    assert script is not None and script.down_revision == "0010"


def test_upgrade_adds_a_unique_nullable_column_and_keeps_the_rows(at_0010: Database) -> None:
    assert "sor_puid" not in columns(at_0010)
    with at_0010.engine.begin() as conn:  # an enforcement made before the migration
        conn.execute(text(
            "INSERT INTO appellants (ref, kind, display_name, account_type, market, language) "
            "VALUES ('SLR-0', 'seller', 'SLR-0', 'business', 'DE', 'de')"))
        conn.execute(text(
            "INSERT INTO policies (code, name, severity) VALUES ('P0', 'P0', 'high')"))
        conn.execute(text(
            "INSERT INTO enforcements (ref, appellant_id, action, scope, policy_id, clause, "
            "facts, evidence_json, automated_detection, automated_decision, "
            "decided_by_label, enforced_at, is_strike) SELECT 'ENF-0', a.id, "
            "'listing_removal', '', p.id, '', 'old', '{}', false, 'not', '', "
            "'2026-01-01 00:00:00', false FROM appellants a, policies p"))
    migrate(at_0010, "0011")
    assert current_revision(at_0010.engine) == "0011"
    assert "sor_puid" in columns(at_0010)
    assert unique_indexes(at_0010)["uq_enforcements_sor_puid"] == ["sor_puid"]
    with at_0010.engine.connect() as conn:
        assert conn.execute(text("SELECT ref, facts, sor_puid FROM enforcements")).all() == [
            ("ENF-0", "old", None)]
    f = Factory(at_0010)
    first, second, third = (f.enforcement(f.appellant(f"SLR-{n}")) for n in (1, 2, 3))
    set_puid(at_0010, first, "tdb-1")
    set_puid(at_0010, second, None)  # several enforcements without a statement: allowed
    with pytest.raises(IntegrityError):
        set_puid(at_0010, third, "tdb-1")


def test_downgrade_removes_the_column_and_upgrade_adds_it_again(database: Database) -> None:
    f = Factory(database)
    enforcement = f.enforcement(f.appellant("SLR-1"))
    f.appeal(enforcement_id=enforcement)  # an appeal refers to it (no table rebuild then)
    set_puid(database, enforcement, "tdb-1")
    migrate(database, "0010", down=True)
    assert current_revision(database.engine) == "0010"
    assert "sor_puid" not in columns(database)
    assert "uq_enforcements_sor_puid" not in unique_indexes(database)
    with database.engine.connect() as conn:  # the enforcement itself is kept
        assert conn.execute(text("SELECT count(*) FROM enforcements")).scalar() == 1
    upgrade(database.engine)
    assert "sor_puid" in columns(database)
    with database.engine.connect() as conn:
        assert conn.execute(text("SELECT sor_puid FROM enforcements")).scalar() is None
