"""Benchmark of the app's read queries on a database grown to many result rows.

The queries are the SQL text the app asks (the benchmark list from benchmark_stats, one page
of the largest leaderboard, its filter counts and claims; one paper, hardware results over the
public `result_rows` view), plus reference lines over the view that the app no longer asks.
Synthetic rows are inserted in bulk (executemany), never through the extractor.
"""

from __future__ import annotations

import hashlib
import random
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Engine, func, insert, select, text

from .store import stats
from .store.models import Benchmark, Listing, Paper, Result, Sighting, utcnow

def _app_queries() -> dict[str, str]:
    """The queries the app asks now (store/board.py, store/queries.py), as SQL text."""
    from .store import board
    from .store.queries import BENCHMARK_ORDER, RESULT_ROWS_COUNT, data_version_sql

    levels, _ = board.Board("", "top-1 accuracy").where("levels")  # :dataset, :metric (not a device metric)
    rows, _ = board.Board("", "top-1 accuracy").where()
    claims, _ = board.Board("", "top-1 accuracy").where("claims")
    return {
        "benchmark list (500 busiest)": f"SELECT * FROM benchmark_stats {BENCHMARK_ORDER} LIMIT 500",  # sql: no user text: constants
        "datasets, busiest first": "SELECT dataset FROM benchmark_stats GROUP BY dataset ORDER BY MAX(results) DESC, dataset",
        "one dataset's benchmarks": f"SELECT * FROM benchmark_stats WHERE dataset = :dataset {BENCHMARK_ORDER}",  # sql: no user text: constants
        "last page: its values (index only)": board.values_sql(levels, True),
        "last page: levels better than it": board.better_sql(levels, True),
        "leaderboard filter counts (largest)": board.facets_sql(rows),
        "leaderboard claims (largest, first 200)": board.claims_sql(claims),
        "data version + result count (each run)": f"SELECT * FROM ({data_version_sql()}) a, ({RESULT_ROWS_COUNT}) b",  # sql: no user text: constants
    }


def _app_calls() -> dict:
    """What the app runs for one page of a leaderboard, whole (stats total, values, rank, rows)."""
    from .store import board

    def page(number_key: str):
        return lambda engine, p: len(board.page(engine, board.Board(p["dataset"], p["metric"]), higher=True,
                                                 number=p[number_key]).rows)
    return {"leaderboard page 1 (largest, all steps)": page("first_page"),
            "leaderboard last page (largest, all steps)": page("last_page")}


# The queries of the app before benchmark_stats and paging, over the public view; the benchmark
# list and a whole leaderboard are kept as reference lines (the app no longer asks them).
VIEW_QUERIES = {
    "reference: benchmark list via result_rows": """
        SELECT dataset, metric, COUNT(*) AS results, MAX(value) AS max_value, MIN(value) AS min_value
        FROM result_rows WHERE dataset IS NOT NULL AND kind = 'absolute'
        GROUP BY dataset, metric ORDER BY results DESC""",
    "reference: whole leaderboard via result_rows": """
        SELECT * FROM result_rows WHERE dataset = :dataset AND metric = :metric AND kind = 'absolute'
        ORDER BY value DESC""",
    "leaderboard (largest benchmark, top 100)": """
        SELECT * FROM result_rows WHERE dataset = :dataset AND metric = :metric AND kind = 'absolute'
        ORDER BY value DESC LIMIT 100""",
    "leaderboard (typical benchmark, all rows)": """
        SELECT * FROM result_rows WHERE dataset = :small_dataset AND metric = :small_metric
        ORDER BY value DESC""",
    "one paper's results": """
        SELECT * FROM result_rows WHERE paper_title = :title ORDER BY result_id""",
    "hardware results (one metric)": """
        SELECT hardware, model, value, unit, paper_title FROM result_rows
        WHERE metric = :hw_metric AND hardware IS NOT NULL ORDER BY hardware, value LIMIT 200""",
}
QUERIES = {**_app_queries(), **VIEW_QUERIES}
CALLS = _app_calls()
REFERENCE = {name for name in QUERIES if name.startswith("reference:")}  # not asked by the app: no target


