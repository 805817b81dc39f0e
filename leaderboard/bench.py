"""Benchmark: `leaderboard bench` or `python -m leaderboard.bench` (docs/performance.md).

On a synthetic corpus of N abstracts (the seeds resampled and recombined), measures in one run
on one machine: extraction throughput (one core, all cores) against plain quantulum3; end-to-end
ingest (a child process, for its peak RSS); re-ingest of the unchanged corpus; and the app's
queries on a database grown to many result rows. Everything heavy is imported lazily.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGETS = {"extraction_vs_baseline": 30.0, "ingest_100k_seconds": 300.0, "peak_rss_mb": 1024.0,
           "reingest_speedup": 10.0, "query_p95_ms": 100.0}
PERF_REVISION_NAME = "0002_perf_indexes"  # the migration with the indexes and the view rewrite
QUICK = {"n": [200], "rows": 20_000, "extract_sample": 100, "baseline_sample": 5, "repeat": 5}


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--n", type=int, nargs="+", default=[10_000, 100_000], metavar="N",
                   help="corpus sizes to ingest (default: 10000 100000)")
    p.add_argument("--rows", type=int, default=1_000_000,
                   help="grow the last database to this many result rows for the query timings (default 1000000)")
    p.add_argument("--extract-sample", type=int, default=5_000, metavar="K",
                   help="abstracts for each extraction-only timing (default 5000)")
    p.add_argument("--baseline-sample", type=int, default=200, metavar="K",
                   help="abstracts for the plain-quantulum3 baseline (default 200; it is slow)")
    p.add_argument("--repeat", type=int, default=20, help="runs of each query (default 20)")
    p.add_argument("--pages", action="store_true",
                   help="also ingest the smallest N as daily listing pages of 100 papers (one transaction each)")
    p.add_argument("--before-indexes", action="store_true",
                   help=f"also time the queries on a copy migrated down to before {PERF_REVISION_NAME}")
    p.add_argument("--workers", type=int, default=None, help="extraction processes (default: all cores)")
    p.add_argument("--quick", action="store_true", help="a tiny smoke run (N=200, 20,000 rows)")
    p.add_argument("--dir", type=Path, default=None, help="where corpus and databases go (default: a temp dir)")
    p.add_argument("--keep", action="store_true", help="keep the corpus and databases")
    p.add_argument("--json", type=Path, default=None, metavar="FILE", help="also write the figures as JSON")
    p.add_argument("--seed", type=int, default=5, help="random seed of the synthetic corpus")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bars")


# --- measurements ----------------------------------------------------------------------------

def _peak_rss_mb() -> tuple[float, float]:
    """(this process, largest finished child) peak resident set size in MB."""
    import resource

    own = None
    try:
        with open("/proc/self/status") as fh:
            own = next(int(line.split()[1]) / 1024 for line in fh if line.startswith("VmHWM:"))
    except (OSError, StopIteration):
        pass
    scale = 1 / 1024 if sys.platform != "darwin" else 1 / (1024 * 1024)  # KB on Linux, bytes on macOS
    if own is None:
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale
    return own, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * scale


def child_ingest(db: str, paths: list[str], workers: int | None, progress: bool) -> dict:
    """Run in a child process: migrate, ingest, report time, counts and peak RSS."""
    from .ingest import ingest_paths
    from .store.engine import make_engine, sqlite_url
    from .store.migrate import upgrade

    engine = make_engine(sqlite_url(db))
    upgrade(engine)
    start = time.perf_counter()
    summary = ingest_paths(engine, paths, progress=progress, workers=workers)
    seconds = time.perf_counter() - start
    own, worker = _peak_rss_mb()
    return {"seconds": seconds, "papers_new": summary.papers_new, "papers_known": summary.papers_known,
            "results": summary.results, "unchanged_files": summary.count("unchanged"),
            "failed": [str(o.error) for o in summary.failed], "peak_rss_main_mb": own, "peak_rss_worker_mb": worker}


def _run_child(db: Path, paths: list[Path], workers: int | None, progress: bool) -> dict:
    cmd = [sys.executable, "-m", "leaderboard.bench", "--child-ingest", str(db), *map(str, paths)]
    if workers:
        cmd += ["--workers", str(workers)]
    if not progress:
        cmd.append("--quiet")
    package_root = str(Path(__file__).resolve().parents[1])  # the child imports this same package
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")]))}
    done = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, check=False, env=env)
    if done.returncode != 0:
        raise SystemExit(f"the ingest child process failed (exit {done.returncode}); its errors are above")
    out = json.loads(done.stdout.strip().splitlines()[-1])
    if out["failed"]:
        raise SystemExit(f"the benchmark corpus failed to ingest: {out['failed']}")
    return out


def _abstracts(corpus: Path, k: int, seed: int) -> list[tuple[str, str]]:
    with open(corpus, encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    rng = random.Random(seed)
    sample = rng.sample(rows, min(k, len(rows)))
    return [(r["title"], r["abstract"]) for r in sample]


ROUNDS = 10  # the one-core timings of ours and of the baseline alternate in this many rounds


def time_extraction(pairs: list[tuple[str, str]], baseline: int, workers: int, progress: bool) -> tuple[dict, dict]:
    """(ours, baseline). One core: ours on half of the sample and plain quantulum3 on `baseline` of
    those abstracts, interleaved in rounds so that both see the same load on the machine. All
    cores: ours on the other half (no abstract is seen twice, so no cache of the extractor is
    warmed by an earlier timing). Imports, vocabularies and pool start-up are not timed."""
    import warnings

    from tqdm import tqdm

    from .extract import extract
    from .extract_pool import ExtractionPool

    warm = max(2, min(8 * workers, len(pairs) // 10))
    warm_up, rest = pairs[:warm], pairs[warm:]
    ours, other = rest[: len(rest) // 2], rest[len(rest) // 2:]
    base = ours[-baseline:]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from quantulum3 import parser

        parser.parse("warm-up: 3 ms")  # loads its tables (seconds); the extractor may use it as a fallback
        for title, abstract in warm_up:
            extract(title, abstract)
        rounds = max(1, min(ROUNDS, len(base)))
        wall = {"ours": 0.0, "base": 0.0}
        cpu = {"ours": 0.0, "base": 0.0}  # CPU seconds of this process: what other processes cannot inflate
        rows = found = 0
        for r in tqdm(range(rounds), desc="1 core: ours, then quantulum3", unit="round", disable=not progress):
            start, start_cpu = time.perf_counter(), time.process_time()
            rows += sum(len(extract(t, a)) for t, a in ours[r::rounds])
            wall["ours"] += time.perf_counter() - start
            cpu["ours"] += time.process_time() - start_cpu
            start, start_cpu = time.perf_counter(), time.process_time()
            found += sum(len(parser.parse(a)) for _, a in base[r::rounds])
            wall["base"] += time.perf_counter() - start
            cpu["base"] += time.process_time() - start_cpu
    out = {"abstracts": len(ours), "rows": rows, "one_core_per_s": len(ours) / wall["ours"],
           "one_core_per_cpu_s": len(ours) / cpu["ours"], "workers": workers}
    with ExtractionPool(workers) as pool:
        pool.start()
        pool.map(warm_up)  # workers up (forked warm)
        start = time.perf_counter()
        parallel = pool.map(other)
        out["all_cores_per_s"] = len(other) / (time.perf_counter() - start)
    out["all_cores_abstracts"], out["all_cores_rows"] = len(other), sum(map(len, parallel))
    return out, {"abstracts": len(base), "quantities": found, "per_s": len(base) / wall["base"],
                 "per_cpu_s": len(base) / cpu["base"]}


# --- the run ---------------------------------------------------------------------------------

def run(args: argparse.Namespace, command: str) -> int:
    from .bench_corpus import write_corpus, write_listings
    from .extract import EXTRACTOR_VERSION
    from .extract_pool import default_workers

    if args.quick:
        for key, value in QUICK.items():
            setattr(args, key, value)
    progress = not args.quiet
    workers = args.workers or default_workers()
    work = args.dir or Path(tempfile.mkdtemp(prefix="leaderboard-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    import sqlite3

    figures: dict = {
        "command": command,
        "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, "
                   f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}",
        "extractor_version": EXTRACTOR_VERSION, "workers": workers, "ingest": [], "queries": None,
        "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "load_before": _load(),
    }
    try:
        corpora = {n: write_corpus(work / f"corpus_{n}.jsonl", n, args.seed, progress) for n in args.n}
        largest = corpora[max(args.n)]
        sample = _abstracts(largest, 2 * args.extract_sample, args.seed)
        figures["extraction"], figures["baseline"] = time_extraction(sample, args.baseline_sample, workers, progress)
        for n, corpus in corpora.items():
            figures["ingest"].append(_ingest_figures(work, n, corpus, workers, progress))
        if args.pages:
            n = min(args.n)
            pages = write_listings(work / f"pages_{n}", n, seed=args.seed, progress=progress)
            figures["pages"] = {"n": n, "files": len(list(pages.iterdir())),
                                "first": _run_child(work / f"pages_{n}.db", [pages], workers, progress)}
        if args.rows:
            figures["queries"] = _query_figures(work / f"bench_{max(args.n)}.db", args.rows, args.repeat,
                                                args.seed, progress, args.before_indexes)
    finally:
        if not args.keep and args.dir is None:
            shutil.rmtree(work, ignore_errors=True)
    figures["load_after"] = _load()
    print(report(figures))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))
    return 0


def _ingest_figures(work: Path, n: int, corpus: Path, workers: int, progress: bool) -> dict:
    db = work / f"bench_{n}.db"
    for f in work.glob(f"bench_{n}.db*"):
        f.unlink()
    first = _run_child(db, [corpus], workers, progress)
    again = _run_child(db, [corpus], workers, progress)  # same bytes: skipped by file hash
    renamed = corpus.with_name(f"corpus_{n}_again.jsonl")
    shutil.copyfile(corpus, renamed)
    with open(renamed, "a", encoding="utf-8") as fh:
        fh.write("\n")  # other bytes, same papers: skipped paper by paper (title key + abstract hash)
    per_paper = _run_child(db, [renamed], workers, progress)
    renamed.unlink()
    return {"n": n, "first": first, "unchanged_file": again, "same_papers_new_file": per_paper}


def _query_figures(db: Path, rows: int, repeat: int, seed: int, progress: bool, before: bool) -> dict:
    from sqlalchemy import text

    from .bench_queries import VIEW_QUERIES, grow, rebuild_stats_seconds, time_queries
    from .store import migrate
    from .store.engine import make_engine, sqlite_url

    engine = make_engine(sqlite_url(db))
    start = time.perf_counter()
    total = grow(engine, rows, seed, progress)
    grown = time.perf_counter() - start
    rebuilt = rebuild_stats_seconds(engine)
    timings = time_queries(engine, repeat, progress)
    engine.dispose()
    out = {"result_rows": total, "grow_seconds": grown, "stats_rebuild_seconds": rebuilt, "repeat": repeat,
           "timings": [t.__dict__ for t in timings]}
    if before:  # the same rows, schema migrated down to before this change's indexes and view
        copy = db.with_name(db.stem + "_before.db")
        shutil.copyfile(db, copy)
        engine = make_engine(sqlite_url(copy))
        from alembic.script import ScriptDirectory

        scripts = ScriptDirectory.from_config(migrate.alembic_config(engine))
        target = scripts.get_revision(PERF_REVISION_NAME).down_revision
        migrate.downgrade(engine, target)
        with engine.begin() as conn:
            conn.execute(text("ANALYZE"))
        out["before"] = {"revision": target, "repeat": max(3, repeat // 4),
                         "timings": [t.__dict__ for t in time_queries(engine, max(3, repeat // 4), progress,
                                                                      names=list(VIEW_QUERIES))]}
        engine.dispose()
        copy.unlink()
    return out


def report(f: dict) -> str:
    """The figures as text; ratios are against the baseline measured in the same run."""
    ex, base = f["extraction"], f["baseline"]
    ratio = ex["one_core_per_s"] / base["per_s"]
    lines = [
        f"leaderboard bench, {f['when']}: {f['machine']}; extractor {f['extractor_version']}",
        f"command: {f['command']}",
        f"load average (1 min) before / after: {f['load_before']} / {f.get('load_after')}",
        "",
        f"extraction only ({ex['abstracts']:,} abstracts of the corpus on 1 core, {ex['all_cores_abstracts']:,} others "
        f"on all; {ex['rows'] + ex['all_cores_rows']:,} result rows; 1-core timings interleaved with the baseline)",
        f"  baseline: quantulum3.parser.parse, 1 core ({base['abstracts']} of them)"
        f"   {base['per_s']:10.1f} abstracts/s",
        f"  ours, 1 core                                             {ex['one_core_per_s']:10.1f} abstracts/s"
        f"   {ratio:6.1f}x baseline  (target >= {TARGETS['extraction_vs_baseline']:.0f}x: "
        f"{_verdict(ratio >= TARGETS['extraction_vs_baseline'])})",
        f"  the same per CPU-second of the process (not slowed by other processes): ours "
        f"{ex['one_core_per_cpu_s']:.1f}, baseline {base['per_cpu_s']:.1f}, "
        f"{ex['one_core_per_cpu_s'] / base['per_cpu_s']:.1f}x baseline",
        f"  ours, {ex['workers']} processes                                      "
        f"{ex['all_cores_per_s']:10.1f} abstracts/s   {ex['all_cores_per_s'] / base['per_s']:6.1f}x baseline",
        "",
        f"end-to-end ingest: JSON Lines -> extract -> SQLite, {f['workers']} extraction processes, in a child process",
        "  N          seconds   abstracts/s   results    peak RSS main + workers (MB)",
    ]
    for g in f["ingest"]:
        first = g["first"]
        main_mb, worker_mb = first["peak_rss_main_mb"], first["peak_rss_worker_mb"]
        rss = (f"{main_mb:.0f} + {f['workers']} x {worker_mb:.0f} = {main_mb + f['workers'] * worker_mb:.0f}"
               if worker_mb else f"{main_mb:.0f} (no worker started)")
        lines.append(f"  {g['n']:<9,} {first['seconds']:8.1f}   {g['n'] / first['seconds']:11.1f}   "
                     f"{first['results']:7,}    {rss}")
    if f.get("pages"):
        p = f["pages"]
        lines.append(f"  {p['n']:<9,} {p['first']['seconds']:8.1f}   {p['n'] / p['first']['seconds']:11.1f}   "
                     f"{p['first']['results']:7,}    the same papers as {p['files']} listing page(s) "
                     "(one transaction each)")
    lines += ["", "re-ingest of the unchanged corpus (first ingest time / re-ingest time)",
              "  N          unchanged file (file hash)     same papers, new file (title key + abstract hash)"]
    for g in f["ingest"]:
        t0, t1, t2 = g["first"]["seconds"], g["unchanged_file"]["seconds"], g["same_papers_new_file"]["seconds"]
        lines.append(f"  {g['n']:<9,} {t1:7.2f} s = {t0 / t1:7.1f}x faster      "
                     f"{t2:7.2f} s = {t0 / t2:6.1f}x faster")
    q = f.get("queries")
    if q:
        rebuilt = (f"; benchmark_stats rebuilt in {q['stats_rebuild_seconds']:.1f} s"
                   if q.get("stats_rebuild_seconds") is not None else "")
        lines += ["", f"queries on {q['result_rows']:,} result rows (grown in {q['grow_seconds']:.0f} s{rebuilt}; "
                      f"{q['repeat']} runs each; target p95 < {TARGETS['query_p95_ms']:.0f} ms)",
                  "  query                                        rows      p50 ms    p95 ms"]
        before = {t["name"]: t for t in q["before"]["timings"]} if q.get("before") else {}
        if before:
            lines[-1] += f"   before {PERF_REVISION_NAME} (schema {q['before']['revision']}): p50 / p95 ms"
        for t in q["timings"]:
            verdict = "-" if t["name"].startswith("reference:") else _verdict(t["p95_ms"] < TARGETS["query_p95_ms"])
            line = f"  {t['name']:<42} {t['rows']:6,}  {t['p50_ms']:9.1f} {t['p95_ms']:9.1f}   {verdict:<6}"
            if t["name"] in before:
                line += f"   {before[t['name']]['p50_ms']:9.1f} / {before[t['name']]['p95_ms']:.1f}"
            lines.append(line)
    return "\n".join(lines)


def _load() -> float | None:
    """1-minute load average: other processes on the machine slow every figure down."""
    return round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None


def _verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "--child-ingest":
        p = argparse.ArgumentParser(prog="leaderboard.bench --child-ingest")
        p.add_argument("db")
        p.add_argument("paths", nargs="+")
        p.add_argument("--workers", type=int, default=None)
        p.add_argument("--quiet", action="store_true")
        a = p.parse_args(argv[1:])
        print(json.dumps(child_ingest(a.db, a.paths, a.workers, not a.quiet)))
        return 0
    parser = argparse.ArgumentParser(prog="leaderboard bench", description=__doc__)
    add_arguments(parser)
    return run(parser.parse_args(argv), "python -m leaderboard.bench " + shlex.join(argv))


if __name__ == "__main__":
    sys.exit(main())
