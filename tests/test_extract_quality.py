"""Extraction quality against the hand-annotated gold of seeds 000-002, a held-out self-check and the invented sets.

The gold thresholds are the project's targets: strict F1 >= 0.90 and every slot >= 0.85 (lenient slot
comparison, see leaderboard.evaluate.slot_match). The held-out file (abstracts of seeds 003/004 annotated by
hand before any tuning on them) only guards against regressions; its scores are printed. The invented sets of
tests/data/heldout/ have floors a little under their measured figures: h1-h5 were tuned on, h6 is blind.
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
# Invented abstracts annotated blind by other people (tests/data/heldout/README.md). h1-h5 have since been used to find
# error classes; h6 has not been read by anyone tuning the extractor: it measures generalization.
HELDOUT_DIR = ROOT / "tests" / "data" / "heldout"
TUNED = [HELDOUT_DIR / f"gold_h{i}.jsonl" for i in range(1, 6)]
BLIND = [HELDOUT_DIR / "gold_h6.jsonl"]


def gold_report():
    gold = load_gold(GOLD)
    return score(predict_for_gold(gold, ROOT / "seeds"), gold)


def invented_report(paths):
    gold = load_gold(paths)
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


def _floors(rep, loose: float, strict: float, slots: dict[str, float], rows: bool = True) -> None:
    text = format_report(rep, limit=10)
    print(text if rows else text.split("\n\nmisses")[0])  # the blind set's rows are never printed
    assert rep.loose.f1 >= loose, f"loose F1 {rep.loose.f1:.3f}"
    assert rep.strict.f1 >= strict, f"strict F1 {rep.strict.f1:.3f}"
    for slot, floor in slots.items():
        assert rep.slots[slot] >= floor, f"{slot} accuracy {rep.slots[slot]:.3f}"


@pytest.mark.slow
def test_tuned_invented_sets_no_regression():
    """h1-h5 (tuned on): floors a little under extractor 1.22.0's figures (strict F1 0.952)."""
    _floors(invented_report(TUNED), 0.96, 0.93, {"dataset": 0.90, "model": 0.92, "hardware": 0.91, "baseline": 0.88})


@pytest.mark.slow
def test_blind_set_no_regression():
    """h6 (blind): floors a little under extractor 1.22.0's figures (strict F1 0.723). A regression guard, not the
    target: the README says where the target is not met. Do not tune against these rows."""
    _floors(invented_report(BLIND), 0.85, 0.70, {"dataset": 0.78, "model": 0.86, "hardware": 0.82, "baseline": 0.90}, rows=False)


if __name__ == "__main__":
    print(format_report(gold_report(), limit=40))
    print()
    print("HELD-OUT")
    print(format_report(heldout_report(), limit=60))
