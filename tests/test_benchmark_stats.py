"""benchmark_stats always equals a GROUP BY over result_rows: after ingest, every kind of
correction and revert, re-ingest, and random corrections on factory rows (SQLite and PostgreSQL)."""

from __future__ import annotations

import random

import pandas as pd
import pytest
from sqlalchemy import text

from app import ranking
from leaderboard import corrections
from leaderboard.ingest import ingest_paths
from leaderboard.store import queries, stats
from leaderboard.store.engine import session_factory

from . import factories
from .conftest import SEEDS, write_listing

WHO = {"author": "Ada", "reason": "checked the paper"}
KEY = ["dataset", "metric", "hardware_category"]


def stored(engine) -> pd.DataFrame:
    with engine.connect() as conn:
        frame = pd.read_sql_query(text("SELECT * FROM benchmark_stats"), conn)
    return frame.sort_values(KEY).reset_index(drop=True)


def expected(engine) -> pd.DataFrame:
    """What the app computed from every visible row before benchmark_stats existed."""
    rows = ranking.with_benchmark_keys(ranking.with_categories(queries.all_results(engine)))
    bench = ranking.benchmarks(rows, queries.benchmark_directions(engine))
    return bench.rename(columns={"hardware": "hardware_category"}).sort_values(KEY).reset_index(drop=True)


def group_by_result_rows(engine) -> pd.DataFrame:
    sql = """SELECT dataset, metric, COUNT(*) AS results, COUNT(DISTINCT paper_title) AS papers,
                    SUM(CASE WHEN kind = 'absolute' THEN 1 ELSE 0 END) AS levels,
                    MIN(CASE WHEN kind = 'absolute' THEN value END) AS min_value,
                    MAX(CASE WHEN kind = 'absolute' THEN value END) AS max_value
             FROM result_rows WHERE dataset IS NOT NULL AND dataset <> '' GROUP BY dataset, metric"""
    with engine.connect() as conn:
        return pd.read_sql_query(text(sql), conn).sort_values(["dataset", "metric"]).reset_index(drop=True)


def assert_in_step(engine) -> None:
    got, want = stored(engine), expected(engine)
    assert list(zip(*(got[k] for k in KEY))) == list(zip(*(want[k] for k in KEY)))
    assert list(got["results"]) == list(want["results"])
    assert list(got["papers"]) == list(want["papers"])
    assert list(got["levels"]) == list(want["levels"])
    assert [bool(h) for h in got["higher_is_better"]] == list(want["higher_is_better"])
    shown = [ranking.format_value(v, u, q) if pd.notna(v) else "" for v, u, q in
             zip(got["best_value"], got["unit"], got["best_qualifier"])]
    assert shown == list(want["best"])
    assert [m if isinstance(m, str) else "" for m in got["best_model"]] == list(want["best_model"])
    assert [p if isinstance(p, str) else "" for p in got["best_paper"]] == list(want["best_paper"])
    # summed over device splits, the plain GROUP BY over the public view
    plain = group_by_result_rows(engine)
    summed = got.groupby(["dataset", "metric"], as_index=False).agg(
        results=("results", "sum"), levels=("levels", "sum"), min_value=("min_value", "min"),
        max_value=("max_value", "max"), splits=("hardware_category", "size"), papers=("papers", "sum"))
    assert list(zip(summed["dataset"], summed["metric"])) == list(zip(plain["dataset"], plain["metric"]))
    for col in ("results", "levels"):
        assert list(summed[col]) == list(plain[col]), col
    for col in ("min_value", "max_value"):
        assert summed[col].fillna(-1e300).tolist() == pytest.approx(plain[col].fillna(-1e300).tolist()), col
    one = summed["splits"] == 1
    assert list(summed.loc[one, "papers"]) == list(plain.loc[one, "papers"])


