"""Extraction quality against the hand-annotated gold of seeds 000-002, and a held-out self-check.

The gold thresholds are the project's targets: strict F1 >= 0.90 and every slot >= 0.85 (lenient slot
comparison, see leaderboard.evaluate.slot_match). The held-out file (abstracts of seeds 003/004 annotated by
hand before any tuning on them) only guards against regressions; its scores are printed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from leaderboard.evaluate import format_report, load_gold, predict_for_gold, score
from leaderboard.extract import extract
from leaderboard.sources.listing import read_listing

ROOT = Path(__file__).resolve().parents[1]
GOLD = sorted((ROOT / "tests" / "data" / "gold").glob("gold_*.jsonl"))
HELDOUT = ROOT / "tests" / "data" / "extract_cases_heldout.jsonl"
# papers annotated in the held-out check that report no result (so any row there is a false positive)
HELDOUT_EMPTY = [("004_7d968b0a84e21de6.txt", 10)]
# Invented abstracts annotated blind by other people (tests/data/heldout/README.md). h1 and h3 were used to
# find error classes; h2 and h4 were never read by anyone tuning the extractor: they measure generalization.
HELDOUT_DIR = ROOT / "tests" / "data" / "heldout"
BLIND = [HELDOUT_DIR / "gold_h2.jsonl", HELDOUT_DIR / "gold_h4.jsonl"]


def gold_report():
    gold = load_gold(GOLD)
    return score(predict_for_gold(gold, ROOT / "seeds"), gold)


def blind_report():
    gold = load_gold(BLIND)
    return score(predict_for_gold(gold, HELDOUT_DIR), gold)


def heldout_report():
    gold = load_gold(HELDOUT)
    papers = sorted({(g["seed"], g["n"]) for g in gold} | set(HELDOUT_EMPTY))
    pred = []
    for seed, n in papers:
        rec = read_listing(ROOT / "seeds" / seed)[n]
        for r in extract(rec.title, rec.abstract):
            pred.append(dict(r.as_dict(), seed=seed, n=n, title=rec.title))
    return score(pred, gold)


@pytest.mark.slow
def test_gold_quality():
    rep = gold_report()
    print(format_report(rep, limit=10))
    assert rep.strict.f1 >= 0.90, f"strict F1 {rep.strict.f1:.3f}"
    for slot, acc in rep.slots.items():
        assert acc >= 0.85, f"{slot} accuracy {acc:.3f}"


@pytest.mark.slow
def test_heldout_self_check():
    rep = heldout_report()
    print(format_report(rep, limit=10))
    assert rep.loose.f1 >= 0.75 and rep.strict.f1 >= 0.6


@pytest.mark.slow
def test_blind_set_no_regression():
    """Floors a little under the figures measured when the blind set was last scored (strict F1 0.789):
    a regression guard, not the target (the README says where the target is not met)."""
    rep = blind_report()
    print(format_report(rep, limit=10))
    assert rep.loose.f1 >= 0.88, f"loose F1 {rep.loose.f1:.3f}"
    assert rep.strict.f1 >= 0.76, f"strict F1 {rep.strict.f1:.3f}"
    for slot, floor in {"dataset": 0.80, "model": 0.72, "hardware": 0.85, "baseline": 0.82}.items():
        assert rep.slots[slot] >= floor, f"{slot} accuracy {rep.slots[slot]:.3f}"


if __name__ == "__main__":
    print(format_report(gold_report(), limit=40))
    print()
    print("HELD-OUT")
    print(format_report(heldout_report(), limit=60))
