"""Shared fixtures. `db_url`, `engine` and `session` run each test on SQLite and on PostgreSQL;
the PostgreSQL half is skipped unless LEADERBOARD_TEST_PG_URL names a server (see docs/reliability.md)."""

from __future__ import annotations

import os
import shutil
import uuid
from contextlib import contextmanager
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


@contextmanager
def fresh_pg_database(server_url: str, template: str | None = None):
    """Create a PostgreSQL database (empty, or a copy of `template`), yield its URL, drop it."""
    name = f"lb_test_{uuid.uuid4().hex[:16]}"  # generated here, never user text
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    try:
        yield make_url(server_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


@pytest.fixture
def pg_url(pg_server_url):
    """A fresh, empty PostgreSQL database for one test, dropped afterwards."""
    with fresh_pg_database(pg_server_url) as url:
        yield url


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    if request.param != "sqlite" and request.node.get_closest_marker("sqlite_only"):
        pytest.skip("a test about SQLite itself (marked sqlite_only)")
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


@pytest.fixture(scope="session")
def head_templates(tmp_path_factory, request):
    """Databases migrated to head once per run, copied for each `engine` (much faster than migrating)."""
    made: dict[str, str] = {}

    def get(backend: str) -> str:
        if backend not in made:
            if backend == "sqlite":
                path = tmp_path_factory.mktemp("template") / "head.db"
                made[backend] = str(path)
                eng = make_engine(sqlite_url(path))
            else:
                cm = fresh_pg_database(request.getfixturevalue("pg_server_url"))
                url = cm.__enter__()
                request.addfinalizer(lambda: cm.__exit__(None, None, None))
                made[backend] = make_url(url).database
                eng = make_engine(url, poolclass=NullPool)
            upgrade(eng)
            eng.dispose()
        return made[backend]

    return get


@pytest.fixture
def engine(backend, tmp_path, request, head_templates):
    """A database at the newest schema. The same database as `db_url` when the test uses both."""
    if "db_url" in request.fixturenames:
        eng = make_engine(request.getfixturevalue("db_url"))
        upgrade(eng)
        yield eng
        eng.dispose()
        return
    if backend == "sqlite":
        path = tmp_path / "test.db"
        shutil.copyfile(head_templates("sqlite"), path)
        eng = make_engine(sqlite_url(path))
        yield eng
        eng.dispose()
        return
    template = head_templates("postgresql")
    with fresh_pg_database(request.getfixturevalue("pg_server_url"), template=template) as url:
        eng = make_engine(url)
        yield eng
        eng.dispose()


@pytest.fixture
def sqlite_engine(sqlite_db_url):
    """A SQLite database at the newest schema, for tests about SQLite itself."""
    eng = make_engine(sqlite_db_url)
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


# -- synthetic listings and whole-database snapshots, for the reliability tests -----------------

_SEED_RECORDS: list = []


def seed_records() -> list:
    """Every title/abstract pair of the bundled seeds (read once)."""
    if not _SEED_RECORDS:
        from leaderboard.sources.listing import read_listing

        _SEED_RECORDS.extend(p for name in sorted(SEED_COUNTS) for p in read_listing(SEEDS / name))
    return _SEED_RECORDS


def synthetic_pairs(count: int, tag: str, start: int = 0) -> list[tuple[str, str]]:
    """`count` new papers: seed abstracts under unique titles."""
    seeds = seed_records()
    return [(f"{seeds[i % len(seeds)].title} [{tag} {i}]", seeds[i % len(seeds)].abstract)
            for i in range(start, start + count)]


def write_listing(path: Path, pairs, date: str | None = "Jun 6") -> Path:
    """A listing page in the packed layout: banner, date, then title/abstract lines."""
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("Daily Papers\n")
        if date:
            fh.write(f"{date}\n")
        for title, abstract in pairs:
            fh.write(f"{title}\n{abstract}\n")
    return path


def write_jsonl(path: Path, pairs) -> Path:
    import json

    with open(path, "w", encoding="utf-8") as fh:
        for n, (title, abstract) in enumerate(pairs):
            fh.write(json.dumps({"id": f"2401.{n:05d}", "title": title, "abstract": abstract}) + "\n")
    return path


def table_dump(engine, *, natural: bool = False) -> dict[str, list[tuple]]:
    """Every row of every table, sorted. natural=True: without surrogate ids and timestamps, foreign
    keys and result keys replaced by the paper's title key, so two databases fed the same input compare equal."""
    from sqlalchemy import MetaData, select, text

    meta = MetaData()
    meta.reflect(engine)
    out: dict[str, list[tuple]] = {}
    with engine.connect() as conn:
        titles = dict(conn.execute(text("SELECT id, title_key FROM papers")).all()) if "papers" in meta.tables else {}
        listings = dict(conn.execute(text("SELECT id, content_hash FROM listings")).all()) \
            if "listings" in meta.tables else {}
        benches = {i: (d, m, h) for i, d, m, h in conn.execute(
            text("SELECT id, dataset, metric, hardware_category FROM benchmarks"))} if "benchmarks" in meta.tables else {}
        for table in meta.sorted_tables:
            if table.name == "alembic_version":
                continue
            rows = []
            for row in conn.execute(select(table)).mappings():
                row = dict(row)
                if natural:
                    for col in ("id", "created_at", "ingested_at", "updated_at", "path"):
                        row.pop(col, None)
                    if "paper_id" in row:
                        row["paper_id"] = titles.get(row["paper_id"])
                    if "listing_id" in row:
                        row["listing_id"] = listings.get(row["listing_id"])
                    if "benchmark_id" in row:
                        row["benchmark_id"] = benches.get(row["benchmark_id"])
                    if isinstance(row.get("result_key"), str) and "-" in row["result_key"]:
                        pid, rest = row["result_key"].split("-", 1)
                        row["result_key"] = f"{titles.get(int(pid)) if pid.isdigit() else pid}-{rest}"
                rows.append(tuple(sorted((k, repr(v)) for k, v in row.items())))
            out[table.name] = sorted(rows)
    return out


MEASURED = ("NetB: A Small Network", "We propose NetB for phones. It runs in 12 ms on a Pixel 4 phone. "
            "NetB is 1.8x faster than MobileNetV2.")


def small_listing(path: Path) -> Path:
    """Six papers, one of them with numbers every extractor finds: a quick database to protect."""
    return write_listing(path, [*synthetic_pairs(5, "small"), MEASURED])
