"""Migrations, written over Alembic's own revision list so they cover revisions added later.

Every revision is visited with data in every table: base -> head one step at a time, head -> base,
and up again; no row is lost on the way up, and `leaderboard ingest` upgrades an old database.
"""

from __future__ import annotations

import itertools
from datetime import datetime

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, MetaData, func, inspect, select, text
from sqlalchemy.exc import DBAPIError

from leaderboard import cli
from leaderboard.store import migrate
from leaderboard.store.engine import make_engine
from leaderboard.store.models import Base

from .conftest import SEED_COUNTS, SEEDS

SCRIPT = ScriptDirectory(str(migrate.MIGRATIONS_DIR))
REVISIONS = [s.revision for s in reversed(list(SCRIPT.walk_revisions()))]  # base -> head
HEAD = SCRIPT.get_current_head()
# Revisions whose upgrade rewrites stored values on purpose: {revision: {(table, column), ...}}.
REWRITES: dict[str, set[tuple[str, str]]] = {}
SEED = SEEDS / "000_0e0bdb848ac787aa.txt"


def test_revision_history_is_linear():
    assert len(SCRIPT.get_heads()) == 1, f"several heads {SCRIPT.get_heads()}: merge them with `alembic merge`"
    assert REVISIONS[-1] == HEAD


def test_migrated_schema_matches_models(engine):
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(ctx, Base.metadata)
    assert diff == [], f"models and migrations disagree; add a migration: {diff}"


def test_head_is_current_after_upgrade(engine):
    assert migrate.current_revision(engine) == migrate.head_revision(engine) == HEAD


# -- synthetic rows in whatever tables a revision has ------------------------------------------

_counter = itertools.count(1)


def _value(column, tag: str):
    n = next(_counter)
    try:
        kind = column.type.python_type
    except NotImplementedError:
        kind = str
    if kind is bool:
        return n % 2 == 0
    if kind is int:
        return n
    if kind is float:
        return n + 0.25
    if kind is datetime:
        return datetime(2026, 1, 1, 12, 0, n % 60)
    length = getattr(column.type, "length", None) or 200
    return f"{tag}-{column.name}-{n}"[-length:]


def fill(engine: Engine, tag: str) -> dict[str, list[dict]]:
    """Insert one row into every table the database has now; return the rows by table."""
    meta = MetaData()
    meta.reflect(engine)
    rows: dict[str, list[dict]] = {}
    pks: dict[str, dict] = {}
    with engine.begin() as conn:
        for table in meta.sorted_tables:
            if table.name == "alembic_version":
                continue
            row = {}
            for col in table.columns:
                fks = list(col.foreign_keys)
                if fks:
                    target = fks[0].column
                    parent = pks.get(target.table.name)
                    if parent is None or target.table.name == table.name:
                        if col.nullable:
                            row[col.name] = None
                            continue
                        raise AssertionError(f"cannot fill {table.name}.{col.name}: no row in {target.table.name}")
                    row[col.name] = parent[target.name]
                elif col.primary_key and col.autoincrement in (True, "auto") and len(table.primary_key) == 1 \
                        and col.type.python_type is int:
                    continue  # the database assigns it
                else:
                    row[col.name] = _value(col, tag)
            result = conn.execute(table.insert().values(**row))
            row.update(zip((c.name for c in table.primary_key), result.inserted_primary_key))
            pks[table.name] = row
            rows[table.name] = [row]
    return rows


def assert_rows_kept(engine: Engine, rows: dict[str, list[dict]], skip: set[tuple[str, str]] = frozenset()):
    meta = MetaData()
    meta.reflect(engine)
    with engine.connect() as conn:
        for name, expected in rows.items():
            assert name in meta.tables, f"table {name} and its rows are gone"
            table = meta.tables[name]
            for row in expected:
                where = [table.c[k] == row[k] for k in (c.name for c in table.primary_key)]
                found = conn.execute(select(table).where(*where)).mappings().one_or_none()
                assert found is not None, f"row {row} of {name} is gone"
                for col, value in row.items():
                    if col in found and (name, col) not in skip:
                        assert found[col] == value, f"{name}.{col} changed from {value!r} to {found[col]!r}"


