"""What a benchmark is: dataset x metric, split by device category for speed metrics, and its direction.

Shared by the store (benchmark_stats, paged leaderboards) and the app, so both group rows alike.
"""

from __future__ import annotations

import re

from .extract import metric_higher_is_better

# Speed metrics depend on the device: their benchmarks are split by hardware category.
DEVICE_METRICS = ("latency", "throughput", "energy", "power")
NO_CATEGORY = "unspecified"

# Used when the extractor does not know a metric's direction (GUIDE.md vocabulary).
_HIGHER = {
    "accuracy", "top-1 accuracy", "top-5 accuracy", "map", "ap", "miou", "f1", "bleu", "rouge", "mos",
    "psnr", "ssim", "auc", "dice", "success rate", "throughput", "speedup", "compression ratio", "score",
}
_LOWER = {
    "error rate", "top-1 error", "perplexity", "wer", "mae", "rmse", "latency", "flops", "macs",
    "parameters", "model size", "memory", "energy", "power", "search cost", "training cost", "cost",
}

# Device words -> hardware category, for rows a person corrected or added (the extractor sets
# the category itself). First match wins.
_CATEGORIES = (
    ("jetson", r"jetson|xavier|orin|\btx2\b|\bnano\b"),
    ("fpga", r"fpga|zcu\d*|zynq|ultrascale|virtex|kintex|alveo|arria|stratix"),
    ("phone", r"phone|pixel|iphone|galaxy|samsung|snapdragon|mobile|android|kirin|exynos|dimensity|\bs\d{1,2}\b"),
    ("tpu", r"\btpu"),
    ("mcu", r"\bmcu|microcontroller|cortex-m|stm32|arduino"),
    ("sbc", r"raspberry|\bpi\s?\d|odroid"),
    ("gpu", r"gpu|nvidia|cuda|\b[avh]100\b|v100|titan|rtx|gtx|\bt4\b|\bp100\b|radeon|geforce"),
    ("cpu", r"cpu|xeon|intel|core i\d|\bi\d-\d|ryzen|epyc|arm\b|cortex-a"),
    ("asic", r"asic|accelerator|npu|\bdsp\b"),
)


def metric_direction_known(metric: str | None) -> bool:
    """True when the direction of `metric` does not depend on what a benchmark row stored."""
    return not metric or higher_is_better(metric, True) == higher_is_better(metric, False)


def higher_is_better(metric: str | None, stored: bool | None = None) -> bool:
    """Direction of a metric: the extractor's answer, then the vocabulary above, then the benchmark."""
    if not metric:
        return True
    known = metric_higher_is_better(metric)
    if known is not None:
        return bool(known)
    m = metric.strip().lower()
    if m in _HIGHER:
        return True
    if m in _LOWER:
        return False
    return True if stored is None else bool(stored)


def hardware_category(hardware: str | None) -> str | None:
    """A device category guessed from a device name (None for no device)."""
    if not isinstance(hardware, str) or not hardware.strip():  # None, or NaN from pandas
        return None
    low = hardware.lower()
    for name, pattern in _CATEGORIES:
        if re.search(pattern, low):
            return name
    return "other"


def effective_category(hardware, extracted_hardware, extracted_category) -> str | None:
    """The extractor's category while the device is the one it found, else guessed from the name."""
    if isinstance(extracted_category, str) and extracted_category and extracted_hardware == hardware:
        return extracted_category
    return hardware_category(hardware)


def benchmark_category(metric: str, category: str | None) -> str:
    """The hardware split of a benchmark: '' for metrics that do not depend on the device."""
    if metric not in DEVICE_METRICS:
        return ""
    return category if isinstance(category, str) and category else NO_CATEGORY
