"""Extraction: title + abstract in, result rows out (pure, deterministic).

Public API used by ingest and the app: ``EXTRACTOR_VERSION``, ``extract``, ``metric_higher_is_better``,
``hardware_category``, ``load_vocabularies`` and ``Result``.
"""

from __future__ import annotations

from .core import extract
from .metrics import metric_higher_is_better
from .slots import hardware_category
from .types import Result
from .vocab import Vocabularies, load_vocabularies

# Bump on every behaviour change: ingest re-extracts papers when it changes.
EXTRACTOR_VERSION = "1.22.0"

__all__ = ["EXTRACTOR_VERSION", "Result", "Vocabularies", "extract", "hardware_category", "load_vocabularies",
           "metric_higher_is_better"]
