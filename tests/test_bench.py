"""The benchmark end to end at a tiny size: every figure is printed and sane (no timing thresholds)."""

from __future__ import annotations

import json
import re

import pytest

from leaderboard import bench
from leaderboard.bench_corpus import seed_papers, synthetic_papers
from leaderboard.sources import title_key


def test_synthetic_corpus_recombines_seed_sentences_under_unique_titles():
    seeds = seed_papers()
    papers = list(synthetic_papers(300, seed=1))
    assert len({title_key(t) for _, t, _ in papers}) == 300
    assert len({i for i, _, _ in papers}) == 300
    def shape(text):  # numbers are redrawn: compare the words
        return re.sub(r"[0-9.]*[0-9]", "#", text)

    seed_text = shape(" ".join(a for _, a in seeds))
    recombined = 0
    for _, title, abstract in papers:
        first_sentence = re.split(r"(?<=[.!?])\s+(?=[A-Z])", abstract)[0]
        assert shape(first_sentence) in seed_text
        recombined += shape(abstract) not in seed_text
    assert recombined > 100  # most are new combinations, not copies
    assert any(a not in " ".join(s for _, s in seeds) for _, _, a in papers)  # numbers redrawn
    assert list(synthetic_papers(5, seed=1)) == papers[:5]  # deterministic


@pytest.mark.slow
def test_bench_runs_end_to_end_and_prints_every_figure(tmp_path, capsys):
    out_json = tmp_path / "figures.json"
    code = bench.main(["--n", "40", "80", "--rows", "3000", "--extract-sample", "40", "--baseline-sample", "2",
                       "--repeat", "2", "--workers", "2", "--pages", "--before-indexes", "--quiet",
                       "--dir", str(tmp_path / "work"),
                       "--json", str(out_json)])
    assert code == 0
    printed = capsys.readouterr().out
    f = json.loads(out_json.read_text())

    assert f["command"].startswith("python -m leaderboard.bench --n 40 80")
    assert f["baseline"]["per_s"] > 0 and f["extraction"]["one_core_per_s"] > 0
    assert f["extraction"]["all_cores_per_s"] > 0
    assert f["extraction"]["abstracts"] + f["extraction"]["all_cores_abstracts"] <= 80
    ratio = f["extraction"]["one_core_per_s"] / f["baseline"]["per_s"]
    assert re.search(rf"{ratio:.1f}x baseline", printed)
    assert f["extraction"]["one_core_per_cpu_s"] > 0 and f["baseline"]["per_cpu_s"] > 0
    assert "per CPU-second" in printed

    assert [g["n"] for g in f["ingest"]] == [40, 80]
    for g in f["ingest"]:
        first, again, moved = g["first"], g["unchanged_file"], g["same_papers_new_file"]
        assert first["papers_new"] == g["n"] and first["seconds"] > 0
        assert 10 < first["peak_rss_main_mb"] < 2000
        assert again["unchanged_files"] == 1 and again["papers_new"] == 0 and again["results"] == 0
        assert moved["papers_new"] == 0 and moved["papers_known"] == g["n"] and moved["results"] == 0
        assert re.search(rf"^  {g['n']:<9,} +[0-9.]+ +[0-9.]+ +{first['results']:,} ", printed, re.M)

    assert f["pages"]["files"] == 1 and f["pages"]["first"]["papers_new"] == 40
    assert "the same papers as 1 listing page(s)" in printed
    assert "load average" in printed

    q = f["queries"]
    assert q["result_rows"] == 3000
    names = [t["name"] for t in q["timings"]]
    assert len(names) >= 5 and all(name in printed for name in names)
    for t in q["timings"]:
        assert 0 < t["p50_ms"] <= t["p95_ms"]
    assert "queries on 3,000 result rows" in printed
    assert "benchmark_stats rebuilt in" in printed and q["stats_rebuild_seconds"] > 0
    assert any(name.startswith("leaderboard page 1") for name in names)
    assert q["before"]["revision"] and 0 < len(q["before"]["timings"]) < len(names)
    assert f"before 0002_perf_indexes (schema {q['before']['revision']})" in printed
