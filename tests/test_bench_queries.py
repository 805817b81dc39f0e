"""The rewritten result_rows view (0002) and the indexes chosen for the app's queries."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text

from leaderboard import corrections
from leaderboard.bench_queries import CALLS, QUERIES, grow, query_params, time_queries
from leaderboard.ingest import ingest_paths
from leaderboard.store import migrate
from leaderboard.store.engine import session_factory
from leaderboard.store.models import Paper, Result

from .conftest import SEEDS

WHO = {"author": "ada", "reason": "checked the paper"}


def _all_rows(engine):
    with engine.connect() as conn:
        return conn.execute(text("SELECT * FROM result_rows ORDER BY result_id")).all()


def test_view_of_0002_has_the_same_rows_as_0001_with_every_kind_of_correction(engine):
    ingest_paths(engine, [SEEDS / "000_0e0bdb848ac787aa.txt"], progress=False)
    with session_factory(engine)() as s:
        keys = list(s.scalars(select(Result.result_key).order_by(Result.id)).all())
        assert len(keys) >= 3
        corrections.edit(s, keys[0], {"dataset": "ImageNet-1K", "value": "1.5"}, **WHO)
        corrections.reject(s, keys[1], **WHO)
        edited = corrections.edit(s, keys[2], {"model": "X"}, **WHO)
        corrections.revert(s, edited.id, **WHO)
        paper_id = s.scalar(select(Paper.id).order_by(Paper.id))
        corrections.add(s, paper_id, {"value": "3", "unit": "ms", "metric": "latency", "kind": "absolute",
                                      "surface": "3 ms", "sentence": "It runs in 3 ms."}, **WHO)
        s.execute(text("DELETE FROM results WHERE result_key = :k"), {"k": keys[0]})  # orphaned edit
        corrections.edit(s, keys[3], {"hardware": "Pixel 4"}, **WHO)
        s.commit()
    new_rows = _all_rows(engine)
    statuses = {r.status for r in new_rows}
    assert statuses == {"extracted", "corrected", "added"}
    migrate.downgrade(engine, "0001")
    assert _all_rows(engine) == new_rows
    migrate.upgrade(engine)


@pytest.mark.sqlite_only  # reads SQLite's EXPLAIN QUERY PLAN
def test_app_queries_use_the_indexes_on_a_grown_database(engine):
    assert grow(engine, 3000, progress=False) == 3000
    params = query_params(engine)
    plans = {}
    with engine.connect() as conn:
        for name, sql in QUERIES.items():
            used = {k: v for k, v in params.items() if f":{k}" in sql}
            plans[name] = " | ".join(row[-1] for row in conn.execute(text("EXPLAIN QUERY PLAN " + sql), used))
    assert "ix_results_leaderboard" in plans["leaderboard (largest benchmark, top 100)"]
    assert "ix_results_hardware" in plans["hardware results (one metric)"]
    assert "ix_papers_title" in plans["one paper's results"]
    for name in ("last page: its values (index only)", "last page: levels better than it",
                 "leaderboard filter counts (largest)"):
        assert "COVERING INDEX ix_results_leaderboard" in plans[name], f"{name}: {plans[name]}"
        assert "SCAN p " not in plans[name] + " ", f"{name} reads every paper: {plans[name]}"
    for name in ("leaderboard (largest benchmark, top 100)", "hardware results (one metric)"):
        assert "SCAN p " not in plans[name] + " ", f"{name} reads every paper: {plans[name]}"
    assert "ix_benchmark_stats_results" in plans["benchmark list (500 busiest)"]


def test_query_timings_are_reported_for_every_query(engine):
    grow(engine, 3000, progress=False)
    timings = time_queries(engine, repeat=3, progress=False)
    assert [t.name for t in timings] == [*CALLS, *QUERIES]
    for t in timings:
        assert 0 < t.p50_ms <= t.p95_ms
        assert t.rows > 0, t.name


def test_the_benchmark_list_agrees_with_the_view_with_corrections_applied(engine):
    ingest_paths(engine, [SEEDS], progress=False)
    grow(engine, 2000, progress=False)
    with session_factory(engine)() as s:
        keys = list(s.scalars(select(Result.result_key).where(Result.dataset.is_not(None), Result.kind == "absolute")
                              .order_by(Result.id).limit(3)))
        corrections.edit(s, keys[0], {"value": "1e300"}, **WHO)  # larger than anything extracted
        corrections.edit(s, keys[1], {"dataset": "Brand-new set"}, **WHO)
        corrections.reject(s, keys[2], **WHO)
        s.commit()
    with engine.connect() as conn:
        by_view = conn.execute(text(QUERIES["reference: benchmark list via result_rows"])).all()
        by_stats = conn.execute(text(
            "SELECT dataset, metric, SUM(levels), MAX(max_value), MIN(min_value) FROM benchmark_stats "
            "WHERE levels > 0 GROUP BY dataset, metric")).all()
    assert sorted(tuple(r) for r in by_view) == sorted(tuple(r) for r in by_stats)
    assert any(row[0] == "Brand-new set" for row in by_stats)
    assert max(row[3] for row in by_stats) == 1e300
