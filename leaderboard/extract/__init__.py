"""Extraction: text in, result rows out (pure functions, no I/O beyond reading vocabularies)."""

from __future__ import annotations

import re

from .types import Result

EXTRACTOR_VERSION = "0.0.1"

_SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_NUM = re.compile(r"(\d+(?:\.\d+)?)\s?(%|x|ms)\b")
_UNIT_METRIC = {"%": "accuracy", "x": "speedup", "ms": "latency"}
_HIGHER_IS_BETTER = {"accuracy": True, "speedup": True, "latency": False}


def metric_higher_is_better(metric: str) -> bool | None:
    return _HIGHER_IS_BETTER.get(metric)


def extract(title: str, abstract: str) -> list[Result]:
    rows = []
    start = 0
    for sentence in _SENT.split(abstract):
        offset = abstract.index(sentence, start)
        start = offset + len(sentence)
        for m in _NUM.finditer(sentence):
            unit = m.group(2)
            rows.append(Result(surface=m.group(0), start=offset + m.start(), end=offset + m.end(),
                               value=float(m.group(1)), unit=unit, metric=_UNIT_METRIC[unit],
                               kind="ratio" if unit == "x" else "absolute", sentence=sentence,
                               direction="better" if unit == "x" else None))
    return rows


def load_vocabularies() -> dict:
    units = ["%", "x", "ms", "fps", "FLOPs", "MACs", "params", "MB", "W", "mJ", "GPU-hours", "dB", ""]
    metrics = ["accuracy", "top-1 accuracy", "top-5 accuracy", "error rate", "latency", "speedup", "score"]
    return {"units": units, "metrics": metrics}
