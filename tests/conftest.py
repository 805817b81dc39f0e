from __future__ import annotations

from pathlib import Path

import pytest

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


@pytest.fixture
def db_url(tmp_path) -> str:
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
    """A database holding all bundled seeds (built once; tests must not write to it)."""
    from leaderboard.ingest import ingest_paths

    url = sqlite_url(tmp_path_factory.mktemp("seeded") / "seeded.db")
    eng = make_engine(url)
    upgrade(eng)
    summary = ingest_paths(eng, [SEEDS], progress=False)
    assert not summary.failed
    eng.dispose()
    return url
