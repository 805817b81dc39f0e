"""The row an extractor produces for one reported result (field names follow GUIDE.md)."""

from __future__ import annotations

from dataclasses import asdict, dataclass

KINDS = ("absolute", "delta", "ratio", "reduction")
DIRECTIONS = ("better", "worse")
QUALIFIERS = ("up to", "over", "about", "under", "less than", "range-low", "range-high")


@dataclass(frozen=True)
class Result:
    surface: str  # the characters of the number with its unit as written
    start: int  # offset of surface in the abstract
    end: int  # offset just past surface in the abstract
    value: float  # in the canonical unit
    unit: str  # canonical unit: %, x, ms, fps, FLOPs, MACs, params, MB, W, mJ, GPU-hours, dB, '' ...
    metric: str  # canonical metric (GUIDE.md vocabulary)
    kind: str  # absolute | delta | ratio | reduction
    sentence: str  # the full sentence holding the number
    metric_text: str | None = None
    direction: str | None = None  # better | worse for delta/ratio/reduction
    dataset: str | None = None
    model: str | None = None
    hardware: str | None = None
    hardware_category: str | None = None  # phone, jetson, fpga, gpu, cpu, tpu, mcu, sbc, asic, ...
    baseline: str | None = None
    qualifier: str | None = None
    confidence: float = 0.5

    def as_dict(self) -> dict:
        return asdict(self)
