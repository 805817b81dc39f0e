"""The scorer counts right on small hand-made cases."""

from __future__ import annotations

import json

import pytest

from leaderboard.evaluate import format_report, load_gold, score, slot_match


def row(n=0, value=75.2, unit="%", metric="top-1 accuracy", kind="absolute", title="Paper A", seed="000_x.txt", **kw):
    d = dict(seed=seed, n=n, title=title, value=value, unit=unit, metric=metric, kind=kind,
             dataset=None, model=None, hardware=None, baseline=None, surface=str(value), sentence="s")
    d.update(kw)
    return d


def test_perfect_match():
    gold = [row(), row(value=78, unit="ms", metric="latency")]
    rep = score([dict(r) for r in gold], gold)
    assert (rep.strict.tp, rep.strict.precision, rep.strict.recall, rep.strict.f1) == (2, 1.0, 1.0, 1.0)
    assert rep.slots == {"dataset": 1.0, "model": 1.0, "hardware": 1.0, "baseline": 1.0}
    assert not rep.misses and not rep.extras


def test_loose_vs_strict_and_counts():
    gold = [row(value=75.2), row(value=1.8, unit="x", metric="speedup", kind="ratio"), row(value=0.5, kind="delta")]
    pred = [row(value=75.5),  # 0.4% off: still a loose match (tolerance 0.5% relative)
            row(value=1.8, unit="x", metric="FLOPs", kind="ratio"),  # loose only: wrong metric
            row(value=3.0)]  # extra
    rep = score(pred, gold)
    assert rep.loose.tp == 2 and rep.strict.tp == 1
    assert rep.loose.precision == pytest.approx(2 / 3) and rep.loose.recall == pytest.approx(2 / 3)
    assert rep.strict.f1 == pytest.approx(1 / 3)
    assert [m["value"] for m in rep.misses] == [0.5]
    assert [e["value"] for e in rep.extras] == [3.0]
    assert len(rep.wrong_label) == 1


def test_value_tolerance_and_unit():
    gold = [row(value=100.0)]
    assert score([row(value=100.6)], gold).loose.tp == 0  # 0.6% off
    assert score([row(value=100.0, unit="x")], gold).loose.tp == 0  # other unit
    assert score([row(value=100.4)], gold).loose.tp == 1


def test_one_to_one_matching_prefers_strict_agreement():
    gold = [row(value=2.0, metric="accuracy", kind="delta"), row(value=2.0, metric="speedup", unit="%", kind="ratio")]
    pred = [row(value=2.0, metric="speedup", unit="%", kind="ratio"), row(value=2.0, metric="accuracy", kind="delta")]
    rep = score(pred, gold)
    assert rep.strict.tp == 2
    # one prediction cannot match two gold rows
    rep = score([row(value=2.0, metric="accuracy", kind="delta")], gold)
    assert rep.loose.tp == 1 and rep.loose.recall == 0.5


def test_papers_are_keyed_by_title_and_deduplicated_across_seeds():
    g1 = row(title="Same Paper!", seed="000_a.txt", n=3)
    g2 = row(title="same paper", seed="001_b.txt", n=7)  # the same paper annotated again in another seed
    p1 = row(title="Same Paper", seed="000_a.txt", n=3)
    p2 = row(title="Same paper", seed="001_b.txt", n=7)
    rep = score([p1, p2], [g1, g2])
    assert rep.strict.n_gold == 1 and rep.strict.n_pred == 1 and rep.strict.tp == 1
    # a prediction on another paper never matches
    assert score([row(title="Other")], [row()]).loose.tp == 0


def test_slot_accuracy():
    gold = [row(dataset="ImageNet", model="MnasNet", hardware="Pixel phone", baseline=None),
            row(value=1.8, unit="x", metric="speedup", kind="ratio", dataset="CIFAR-10", model="FLIQS (ResNet-18)", baseline="MobileNetV2")]
    pred = [row(dataset="ILSVRC2012", model="mnasnet", hardware=None, baseline=None),
            row(value=1.8, unit="x", metric="speedup", kind="ratio", dataset="CIFAR-100", model="FLIQS", baseline="MobileNet V2")]
    rep = score(pred, gold)
    assert rep.slots["dataset"] == 0.5  # ILSVRC2012 is an alias of ImageNet; CIFAR-100 is not CIFAR-10
    assert rep.slots["model"] == 1.0 and rep.slots_exact["model"] == 0.5  # lenient: same name without details
    assert rep.slots["hardware"] == 0.5  # missing hardware is an error
    assert rep.slots["baseline"] == 1.0  # null == null, and punctuation/space folded
    assert len(rep.slot_errors) == 2


def test_slot_match_rules():
    assert slot_match("model", None, None)
    assert not slot_match("model", "X", None)
    assert slot_match("dataset", "CIFAR-10, ImageNet", "ImageNet-1k and CIFAR10")
    assert slot_match("model", "ResNet50 (ours)", "(ours)")
    assert not slot_match("model", "ResNet50 (ours)", "(ours)", exact=True)
    assert not slot_match("model", "MobileNetV2", "MobileNetV3")


def test_load_gold_and_format(tmp_path):
    p = tmp_path / "g.jsonl"
    p.write_text(json.dumps(row()) + "\n\n" + json.dumps(row(value=3.0)) + "\n")
    gold = load_gold([p])
    assert len(gold) == 2
    text = format_report(score([row(value=9.0)], gold))
    assert "strict" in text and "misses (gold not found) (2)" in text and "extras" in text
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n")
    with pytest.raises(ValueError, match="line 1"):
        load_gold(bad)


def test_predictions_without_seed_are_not_double_counted():
    gold = [row(title="P")]
    p = row(title="P", seed=None)
    rep = score([p, dict(p)], gold)  # the same paper stored twice
    assert rep.strict.n_pred == 1 and rep.strict.precision == 1.0
