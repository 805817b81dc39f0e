"""The SQL box: the reader's own query on a read-only connection, capped in rows and time."""

from __future__ import annotations

import os

import pytest
from sqlalchemy import text

from leaderboard.store.engine import make_engine
from leaderboard.store.migrate import upgrade
from leaderboard.store.queries import QueryRefused, run_readonly

from . import factories


@pytest.fixture
def filled(engine, session):
    factories.bind(session)
    for i in range(30):
        factories.ResultFactory(value=float(i))
    session.commit()
    return engine


def count(engine, table="results") -> int:
    with engine.connect() as conn:
        return conn.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar_one()


def test_select_returns_rows_and_columns(filled):
    res = run_readonly(filled, "SELECT value, unit FROM result_rows ORDER BY value DESC LIMIT 3;")
    assert list(res.frame.columns) == ["value", "unit"]
    assert list(res.frame["value"]) == [29.0, 28.0, 27.0] and not res.truncated


def test_with_queries_and_joins_are_allowed(filled):
    res = run_readonly(filled, "WITH t AS (SELECT paper_id, COUNT(*) n FROM results GROUP BY paper_id) "
                               "SELECT p.title, t.n FROM t JOIN papers p ON p.id = t.paper_id")
    assert len(res.frame) == 30


def test_a_database_file_with_odd_characters_in_its_path(tmp_path):
    from leaderboard.store.engine import sqlite_url

    eng = make_engine(sqlite_url(tmp_path / "my data #1?.db"))
    upgrade(eng)
    assert run_readonly(eng, "SELECT*FROM papers").frame.empty
    with pytest.raises(QueryRefused, match="read-only"):
        run_readonly(eng, "DELETE FROM papers")


def test_rows_are_capped(filled):
    res = run_readonly(filled, "SELECT * FROM result_rows", max_rows=10)
    assert len(res.frame) == 10 and res.truncated


@pytest.mark.parametrize("sql", [
    "DELETE FROM results",
    "UPDATE results SET value = 0",
    "INSERT INTO corrections (result_key, paper_id, action, changes, previous, author, reason, created_at) "
    "VALUES ('x', 1, 'edit', '{}', '{}', 'a', 'b', '2024-01-01')",
    "DROP TABLE results",
    "CREATE TABLE evil (x)",
    "ATTACH DATABASE '/tmp/evil.db' AS evil",
    pytest.param("PRAGMA query_only = OFF", marks=pytest.mark.sqlite_only),
    pytest.param("PRAGMA writable_schema = ON", marks=pytest.mark.sqlite_only),
    "VACUUM",
    "COMMIT",
    "BEGIN",
    "/* hidden */ ( DELETE FROM results)",
])
def test_writes_are_refused_with_a_clear_message(filled, sql):
    with pytest.raises(QueryRefused, match="read-only"):
        run_readonly(filled, sql)
    assert count(filled) == 30


@pytest.mark.parametrize("sql", [
    "SELECT 1; DELETE FROM results",
    "SELECT ';'; COMMIT; DELETE FROM results",
    "SELECT 1 /* ; */; -- x\n DELETE FROM results",
])
def test_several_statements_are_refused(filled, sql):
    with pytest.raises(QueryRefused, match="one statement at a time"):
        run_readonly(filled, sql)
    assert count(filled) == 30


@pytest.mark.parametrize("sql,expected", [
    ("SELECT 'a;b' AS x;", "a;b"),
    ("SELECT 'it''s; fine' AS x -- trailing comment ; here", "it's; fine"),
    ("SELECT \"value\" AS x FROM results WHERE value = 3 /* ; */ ;  ", 3.0),
])
def test_semicolons_inside_quotes_and_comments_are_fine(filled, sql, expected):
    assert run_readonly(filled, sql).frame["x"].tolist() == [expected]


def test_a_runaway_query_is_stopped(filled):
    sql = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT COUNT(*) FROM n"
    with pytest.raises(QueryRefused, match="longer than 0.3 s"):
        run_readonly(filled, sql, timeout_s=0.3)


def test_empty_and_broken_queries_say_what_to_do(filled):
    with pytest.raises(QueryRefused, match="Write a query"):
        run_readonly(filled, "  ;")
    with pytest.raises(QueryRefused, match="no such table|does not exist"):
        run_readonly(filled, "SELECT * FROM nothing_here")


@pytest.mark.postgres
def test_postgres_read_only_transaction():
    url = os.environ.get("LEADERBOARD_TEST_PG_URL")
    if not url:
        pytest.skip("set LEADERBOARD_TEST_PG_URL=postgresql+psycopg://... to run the PostgreSQL tests")
    eng = make_engine(url)
    upgrade(eng)
    assert list(run_readonly(eng, "SELECT 1 AS one").frame["one"]) == [1]
    with pytest.raises(QueryRefused, match="read-only"):
        run_readonly(eng, "CREATE TABLE evil (x int)")
    with pytest.raises(QueryRefused, match="longer than"):
        run_readonly(eng, "SELECT pg_sleep(2)", timeout_s=0.2)
    with pytest.raises(QueryRefused, match="read-only"):
        run_readonly(eng, "WITH gone AS (DELETE FROM corrections RETURNING id) SELECT COUNT(*) FROM gone")
    with pytest.raises(QueryRefused, match="one statement"):
        run_readonly(eng, "SELECT 1; COMMIT; DELETE FROM results")
    assert list(run_readonly(eng, "SELECT '100%' AS p").frame["p"]) == ["100%"]
