"""The extraction of every bundled seed abstract, field by field, against a golden file.

Guards changes meant to leave the output alone (speed work): any difference fails. When the
extractor's behaviour changes on purpose (EXTRACTOR_VERSION bumped), regenerate the file and
review its diff:

    PYTHONPATH=. python -m tests.test_extract_golden --write

With another EXTRACTOR_VERSION than the file's, the test is skipped and says so.
"""

from __future__ import annotations

import json
import sys
from dataclasses import fields
from pathlib import Path

import pytest

from leaderboard.bench_corpus import SEEDS_DIR, seed_papers
from leaderboard.extract import EXTRACTOR_VERSION, Result, extract

GOLDEN = Path(__file__).resolve().parent / "data" / "extract_golden.jsonl"
_FIELDS = [f.name for f in fields(Result)]


def golden_lines() -> list[str]:
    """A header line, then one line per result: the paper's index among the seed abstracts and every field in order."""
    lines = [json.dumps({"extractor_version": EXTRACTOR_VERSION, "papers": len(seed_papers(SEEDS_DIR))})]
    for n, (title, abstract) in enumerate(seed_papers(SEEDS_DIR)):
        for r in extract(title, abstract):
            lines.append(json.dumps({"paper": n, **{k: getattr(r, k) for k in _FIELDS}}, ensure_ascii=False))
    return lines


def test_extraction_matches_golden():
    if not GOLDEN.exists():
        pytest.fail(f"{GOLDEN} is missing: write it with `PYTHONPATH=. python -m tests.test_extract_golden --write`")
    want = GOLDEN.read_text(encoding="utf-8").splitlines()
    version = json.loads(want[0])["extractor_version"]
    if version != EXTRACTOR_VERSION:
        pytest.skip(f"golden file is for extractor {version}, this is {EXTRACTOR_VERSION}: "
                    "regenerate it with `PYTHONPATH=. python -m tests.test_extract_golden --write` and review the diff")
    got = golden_lines()
    diff = [(k, w, g) for k, (w, g) in enumerate(zip(want, got)) if w != g]
    assert not diff and len(want) == len(got), (
        f"{len(diff)} lines differ ({len(want)} golden, {len(got)} now); first:\n"
        + "\n".join(f"line {k + 1}\n  golden: {w}\n  now:    {g}" for k, w, g in diff[:3]))


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        sys.exit("usage: PYTHONPATH=. python -m tests.test_extract_golden --write")
    GOLDEN.write_text("\n".join(golden_lines()) + "\n", encoding="utf-8")
    print(f"wrote {GOLDEN}")
