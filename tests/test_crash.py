"""SIGKILL in the middle of a large ingest, then the same command again: the database opens, passes
its integrity check and holds exactly the rows of a clean run."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from leaderboard.store.engine import make_engine
from leaderboard.store.migrate import upgrade

from .conftest import ROOT, fresh_pg_database, synthetic_pairs, table_dump, write_jsonl, write_listing

FILES, PER_FILE = 6, 80


def _ingest_cmd(url: str, source) -> list[str]:
    return [sys.executable, "-m", "leaderboard.cli", "ingest", str(source), "--url", url, "-q"]


def _env():
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def _run(url, source):
    try:
        done = subprocess.run(_ingest_cmd(url, source), env=_env(), capture_output=True, text=True, timeout=180)
    except subprocess.TimeoutExpired:
        pytest.fail("the ingest did not finish in 180 s: is something still holding the killed run's locks?")
    assert done.returncode == 0, done.stderr[-3000:]
    return done


def _survivors(group: int, wait: float = 10.0) -> bool:
    """Is any process of the killed command's process group still alive after `wait` seconds?"""
    deadline = time.monotonic() + wait
    while True:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return False
        if time.monotonic() > deadline:
            return True
        time.sleep(0.1)


def _listings(url) -> int:
    eng = make_engine(url)
    try:
        with eng.connect() as conn:
            return conn.exec_driver_sql("SELECT count(*) FROM listings").scalar()
    except Exception:  # schema not created yet
        return 0
    finally:
        eng.dispose()


def _writing(url) -> bool:
    """Does another connection hold an open write transaction right now?"""
    if url.startswith("sqlite"):
        conn = sqlite3.connect(url[len("sqlite:///"):], timeout=0)
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.rollback()
            return False
        except sqlite3.OperationalError:
            return True
        finally:
            conn.close()
    eng = make_engine(url)
    try:
        with eng.connect() as conn:
            return bool(conn.exec_driver_sql(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()").scalar())
    finally:
        eng.dispose()


def _build(tmp_path, layout):
    if layout == "folder of listings":
        folder = tmp_path / "listings"
        folder.mkdir()
        for n in range(FILES):
            write_listing(folder / f"day_{n:02d}.txt", synthetic_pairs(PER_FILE, "crash", start=n * PER_FILE))
        return folder
    return write_jsonl(tmp_path / "snapshot.jsonl", synthetic_pairs(FILES * PER_FILE, "crash"))


@pytest.fixture
def clean_url(db_url, tmp_path, request):
    """Another empty database on the same backend, for the clean run."""
    if db_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'clean.db'}"
        return
    with fresh_pg_database(request.getfixturevalue("pg_server_url")) as url:
        yield url


def _kill_mid_ingest(proc, db_url, layout, clean_seconds) -> None:
    """SIGKILL once some files are committed (folder), or inside the file's write transaction (one file)."""
    started = time.monotonic()
    while proc.poll() is None and time.monotonic() - started < 120:
        if _listings(db_url) >= 2 if layout == "folder of listings" else _writing(db_url):
            break
        time.sleep(0.005)
    if layout != "folder of listings":
        time.sleep(min(0.3, clean_seconds / 10))  # a little deeper into it
    assert proc.poll() is None, "the ingest finished before it could be killed: make the input larger"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL


@pytest.mark.slow
@pytest.mark.parametrize("layout", ["folder of listings", "one JSON Lines file"])
def test_sigkill_mid_ingest_then_rerun_equals_a_clean_run(db_url, clean_url, tmp_path, layout):
    source = _build(tmp_path, layout)
    clock = time.monotonic()
    _run(clean_url, source)
    clean_seconds = time.monotonic() - clock

    upgrade(make_engine(db_url))  # so progress can be watched from here
    proc = subprocess.Popen(_ingest_cmd(db_url, source), env=_env(), stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, start_new_session=True)  # its own group: helpers are found
    try:
        _kill_mid_ingest(proc, db_url, layout, clean_seconds)
    finally:
        stray = _survivors(proc.pid)
        if stray:
            os.killpg(proc.pid, signal.SIGKILL)
    assert not stray, ("processes started by the killed ingest (extraction workers?) outlived it; they keep its "
                       "database connection, and on PostgreSQL its locks, open: they must exit with their parent")
    killed_at = _listings(db_url)
    if layout == "folder of listings":
        assert 2 <= killed_at < FILES  # it was killed in the middle

    if db_url.startswith("sqlite"):
        path = db_url[len("sqlite:///"):]
        with sqlite3.connect(path) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    _run(db_url, source)
    if db_url.startswith("sqlite"):
        with sqlite3.connect(path) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]

    got, want = table_dump(make_engine(db_url), natural=True), table_dump(make_engine(clean_url), natural=True)
    assert {t: len(r) for t, r in got.items()} == {t: len(r) for t, r in want.items()}
    assert len(got["papers"]) == FILES * PER_FILE
    for table in want:
        assert got[table] == want[table], f"{table} differs from a clean run"