def test_stats_follow_ingest_corrections_reverts_and_reingest(engine, tmp_path):
    listing = write_listing(tmp_path / "page.txt", [
        ("NetA: fast phones", "NetA reaches 75.2% top-1 accuracy on ImageNet with 78 ms latency on a Pixel 4 phone."),
        ("NetB: faster phones", "NetB reaches 74.1% top-1 accuracy on ImageNet with 23 ms latency on a Pixel 4 phone. "
                                "It is 1.8x faster than MobileNetV2 and 0.5% more accurate."),
        ("NetC: small", "NetC reaches 2.1% error rate on CIFAR-10 with 3.2M parameters."),
    ])
    assert not ingest_paths(engine, [SEEDS / "000_0e0bdb848ac787aa.txt", listing], progress=False, workers=1).failed
    assert len(stored(engine)) > 10
    assert_in_step(engine)
    with engine.connect() as conn:
        keys = dict(conn.execute(text(
            "SELECT surface, result_id FROM result_rows WHERE paper_title LIKE 'Net_:%'")).all())
    with session_factory(engine)() as s:
        log = [corrections.edit(s, keys["75.2%"], {"value": 81.0}, **WHO)]  # new best
        s.commit()
        assert_in_step(engine)
        log.append(corrections.edit(s, keys["74.1%"], {"dataset": "ImageNet-1K"}, **WHO))  # moves benchmark
        s.commit()
        assert_in_step(engine)
        log.append(corrections.edit(s, keys["23 ms"], {"hardware": "NVIDIA Jetson TX2"}, **WHO))  # moves split
        s.commit()
        assert_in_step(engine)
        log.append(corrections.reject(s, keys["2.1%"], **WHO))  # empties a benchmark
        s.commit()
        assert_in_step(engine)
        paper_id = s.execute(text("SELECT id FROM papers WHERE title LIKE 'NetC%'")).scalar_one()
        log.append(corrections.add(s, paper_id, {"value": 1.9, "unit": "%", "metric": "error rate", "kind": "absolute",
                                                 "dataset": "CIFAR-100", "surface": "1.9%", "sentence": "x"}, **WHO))
        s.commit()
        assert_in_step(engine)
        assert ("CIFAR-100", "error rate", "") in set(zip(*(stored(engine)[k] for k in KEY)))
        for entry in reversed(log):
            corrections.revert(s, entry.id, **WHO)
            s.commit()
            assert_in_step(engine)
        corrections.revert(s, s.execute(text("SELECT MAX(id) FROM corrections")).scalar_one(), **WHO)  # redo
        s.commit()
        assert_in_step(engine)
        corrections.edit(s, keys["78 ms"], {"value": 5.0}, **WHO)
        s.commit()
    # re-ingest with a newer extractor: every paper re-extracted, corrections re-folded
    with engine.begin() as conn:
        conn.execute(text("UPDATE papers SET extractor_version = '0.0.1'"))
    assert not ingest_paths(engine, [SEEDS / "000_0e0bdb848ac787aa.txt", listing], progress=False, workers=1).failed
    assert_in_step(engine)
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM benchmark_stats"))
        stats.rebuild(conn)
    assert_in_step(engine)


METRICS = [("top-1 accuracy", "%"), ("error rate", "%"), ("latency", "ms"), ("mystery score", ""), ("FLOPs", "FLOPs")]


def test_random_corrections_on_factory_rows_keep_the_stats_equal(engine, session):
    rng = random.Random(7)
    factories.bind(session)
    papers = [factories.PaperFactory() for _ in range(6)]
    factories.BenchmarkFactory(dataset="D1", metric="mystery score", higher_is_better=False)
    for i in range(40):
        metric, unit = rng.choice(METRICS)
        hw = rng.choice([None, ("Pixel 4", "phone"), ("Jetson Nano", "jetson")])
        factories.ResultFactory(
            paper=rng.choice(papers), metric=metric, unit=unit, value=float(rng.randint(1, 30)),
            kind=rng.choice(["absolute", "absolute", "delta", "ratio"]), dataset=rng.choice(["D1", "D2", None]),
            model=rng.choice(["A", "B", None]), hardware=hw[0] if hw else None,
            hardware_category=hw[1] if hw else None)
    session.commit()
    stats.rebuild(session)
    session.commit()
    assert_in_step(engine)
    keys = [k for (k,) in session.execute(text("SELECT result_key FROM results")).all()]
    for step in range(25):
        action = rng.choice(["edit", "edit", "reject", "add", "revert"])
        key = rng.choice(keys)
        try:
            if action == "edit":
                field, value = rng.choice([("value", float(rng.randint(1, 40))), ("dataset", rng.choice(["D1", "D3"])),
                                           ("hardware", rng.choice(["Pixel 4", "an FPGA board", ""])),
                                           ("kind", rng.choice(["absolute", "delta"])), ("metric", "latency")])
                corrections.edit(session, key, {field: value}, **WHO)
            elif action == "reject":
                corrections.reject(session, key, **WHO)
            elif action == "add":
                corrections.add(session, rng.choice(papers).id, {
                    "value": float(rng.randint(1, 40)), "unit": "ms", "metric": "latency", "kind": "absolute",
                    "dataset": "D1", "hardware": rng.choice(["Pixel 4", None]), "surface": "x", "sentence": "x"}, **WHO)
            else:
                last = session.execute(text("SELECT MAX(id) FROM corrections")).scalar()
                if last is None:
                    continue
                corrections.revert(session, rng.randint(1, last), **WHO)
        except corrections.CorrectionError:
            session.rollback()
            continue
        session.commit()
        assert_in_step(engine)


