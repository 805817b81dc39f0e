"""Vocabularies (metrics, datasets, hardware, units) read from CSV data files.

The bundled files live in ``vocab/``; extra files with the same stem prefix
(``metrics*.csv``, ``datasets*.csv``, ``hardware*.csv``, ``units*.csv``) in the
folder named by ``LEADERBOARD_VOCAB_DIR`` extend them (a row with an existing
name replaces that entry).
"""

from __future__ import annotations

import csv
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

BUNDLED_DIR = Path(__file__).with_name("vocab")
ENV_VAR = "LEADERBOARD_VOCAB_DIR"
KINDS = ("metrics", "datasets", "hardware", "units")


@dataclass(frozen=True)
class Metric:
    name: str
    higher_is_better: bool | None
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Entity:
    """A dataset or a hardware device with its aliases."""

    name: str
    aliases: tuple[str, ...]
    category: str | None = None


@dataclass(frozen=True)
class UnitSurface:
    surface: str
    unit: str  # canonical unit
    factor: float  # multiply the written value by this to get the canonical value
    case_sensitive: bool


@dataclass(frozen=True)
class Vocabularies:
    metrics: dict[str, Metric] = field(default_factory=dict)
    datasets: dict[str, Entity] = field(default_factory=dict)
    hardware: dict[str, Entity] = field(default_factory=dict)
    units: dict[str, UnitSurface] = field(default_factory=dict)

    @property
    def canonical_units(self) -> list[str]:
        return sorted({u.unit for u in self.units.values()} | {""})


def _files(kind: str, extra_dir: str | None) -> list[Path]:
    files = [BUNDLED_DIR / f"{kind}.csv"]
    if extra_dir:
        files += sorted(p for p in Path(extra_dir).glob(f"{kind}*.csv") if p.is_file())
    return files


def _split(cell: str | None) -> tuple[str, ...]:
    return tuple(a.strip() for a in (cell or "").split("|") if a.strip())


def _bool(cell: str | None) -> bool | None:
    cell = (cell or "").strip().lower()
    return {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False}.get(cell)


def _rows(path: Path):
    with open(path, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row and any((v or "").strip() for v in row.values()):
                yield {k.strip(): (v or "").strip() for k, v in row.items() if k}


@lru_cache(maxsize=8)
def _load(extra_dir: str | None) -> Vocabularies:
    v = Vocabularies()
    for path in _files("metrics", extra_dir):
        for r in _rows(path):
            name = r["metric"]
            v.metrics[name] = Metric(name, _bool(r.get("higher_is_better")), _split(r.get("aliases")) or (name,))
    for kind, target in (("datasets", v.datasets), ("hardware", v.hardware)):
        for path in _files(kind, extra_dir):
            for r in _rows(path):
                name = r["name"]
                target[name] = Entity(name, _split(r.get("aliases")) or (name,), r.get("category") or None)
    for path in _files("units", extra_dir):
        for r in _rows(path):
            s = r["surface"]
            v.units[s] = UnitSurface(s, r["unit"], float(r.get("factor") or 1), _bool(r.get("case_sensitive")) is not False)
    return v


def load_vocabularies() -> Vocabularies:
    """All vocabularies: bundled files plus those in $LEADERBOARD_VOCAB_DIR."""
    return _load(os.environ.get(ENV_VAR) or None)


def alias_pattern(aliases, case_sensitive_upper: bool = True) -> re.Pattern | None:
    """One regex matching any alias as a whole word (longest first).

    Aliases written in capitals (``AP``, ``MOS``) only match in capitals.
    """
    parts = []
    for a in sorted(set(aliases), key=lambda s: (-len(s), s)):
        body = re.escape(a).replace(r"\ ", r"[\s-]")
        if case_sensitive_upper and a.upper() == a and any(c.isalpha() for c in a):
            parts.append(body)
        else:
            parts.append("(?i:" + body + ")")
    if not parts:
        return None
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w])")
