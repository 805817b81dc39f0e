"""`benchmark_stats`: one row per benchmark (dataset x metric x device split) with counts, best,
min and max level, always equal to a GROUP BY over `result_rows`.

Refreshed for the benchmarks a change touched, inside the transaction of the change: by ingest
once per batch (`refresh`), by every correction (`corrections._log`). `rebuild` recomputes it all.
Works on a Session or a Connection (the migration backfills with it).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import text

from ..benchmark_keys import (DEVICE_METRICS, NO_CATEGORY, benchmark_category, higher_is_better,
                              metric_direction_known)
from . import visible
from .models import utcnow
from .views import BENCHMARK_STATS_COLUMNS

CHUNK = 400  # datasets per IN (...) list
STAT_COLUMNS = BENCHMARK_STATS_COLUMNS


def _split(metric: str) -> str:
    return f"COALESCE(NULLIF(v.hardware_category, ''), '{NO_CATEGORY}')" if metric in DEVICE_METRICS else "''"


def _group(metric: str) -> str:
    """GROUP BY / PARTITION BY: the dataset, and the device split for speed metrics."""
    return "v.dataset" + (f", {_split(metric)}" if metric in DEVICE_METRICS else "")


def _where(metric: str, datasets: list[str] | None, extra: str = "") -> tuple[str, dict]:
    where, params = "{metric} = :metric", {"metric": metric}
    if datasets is not None:
        cond, more = visible.in_list("dataset", "ds", datasets)
        where, params = f"{where} AND {cond}", {**params, **more}  # sql: no user text: values bound
    return where + extra, params


def _aggregates(conn, metric: str, datasets: list[str] | None) -> list:
    where, params = _where(metric, datasets)
    inner = visible.select(("dataset", "paper_title", "kind", "value", "hardware_category"), where)
    sql = f"""
        SELECT v.dataset, {_split(metric)} AS hw, COUNT(*), COUNT(DISTINCT v.paper_title),
               SUM(CASE WHEN v.kind = 'absolute' THEN 1 ELSE 0 END),
               MIN(CASE WHEN v.kind = 'absolute' THEN v.value END),
               MAX(CASE WHEN v.kind = 'absolute' THEN v.value END)
        FROM ({inner}) v WHERE v.dataset IS NOT NULL AND v.dataset <> ''
        GROUP BY {_group(metric)}"""  # sql: no user text: values bound
    return conn.execute(text(sql), params).all()


def _best(conn, metric: str, datasets: list[str] | None, higher: bool) -> dict:
    """(dataset, split) -> best level row: best value first, then paper title, then result id."""
    where, params = _where(metric, datasets, " AND {kind} = 'absolute'")
    inner = visible.select(("result_id", "dataset", "paper_title", "value", "unit", "qualifier", "model",
                            "hardware_category"), where)
    order = "v.value DESC" if higher else "v.value ASC"
    sql = f"""
        SELECT dataset, hw, value, unit, qualifier, model, paper_title, result_id FROM (
            SELECT v.*, {_split(metric)} AS hw, ROW_NUMBER() OVER (
                PARTITION BY {_group(metric)} ORDER BY {order}, v.paper_title, v.result_id) AS rn
            FROM ({inner}) v WHERE v.dataset IS NOT NULL AND v.dataset <> '') ranked
        WHERE rn = 1"""  # sql: no user text: values bound
    return {(r[0], r[1]): r[2:] for r in conn.execute(text(sql), params).all()}


def _stored_directions(conn, metric: str) -> dict[str, bool]:
    rows = conn.execute(text("SELECT dataset, higher_is_better FROM benchmarks "
                             "WHERE metric = :m AND higher_is_better IS NOT NULL"), {"m": metric}).all()
    return {d: bool(h) for d, h in rows}


def _chunks(items: list, size: int = CHUNK):
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _compute(conn, metric: str, datasets: list[str] | None) -> list[dict]:
    """Fresh stats rows of `metric` on `datasets` (None: every dataset)."""
    aggregates = [row for chunk in ([None] if datasets is None else _chunks(datasets))
                  for row in _aggregates(conn, metric, chunk)]
    if not aggregates:
        return []
    stored = {} if metric_direction_known(metric) else _stored_directions(conn, metric)
    higher = {d: higher_is_better(metric, stored.get(d)) for d in {a[0] for a in aggregates}}
    best: dict = {}
    for direction in (True, False):
        names = sorted(d for d, h in higher.items() if h is direction)
        if not names:
            continue
        if len(names) == len(higher) and datasets is None:
            best.update(_best(conn, metric, None, direction))
        else:
            for chunk in _chunks(names):
                best.update(_best(conn, metric, chunk, direction))
    now = utcnow()
    out = []
    for dataset, hw, results, papers, levels, lo, hi in aggregates:
        b = best.get((dataset, hw)) or (None,) * 6
        out.append(dict(dataset=dataset, metric=metric, hardware_category=hw, higher_is_better=higher[dataset],
                        results=results, papers=papers, levels=int(levels or 0), best_value=b[0], unit=b[1],
                        best_qualifier=b[2], best_model=b[3], best_paper=b[4], best_result_id=b[5],
                        min_value=lo, max_value=hi, updated_at=now))
    return out


_INSERT = text(f"INSERT INTO benchmark_stats ({', '.join(STAT_COLUMNS)}) "
               f"VALUES ({', '.join(':' + c for c in STAT_COLUMNS)})")  # sql: no user text: values bound


def _lock(conn, metrics: Iterable[str]) -> None:
    """PostgreSQL: one refresh of a metric's stats at a time, each computed after the one before it
    committed (else two transactions could both delete and re-insert the same row, or the later
    commit could write counts that miss the earlier one's rows). Sorted: no deadlock between
    refreshes. SQLite has a single writer already."""
    dialect = conn.get_bind().dialect if hasattr(conn, "get_bind") else conn.dialect
    if dialect.name != "postgresql":
        return
    for metric in sorted(set(metrics)):
        conn.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:n, 0))"), {"n": f"benchmark_stats:{metric}"})


def refresh(conn, pairs: Iterable[tuple[str | None, str | None]]) -> int:
    """Recompute the stats of these (dataset, metric) benchmarks, every device split; return rows written."""
    by_metric: dict[str, set[str]] = defaultdict(set)
    for dataset, metric in pairs:
        if dataset and metric:
            by_metric[metric].add(dataset)
    _lock(conn, by_metric)
    written = 0
    for metric in sorted(by_metric):
        datasets = sorted(by_metric[metric])
        for chunk in _chunks(datasets):
            cond, params = visible.in_list("dataset", "ds", chunk)
            conn.execute(text("DELETE FROM benchmark_stats WHERE metric = :metric AND "
                              + cond.format(dataset="dataset")), {"metric": metric, **params})  # sql: no user text: values bound
        rows = _compute(conn, metric, datasets)
        if rows:
            conn.execute(_INSERT, rows)
        written += len(rows)
    return written


def add_new_papers(conn, rows: list[dict], titles: dict[int, str], skip: set[tuple[str, str]] = frozenset()) -> None:
    """Fold the result rows of papers stored just now (no earlier rows, no corrections) into the
    stats without reading the benchmarks again: counts add up, the best, min and max compare.
    Exact: a new paper's title is new (titles are unique through their title key). Benchmarks in
    `skip` are left alone (the caller recomputes them)."""
    groups: dict[tuple[str, str, str], dict] = {}
    for r in rows:
        if not r["dataset"] or not r["metric"] or (r["dataset"], r["metric"]) in skip:
            continue
        split = benchmark_category(r["metric"], r.get("hardware_category"))
        g = groups.setdefault((r["dataset"], r["metric"], split), {"rows": [], "papers": set()})
        g["rows"].append(r)
        g["papers"].add(titles[r["paper_id"]])
    if not groups:
        return
    by_metric: dict[str, set[str]] = defaultdict(set)
    for dataset, metric, _ in groups:
        by_metric[metric].add(dataset)
    _lock(conn, by_metric)
    stored: dict[tuple, dict] = {}
    for metric, datasets in by_metric.items():
        for chunk in _chunks(sorted(datasets)):
            cond, params = visible.in_list("dataset", "ds", chunk)
            sql = "SELECT * FROM benchmark_stats WHERE metric = :metric AND " + cond.format(dataset="dataset")  # sql: no user text: values bound
            for row in conn.execute(text(sql), {"metric": metric, **params}).mappings():
                stored[(row["dataset"], row["metric"], row["hardware_category"])] = dict(row)
    directions = {m: ({} if metric_direction_known(m) else _stored_directions(conn, m)) for m in by_metric}
    now, out = utcnow(), []
    for (dataset, metric, split), g in groups.items():
        old = stored.get((dataset, metric, split))
        higher = bool(old["higher_is_better"]) if old else higher_is_better(metric, directions[metric].get(dataset))
        row = dict(old) if old else dict(dataset=dataset, metric=metric, hardware_category=split,
                                         higher_is_better=higher, results=0, papers=0, levels=0, best_value=None,
                                         unit=None, best_qualifier=None, best_model=None, best_paper=None,
                                         best_result_id=None, min_value=None, max_value=None)
        row["results"] += len(g["rows"])
        row["papers"] += len(g["papers"])
        for r in g["rows"]:
            if r["kind"] != "absolute":
                continue
            row["levels"] += 1
            v = r["value"]
            row["min_value"] = v if row["min_value"] is None else min(row["min_value"], v)
            row["max_value"] = v if row["max_value"] is None else max(row["max_value"], v)
            mine = (-v if higher else v, titles[r["paper_id"]], r["result_key"])
            best = None if row["best_value"] is None else (
                -row["best_value"] if higher else row["best_value"], row["best_paper"], row["best_result_id"])
            if best is None or mine < best:
                row.update(best_value=v, unit=r["unit"], best_qualifier=r["qualifier"], best_model=r["model"],
                           best_paper=titles[r["paper_id"]], best_result_id=r["result_key"])
        row["updated_at"] = now
        out.append(row)
    old_keys = [{"d": r["dataset"], "m": r["metric"], "h": r["hardware_category"]}
                for r in out if (r["dataset"], r["metric"], r["hardware_category"]) in stored]
    if old_keys:
        conn.execute(text("DELETE FROM benchmark_stats WHERE dataset = :d AND metric = :m AND hardware_category = :h"),
                     old_keys)
    conn.execute(_INSERT, out)


def rebuild(conn) -> int:
    """Recompute the whole table from the results and overrides; return rows written."""
    metrics = [m for (m,) in conn.execute(text(
        "SELECT DISTINCT metric FROM results UNION SELECT DISTINCT metric FROM result_overrides")).all() if m]
    _lock(conn, metrics)
    conn.execute(text("DELETE FROM benchmark_stats"))
    written = 0
    for metric in sorted(metrics):
        rows = _compute(conn, metric, None)
        if rows:
            conn.execute(_INSERT, rows)
        written += len(rows)
    return written


def pairs_of_papers(conn, paper_ids: Iterable[int]) -> set[tuple[str, str]]:
    """The (dataset, metric) benchmarks the visible rows of these papers are on (before a change)."""
    ids = sorted(set(paper_ids))
    found: set[tuple[str, str]] = set()
    for chunk in _chunks(ids):
        cond, params = visible.in_list("paper_id", "pid", chunk)
        sql = f"SELECT DISTINCT dataset, metric FROM ({visible.select(('dataset', 'metric'), cond)}) v"  # sql: no user text: values bound
        found.update((d, m) for d, m in conn.execute(text(sql), params).all() if d)
    return found
