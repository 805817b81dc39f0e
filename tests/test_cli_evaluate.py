from __future__ import annotations

import re

from leaderboard.cli import main

from .conftest import ROOT, SEEDS

GOLD = sorted(str(p) for p in (ROOT / "tests" / "data" / "gold").glob("gold_*.jsonl"))


def _f1(text: str, level: str) -> float:
    return float(re.search(rf"^{level}\s+\S+\s+\S+\s+(\S+)", text, re.M).group(1))


def test_evaluate_stored_rows_equals_fresh_extraction(seeded_db, capsys):
    db = seeded_db.removeprefix("sqlite:///")
    assert main(["evaluate", "--gold", *GOLD, "--db", db, "--limit", "3"]) == 0
    stored = capsys.readouterr().out
    assert main(["evaluate", "--gold", *GOLD, "--seeds", str(SEEDS), "--limit", "3"]) == 0
    fresh = capsys.readouterr().out
    assert "scoring the rows stored in" in stored and "fresh extraction" in fresh
    assert _f1(stored, "strict") == _f1(fresh, "strict") >= 0.90
    assert _f1(stored, "loose") >= _f1(stored, "strict")
    assert "misses" in stored and "extras" in stored
