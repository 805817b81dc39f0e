"""Database URL resolution, engines and sessions."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.orm import Session, sessionmaker

DEFAULT_DB = "leaderboard.db"
ENV_URL = "LEADERBOARD_DB_URL"
SQLITE_BUSY_TIMEOUT_MS = 30_000


def resolve_url(db: str | None = None, url: str | None = None) -> str:
    """--url wins, then --db FILE, then $LEADERBOARD_DB_URL, then ./leaderboard.db."""
    if url:
        return url
    if db:
        return sqlite_url(db)
    return os.environ.get(ENV_URL) or sqlite_url(DEFAULT_DB)


def sqlite_url(path: str | Path) -> str:
    return f"sqlite:///{Path(path).expanduser().absolute()}"


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA busy_timeout = %d" % SQLITE_BUSY_TIMEOUT_MS)
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA synchronous = NORMAL")
    cur.execute("PRAGMA foreign_keys = ON")
    cur.close()


def make_engine(url: str, **kwargs) -> Engine:
    if url.startswith("sqlite"):
        kwargs.setdefault("connect_args", {}).setdefault("timeout", SQLITE_BUSY_TIMEOUT_MS / 1000)
        engine = create_engine(url, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    return create_engine(url, **kwargs)


def write_lock(session: Session, name: str) -> None:
    """Serialize writers of `name` until the session commits, so that read-then-write is atomic.

    SQLite: take the database write lock now (BEGIN IMMEDIATE; waits up to the busy timeout).
    PostgreSQL: a transaction-scoped advisory lock on the name.
    """
    conn = session.connection()
    if conn.dialect.name == "sqlite":
        if not conn.connection.driver_connection.in_transaction:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
    elif conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:name, 0))"), {"name": name})


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def describe(url: str) -> str:
    """A URL fit to print: the file for SQLite, no password otherwise."""
    if url.startswith("sqlite:///"):
        return url[len("sqlite:///"):]
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
