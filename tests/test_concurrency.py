"""Corrections from several processes at once: every one lands, in a consistent order."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest
from sqlalchemy import func, select, text

from leaderboard.store.engine import make_engine, session_factory
from leaderboard.store.models import Correction, ResultOverride

from . import factories
from .conftest import ROOT

PER_PROCESS = 200
KEYS = 4

WRITER = """
import os, sys, time
from pathlib import Path
from leaderboard import corrections
from leaderboard.store.engine import make_engine, session_factory

url, who, offset, n, go = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4]), Path(sys.argv[5])
keys = sys.argv[6:]
make_session = session_factory(make_engine(url))
while not go.exists():
    time.sleep(0.005)
for i in range(n):
    with make_session() as s:
        corrections.edit(s, keys[i % len(keys)], {"value": offset + i}, author=who, reason="load test")
        s.commit()
print("done", n)
"""


@pytest.fixture
def results(session):
    factories.bind(session)
    sighting = factories.SightingFactory()
    rows = [factories.ResultFactory(paper=sighting.paper, sentence=f"Sentence {i} with 75.2%.") for i in range(KEYS)]
    session.commit()
    return [r.result_key for r in rows]


def _writers(db_url, keys, tmp_path, authors):
    go = tmp_path / "go"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, db_url, who, str(1000 * (n + 1)), str(PER_PROCESS),
                               str(go), *keys], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for n, who in enumerate(authors)]
    time.sleep(1.0)  # let both import and connect, then start them together
    go.touch()
    outs = [p.communicate(timeout=300) for p in procs]
    for p, (out, err) in zip(procs, outs):
        assert p.returncode == 0, f"a writer failed:\n{err[-3000:]}"
        assert out.strip() == f"done {PER_PROCESS}"


def test_sqlite_uses_wal_and_a_busy_timeout(sqlite_db_url):
    eng = make_engine(sqlite_db_url)
    with eng.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    eng.dispose()


def test_two_processes_x_200_corrections_all_land(engine, results, tmp_path):
    authors = ["writer-a", "writer-b"]
    _writers(engine.url.render_as_string(hide_password=False), results, tmp_path, authors)
    with session_factory(engine)() as s:
        assert s.scalar(select(func.count(Correction.id))) == PER_PROCESS * len(authors)
        for who in authors:
            assert s.scalar(select(func.count(Correction.id)).where(Correction.author == who)) == PER_PROCESS
        for key in results:
            log = s.scalars(select(Correction).where(Correction.result_key == key).order_by(Correction.id)).all()
            # each edit saw the one before it: read-then-write is atomic
            current = 75.2
            for entry in log:
                assert json.loads(entry.previous) == {"value": current}, f"edit {entry.id} of {key} read a stale value"
                current = json.loads(entry.changes)["value"]
            assert s.get(ResultOverride, key).value == current
            shown = s.execute(text("SELECT value FROM result_rows WHERE result_id = :k"), {"k": key}).scalar()
            assert shown == current


def _listings(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(text("SELECT count(*) FROM listings")).scalar()


def test_corrections_land_while_an_ingest_is_writing(engine, results, tmp_path):
    """Corrections wait for the ingest's file transactions instead of failing, and the ingest is unharmed."""
    from .conftest import synthetic_pairs, write_listing

    folder = tmp_path / "inbox"
    folder.mkdir()
    for n in range(4):
        write_listing(folder / f"day_{n}.txt", synthetic_pairs(60, "load", start=n * 60))
    url = engine.url.render_as_string(hide_password=False)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    before = _listings(engine)
    ingest = subprocess.Popen([sys.executable, "-m", "leaderboard.cli", "ingest", str(folder), "--url", url, "-q"],
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    go = tmp_path / "go"
    writer = subprocess.Popen([sys.executable, "-c", WRITER, url, "during-ingest", "5000", "50", str(go), *results],
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    started = time.monotonic()
    while _listings(engine) < before + 1 and ingest.poll() is None and time.monotonic() - started < 120:
        time.sleep(0.01)
    assert ingest.poll() is None, "the ingest ended before the corrections started: make it larger"
    go.touch()  # the first file is stored, three are still to come
    w_out, w_err = writer.communicate(timeout=300)
    i_out, i_err = ingest.communicate(timeout=300)
    assert writer.returncode == 0, w_err[-3000:]
    assert ingest.returncode == 0, i_err[-3000:]
    assert "4 ingested" in i_out
    with session_factory(engine)() as s:
        assert s.scalar(select(func.count(Correction.id)).where(Correction.author == "during-ingest")) == 50
        assert s.execute(text("SELECT count(*) FROM sightings")).scalar() == 1 + 240
