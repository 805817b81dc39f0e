"""Unit surfaces after a number: canonical unit and conversion factor (from vocab/units*.csv)."""

from __future__ import annotations

import re
from functools import lru_cache

from .vocab import UnitSurface, load_vocabularies

# Magnitude letters/words written between a number and its unit: 295M FLOPs, 1K parameters.
MAGNITUDES = {
    "K": 1e3, "k": 1e3, "M": 1e6, "B": 1e9, "G": 1e9, "T": 1e12,
    "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
}


@lru_cache(maxsize=8)
def _compiled(key: int):
    units = load_vocabularies().units
    parts = []
    for s in sorted(units, key=lambda s: (-len(s), s)):
        body = re.escape(s).replace(r"\ ", r"[\s-]?")
        if not units[s].case_sensitive:
            body = "(?i:" + body + ")"
        parts.append(body)
    # a unit must not run into a letter or digit ("5 stages" is not 5 s; "600x400" is not 600 x)
    lookup = {k.lower(): v for k, v in units.items()}
    return re.compile(r"(?:" + "|".join(parts) + r")(?![A-Za-z0-9µμ])"), units, lookup


def _table():
    vocab = load_vocabularies()
    return _compiled(id(vocab))


# "1.1 million molecules per hour", "40 sentences/s": a rate of things the vocabulary does not name, kept as written
_RATE = re.compile(r"[ \u00a0]?(?P<n>[a-z]{3,}s)(?:\s+per\s+|/)(?P<t>seconds?|sec|s|hours?|h|minutes?|min|days?)(?![A-Za-z0-9])")
_RATE_TIME = {"second": "s", "seconds": "s", "sec": "s", "s": "s", "hour": "hour", "hours": "hour", "h": "hour",
              "minute": "min", "minutes": "min", "min": "min", "day": "day", "days": "day"}
RATE_SUFFIXES = ("/s", "/hour", "/min", "/day")


def match_unit(text: str, pos: int) -> tuple[int, UnitSurface] | None:
    """The unit written at ``text[pos:]`` (after an optional space): (end, unit surface)."""
    found = _match_vocab_unit(text, pos)
    if found is None and pos < len(text) and text[pos] in " \u00a0":
        m = _RATE.match(text, pos)
        if m:
            unit = m.group("n") + "/" + _RATE_TIME[m.group("t")]
            return m.end(), UnitSurface(m.group(0).strip(), unit, 1.0, True)
    return found


def _match_vocab_unit(text: str, pos: int) -> tuple[int, UnitSurface] | None:
    pattern, units, lookup = _table()
    for skip in (0, 1):
        if skip and text.startswith(("\\,", "\\;", "\\ ", "\\:"), pos):
            skip = 2  # LaTeX spaces: "5\,ms"
        elif skip and (pos >= len(text) or text[pos] not in " \u00a0\u202f~"):
            break
        m = pattern.match(text, pos + skip)
        if m:
            written = m.group(0)
            u = units.get(written) or units.get(re.sub(r"[\s-]+", " ", written)) or lookup.get(written.lower()) \
                or lookup.get(re.sub(r"[\s-]+", " ", written.lower())) or lookup.get(re.sub(r"[\s]+", "-", written.lower()))
            if u is None:
                # written with a hyphen/space variant of a surface (e.g. "GPU-days" vs "GPU days")
                norm = re.sub(r"[\s-]", "", written.lower())
                u = next((v for k, v in units.items() if re.sub(r"[\s-]", "", k.lower()) == norm), None)
            if u is not None:
                return m.end(), u
    return None


def canonical_units() -> list[str]:
    return load_vocabularies().canonical_units