def schema_objects(engine: Engine) -> set[str]:
    """Tables, views, triggers (and, on PostgreSQL, functions) we created."""
    insp = inspect(engine)
    names = {f"table {t}" for t in insp.get_table_names() if t != "alembic_version"}
    names |= {f"view {v}" for v in insp.get_view_names()}
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            names |= {f"trigger {n}" for (n,) in conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'"))}
        else:
            names |= {f"trigger {n}" for (n,) in conn.execute(text(
                "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"))}
            names |= {f"function {n}" for (n,) in conn.execute(text(
                "SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                "WHERE n.nspname = current_schema()"))}
    return names


def assert_corrections_append_only(engine: Engine) -> None:
    if "corrections" not in inspect(engine).get_table_names():
        return
    for stmt in ("UPDATE corrections SET author = 'mallory'", "DELETE FROM corrections"):
        with engine.connect() as conn, pytest.raises(DBAPIError, match="append-only"):
            conn.execute(text(stmt))


def _upgrade_with_data(engine: Engine) -> list[dict]:
    """Base to head one revision at a time, adding rows at each; every earlier row is kept."""
    stored: list[dict] = []
    for rev in REVISIONS:
        migrate.upgrade(engine, rev)
        assert migrate.current_revision(engine) == rev
        for earlier in stored:
            assert_rows_kept(engine, earlier, REWRITES.get(rev, set()))
        stored.append(fill(engine, f"at-{rev}"))
        assert_corrections_append_only(engine)
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM result_rows")).scalar() is not None
    return stored


def test_up_down_and_up_again_with_data_at_every_revision(db_url):
    eng = make_engine(db_url)
    assert schema_objects(eng) == set()
    _upgrade_with_data(eng)
    at_head = schema_objects(eng)
    assert {"table papers", "table results", "table corrections", "view result_rows"} <= at_head
    # down one revision at a time: tables that remain keep their rows
    for rev in reversed(REVISIONS[:-1]):
        before = _row_counts(eng)
        migrate.downgrade(eng, rev)
        assert migrate.current_revision(eng) == rev
        after = _row_counts(eng)
        assert {t: n for t, n in before.items() if t in after} == after
    migrate.downgrade(eng, "base")
    assert migrate.current_revision(eng) is None
    assert schema_objects(eng) == set(), "downgrade to base left objects behind"
    _upgrade_with_data(eng)
    assert schema_objects(eng) == at_head
    eng.dispose()


def _row_counts(engine: Engine) -> dict[str, int]:
    meta = MetaData()
    meta.reflect(engine)
    with engine.connect() as conn:
        return {t.name: conn.execute(select(func.count()).select_from(t)).scalar() for t in meta.sorted_tables}


def _url_args(url: str) -> list[str]:
    return ["--url", url]


@pytest.mark.parametrize("old", ["base", *REVISIONS[:-1]])
def test_ingest_upgrades_an_old_database_without_loss(db_url, old, capsys):
    eng = make_engine(db_url)
    kept = None
    if old != "base":
        migrate.upgrade(eng, old)
        kept = fill(eng, f"left-at-{old}")
    assert cli.main(["ingest", str(SEED), "-q", *_url_args(db_url)]) == 0
    assert migrate.current_revision(eng) == HEAD
    if kept:
        assert_rows_kept(eng, kept, set().union(*(REWRITES.get(r, set()) for r in REVISIONS)))
    with eng.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM sightings")).scalar() >= SEED_COUNTS[SEED.name]
    eng.dispose()


# -- a migration that goes wrong, and one that rebuilds a table, on SQLite ---------------------

PROBE = '''
from alembic import op
import sqlalchemy as sa

revision = "zz_probe"
down_revision = {head!r}
branch_labels = None
depends_on = None


def upgrade():
{body}


def downgrade():
    with op.batch_alter_table("papers", recreate="always") as batch:
        batch.drop_column("probe")
'''


def _with_probe(tmp_path, monkeypatch, body: str) -> None:
    """A copy of migrations/ with one more revision on top, used by the code under test."""
    import shutil

    scripts = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS_DIR, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    (scripts / "versions" / "zz_probe.py").write_text(PROBE.format(head=HEAD, body=body))
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", scripts)


def _stored_sqlite(tmp_path, capsys):
    from leaderboard import corrections
    from leaderboard.store.engine import session_factory
    from leaderboard.store.models import Result

    db = tmp_path / "kept.db"
    assert cli.main(["ingest", str(SEED), "-q", "--db", str(db)]) == 0
    eng = make_engine(f"sqlite:///{db}")
    with session_factory(eng)() as s:
        key = s.scalars(select(Result.result_key)).first()
        corrections.edit(s, key, {"model": "checked"}, author="ada", reason="read it")
        s.commit()
    capsys.readouterr()
    return db, eng


def test_a_failing_migration_changes_nothing_and_leaves_a_backup(tmp_path, monkeypatch, capsys):
    from .conftest import table_dump

    db, eng = _stored_sqlite(tmp_path, capsys)
    before = table_dump(eng)
    _with_probe(tmp_path, monkeypatch, '''    with op.batch_alter_table("papers", recreate="always") as batch:
        batch.add_column(sa.Column("probe", sa.Integer()))
    op.execute("DELETE FROM sightings")
    raise RuntimeError("a bug in the migration")''')
    assert cli.main(["ingest", str(SEEDS / "003_656d5c5de814b30c.txt"), "-q", "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert f"failed (RuntimeError: a bug in the migration). It is left at revision {HEAD}" in err
    assert migrate.current_revision(eng) == HEAD
    assert table_dump(eng) == before  # the half-done revision was rolled back whole
    [backup] = tmp_path.glob("kept.db.before-head-*.bak")
    assert table_dump(make_engine(f"sqlite:///{backup}")) == before
    with eng.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"


def test_rebuilding_a_table_in_sqlite_keeps_rows_view_and_guard(tmp_path, monkeypatch, capsys):
    """Batch mode rebuilds `papers` (copy, drop, rename): nothing may cascade, the view must survive."""
    from .conftest import table_dump

    db, eng = _stored_sqlite(tmp_path, capsys)
    before = table_dump(eng)
    _with_probe(tmp_path, monkeypatch, '''    with op.batch_alter_table("papers", recreate="always") as batch:
        batch.add_column(sa.Column("probe", sa.Integer()))''')
    assert cli.main(["db", "upgrade", "--db", str(db)]) == 0
    after = table_dump(eng)
    assert {t: len(r) for t, r in after.items()} == {t: len(r) for t, r in before.items()}
    assert {t: r for t, r in after.items() if t != "papers"} == {t: r for t, r in before.items() if t != "papers"}
    with eng.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
        assert conn.exec_driver_sql("SELECT count(*) FROM result_rows").scalar() > 0
    assert_corrections_append_only(eng)
    assert cli.main(["db", "downgrade", HEAD, "--yes", "--db", str(db)]) == 0
    assert table_dump(eng) == before


def test_downgrade_asks_for_yes(engine, capsys):
    url = engine.url.render_as_string(hide_password=False)
    assert cli.main(["db", "downgrade", "--url", url]) == 1
    assert "--yes" in capsys.readouterr().err
    assert migrate.current_revision(engine) == HEAD
