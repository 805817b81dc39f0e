"""Shared fixtures. `db_url`, `engine` and `session` run each test on SQLite and on PostgreSQL;
the PostgreSQL half is skipped unless LEADERBOARD_TEST_PG_URL names a server (see docs/reliability.md)."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from leaderboard.store.engine import make_engine, session_factory, sqlite_url
from leaderboard.store.migrate import upgrade

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SEED_COUNTS = {
    "000_0e0bdb848ac787aa.txt": 95,
    "001_cff9fed74be4405e.txt": 158,
    "002_4473f044b2bdb465.txt": 132,
    "003_656d5c5de814b30c.txt": 99,
    "004_7d968b0a84e21de6.txt": 81,
}

PG_ENV = "LEADERBOARD_TEST_PG_URL"
PG_HOWTO = (f"PostgreSQL tests need a server: run `scripts/pg-test-server make test`, or set {PG_ENV}="
            "postgresql+psycopg://USER@HOST:PORT/DB (a role that may CREATE DATABASE)")
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(scope="session")
def pg_server_url() -> str:
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.skip(PG_HOWTO)
    return url


@pytest.fixture
def pg_url(pg_server_url):
    """A fresh, empty PostgreSQL database for one test, dropped afterwards."""
    name = f"lb_test_{uuid.uuid4().hex[:16]}"  # generated here, never user text
    admin = create_engine(pg_server_url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    yield make_url(pg_server_url).set(database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.dispose()


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    return request.param


@pytest.fixture
def db_url(backend, tmp_path, request) -> str:
    """URL of an empty database (no schema yet) on the test's backend."""
    if backend == "sqlite":
        return sqlite_url(tmp_path / "test.db")
    return request.getfixturevalue("pg_url")


@pytest.fixture
def sqlite_db_url(tmp_path) -> str:
    """An empty SQLite file, for tests about SQLite itself."""
    return sqlite_url(tmp_path / "test.db")


@pytest.fixture
def engine(db_url):
    eng = make_engine(db_url)
    upgrade(eng)
    yield eng
    eng.dispose()


@pytest.fixture
def session(engine):
    with session_factory(engine)() as s:
        yield s


@pytest.fixture(scope="session")
def seeded_db(tmp_path_factory) -> str:
    """A SQLite database holding all bundled seeds (built once; tests must not write to it)."""
    from leaderboard.ingest import ingest_paths

    url = sqlite_url(tmp_path_factory.mktemp("seeded") / "seeded.db")
    eng = make_engine(url)
    upgrade(eng)
    summary = ingest_paths(eng, [SEEDS], progress=False)
    assert not summary.failed
    eng.dispose()
    return url
