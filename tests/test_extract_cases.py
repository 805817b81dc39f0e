"""Table-driven extraction cases (tests/data/extract_cases*.jsonl): sentence in -> expected rows.

Each case: ``text`` (an abstract or one sentence), optional ``title``, ``expect`` (rows given as a subset of
Result fields), ``exact`` (true: no other rows may be extracted), optional ``xfail`` (a reason: a known gap).
Rows are paired by value and unit; every field given in the expected row must match.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from leaderboard.extract import extract

DATA = Path(__file__).parent / "data"


def _load(name: str):
    path = DATA / name
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _same(field: str, want, got) -> bool:
    if field == "value":
        return math.isclose(float(want), float(got), rel_tol=1e-6, abs_tol=1e-12)
    return want == got


def check_case(case: dict) -> list[str]:
    """Problems found when extracting ``case`` (empty when it passes)."""
    rows = [r.as_dict() for r in extract(case.get("title", ""), case["text"])]
    problems = []
    for r in rows:
        assert case["text"][r["start"]:r["end"]] == r["surface"]
    free = list(rows)
    for want in case["expect"]:
        match = next((r for r in free if _same("value", want["value"], r["value"])
                      and want.get("unit", r["unit"]) == r["unit"]), None)
        if match is None:
            problems.append(f"missing {want}")
            continue
        free.remove(match)
        for field, value in want.items():
            if not _same(field, value, match.get(field)):
                problems.append(f"{want.get('surface', want['value'])}: {field} = {match.get(field)!r}, expected {value!r}")
    if case.get("exact", True) and free:
        problems.append("unexpected rows: " + "; ".join(f"{r['surface']} ({r['metric']}, {r['kind']})" for r in free))
    return problems


# extract_cases_general/_unseen/_phrasing.jsonl: invented sentences, phrased unlike the seeds, one class of phrasing per few cases
CASES = (_load("extract_cases.jsonl") + _load("extract_cases_general.jsonl") + _load("extract_cases_unseen.jsonl")
         + _load("extract_cases_phrasing.jsonl") + _load("extract_cases_extract8.jsonl"))


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case(case):
    if case.get("xfail"):
        pytest.xfail(case["xfail"])
    problems = check_case(case)
    assert not problems, "\n".join(problems)