# What a grown database looks like: a long tail of datasets and hardware (Zipf-like).
N_DATASETS, N_HARDWARE = 3000, 300
METRICS = [("top-1 accuracy", "%"), ("accuracy", "%"), ("mAP", "%"), ("F1", "%"), ("BLEU", ""),
           ("perplexity", ""), ("latency", "ms"), ("throughput", "fps"), ("FLOPs", "FLOPs"),
           ("parameters", "params"), ("speedup", "x"), ("energy", "mJ")]
DEVICE_METRICS = ("latency", "throughput", "energy")
HW_CATEGORIES = ("gpu", "cpu", "phone", "jetson", "fpga", "mcu")
RESULTS_PER_PAPER = 5
PAPERS_PER_LISTING = 1000


def _zipf_picker(n: int, rng: random.Random, s: float = 1.0) -> Callable[[], int]:
    weights = [1 / (k ** s) for k in range(1, n + 1)]
    cum, total = [], 0.0
    for w in weights:
        total += w
        cum.append(total)
    import bisect

    return lambda: min(bisect.bisect_left(cum, rng.random() * total), n - 1)


def grow(engine: Engine, target_rows: int, seed: int = 5, progress: bool = True) -> int:
    """Add synthetic papers, sightings and results until `results` holds target_rows rows."""
    from tqdm import tqdm

    rng = random.Random(seed)
    dataset_of, hw_of = _zipf_picker(N_DATASETS, rng), _zipf_picker(N_HARDWARE, rng)
    with engine.begin() as conn:
        have = conn.scalar(select(func.count(Result.id)))
        need = max(0, target_rows - have)
        start = (conn.scalar(select(func.max(Paper.id))) or 0) + 1
        bench_ids = {(d, m, h): i for d, m, h, i in conn.execute(
            select(Benchmark.dataset, Benchmark.metric, Benchmark.hardware_category, Benchmark.id))}
    papers = -(-need // RESULTS_PER_PAPER)
    bar = tqdm(total=need, unit="row", desc=f"grow to {target_rows:,} rows", disable=not progress)
    step = 20_000  # papers per transaction
    for first in range(start, start + papers, step):
        ids = range(first, min(first + step, start + papers))
        with engine.begin() as conn:
            listing_ids = {}
            for k in sorted({(pid - start) // PAPERS_PER_LISTING for pid in ids}):
                name = f"synthetic-{seed}-{k:05d}.txt"
                found = conn.scalar(select(Listing.id).where(Listing.source == name))
                if found is None:
                    found = conn.execute(insert(Listing).values(
                        source=name, path=name, listing_date="Jan 1",
                        content_hash=hashlib.sha256(name.encode()).hexdigest(),
                        paper_count=PAPERS_PER_LISTING, ingested_at=utcnow())).inserted_primary_key[0]
                listing_ids[k] = found
            now = utcnow()
            conn.execute(insert(Paper), [dict(
                id=pid, title_key=f"synthetic paper {seed} {pid}", title=f"Synthetic paper {seed}-{pid}",
                abstract="Synthetic.", abstract_hash="0" * 64, extractor_version="synthetic", created_at=now)
                for pid in ids])
            conn.execute(insert(Sighting), [dict(
                paper_id=pid, listing_id=listing_ids[(pid - start) // PAPERS_PER_LISTING],
                position=(pid - start) % PAPERS_PER_LISTING, line=2 * ((pid - start) % PAPERS_PER_LISTING) + 3)
                for pid in ids])
            rows = []
            for pid in ids:
                for j in range(RESULTS_PER_PAPER):
                    rows.append(_synthetic_row(pid, j, rng, dataset_of, hw_of, bench_ids, conn))
            rows = rows[:need]
            need -= len(rows)
            conn.execute(insert(Result), rows)
            bar.update(len(rows))
    bar.close()
    with engine.begin() as conn:
        stats.rebuild(conn)  # the rows bypassed ingest, which keeps benchmark_stats in step
        conn.execute(text("ANALYZE"))  # fresh statistics, as after a real ingest (SQLite and PostgreSQL)
        return conn.scalar(select(func.count(Result.id)))


def rebuild_stats_seconds(engine: Engine) -> float:
    """Time of a full benchmark_stats rebuild (`leaderboard db refresh-stats`)."""
    t = time.perf_counter()
    with engine.begin() as conn:
        stats.rebuild(conn)
    return time.perf_counter() - t


def _synthetic_row(pid, j, rng, dataset_of, hw_of, bench_ids, conn) -> dict:
    metric, unit = METRICS[min(int(rng.expovariate(0.45)), len(METRICS) - 1)]
    dataset = f"Dataset-{dataset_of()}" if rng.random() < 0.6 else None
    hardware = category = None
    if metric in DEVICE_METRICS or rng.random() < 0.05:
        h = hw_of()
        hardware, category = f"Device-{h}", HW_CATEGORIES[h % len(HW_CATEGORIES)]
    bench = None
    if dataset:
        key = (dataset, metric, category or "" if metric in DEVICE_METRICS else "")
        if key not in bench_ids:
            bench_ids[key] = conn.execute(insert(Benchmark).values(
                dataset=key[0], metric=key[1], hardware_category=key[2], higher_is_better=True)).inserted_primary_key[0]
        bench = bench_ids[key]
    value = round(rng.uniform(1, 99), 2)
    kind = "absolute" if rng.random() < 0.7 else rng.choice(("delta", "ratio", "reduction"))
    sentence = f"Model {pid} reaches {value}{unit} {metric} on {dataset or 'the task'}."
    return dict(result_key=f"{pid}-syn{j}", paper_id=pid, benchmark_id=bench, value=value, unit=unit, metric=metric,
                metric_text=None, kind=kind, direction=None if kind == "absolute" else "better", dataset=dataset,
                model=f"Net-{pid % 5000}", hardware=hardware, hardware_category=category, baseline=None,
                qualifier=None, surface=f"{value}{unit}", sentence=sentence, start=0, end=1,
                extractor_version="synthetic", confidence=0.5)


@dataclass
class QueryTiming:
    name: str
    rows: int
    p50_ms: float
    p95_ms: float


def query_params(engine: Engine) -> dict:
    """Parameters that make each query do its heaviest realistic work."""
    with engine.connect() as conn:
        big = conn.execute(text(
            "SELECT dataset, metric FROM results WHERE dataset IS NOT NULL AND kind = 'absolute' "
            "GROUP BY dataset, metric ORDER BY COUNT(*) DESC LIMIT 1")).first()
        small = conn.execute(text(
            "SELECT dataset, metric FROM results WHERE dataset IS NOT NULL "
            "GROUP BY dataset, metric HAVING COUNT(*) BETWEEN 20 AND 200 LIMIT 1")).first() or big
        title = conn.scalar(text("SELECT p.title FROM papers p JOIN results r ON r.paper_id = p.id "
                                 "ORDER BY p.id DESC LIMIT 1"))
        hw = conn.execute(text("SELECT metric FROM results WHERE hardware IS NOT NULL "
                               "GROUP BY metric ORDER BY COUNT(*) DESC LIMIT 1")).scalar()
        levels = conn.scalar(text("SELECT COUNT(*) FROM results WHERE dataset = :d AND metric = :m "
                                  "AND kind = 'absolute'"), {"d": big[0], "m": big[1]}) if big else 0
    deep = max(0, ((levels or 0) - 1) // 100 * 100)  # the last page of 100
    return {"upto": deep + 100, "size": 100, "offset": deep, "limit": 200, "v": 50.0,
            "first_page": 1, "last_page": deep // 100 + 1,
            "dataset": big[0] if big else "", "metric": big[1] if big else "",
            "small_dataset": small[0] if small else "", "small_metric": small[1] if small else "",
            "title": title or "", "hw_metric": hw or "latency"}


def time_queries(engine: Engine, repeat: int = 20, progress: bool = True,
                 names: list[str] | None = None) -> list[QueryTiming]:
    from tqdm import tqdm

    params = query_params(engine)
    out = []
    chosen = {n: q for n, q in {**CALLS, **QUERIES}.items() if names is None or n in names}
    with engine.connect() as conn:
        for name, query in tqdm(chosen.items(), desc="queries", unit="query", disable=not progress):
            if callable(query):  # a whole step of the app, on its own connections
                def run(query=query):
                    return query(engine, params)
            else:
                stmt = text(query)
                used = {k: v for k, v in params.items() if f":{k}" in query}

                def run(stmt=stmt, used=used):
                    return len(conn.execute(stmt, used).all())
            rows = run()  # warm the cache once
            times = []
            for _ in range(repeat):
                t = time.perf_counter()
                run()
                times.append((time.perf_counter() - t) * 1000)
            times.sort()
            p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
            out.append(QueryTiming(name, rows, statistics.median(times), p95))
    return out
