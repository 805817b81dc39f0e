"""quantulum3 as the fallback for units the number grammar does not know (``0.12 kcal/mol``).

Called rarely: only for a number followed by an unknown unit-like token, one sentence at a time.
quantulum3's optional scikit-learn classifier is switched off (it breaks with current scikit-learn
and makes results depend on the installed version); its regex is built from a set, so we only use
the span and unit surface it finds, which do not depend on PYTHONHASHSEED for the inputs we pass.
"""

from __future__ import annotations

import warnings
from functools import lru_cache


@lru_cache(maxsize=256)
def _parse(sentence: str):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from quantulum3 import classifier, parser
    except Exception:  # quantulum3 missing: no fallback
        return ()
    classifier.USE_CLF = False
    try:
        found = parser.parse(sentence)
    except Exception:
        return ()
    out = []
    for q in found:
        name = getattr(q.unit, "name", "")
        if not name or name == "dimensionless":
            continue
        out.append((q.span[0], q.span[1], float(q.value), name))
    return tuple(out)


def unit_at(sentence: str, num_start: int, num_end: int) -> tuple[int, str] | None:
    """(end, unit as written) of a quantulum3 quantity starting at the number, or None."""
    for a, b, _value, _name in _parse(sentence):
        if a <= num_start < b and b > num_end:
            written = sentence[num_end:b].strip()
            if written and not written[0].isdigit():
                return b, written
    return None
