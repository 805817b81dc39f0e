"""Database URL resolution, engines and sessions."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

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


def _sqlite_setup(*pragmas: str, driver_transactions: bool = True):
    """A connect listener that sets the busy timeout, WAL and `pragmas` on each new SQLite connection."""
    def setup(dbapi_conn, _record) -> None:
        if not driver_transactions:
            dbapi_conn.isolation_level = None  # the driver must not manage transactions: we BEGIN ourselves
        cur = dbapi_conn.cursor()
        for pragma in ("PRAGMA busy_timeout = %d" % SQLITE_BUSY_TIMEOUT_MS, "PRAGMA journal_mode = WAL", *pragmas):
            cur.execute(pragma)
        cur.close()
    return setup


_sqlite_pragmas = _sqlite_setup("PRAGMA synchronous = NORMAL", "PRAGMA foreign_keys = ON")


def make_engine(url: str, **kwargs) -> Engine:
    if url.startswith("sqlite"):
        kwargs.setdefault("connect_args", {}).setdefault("timeout", SQLITE_BUSY_TIMEOUT_MS / 1000)
        engine = create_engine(url, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    return create_engine(url, **kwargs)


def migration_engine(engine: Engine) -> Engine:
    """The engine Alembic runs on. For SQLite, a separate one on which each revision is one transaction
    (a failing revision changes nothing), with foreign keys off while batch mode rebuilds a table
    (dropping the old `papers` must not cascade to its rows) and renames that leave views alone."""
    if engine.dialect.name != "sqlite":
        return engine
    eng = create_engine(engine.url, poolclass=NullPool,
                        connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})

    event.listen(eng, "connect", _sqlite_setup("PRAGMA foreign_keys = OFF", "PRAGMA legacy_alter_table = ON",
                                               driver_transactions=False))

    @event.listens_for(eng, "begin")
    def _begin(conn) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return eng


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


def backup_sqlite(engine: Engine, label: str) -> Path:
    """Copy a SQLite database (consistently, with SQLite's backup API) next to itself; return the copy's path."""
    import sqlite3
    from datetime import datetime

    source = Path(engine.url.database)
    dest = source.with_name(f"{source.name}.{label}-{datetime.now():%Y%m%d-%H%M%S}.bak")
    raw = engine.raw_connection()
    try:
        with sqlite3.connect(dest) as copy:
            raw.driver_connection.backup(copy)
        copy.close()
    finally:
        raw.close()
    return dest


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def describe(url: str) -> str:
    """A URL fit to print: the file for SQLite, no password otherwise."""
    if url.startswith("sqlite:///"):
        return url[len("sqlite:///"):]
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