def test_benchmark_stats_has_the_documented_columns(seeded_db):
    from leaderboard.store.engine import make_engine
    from leaderboard.store.views import BENCHMARK_STATS_COLUMNS

    from .conftest import ROOT

    eng = make_engine(seeded_db)
    with eng.connect() as conn:
        assert tuple(conn.execute(text("SELECT * FROM benchmark_stats LIMIT 1")).keys()) == BENCHMARK_STATS_COLUMNS
        assert conn.execute(text("SELECT COUNT(*) FROM benchmark_stats")).scalar() > 50
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### `benchmark_stats`"):readme.index("### Tables")]
    documented = [c for line in section.splitlines() if line.startswith("| `")
                  for c in line.split("|")[1].replace("`", "").replace(",", " ").split()]
    assert documented == list(BENCHMARK_STATS_COLUMNS)
    assert_in_step(eng)


def test_cli_refresh_stats_rebuilds_the_table(engine, db_url, session, capsys):
    from leaderboard import cli

    factories.bind(session)
    factories.ResultFactory(dataset="D", metric="top-1 accuracy", value=70.0)
    factories.ResultFactory(dataset="D", metric="top-1 accuracy", value=71.0)
    session.commit()  # factory rows bypass ingest: the table is behind
    assert stored(engine).empty
    assert cli.main(["db", "refresh-stats", "--url", db_url]) == 0
    assert "benchmark_stats rebuilt: 1 benchmarks" in capsys.readouterr().out
    got = stored(engine).iloc[0]
    assert (got["results"], got["best_value"], got["min_value"]) == (2, 71.0, 70.0)
    assert_in_step(engine)


def test_migration_0003_backfills_the_stats_and_downgrades_cleanly(db_url):
    from leaderboard.store import migrate
    from leaderboard.store.engine import make_engine

    eng = make_engine(db_url)
    migrate.upgrade(eng)
    assert not ingest_paths(eng, [SEEDS / "000_0e0bdb848ac787aa.txt"], progress=False, workers=1).failed
    migrate.downgrade(eng, "0002_perf_indexes")
    with eng.begin() as conn:  # corrections as 0002 stored them (no category, no stats refresh)
        key = conn.execute(text("SELECT result_key FROM results WHERE dataset IS NOT NULL "
                                "ORDER BY id LIMIT 1")).scalar_one()
        pid = conn.execute(text("SELECT paper_id FROM results WHERE result_key = :k"), {"k": key}).scalar_one()
        conn.execute(text(
            "INSERT INTO result_overrides (result_key, paper_id, status, value, unit, metric, kind, dataset, "
            "hardware, surface, sentence, updated_at) SELECT result_key, paper_id, 'corrected', 1.0, 'ms', "
            "'latency', 'absolute', dataset, 'Jetson Nano', surface, sentence, CURRENT_TIMESTAMP "
            "FROM results WHERE result_key = :k"), {"k": key})
        conn.execute(text("INSERT INTO corrections (result_key, paper_id, action, changes, previous, author, "
                          "reason, created_at) VALUES (:k, :p, 'edit', '{}', '{}', 'ada', 'x', CURRENT_TIMESTAMP)"),
                     {"k": key, "p": pid})
        before = conn.execute(text("SELECT COUNT(*) FROM result_rows")).scalar_one()
    migrate.upgrade(eng, "0003_benchmark_stats")
    with eng.connect() as conn:
        assert conn.execute(text("SELECT hardware_category FROM result_overrides WHERE result_key = :k"),
                            {"k": key}).scalar_one() == "jetson"
    assert_in_step(eng)
    first = stored(eng).drop(columns=["updated_at"])
    assert len(first) > 10
    migrate.downgrade(eng, "0002_perf_indexes")
    with eng.connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM result_rows")).scalar_one() == before
        names = {r[0] for r in conn.execute(text(
            "SELECT table_name FROM information_schema.tables" if eng.dialect.name == "postgresql"
            else "SELECT name FROM sqlite_master WHERE type = 'table'")).all()}
    assert "benchmark_stats" not in names and "result_overrides" in names
    migrate.upgrade(eng)
    pd.testing.assert_frame_equal(stored(eng).drop(columns=["updated_at"]), first)
    eng.dispose()
