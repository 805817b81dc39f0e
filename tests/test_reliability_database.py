"""A database that cannot be used is reported in one line with what to do, and is left as it was."""

from __future__ import annotations

import socket

import pytest

from sqlalchemy import text

from leaderboard import cli

from .conftest import SEEDS

SEED = str(SEEDS / "004_7d968b0a84e21de6.txt")


def _run(capsys, *args):
    code = cli.main(["ingest", SEED, "-q", *args])
    return code, capsys.readouterr().err


def test_sqlite_file_in_a_missing_folder(tmp_path, capsys):
    code, err = _run(capsys, "--db", str(tmp_path / "nope" / "x.db"))
    assert code == 2 and "unable to open database file" in err and "Check that the folder exists" in err
    assert "Traceback" not in err


def test_a_file_that_is_not_a_database_is_left_alone(tmp_path, capsys):
    f = tmp_path / "notes.db"
    f.write_bytes(b"my notes, not a database\n" * 100)
    code, err = _run(capsys, "--db", str(f))
    assert code == 2 and "not an SQLite database" in err
    assert f.read_bytes() == b"my notes, not a database\n" * 100


def test_database_from_a_newer_version_is_not_touched(engine, capsys):
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))
    code, err = _run(capsys, "--url", engine.url.render_as_string(hide_password=False))
    assert code == 2 and "newer version of leaderboard" in err and "nothing was changed" in err
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM papers")).scalar() == 0


def test_unreachable_postgresql_server(capsys):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    code, err = _run(capsys, "--url", f"postgresql+psycopg://someone:hunter2@127.0.0.1:{port}/lb")
    assert code == 2 and "Check that the PostgreSQL server is running" in err
    assert "hunter2" not in err  # the password is never printed


def test_unknown_url_scheme(capsys):
    code, err = _run(capsys, "--url", "mysql2://x/y")
    assert code == 2 and "not a database URL" in err and "--db FILE" in err



def test_an_unexpected_error_is_one_line_and_the_traceback_on_request(monkeypatch, capsys):
    def broken(args):
        raise RuntimeError("boom")

    monkeypatch.setattr(cli, "cmd_db", broken)
    assert cli.main(["db", "current"]) == 3
    err = capsys.readouterr().err
    assert "internal error: RuntimeError: boom" in err and "LEADERBOARD_DEBUG=1" in err and "Traceback" not in err
    monkeypatch.setenv("LEADERBOARD_DEBUG", "1")
    with pytest.raises(RuntimeError, match="boom"):
        cli.main(["db", "current"])
