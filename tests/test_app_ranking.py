"""The app's table logic: direction-aware ranking, claims, pairing, Pareto front, formatting."""

from __future__ import annotations

import pandas as pd
import pytest

from app import ranking
from app.safe import highlighted_html


def frame(**cols) -> pd.DataFrame:
    n = len(next(iter(cols.values())))
    base = {"kind": ["absolute"] * n, "unit": ["%"] * n, "paper_title": [f"p{i}" for i in range(n)],
            "qualifier": [None] * n, "result_id": [str(i) for i in range(n)]}
    return pd.DataFrame({**base, **cols})


@pytest.mark.parametrize("metric,higher", [
    ("top-1 accuracy", True), ("mAP", True), ("throughput", True), ("latency", False), ("error rate", False),
    ("perplexity", False), ("FLOPs", False), ("WER", False), ("energy", False),
])
def test_metric_direction(metric, higher):
    assert ranking.higher_is_better(metric) is higher


def test_rank_ties_share_a_rank_and_claims_are_left_out():
    rows = frame(value=[70.0, 80.0, 80.0, 1.0], kind=["absolute", "absolute", "absolute", "delta"])
    ranked = ranking.rank(rows, higher=True)
    assert list(ranked["value"]) == [80.0, 80.0, 70.0] and list(ranked["rank"]) == [1, 1, 3]
    assert list(ranking.rank(rows, higher=False)["value"]) == [70.0, 80.0, 80.0]


def test_one_row_per_model_keeps_each_models_best():
    rows = frame(value=[70.0, 80.0, 75.0, 60.0, 65.0], model=["A", "B", "a", None, None])
    best = ranking.best_per_model(ranking.rank(rows, higher=True), higher=True)
    assert list(zip(best["model"].fillna("-"), best["value"], best["rank"])) == [
        ("B", 80.0, 1), ("a", 75.0, 2), ("-", 65.0, 3), ("-", 60.0, 4)]


def test_claims_read_as_statements_against_a_baseline():
    rows = frame(value=[0.5, 1.8, 52.0, 1.0], kind=["delta", "ratio", "reduction", "delta"],
                 unit=["%", "x", "%", "%"], metric=["top-1 accuracy", "speedup", "FLOPs", "top-1 accuracy"],
                 direction=["better", "better", "better", "worse"],
                 baseline=["MobileNetV2", "MobileNetV2", "ResNet-50", None])
    assert list(ranking.claims(rows)["claim"]) == [
        "+0.5% top-1 accuracy vs MobileNetV2", "1.8× speedup vs MobileNetV2", "52% less FLOPs vs ResNet-50",
        "−1% top-1 accuracy vs an unnamed baseline"]


@pytest.mark.parametrize("value,unit,qualifier,shown", [
    (75.2, "%", None, "75.2%"), (78.0, "ms", None, "78 ms"), (295e6, "FLOPs", None, "295M FLOPs"),
    (1.8, "x", "up to", "≤ 1.8×"), (70.0, "%", "over", "> 70%"), (3.4e6, "params", None, "3.4M params"),
])
def test_format_value(value, unit, qualifier, shown):
    assert ranking.format_value(value, unit, qualifier) == shown


def test_pareto_front_keeps_only_undominated_points():
    pts = pd.DataFrame({"lat": [23.1, 78, 120, 200, 90], "acc": [74.1, 75.2, 80.9, 70.0, 75.0]})
    front = ranking.pareto_front(pts, "lat", "acc", x_lower=True, y_higher=True)
    assert list(front["lat"]) == [23.1, 78, 120]


def test_pairing_takes_the_same_papers_same_model():
    cost = pd.DataFrame({"paper_id": [1, 1, 1, 2], "model": ["A", "B", "GhostNetV2", None],
                         "dataset": ["ImageNet", None, None, None], "value": [10.0, 20.0, 30.0, 5.0], "unit": ["ms"] * 4})
    quality = pd.DataFrame({"paper_id": [1, 1, 1, 2], "model": ["A", "D", "GhostNetV2 1.3x", "C"],
                            "dataset": ["ImageNet"] * 4, "value": [75.0, 76.0, 75.3, 60.0], "unit": ["%"] * 4,
                            "qualifier": [None] * 4, "metric": ["top-1 accuracy"] * 4})
    paired = ranking.pair_with_quality(cost, quality)
    # B has no level of its own; paper 2 reports one level only, so it goes with the unnamed cost
    assert list(paired["quality"]) == ["75%", "", "75.3%", "60%"]


@pytest.mark.parametrize("hardware,category", [
    ("Pixel phone", "phone"), ("NVIDIA Jetson TX2 GPU", "jetson"), ("ZCU104 FPGA", "fpga"), ("A100 GPU", "gpu"),
    ("Intel Xeon CPU", "cpu"), ("Raspberry Pi 4", "sbc"), ("Edge TPU", "tpu"), (None, None), (float("nan"), None),
])
def test_hardware_category_of_a_corrected_device(hardware, category):
    assert ranking.hardware_category(hardware) == category


def test_highlighting_escapes_everything_else():
    html = highlighted_html("<b>99.9%</b> & more", [(3, 8)])
    assert html.startswith("&lt;b&gt;<mark") and ">99.9%</mark>&lt;/b&gt; &amp; more" in html


def test_a_speed_benchmark_without_a_device_is_its_own_split():
    rows = frame(value=[10.0, 20.0, 5.0], unit=["ms"] * 3, metric=["latency"] * 3, dataset=["ImageNet"] * 3,
                 model=["a", "b", "c"], hardware_category=pd.array(["phone", None, None], dtype="str"))
    bench = ranking.benchmarks(ranking.with_benchmark_keys(rows))
    assert sorted(zip(bench["hardware"], bench["results"], bench["best"])) == [
        ("phone", 1, "10 ms"), ("unspecified", 2, "5 ms")]


def test_missing_text_from_pandas_is_shown_as_missing():
    nan = float("nan")
    assert ranking.format_value(78.0, nan, nan) == "78"
    assert ranking.claim_text({"value": 2.0, "unit": "x", "kind": "ratio", "metric": "speedup", "direction": nan,
                               "qualifier": nan, "baseline": nan}) == "2× speedup vs an unnamed baseline"
    assert ranking.as_text(nan, "(no model)") == "(no model)"
