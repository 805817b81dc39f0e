from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from leaderboard.store import migrate
from leaderboard.store.engine import make_engine
from leaderboard.store.models import Base


def test_migrated_schema_matches_models(engine):
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(ctx, Base.metadata)
    assert diff == [], f"models and migrations disagree; add a migration: {diff}"


def test_head_is_current_after_upgrade(engine):
    assert migrate.current_revision(engine) == migrate.head_revision(engine)


def test_down_to_base_and_up_again(db_url):
    eng = make_engine(db_url)
    migrate.upgrade(eng)
    migrate.downgrade(eng, "base")
    names = set(inspect(eng).get_table_names()) - {"alembic_version"}
    assert names == set()
    with eng.connect() as conn:
        assert conn.execute(text("SELECT name FROM sqlite_master WHERE type IN ('view', 'trigger')")).all() == []
    migrate.upgrade(eng)
    assert {"papers", "results", "corrections", "result_overrides"} <= set(inspect(eng).get_table_names())
    assert "result_rows" in inspect(eng).get_view_names()
